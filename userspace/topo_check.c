// SPDX-License-Identifier: GPL-2.0
/*
 * A topology's meaning, checked, and what every node derives from the file
 * alike. Each physical node runs this on the same file and must come to
 * the same placement, keys and MTUs, so nothing here depends on the node
 * it runs on, on time or on randomness: only on the file and its order.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nstools.h"
#include "shape_args.h"
#include "topo_check.h"
#include "topo_index.h"

#define GRE_HLEN	4	/* flags and protocol */
#define GRE_OPT_LEN	4	/* each of key, checksum, sequence number */

unsigned int topo_overhead(int family, enum topo_encap encap, bool csum, bool seq)
{
	return (family == AF_INET6 ? 40 : 20) + (encap == TOPO_ENCAP_UDP ? 8 : 0) +
	       GRE_HLEN + GRE_OPT_LEN * (1 + csum + seq) + 14;
}

uint32_t topo_key_of(const char *id)
{
	uint32_t h = 2166136261u;

	for (; *id; id++) {
		h ^= (uint8_t)*id;
		h *= 16777619u;
	}
	return h ? h : 1;
}

static const char *family_name(int family)
{
	return family == AF_INET6 ? "IPv6" : "IPv4";
}

static bool has_family(const struct topo_node *n, int family)
{
	for (size_t i = 0; i < n->n_underlay; i++)
		if (n->underlay[i].family == family)
			return true;
	return false;
}

static void addr_text(const struct topo_addr *a, char *buf, size_t len)
{
	inet_ntop(a->family, a->addr, buf, (socklen_t)len);
}

/* Whether @b lies inside @a's prefix. */
static bool in_prefix(const struct topo_addr *a, const struct topo_addr *b)
{
	int bits = a->prefix < 0 ? (a->family == AF_INET ? 32 : 128) : a->prefix;
	int full = bits / 8, rest = bits % 8;

	if (a->family != b->family || memcmp(a->addr, b->addr, (size_t)full))
		return false;
	return !rest || !((a->addr[full] ^ b->addr[full]) & (0xff << (8 - rest)));
}

/* physical nodes */

static void check_nodes(struct topo *t, struct topo_errors *e)
{
	char buf[INET6_ADDRSTRLEN];

	if (!t->n_nodes && t->nodes == NULL && t->name)
		topo_error(e, t->file, t->name_pos, "the file has no nodes");
	for (size_t i = 0; i < t->n_nodes; i++) {
		struct topo_node *n = &t->nodes[i];

		for (size_t a = 0; a < n->n_underlay; a++) {
			for (size_t j = 0; j <= i; j++) {
				struct topo_node *m = &t->nodes[j];

				for (size_t b = 0; b < (j == i ? a : m->n_underlay); b++) {
					if (n->underlay[a].family != m->underlay[b].family ||
					    memcmp(n->underlay[a].addr, m->underlay[b].addr, 16))
						continue;
					addr_text(&n->underlay[a], buf, sizeof(buf));
					topo_error(e, t->file, n->underlay[a].pos,
						   "node %s: underlay address %s is also node %s's (line %d)",
						   n->name, buf, m->name, m->underlay[b].pos.line);
				}
			}
		}
	}
}

/* placement */

static int node_index(const struct topo *t, const char *name)
{
	for (size_t i = 0; i < t->n_nodes; i++)
		if (!strcmp(t->nodes[i].name, name))
			return (int)i;
	return -1;
}

/*
 * Virtual nodes the file places stay where it says. The others go, in the
 * file's order: round robin, the Nth of them to node N modulo the nodes;
 * weighted, each to the node with the fewest virtual nodes for its
 * capacity (placed ones counted), the earlier node on a tie.
 */
