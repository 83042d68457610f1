/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Slice links as the trellis family reports them: what egrectl's link
 * commands print, and what shaping looks up to find a fast slice
 * interface; made, removed, and their devices read. Nothing here prints.
 */
#ifndef EGRECTL_SLICE_LINK_QUERY_H
#define EGRECTL_SLICE_LINK_QUERY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <net/if.h>

#include "dev_query.h"
#include "genl.h"

#define SLICE_NAME_MAX 256

/* One device of a slice link, as the family reports it. */
struct slice_end {
	uint32_t inode, ifindex;
	char ifname[IFNAMSIZ];
	char slice[SLICE_NAME_MAX];	/* its name, once looked up */
};

struct slice_link {
	char name[IFNAMSIZ];
	struct slice_end end[2];
	int ends;
	uint32_t link;
};

struct slice_link_list {
	struct slice_link *links;
	size_t n;
};

/* GET_SLICE_LINK for @name, or all of them (NULL), into @list: 0 or -errno. */
int slice_links_get(struct trellis_genl *g, const char *name, struct slice_link_list *list);

/* What a new slice link is made of: its device (and its peer's) by namespace fd. */
struct slice_link_new {
	const char *name;		/* the link's name here */
	const char *ifname;		/* its device's name in the slice */
	const char *peer_ifname;	/* a pair's second device, in the peer slice */
	int slice_fd, peer_fd;		/* peer_fd < 0: bound to egre link @link */
	unsigned int link;
	bool has_mtu, has_address;
	uint32_t mtu;
	uint8_t address[6];
};

/*
 * Makes slice link @n over rtnetlink from this namespace, its devices
 * straight into their slices: 0 or -errno, r->errmsg the kernel's words.
 */
int slice_link_create(struct nl_conn *r, const struct slice_link_new *n);

/* DEL_SLICE_LINK @name: 0, -ENOENT if there is none, or -errno. */
int slice_link_remove(struct trellis_genl *g, const char *name);

/*
 * The device of end @e as rtnetlink reports it inside its slice: 0, or
 * -errno (-ENOENT when the end's slice has no name here).
 */
int slice_end_read(const struct slice_end *e, struct dev_info *dev);

/* True when a slice link @name was made from this namespace. */
bool slice_link_exists(const char *name);

/*
 * The device of slice link @name made from here (the first end of a
 * pair): its slice's name ("" if it has none), its name and ifindex
 * there. Returns 0, 1 if there is no such link, or -errno.
 */
int slice_link_device(const char *name, char slice[SLICE_NAME_MAX], char ifname[IFNAMSIZ],
		      unsigned int *ifindex);

/*
 * The same for the fast slice interface bound to egre link @egre (its
 * ifindex here), if one is: 0, 1 if none, or -errno.
 */
int slice_link_on_egre(unsigned int egre, char slice[SLICE_NAME_MAX], char ifname[IFNAMSIZ],
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
			char slice[SLICE_NAME_MAX], char ifname[IFNAMSIZ], unsigned int *ifindex);

#endif
