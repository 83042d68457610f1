/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One node's part of a checked topology, as a list of objects to make:
 * each with a key that names it across applies ("vnode red.a"), a spec
 * that says how it is made (a changed spec means a change), the keys of
 * what it lives in, and what making it takes. Pure: nothing here touches
 * the system, so every node derives its part the same way.
 */
#ifndef EGRECTL_TOPO_PLAN_H
#define EGRECTL_TOPO_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "topo_index.h"
#include "topo_model.h"

/* In the order they are made; deleted in the reverse one. */
enum topo_obj_kind {
	TOBJ_VNODE,	/* a namespace: ns */
	TOBJ_LAN,	/* a LAN's namespace ns and bridge dev; spec "BRIDGE mtu N" */
	TOBJ_EGRE,	/* an egre link in the node: dev, words (link add ...) */
	TOBJ_PAIR,	/* a slice-to-slice pair: dev (its name), words; arg: a bridge
			 * its first end is a port of */
	TOBJ_SLIF,	/* a fast slice interface over an egre link: dev, words; arg:
			 * a bridge it is an isolated port of */
	TOBJ_IFACE,	/* an end's device in its vnode: ns, dev; spec "mtu N up|down";
			 * arg: its MAC address, derived from its name */
	TOBJ_ADDR,	/* an address: ns, dev, arg (ADDR/LEN) */
	TOBJ_ROUTE,	/* a route: ns, words (route add ...) */
	TOBJ_SYSCTL,	/* ns, arg (the key), spec (the value) */
	TOBJ_SHAPE,	/* dev (the trellis link), words (link set ... shape ...) */
	TOBJ_RUN,	/* ns, spec (the command line) */
	TOBJ_KINDS
};

struct topo_obj {
	enum topo_obj_kind kind;
	char *key;		/* unique in the plan */
	char *spec;		/* how it is made; compared across applies */
	char *parent[2];	/* keys of what it lives in, or NULL */
	char *ns;		/* the vnode namespace it is in, or NULL: the node */
	char *dev, *arg, *admin;
	char **words;		/* egrectl words that make it (NULL-terminated) */
	char *words_buf;	/* what words point into */
};

struct topo_plan {
	struct topo_obj *objs;
	size_t n;
	struct topo_index by_key;	/* objs' positions by key */
};

/*
 * The objects of node @node (an index into @t->nodes) of checked topology
 * @t, in the order they are made.
 */
void topo_plan_build(const struct topo *t, int node, struct topo_plan *p);
void topo_plan_free(struct topo_plan *p);

/* The object of @p with key @key, or NULL. */
const struct topo_obj *topo_plan_find(const struct topo_plan *p, const char *key);

/* The name of the namespace of virtual node @v of slice @s: "SLICE.VNODE". */
void topo_vnode_ns(const struct topo_slice *s, const struct topo_vnode *v, char *buf,
		   size_t len);

const char *topo_obj_kind_name(enum topo_obj_kind kind);

#endif
