/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shortbridge bindings as the trellis family has them: made, removed and
 * read into plain structs, for egrectl shortbridge to parse for and print.
 */
#ifndef EGRECTL_BINDING_QUERY_H
#define EGRECTL_BINDING_QUERY_H

#include <net/if.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/trellis.h>

#include "genl.h"

struct binding {
	char name[IFNAMSIZ];
	uint32_t port[2];
	uint64_t stats[TRELLIS_BINDING_MAX + 1];
};

struct binding_list {
	struct binding *b;
	size_t n;
};

/* BIND @name of ports @port (ifindexes); 0 or -errno (g->c.errmsg says why). */
int binding_add(struct trellis_genl *g, const char *name, const unsigned int port[2]);

/* UNBIND @name; 0 or -errno. */
int binding_del(struct trellis_genl *g, const char *name);

/* GET_BINDING for @name, or all of them (NULL), into @list (the caller frees list->b). */
int bindings_get(struct trellis_genl *g, const char *name, struct binding_list *list);

#endif