static void place(struct topo *t, struct topo_errors *e)
{
	size_t *count = topo_must(calloc(t->n_nodes + 1, sizeof(*count)));
	size_t s, v, i, next = 0;

	for (s = 0; s < t->n_slices; s++) {
		for (v = 0; v < t->slices[s].n_vnodes; v++) {
			struct topo_vnode *vn = &t->slices[s].vnodes[v];

			if (!vn->node_name)
				continue;
			vn->node = node_index(t, vn->node_name);
			if (vn->node < 0)
				topo_error(e, t->file, vn->pos,
					   "virtual node %s: no node \"%s\" in nodes",
					   vn->name, vn->node_name);
			else
				count[vn->node]++;
		}
	}
	for (s = 0; s < t->n_slices && t->n_nodes; s++) {
		for (v = 0; v < t->slices[s].n_vnodes; v++) {
			struct topo_vnode *vn = &t->slices[s].vnodes[v];
			size_t best = 0;

			if (vn->node_name)
				continue;
			if (t->placement == TOPO_ROUND_ROBIN) {
				best = next++ % t->n_nodes;
			} else {
				for (i = 1; i < t->n_nodes; i++) {
					/* (count + 1) / capacity, cross-multiplied */
					if ((count[i] + 1) * t->nodes[best].capacity <
					    (count[best] + 1) * t->nodes[i].capacity)
						best = i;
				}
			}
			vn->node = (int)best;
			count[best]++;
		}
	}
	free(count);
}

/* ends and interfaces */

/* The index of the virtual node named @name in @by_name, or -1. */
static int vnode_index(const struct topo_index *by_name, const char *name)
{
	size_t i;

	return topo_index_find(by_name, name, &i) ? (int)i : -1;
}

static int iface_index(const struct topo_vnode *vn, const char *name)
{
	for (size_t i = 0; i < vn->n_ifaces; i++)
		if (!strcmp(vn->ifaces[i].name, name))
			return (int)i;
	return -1;
}

static bool resolve_end(const struct topo *t, struct topo_slice *s,
			const struct topo_index *vnodes, struct topo_end *end, const char *what,
			struct topo_errors *e)
{
	if (!end->vnode_name || !end->ifname)
		return false;	/* reported by the parser */
	end->vnode = vnode_index(vnodes, end->vnode_name);
	if (end->vnode < 0) {
		topo_error(e, t->file, end->pos, "%s: no virtual node \"%s\" in slice %s",
			   what, end->vnode_name, s->name);
		return false;
	}
	end->iface = iface_index(&s->vnodes[end->vnode], end->ifname);
	if (end->iface >= 0)
		s->vnodes[end->vnode].ifaces[end->iface].used = true;
	return true;
}

struct end_ref {
	const struct topo_end *end;
	const char *owner;	/* "link l1", "LAN lan1" */
};

static int cmp_end_ref(const void *a, const void *b)
{
	const struct topo_end *x = ((const struct end_ref *)a)->end;
	const struct topo_end *y = ((const struct end_ref *)b)->end;

	if (x->vnode != y->vnode)
		return x->vnode < y->vnode ? -1 : 1;
	if (strcmp(x->ifname, y->ifname))
		return strcmp(x->ifname, y->ifname);
	return x->pos.line != y->pos.line ? x->pos.line - y->pos.line : x->pos.col - y->pos.col;
}

static void resolve_slice_ends(const struct topo *t, struct topo_slice *s,
			       struct topo_errors *e)
{
	struct topo_index vnodes = { 0 };
	struct end_ref *refs = NULL;
	size_t n = 0, i, j;
	char what[80];

