/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Network devices over rtnetlink, as plain structs: any device of a
 * namespace read back (one, or all), changed, deleted, and its addresses.
 * egre links build on it (link_query.h). Nothing here prints.
 */
#ifndef EGRECTL_DEV_QUERY_H
#define EGRECTL_DEV_QUERY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <net/if.h>

#include "counters.h"
#include "nl.h"

struct dev_info {
	char name[IFNAMSIZ];
	char kind[32];			/* IFLA_INFO_KIND; "" if it has none */
	unsigned int ifindex;
	unsigned int mtu;
	unsigned int flags;		/* IFF_* */
	unsigned char operstate;	/* IF_OPER_* */
	bool has_address;		/* an Ethernet address */
	uint8_t address[6];
	bool has_stats;
	struct dev_counters stats;
};

struct dev_list {
	struct dev_info *devs;
	size_t n;
};

/*
 * Device @ifindex, or the one named @name when @ifindex is 0, of @r's
 * namespace: 0, -ENODEV when there is none, or -errno.
 */
int dev_query_get(struct nl_conn *r, unsigned int ifindex, const char *name,
		  struct dev_info *dev);

/* Every device of @r's namespace: 0 or -errno. Free @list->devs. */
int dev_query_dump(struct nl_conn *r, struct dev_list *list);

/* Deletes device @ifindex: 0 or -errno. */
int dev_query_del(struct nl_conn *r, unsigned int ifindex);

/*
 * Sets device @name's MTU (0: left as it is), Ethernet address (NULL:
 * left) and up or down, in one request (the kernel sets the MTU and the
 * address before the state): 0 or -errno.
 */
int dev_query_set(struct nl_conn *r, const char *name, uint32_t mtu, const uint8_t *mac,
		  bool up);

/*
 * Adds (or replaces) or deletes address @prefix, "ADDR/LEN" of either
 * family, on device @ifindex: 0 or -errno (-EINVAL: not such a prefix).
 */
int dev_query_addr(struct nl_conn *r, unsigned int ifindex, const char *prefix, bool add);

/* Whether device @ifindex has address @prefix ("ADDR/LEN"): 1, 0 or -errno. */
int dev_query_has_addr(struct nl_conn *r, unsigned int ifindex, const char *prefix);

/*
 * For link_query.c: RTM_GETLINK for @ifindex, @name or (both unset) every
 * device, each reply's device handed to @cb with its kind's IFLA_INFO_DATA
 * (NULL if none). @cb returns 0, or -ENOMEM to fail the whole read once it
 * has been read to its end. Returns 0 or -errno.
 */
struct nlattr;
int dev_query_walk(struct nl_conn *r, unsigned int ifindex, const char *name,
		   int (*cb)(const struct dev_info *dev, struct nlattr *data, void *arg),
		   void *arg);

#endif
