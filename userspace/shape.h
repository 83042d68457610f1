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
 * What showing many links' shaping reads once rather than once a link:
 * this namespace's qdiscs and its fast slice interfaces. Take it after the
 * links are listed, free it after they are printed. NULL when either
 * could not be read.
 */
struct shape_view;
struct shape_view *shape_view_new(void);
void shape_view_free(struct shape_view *v);

/*
 * Emits a "shape" object (egress and/or ingress, read back from the
 * qdiscs) for device @dev, @ifindex of slice @slice (NULL: this
 * namespace; an egre link's fast slice interface if it has one, found
 * in @v); nothing when it is not shaped. For a slice's device @v may be
 * NULL (everything is read afresh).
 */
void shape_print(struct shape_view *v, const char *slice, const char *dev, unsigned int ifindex);

/* Before link @name is deleted: removes its ingress ifb, which would stay. */
void shape_forget(const char *name);

/* The shape part of "egrectl help link": its syntax, and what it means. */
void shape_usage(FILE *f);
void shape_help(FILE *f);

#endif