	for (i = 0; i < s->n_vnodes; i++)
		topo_index_add(&vnodes, s->vnodes[i].name, i);
	for (i = 0; i < s->n_links; i++) {
		struct topo_link *l = &s->links[i];

		snprintf(what, sizeof(what), "link %s", l->name);
		for (j = 0; j < 2; j++) {
			if (!resolve_end(t, s, &vnodes, &l->end[j], what, e))
				continue;
			refs = topo_grow(refs, &n, sizeof(*refs));
			refs[n - 1] = (struct end_ref){ &l->end[j], l->name };
		}
		if (l->end[0].vnode >= 0 && l->end[0].vnode == l->end[1].vnode)
			topo_error(e, t->file, l->pos,
				   "link %s: both ends are on virtual node %s (a link joins two)",
				   l->name, l->end[0].vnode_name);
	}
	for (i = 0; i < s->n_lans; i++) {
		struct topo_lan *lan = &s->lans[i];

		snprintf(what, sizeof(what), "LAN %s", lan->name);
		for (j = 0; j < lan->n_ends; j++) {
			if (!resolve_end(t, s, &vnodes, &lan->ends[j], what, e))
				continue;
			refs = topo_grow(refs, &n, sizeof(*refs));
			refs[n - 1] = (struct end_ref){ &lan->ends[j], lan->name };
		}
	}
	qsort(refs, n, sizeof(*refs), cmp_end_ref);
	for (i = 1; i < n; i++) {
		if (refs[i].end->vnode == refs[i - 1].end->vnode &&
		    !strcmp(refs[i].end->ifname, refs[i - 1].end->ifname))
			topo_error(e, t->file, refs[i].end->pos,
				   "%s:%s is already an end of %s (line %d)",
				   refs[i].end->vnode_name, refs[i].end->ifname, refs[i - 1].owner,
				   refs[i - 1].end->pos.line);
	}
	free(refs);
	topo_index_free(&vnodes);
	for (i = 0; i < s->n_vnodes; i++) {
		for (j = 0; j < s->vnodes[i].n_ifaces; j++) {
			struct topo_iface *ifc = &s->vnodes[i].ifaces[j];

			if (!ifc->used)
				topo_error(e, t->file, ifc->pos,
					   "interface %s of virtual node %s is the end of no link or LAN",
					   ifc->name, s->vnodes[i].name);
		}
	}
}

/* addresses and routes */

struct addr_ref {
	const struct topo_addr *a;
	const char *vnode, *where;	/* where: an interface, or "lo" */
};

static int cmp_addr_ref(const void *a, const void *b)
{
	const struct topo_addr *x = ((const struct addr_ref *)a)->a;
	const struct topo_addr *y = ((const struct addr_ref *)b)->a;
	int c = memcmp(x->addr, y->addr, 16);

	if (x->family != y->family)
		return x->family - y->family;
	if (c)
		return c;
	return x->pos.line != y->pos.line ? x->pos.line - y->pos.line : x->pos.col - y->pos.col;
}

/* Namespace names (SLICE.VNODE, SLICE..LAN.NODE) the node can make. */
static void check_ns_names(const struct topo *t, const struct topo_slice *s,
			   struct topo_errors *e)
{
	size_t i, j;

	for (i = 0; i < s->n_vnodes; i++)
		if (strlen(s->name) + 1 + strlen(s->vnodes[i].name) > NST_NAME_MAX)
			topo_error(e, t->file, s->vnodes[i].pos,
				   "namespace name %s.%s is longer than %d characters: shorten the slice's or the virtual node's name",
				   s->name, s->vnodes[i].name, NST_NAME_MAX);
	for (i = 0; i < s->n_lans; i++)
		for (j = 0; j < s->lans[i].n_nodes; j++) {
			const char *node = t->nodes[s->lans[i].nodes[j]].name;

			if (strlen(s->name) + 2 + strlen(s->lans[i].name) + 1 + strlen(node) >
			    NST_NAME_MAX)
				topo_error(e, t->file, s->lans[i].pos,
					   "namespace name %s..%s.%s (the LAN's on node %s) is longer than %d characters: shorten a name",
					   s->name, s->lans[i].name, node, node, NST_NAME_MAX);
		}
}

static void check_slice_addrs(const struct topo *t, const struct topo_slice *s,
			      struct topo_errors *e)
{
	struct addr_ref *refs = NULL;
	char buf[INET6_ADDRSTRLEN];
	size_t n = 0, i, j, k;

