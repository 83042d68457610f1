/* SPDX-License-Identifier: GPL-2.0 */
/*
 * egrectl link set NAME shape ...: rate, delay and loss per link and
 * direction, as tc qdiscs (see tc.h) on the device that carries the link.
 */
#ifndef EGRECTL_SHAPE_H
#define EGRECTL_SHAPE_H

#include <stdio.h>

/* "link set NAME shape ARGS": @argv is what follows "shape". Exit code. */
int shape_set(const char *name, int argc, char **argv);

/*
 * Emits a "shape" object (egress and/or ingress, read back from the
 * qdiscs) for device @dev, @ifindex of slice @slice (NULL: this
 * namespace); nothing when it is not shaped.
 */
void shape_print(const char *slice, const char *dev, unsigned int ifindex);

/* Before link @name is deleted: removes its ingress ifb, which would stay. */
void shape_forget(const char *name);

/* The shape part of "egrectl help link": its syntax, and what it means. */
void shape_usage(FILE *f);
void shape_help(FILE *f);

#endif
