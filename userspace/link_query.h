/* SPDX-License-Identifier: GPL-2.0 */
/*
 * egre links over rtnetlink, as plain structs: read back (one, or all of a
 * namespace's), made and changed (dev_query.h deletes them). link.c parses the command line
 * and prints; nothing here prints.
 */
#ifndef EGRECTL_LINK_QUERY_H
#define EGRECTL_LINK_QUERY_H

#include <stdbool.h>
#include <stddef.h>
#include <net/if.h>

#include "dev_query.h"
#include "drops.h"
#include "link_egre.h"

/* An egre link as read back from the kernel. */
struct link_info {
	struct dev_info dev;
	struct egre_params egre;
	struct trellis_drops drops;	/* not read here: the family's (family_query.h) */
};

struct link_list {
	struct link_info *links;
	size_t n;
};

/*
 * The egre links of @r's namespace, or only @name (-ENODEV when no device
 * has that name; none in @list when it is not an egre link): 0 or -errno.
 * Free @list->links.
 */
int link_query_get(struct nl_conn *r, const char *name, struct link_list *list);

/*
 * Makes egre link @name (@create) or changes link @ifindex as @opts says:
 * 0 or -errno, r->errmsg the kernel's words.
 */
int link_query_put(struct nl_conn *r, const char *name, unsigned int ifindex,
		   const struct link_opts *opts, bool create);

#endif