	for (i = 0; i < s->n_vnodes; i++) {
		const struct topo_vnode *vn = &s->vnodes[i];

		for (k = 0; k < vn->n_loopback; k++) {
			refs = topo_grow(refs, &n, sizeof(*refs));
			refs[n - 1] = (struct addr_ref){ &vn->loopback[k], vn->name, "lo" };
		}
		for (j = 0; j < vn->n_ifaces; j++) {
			for (k = 0; k < vn->ifaces[j].n_addrs; k++) {
				refs = topo_grow(refs, &n, sizeof(*refs));
				refs[n - 1] = (struct addr_ref){ &vn->ifaces[j].addrs[k], vn->name,
								 vn->ifaces[j].name };
			}
		}
	}
	qsort(refs, n, sizeof(*refs), cmp_addr_ref);
	for (i = 1; i < n; i++) {
		if (refs[i].a->family != refs[i - 1].a->family ||
		    memcmp(refs[i].a->addr, refs[i - 1].a->addr, 16))
			continue;
		addr_text(refs[i].a, buf, sizeof(buf));
		topo_error(e, t->file, refs[i].a->pos,
			   "address %s is also %s:%s's (line %d) in slice %s", buf,
			   refs[i - 1].vnode, refs[i - 1].where, refs[i - 1].a->pos.line, s->name);
	}
	free(refs);
}

/* Whether virtual node @v of @s has interface @name (declared, or an end). */
static bool vnode_has_iface(const struct topo_slice *s, int v, const char *name)
{
	size_t i, j;

	if (!strcmp(name, "lo") || iface_index(&s->vnodes[v], name) >= 0)
		return true;
	for (i = 0; i < s->n_links; i++)
		for (j = 0; j < 2; j++)
			if (s->links[i].end[j].vnode == v &&
			    !strcmp(s->links[i].end[j].ifname, name))
				return true;
	for (i = 0; i < s->n_lans; i++)
		for (j = 0; j < s->lans[i].n_ends; j++)
			if (s->lans[i].ends[j].vnode == v &&
			    !strcmp(s->lans[i].ends[j].ifname, name))
				return true;
	return false;
}

static void check_routes(const struct topo *t, const struct topo_slice *s, int v,
			 struct topo_errors *e)
{
	const struct topo_vnode *vn = &s->vnodes[v];
	char buf[INET6_ADDRSTRLEN];

	for (size_t r = 0; r < vn->n_routes; r++) {
		const struct topo_route *rt = &vn->routes[r];
		bool reachable = false;

		if (rt->dev && !vnode_has_iface(s, v, rt->dev)) {
			topo_error(e, t->file, rt->pos,
				   "route \"%s\": virtual node %s has no interface %s",
				   rt->text, vn->name, rt->dev);
			continue;
		}
		if (!rt->has_via || rt->dev)
			continue;
		for (size_t i = 0; i < vn->n_ifaces && !reachable; i++)
			for (size_t a = 0; a < vn->ifaces[i].n_addrs && !reachable; a++)
				reachable = in_prefix(&vn->ifaces[i].addrs[a], &rt->via);
		if (!reachable) {
			addr_text(&rt->via, buf, sizeof(buf));
			topo_error(e, t->file, rt->pos,
				   "route \"%s\": gateway %s is in no prefix of %s's interfaces",
				   rt->text, buf, vn->name);
		}
	}
}

/* The declared interface of @end, or NULL. */
static const struct topo_iface *end_iface(const struct topo_slice *s,
					  const struct topo_end *end)
{
	if (end->vnode < 0 || end->iface < 0)
		return NULL;
	return &s->vnodes[end->vnode].ifaces[end->iface];
}

/* Two ends with addresses of one family should share a prefix. */
static void check_subnet(const struct topo *t, const struct topo_slice *s,
			 const struct topo_end *a, const struct topo_end *b,
			 const char *what, struct topo_errors *e)
{
	const struct topo_iface *x = end_iface(s, a), *y = end_iface(s, b);
	static const int fams[] = { AF_INET, AF_INET6 };

	if (!x || !y)
		return;
	for (int f = 0; f < 2; f++) {
		bool fx = false, fy = false, shared = false;
		size_t i, j;

		for (i = 0; i < x->n_addrs; i++)
			fx |= x->addrs[i].family == fams[f];
		for (j = 0; j < y->n_addrs; j++)
			fy |= y->addrs[j].family == fams[f];
		for (i = 0; i < x->n_addrs; i++) {
			for (j = 0; j < y->n_addrs; j++) {
				if (x->addrs[i].family == fams[f] &&
				    (in_prefix(&x->addrs[i], &y->addrs[j]) ||
				     in_prefix(&y->addrs[j], &x->addrs[i])))
					shared = true;
			}
		}
		if (fx && fy && !shared)
			topo_error(e, t->file, b->pos,
				   "%s: %s:%s and %s:%s have no %s prefix in common", what,
				   a->vnode_name, a->ifname, b->vnode_name, b->ifname,
				   family_name(fams[f]));
	}
}

