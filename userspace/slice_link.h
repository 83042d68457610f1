/* SPDX-License-Identifier: GPL-2.0 */
/* egrectl link commands for the shortbridge kind (fast slice interfaces). */
#ifndef EGRECTL_SLICE_LINK_H
#define EGRECTL_SLICE_LINK_H

#include <stdbool.h>
#include <stddef.h>

/* "link add NAME type shortbridge ...": @argv is what follows NAME. */
int slice_link_add(const char *name, int argc, char **argv);

/* Deletes slice link @name: 0, 1 if there is none, or an exit code. */
int slice_link_del(const char *name);

/*
 * Emits the slice links made from this namespace (or only @name), one
 * object each, into the current output array; *@shown counts them.
 * Returns 0 or an exit code.
 */
int slice_links_show(const char *name, int stats, size_t *shown);

/* True when "type shortbridge" is among @argv. */
bool slice_link_typed(int argc, char **argv);

#endif
