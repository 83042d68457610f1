/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The trellis family's module-wide and per-link reads as plain structs:
 * GET_INFO (the module and this namespace) and GET_LINK's drop counters.
 * Bindings and slice links have their own (binding_query.h,
 * slice_link_query.h). Nothing here prints.
 */
#ifndef EGRECTL_FAMILY_QUERY_H
#define EGRECTL_FAMILY_QUERY_H

#include <stdint.h>

#include "drops.h"
#include "genl.h"

struct trellis_info {
	char version[64];
	uint32_t genl_version;
	uint64_t features;
	uint64_t netns_cookie;
	uint32_t links;
	struct trellis_drops drops;	/* packets that reached no link */
};

/* GET_INFO in the current namespace; returns 0 or -errno. */
int trellis_info_get(struct trellis_genl *g, struct trellis_info *info);

/* GET_LINK for @ifindex; returns 0 or -errno (g->c.errmsg says why). */
int drops_get_link(struct trellis_genl *g, unsigned int ifindex, struct trellis_drops *d);

#endif