/* An interface MTU given in the file must be the link's. */
static void check_iface_mtu(const struct topo *t, const struct topo_slice *s,
			    const struct topo_end *end, uint32_t mtu, const char *what,
			    struct topo_errors *e)
{
	const struct topo_iface *i = end_iface(s, end);

	if (i && i->mtu && mtu && i->mtu != mtu)
		topo_error(e, t->file, i->pos,
			   "%s: interface %s:%s has mtu %u, but the %s carries %u (the ends would differ)",
			   what, end->vnode_name, end->ifname, i->mtu,
			   what[0] == 'L' ? "LAN" : "link", mtu);
}

/*
 * The underlay family of a tunnel between the nodes in @nodes: the one
 * asked for, else IPv4 where all have it, else IPv6; 0 after an error.
 */
static int pick_family(const struct topo *t, const int *nodes, size_t n, int asked,
		       struct topo_pos pos, const char *what, struct topo_errors *e)
{
	static const int order[] = { AF_INET, AF_INET6 };

	for (int f = 0; f < 2; f++) {
		bool all = true;

		if (asked && asked != order[f])
			continue;
		for (size_t i = 0; i < n && all; i++)
			all = has_family(&t->nodes[nodes[i]], order[f]);
		if (all)
			return order[f];
		if (asked) {
			topo_error(e, t->file, pos, "%s: underlay %s, but not all its nodes have an %s address",
				   what, family_name(asked), family_name(asked));
			return 0;
		}
	}
	topo_error(e, t->file, pos, "%s: its nodes share no underlay family (IPv4 or IPv6)", what);
	return 0;
}

/*
 * The MTU a tunnel across @nodes can carry: the smallest underlay MTU less
 * the encapsulation. A given @mtu above it is an error.
 */
static uint32_t fit_mtu(const struct topo *t, const int *nodes, size_t n, int family,
			unsigned int overhead, uint32_t given, struct topo_pos pos,
			const char *what, struct topo_errors *e)
{
	uint32_t under = UINT32_MAX;
	size_t low = 0;

	for (size_t i = 0; i < n; i++) {
		if (t->nodes[nodes[i]].mtu < under) {
			under = t->nodes[nodes[i]].mtu;
			low = i;
		}
	}
	if (under <= overhead + 68) {
		topo_error(e, t->file, pos, "%s: node %s's underlay MTU %u leaves no room for %u bytes of %s encapsulation",
			   what, t->nodes[nodes[low]].name, under, overhead, family_name(family));
		return 0;
	}
	if (given && given > under - overhead) {
		topo_error(e, t->file, pos,
			   "%s: mtu %u does not fit the underlay: at most %u (node %s's underlay MTU %u less %u bytes of encapsulation)",
			   what, given, under - overhead, t->nodes[nodes[low]].name, under, overhead);
		return given;
	}
	return given ? given : under - overhead;
}

static void check_shape(const struct topo *t, const struct topo_link *l, int i,
			struct topo_errors *e)
{
	const struct topo_shape *sh = &l->shape[i];
	struct shape_req q;

	if (!sh->n_words)
		return;
	if (shape_args_parse((int)sh->n_words, sh->words, &q))
		topo_error(e, t->file, sh->pos, "link %s: shape of %s: %s", l->name,
			   l->end[i].vnode_name, q.err);
}

static void check_link(const struct topo *t, struct topo_slice *s, struct topo_link *l,
		       struct topo_errors *e)
{
	char what[80];
	int nodes[2];

