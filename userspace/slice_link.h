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

/* True when a slice link @name was made from this namespace. */
bool slice_link_exists(const char *name);

#define SLICE_NAME_MAX 256

/*
 * The device of slice link @name made from here (the first end of a
 * pair): its slice's name ("" if it has none), its name and ifindex
 * there. Returns 0, 1 if there is no such link, or -errno.
 */
int slice_link_device(const char *name, char slice[SLICE_NAME_MAX], char ifname[16],
		      unsigned int *ifindex);

/*
 * The same for the fast slice interface bound to egre link @egre (its
 * ifindex here), if one is: 0, 1 if none, or -errno.
 */
int slice_link_on_egre(unsigned int egre, char slice[SLICE_NAME_MAX], char ifname[16],
		       unsigned int *ifindex);

/*
 * Every slice link made from here, fetched once, to look many up
 * (NULL if they could not be fetched; none, or no module, is an empty set).
 */
struct slice_links;
struct slice_links *slice_links_fetch_all(void);
void slice_links_free(struct slice_links *all);

/* slice_link_on_egre within @all: 0 and the device, or 1 if none. */
int slice_links_on_egre(const struct slice_links *all, unsigned int egre,
			char slice[SLICE_NAME_MAX], char ifname[16], unsigned int *ifindex);

/* True when "type shortbridge" is among @argv. */
bool slice_link_typed(int argc, char **argv);

#endif
