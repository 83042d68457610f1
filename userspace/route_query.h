/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A namespace's routes over rtnetlink, as plain structs: the FIB read back
 * (IPv4 and IPv6) and one route added, replaced or deleted. route.c parses
 * the command line and prints; nothing here prints.
 */
#ifndef EGRECTL_ROUTE_QUERY_H
#define EGRECTL_ROUTE_QUERY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "nl.h"
#include "route_args.h"

struct route_nexthop {
	bool has_gw;
	unsigned char gw[16];
	unsigned int ifindex;		/* 0: none given */
	unsigned int hops;		/* rtnh_hops: ip prints weight hops + 1 */
};

/* A FIB entry read back; addresses are of @family's length. */
struct route_entry {
	int family;			/* AF_INET or AF_INET6 */
	unsigned char dst[16];
	unsigned int dst_len;
	uint32_t table;
	uint8_t type, scope, protocol;	/* RTN_*, RT_SCOPE_*, RTPROT_* */
	uint32_t metric;		/* RTA_PRIORITY, 0 if absent */
	bool has_prefsrc;
	unsigned char prefsrc[16];
	int pref;			/* RTA_PREF (IPv6 router preference), or -1 */
	struct route_nexthop *nexthops;	/* one, several (multipath) or none */
	size_t n_nexthops;
};

struct route_list {
	struct route_entry *routes;
	size_t n;
};

/*
 * Every IPv4 and IPv6 FIB entry of @r's namespace, every table (no IPv6
 * cache entries) into @list: 0 or -errno. Free with route_list_free.
 */
int route_query_dump(struct nl_conn *r, struct route_list *list);
void route_list_free(struct route_list *list);

enum route_change { ROUTE_ADD, ROUTE_REPLACE, ROUTE_DEL };

/*
 * Adds (failing if it exists), replaces or deletes the route @q names, as
 * ip does with "proto static": 0 or -errno, r->errmsg the kernel's words.
 * A delete matches any protocol, type and scope.
 */
int route_query_change(struct nl_conn *r, enum route_change how, const struct route_req *q);

#endif