	snprintf(what, sizeof(what), "link %s", l->name);
	check_shape(t, l, 0, e);
	check_shape(t, l, 1, e);
	if (l->end[0].vnode < 0 || l->end[1].vnode < 0)
		return;
	check_subnet(t, s, &l->end[0], &l->end[1], what, e);
	nodes[0] = s->vnodes[l->end[0].vnode].node;
	nodes[1] = s->vnodes[l->end[1].vnode].node;
	if (nodes[0] < 0 || nodes[1] < 0)
		return;
	if (nodes[0] == nodes[1]) {
		/* a slice-to-slice pair on one node: no tunnel */
		l->family = 0;
		if (!l->mtu)
			l->mtu = 1500;
	} else {
		l->family = pick_family(t, nodes, 2, l->family, l->pos, what, e);
		if (!l->family)
			return;
		l->mtu = fit_mtu(t, nodes, 2, l->family,
				 topo_overhead(l->family, l->encap, l->csum, l->seq), l->mtu,
				 l->mtu ? l->mtu_pos : l->pos, what, e);
	}
	check_iface_mtu(t, s, &l->end[0], l->mtu, what, e);
	check_iface_mtu(t, s, &l->end[1], l->mtu, what, e);
}

static void check_lan(const struct topo *t, struct topo_slice *s, struct topo_lan *lan,
		      struct topo_errors *e)
{
	const struct topo_end *first = NULL;
	bool *on = topo_must(calloc(t->n_nodes + 1, sizeof(*on)));
	char what[80];
	size_t i;

	snprintf(what, sizeof(what), "LAN %s", lan->name);
	for (i = 0; i < lan->n_ends; i++) {
		const struct topo_end *end = &lan->ends[i];

		if (end->vnode < 0 || s->vnodes[end->vnode].node < 0)
			goto out;
		/* two of one vnode would let it bridge the LAN to itself */
		for (size_t j = 0; j < i; j++)
			if (lan->ends[j].vnode == end->vnode)
				topo_error(e, t->file, end->pos,
					   "LAN %s: virtual node %s has two ends on it", lan->name,
					   end->vnode_name);
		on[s->vnodes[end->vnode].node] = true;
		if (!end_iface(s, end) || !end_iface(s, end)->n_addrs)
			continue;
		if (first)
			check_subnet(t, s, first, end, what, e);
		else
			first = end;
	}
	for (i = 0; i < t->n_nodes; i++) {
		if (!on[i])
			continue;
		lan->nodes = topo_grow(lan->nodes, &lan->n_nodes, sizeof(int));
		lan->nodes[lan->n_nodes - 1] = (int)i;
	}
	if (lan->n_nodes > 1) {
		lan->family = pick_family(t, lan->nodes, lan->n_nodes, lan->family, lan->pos,
					  what, e);
		if (!lan->family)
			goto out;
		lan->mtu = fit_mtu(t, lan->nodes, lan->n_nodes, lan->family,
				   topo_overhead(lan->family, lan->encap, false, false), lan->mtu,
				   lan->mtu ? lan->mtu_pos : lan->pos, what, e);
	} else {
		lan->family = 0;
		if (!lan->mtu)
			lan->mtu = 1500;
	}
	for (i = 0; i < lan->n_ends; i++)
		check_iface_mtu(t, s, &lan->ends[i], lan->mtu, what, e);
out:
	free(on);
}

/* keys */

/* A set of keys: open addressing, 0 marks a free slot (no key is 0). */
struct key_set {
	uint32_t *slot;
	size_t mask;
};

static void key_set_init(struct key_set *k, size_t n)
{
	size_t cap = 16;

	while (cap < 2 * n + 2)
		cap <<= 1;
	k->slot = topo_must(calloc(cap, sizeof(*k->slot)));
	k->mask = cap - 1;
}

static uint32_t *key_set_find(const struct key_set *k, uint32_t key)
{
	size_t i = (key * 2654435761u) & k->mask;

	while (k->slot[i] && k->slot[i] != key)
		i = (i + 1) & k->mask;
	return &k->slot[i];
}

struct tunnel {
	char *id;
	uint32_t *key;			/* where its key goes */
	bool given;
	struct topo_pos pos;
	const char *kind, *owner;	/* "link", "l1" */
};

static int cmp_tunnel(const void *a, const void *b)
{
	return strcmp(((const struct tunnel *)a)->id, ((const struct tunnel *)b)->id);
}

/*
 * Explicit keys first (each once in the file); then the others, in the
 * order of their ids, each the FNV-1a hash of its id or, if another
 * tunnel has that, the next free number.
 */
static void assign_keys(struct topo *t, struct topo_errors *e)
{
	struct tunnel *tun = NULL;
	struct key_set set;
	size_t n = 0, i, j, a, b;

	for (i = 0; i < t->n_slices; i++) {
		struct topo_slice *s = &t->slices[i];

		for (j = 0; j < s->n_links; j++) {
			struct topo_link *l = &s->links[j];

			/* a pair has no key, but a given one is still one of the file's */
			if (!l->family && !l->key_given)
				continue;
			tun = topo_grow(tun, &n, sizeof(*tun));
			tun[n - 1] = (struct tunnel){
				topo_strdupf("%s/%s/%s", t->name, s->name, l->name), &l->key,
				l->key_given, l->key_pos, "link", l->name };
		}
		for (j = 0; j < s->n_lans; j++) {
			struct topo_lan *lan = &s->lans[j];

			if (lan->n_nodes < 2 || !lan->family)
				continue;
			lan->keys = topo_must(calloc(lan->n_nodes * lan->n_nodes, sizeof(uint32_t)));
			for (a = 0; a < lan->n_nodes; a++) {
				for (b = a + 1; b < lan->n_nodes; b++) {
					tun = topo_grow(tun, &n, sizeof(*tun));
					tun[n - 1] = (struct tunnel){
						topo_strdupf("%s/%s/%s/%s/%s", t->name, s->name, lan->name,
						      t->nodes[lan->nodes[a]].name,
						      t->nodes[lan->nodes[b]].name),
						&lan->keys[a * lan->n_nodes + b], false, lan->pos,
						"LAN", lan->name };
				}
			}
		}
	}
	key_set_init(&set, n);
	for (i = 0; i < n; i++) {
		uint32_t *slot;

		if (!tun[i].given)
			continue;
		slot = key_set_find(&set, *tun[i].key);
		if (*slot) {
			for (j = 0; j < i && !(tun[j].given && *tun[j].key == *tun[i].key); j++)
				;
			topo_error(e, t->file, tun[i].pos, "key %u is also %s %s's (line %d)",
				   *tun[i].key, tun[j].kind, tun[j].owner, tun[j].pos.line);
		}
		*slot = *tun[i].key;
	}
	qsort(tun, n, sizeof(*tun), cmp_tunnel);
	for (i = 0; i < n; i++) {
		uint32_t key, *slot;

		if (tun[i].given)
			continue;
		key = topo_key_of(tun[i].id);
		while (*(slot = key_set_find(&set, key)))
			key = key == UINT32_MAX ? 1 : key + 1;
		*slot = key;
		*tun[i].key = key;
	}
	for (i = 0; i < n; i++)
		free(tun[i].id);
	free(tun);
	free(set.slot);
}

int topo_check(struct topo *t, struct topo_errors *e)
{
	size_t before = e->n, i, j;

	check_nodes(t, e);
	place(t, e);
	for (i = 0; i < t->n_slices; i++) {
		struct topo_slice *s = &t->slices[i];

		resolve_slice_ends(t, s, e);
		check_slice_addrs(t, s, e);
		for (j = 0; j < s->n_vnodes; j++)
			check_routes(t, s, (int)j, e);
		for (j = 0; j < s->n_links; j++)
			check_link(t, s, &s->links[j], e);
		for (j = 0; j < s->n_lans; j++)
			check_lan(t, s, &s->lans[j], e);
		check_ns_names(t, s, e);
	}
	if (t->name)
		assign_keys(t, e);
	return e->n > before ? -EINVAL : 0;
}
