// SPDX-License-Identifier: GPL-2.0
/*
 * One node's part of a topology, as objects (topo_plan.h).
 *
 * Names of what a node makes are derived from the file alone, so that
 * every apply finds its own objects again: a virtual node's namespace is
 * SLICE.VNODE (names in the file have no '.'), the node's devices are
 * "tr" (an egre link), "ts" (its fast slice interface) and "tp" (a pair)
 * and eight hex digits: the link's key, or for a pair the hash of its id.
 *
 * A LAN is a bridge ("tb" and the hash of its id) in a namespace of its
 * own on each node it has members on, SLICE..LAN.NODE, which nothing else uses:
 * whatever a member sends to the bridge itself finds no address and no
 * daemon there, and the node's own namespace is never reached. Members
 * join it by pairs; the other nodes by the LAN's egre links, whose fast
 * slice interfaces are isolated ports: what comes from one node is never
 * sent on to another, so the full mesh of nodes has no loop.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "topo_check.h"
#include "topo_plan.h"

static const char *const kind_names[TOBJ_KINDS] = {
	"vnode", "lan", "egre", "pair", "slif", "iface", "addr", "route", "sysctl", "shape", "run",
};

const char *topo_obj_kind_name(enum topo_obj_kind kind)
{
	return kind_names[kind];
}

void topo_vnode_ns(const struct topo_slice *s, const struct topo_vnode *v, char *buf,
		   size_t len)
{
	snprintf(buf, len, "%s.%s", s->name, v->name);
}

static struct topo_obj *add(struct topo_plan *p, enum topo_obj_kind kind, char *key)
{
	struct topo_obj *o;

	p->objs = topo_grow(p->objs, &p->n, sizeof(*p->objs));
	o = &p->objs[p->n - 1];
	o->kind = kind;
	o->key = key;
	return o;
}

/*
 * @o's words from a line of blank-separated words (names have no blanks):
 * pointers into one copy of the line, which words_buf keeps.
 */
static void set_words(struct topo_obj *o, const char *line)
{
	char *save = NULL, *w;
	size_t n = 0;

	o->words_buf = topo_strdup(line);
	for (w = strtok_r(o->words_buf, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		o->words = topo_grow(o->words, &n, sizeof(char *));
		o->words[n - 1] = w;
	}
	o->words = topo_grow(o->words, &n, sizeof(char *));	/* NULL at the end */
}

static void addr_words(const struct topo_addr *a, char *buf, size_t len)
{
	char text[INET6_ADDRSTRLEN];

	inet_ntop(a->family, a->addr, text, sizeof(text));
	snprintf(buf, len, "%s/%d", text, a->prefix < 0 ? (a->family == AF_INET ? 32 : 128) :
		 a->prefix);
}

static const struct topo_addr *underlay_of(const struct topo_node *n, int family)
{
	for (size_t i = 0; i < n->n_underlay; i++)
		if (n->underlay[i].family == family)
			return &n->underlay[i];
	return NULL;
}

static void plan_vnode(const struct topo_slice *s, const struct topo_vnode *v,
		       struct topo_plan *p)
{
	char ns[80], a[64];
	struct topo_obj *o;
	size_t i;

	topo_vnode_ns(s, v, ns, sizeof(ns));
	o = add(p, TOBJ_VNODE, topo_strdupf("vnode %s", ns));
	o->ns = topo_strdup(ns);
	o->admin = s->admin ? topo_strdup(s->admin) : NULL;
	o->spec = topo_strdupf("admin %s", s->admin ? s->admin : "-");
	for (i = 0; i < v->n_loopback; i++) {
		addr_words(&v->loopback[i], a, sizeof(a));
		o = add(p, TOBJ_ADDR, topo_strdupf("addr %s lo %s", ns, a));
		o->parent[0] = topo_strdupf("vnode %s", ns);
		o->ns = topo_strdup(ns);
		o->dev = topo_strdup("lo");
		o->arg = topo_strdup(a);
		o->spec = topo_strdup("");
	}
	for (i = 0; i < v->n_routes; i++) {
		o = add(p, TOBJ_ROUTE, topo_strdupf("route %s %s", ns, v->routes[i].text));
		o->parent[0] = topo_strdupf("vnode %s", ns);
		o->ns = topo_strdup(ns);
		o->spec = topo_strdup("");
		set_words(o, v->routes[i].text);
	}
	for (i = 0; i < v->n_sysctls; i++) {
		o = add(p, TOBJ_SYSCTL, topo_strdupf("sysctl %s %s", ns, v->sysctls[i].key));
		o->parent[0] = topo_strdupf("vnode %s", ns);
		o->ns = topo_strdup(ns);
		o->arg = topo_strdup(v->sysctls[i].key);
		o->spec = topo_strdup(v->sysctls[i].value);
	}
	for (i = 0; i < v->n_run; i++) {
		o = add(p, TOBJ_RUN, topo_strdupf("run %s %zu", ns, i));
		o->parent[0] = topo_strdupf("vnode %s", ns);
		o->ns = topo_strdup(ns);
		o->spec = topo_strdup(v->run[i].line);
	}
}

/*
 * The MAC address of interface @ifname of virtual node @v: locally
 * administered, from the hash of TOPO/SLICE/VNODE/IFNAME, so that an
 * interface made again (a link or LAN changed, a member back) keeps it and
 * its neighbours' ARP caches stay right.
 */
static void end_mac(const struct topo *t, const struct topo_slice *s,
		    const struct topo_vnode *v, const char *ifname, char *buf, size_t len)
{
	char *id = topo_strdupf("%s/%s/%s/%s", t->name, s->name, v->name, ifname);
	uint32_t h1 = topo_key_of(id), h2;

	id[0] ^= 0x55;		/* a second, independent hash for the last bytes */
	h2 = topo_key_of(id);
	free(id);
	snprintf(buf, len, "02:%02x:%02x:%02x:%02x:%02x", h1 >> 24, (h1 >> 16) & 0xff,
		 (h1 >> 8) & 0xff, h1 & 0xff, h2 & 0xff);
}

/* The end's device in its vnode, and its addresses. */
static void plan_end(const struct topo *t, const struct topo_slice *s,
		     const struct topo_end *end, const char *parent, uint32_t mtu, bool up,
		     struct topo_plan *p)
{
	const struct topo_vnode *v = &s->vnodes[end->vnode];
	char ns[80], a[64];
	struct topo_obj *o;

	topo_vnode_ns(s, v, ns, sizeof(ns));
	o = add(p, TOBJ_IFACE, topo_strdupf("iface %s %s", ns, end->ifname));
	o->parent[0] = topo_strdup(parent);
	o->ns = topo_strdup(ns);
	o->dev = topo_strdup(end->ifname);
	o->spec = topo_strdupf("mtu %u %s", mtu, up ? "up" : "down");
	end_mac(t, s, v, end->ifname, a, sizeof(a));
	o->arg = topo_strdup(a);
	if (end->iface < 0)
		return;
	for (size_t i = 0; i < v->ifaces[end->iface].n_addrs; i++) {
		addr_words(&v->ifaces[end->iface].addrs[i], a, sizeof(a));
		o = add(p, TOBJ_ADDR, topo_strdupf("addr %s %s %s", ns, end->ifname, a));
		o->parent[0] = topo_strdupf("iface %s %s", ns, end->ifname);
		o->ns = topo_strdup(ns);
		o->dev = topo_strdup(end->ifname);
		o->arg = topo_strdup(a);
		o->spec = topo_strdup("");
	}
}

static void plan_shape(const struct topo_link *l, int end, const char *owner, const char *dev,
		       const char *dir, struct topo_plan *p)
{
	const struct topo_shape *sh = &l->shape[end];
	char line[512];
	size_t len = 0;
	struct topo_obj *o;

	if (!sh->n_words)
		return;
	len += (size_t)snprintf(line, sizeof(line), "link set %s shape", dev);
	for (size_t i = 0; i < sh->n_words && len < sizeof(line); i++)
		len += (size_t)snprintf(line + len, sizeof(line) - len, " %s", sh->words[i]);
	if (len < sizeof(line))
		snprintf(line + len, sizeof(line) - len, " dir %s", dir);
	o = add(p, TOBJ_SHAPE, topo_strdupf("shape %s %s", owner, l->end[end].vnode_name));
	o->parent[0] = topo_strdup(owner);
	o->dev = topo_strdup(dev);
	o->spec = topo_strdup(line);
	set_words(o, line);
}

/*
 * The namespace of LAN @lan of slice @s on node @n: "SLICE..LAN.NODE" (a
 * virtual node's has one '.'; the node's name keeps nodes that share one
 * machine's /run/netns, as in the selftests, apart).
 */
static void lan_ns(const struct topo_slice *s, const struct topo_lan *lan,
		   const struct topo_node *n, char *buf, size_t len)
{
	snprintf(buf, len, "%s..%s.%s", s->name, lan->name, n->name);
}

static void egre_line(const struct topo *t, int node, int far, int family, uint32_t key,
		      enum topo_encap encap, bool csum, bool seq, char *line, size_t len)
{
	const struct topo_addr *local = underlay_of(&t->nodes[node], family);
	const struct topo_addr *remote = underlay_of(&t->nodes[far], family);
	char la[INET6_ADDRSTRLEN], ra[INET6_ADDRSTRLEN];

	inet_ntop(family, local->addr, la, sizeof(la));
	inet_ntop(family, remote->addr, ra, sizeof(ra));
	snprintf(line, len, "link add tr%08x type egre local %s remote %s key %u%s%s%s%s%s",
		 key, la, ra, key, encap == TOPO_ENCAP_UDP ? " encap udp" : "",
		 csum ? " csum" : "", seq ? " seq" : "",
		 t->nodes[node].dev ? " dev " : "", t->nodes[node].dev ? t->nodes[node].dev : "");
}

static void plan_lan(const struct topo *t, const struct topo_slice *s, const struct topo_lan *lan,
		     int node, struct topo_plan *p)
{
	char ns[80], vns[80], id[200], key[200], bridge[16], dev[16], line[512];
	struct topo_obj *o;
	size_t me, k;

	for (me = 0; me < lan->n_nodes && lan->nodes[me] != node; me++)
		;
	if (me == lan->n_nodes)
		return;		/* no member here */
	lan_ns(s, lan, &t->nodes[node], ns, sizeof(ns));
	snprintf(id, sizeof(id), "%s/%s/%s", t->name, s->name, lan->name);
	snprintf(bridge, sizeof(bridge), "tb%08x", topo_key_of(id));
	snprintf(key, sizeof(key), "lan %s/%s", s->name, lan->name);
	o = add(p, TOBJ_LAN, topo_strdup(key));
	o->ns = topo_strdup(ns);
	o->dev = topo_strdup(bridge);
	o->spec = topo_strdupf("%s mtu %u", bridge, lan->mtu);
	/* to each other node: an egre link, its fast slice interface a port */
	for (k = 0; k < lan->n_nodes; k++) {
		uint32_t tkey;

		if (k == me)
			continue;
		tkey = lan->keys[k < me ? k * lan->n_nodes + me : me * lan->n_nodes + k];
		egre_line(t, node, lan->nodes[k], lan->family, tkey, lan->encap, false, false,
			  line, sizeof(line));
		o = add(p, TOBJ_EGRE, topo_strdupf("egre %s/%s/%s", s->name, lan->name,
						   t->nodes[lan->nodes[k]].name));
		o->dev = topo_strdupf("tr%08x", tkey);
		o->spec = topo_strdup(line + strlen("link add tr00000000 "));
		set_words(o, line);
		snprintf(dev, sizeof(dev), "ts%08x", tkey);
		snprintf(line, sizeof(line),
			 "link add %s type shortbridge slice %s ifname %s link tr%08x mtu %u",
			 dev, ns, dev, tkey, lan->mtu);
		o = add(p, TOBJ_SLIF, topo_strdupf("slif %s/%s/%s", s->name, lan->name,
						   t->nodes[lan->nodes[k]].name));
		o->parent[0] = topo_strdupf("egre %s/%s/%s", s->name, lan->name,
					    t->nodes[lan->nodes[k]].name);
		o->parent[1] = topo_strdup(key);
		o->dev = topo_strdup(dev);
		o->arg = topo_strdup(bridge);
		o->spec = topo_strdupf("%s %s port %s isolated", ns, dev, bridge);
		set_words(o, line);
	}
	/* each member on this node: a pair from the bridge into its vnode */
	for (k = 0; k < lan->n_ends; k++) {
		const struct topo_end *end = &lan->ends[k];
		char owner[200];

		if (s->vnodes[end->vnode].node != node)
			continue;
		topo_vnode_ns(s, &s->vnodes[end->vnode], vns, sizeof(vns));
		snprintf(id, sizeof(id), "%s/%s/%s/%s:%s", t->name, s->name, lan->name,
			 end->vnode_name, end->ifname);
		snprintf(dev, sizeof(dev), "tp%08x", topo_key_of(id));
		snprintf(owner, sizeof(owner), "pair %s/%s/%s:%s", s->name, lan->name,
			 end->vnode_name, end->ifname);
		snprintf(line, sizeof(line),
			 "link add %s type shortbridge slice %s ifname %s peer-slice %s peer-ifname %s mtu %u",
			 dev, ns, dev, vns, end->ifname, lan->mtu);
		o = add(p, TOBJ_PAIR, topo_strdup(owner));
		o->parent[0] = topo_strdup(key);
		o->parent[1] = topo_strdupf("vnode %s", vns);
		o->dev = topo_strdup(dev);
		o->arg = topo_strdup(bridge);
		o->spec = topo_strdupf("%s %s %s %s port %s", ns, dev, vns, end->ifname, bridge);
		set_words(o, line);
		plan_end(t, s, end, owner, lan->mtu, true, p);
	}
}

static void plan_link(const struct topo *t, const struct topo_slice *s,
		      const struct topo_link *l, int node, struct topo_plan *p)
{
	const struct topo_vnode *v0 = &s->vnodes[l->end[0].vnode];
	const struct topo_vnode *v1 = &s->vnodes[l->end[1].vnode];
	char ns0[80], ns1[80], id[160], owner[160], dev[16], egre[16], line[512];
	int here = v0->node == node ? 0 : 1;
	const struct topo_end *end;
	struct topo_obj *o;

	if (v0->node != node && v1->node != node)
		return;
	topo_vnode_ns(s, v0, ns0, sizeof(ns0));
	topo_vnode_ns(s, v1, ns1, sizeof(ns1));
	snprintf(id, sizeof(id), "%s/%s/%s", t->name, s->name, l->name);
	if (v0->node == v1->node) {
		snprintf(owner, sizeof(owner), "pair %s/%s", s->name, l->name);
		snprintf(dev, sizeof(dev), "tp%08x", topo_key_of(id));
		snprintf(line, sizeof(line),
			 "link add %s type shortbridge slice %s ifname %s peer-slice %s peer-ifname %s mtu %u",
			 dev, ns0, l->end[0].ifname, ns1, l->end[1].ifname, l->mtu);
		o = add(p, TOBJ_PAIR, topo_strdup(owner));
		o->parent[0] = topo_strdupf("vnode %s", ns0);
		o->parent[1] = topo_strdupf("vnode %s", ns1);
		o->dev = topo_strdup(dev);
		o->spec = topo_strdupf("%s %s %s %s", ns0, l->end[0].ifname, ns1, l->end[1].ifname);
		set_words(o, line);
		plan_end(t, s, &l->end[0], owner, l->mtu, l->up, p);
		plan_end(t, s, &l->end[1], owner, l->mtu, l->up, p);
		/* the second end's egress is what the first end's device receives */
		plan_shape(l, 0, owner, dev, "egress", p);
		plan_shape(l, 1, owner, dev, "ingress", p);
		return;
	}
	end = &l->end[here];
	snprintf(egre, sizeof(egre), "tr%08x", l->key);
	egre_line(t, node, (here ? v0 : v1)->node, l->family, l->key, l->encap, l->csum, l->seq,
		  line, sizeof(line));
	o = add(p, TOBJ_EGRE, topo_strdupf("egre %s/%s", s->name, l->name));
	o->dev = topo_strdup(egre);
	o->spec = topo_strdup(line + strlen("link add ") + strlen(egre) + 1);
	set_words(o, line);
	snprintf(owner, sizeof(owner), "slif %s/%s", s->name, l->name);
	snprintf(dev, sizeof(dev), "ts%08x", l->key);
	snprintf(line, sizeof(line), "link add %s type shortbridge slice %s ifname %s link %s mtu %u",
		 dev, here ? ns1 : ns0, end->ifname, egre, l->mtu);
	o = add(p, TOBJ_SLIF, topo_strdup(owner));
	o->parent[0] = topo_strdupf("egre %s/%s", s->name, l->name);
	o->parent[1] = topo_strdupf("vnode %s", here ? ns1 : ns0);
	o->dev = topo_strdup(dev);
	o->spec = topo_strdupf("%s %s", here ? ns1 : ns0, end->ifname);
	set_words(o, line);
	plan_end(t, s, end, owner, l->mtu, l->up, p);
	plan_shape(l, here, owner, dev, "egress", p);
}

void topo_plan_build(const struct topo *t, int node, struct topo_plan *p)
{
	struct topo_obj *sorted;
	size_t i, j, k;

	memset(p, 0, sizeof(*p));
	for (i = 0; i < t->n_slices; i++) {
		const struct topo_slice *s = &t->slices[i];

		for (j = 0; j < s->n_vnodes; j++)
			if (s->vnodes[j].node == node)
				plan_vnode(s, &s->vnodes[j], p);
		for (j = 0; j < s->n_links; j++)
			plan_link(t, s, &s->links[j], node, p);
		for (j = 0; j < s->n_lans; j++)
			plan_lan(t, s, &s->lans[j], node, p);
	}
	/* by kind, and within a kind in the file's order (a stable sort) */
	sorted = topo_must(malloc((p->n + 1) * sizeof(*sorted)));
	for (k = 0, i = 0; i < TOBJ_KINDS; i++)
		for (j = 0; j < p->n; j++)
			if (p->objs[j].kind == (enum topo_obj_kind)i)
				sorted[k++] = p->objs[j];
	free(p->objs);
	p->objs = sorted;
	for (i = 0; i < p->n; i++)
		topo_index_add(&p->by_key, p->objs[i].key, i);
}

const struct topo_obj *topo_plan_find(const struct topo_plan *p, const char *key)
{
	size_t i;

	return topo_index_find(&p->by_key, key, &i) ? &p->objs[i] : NULL;
}

void topo_plan_free(struct topo_plan *p)
{
	for (size_t i = 0; i < p->n; i++) {
		struct topo_obj *o = &p->objs[i];

		free(o->key);
		free(o->spec);
		free(o->parent[0]);
		free(o->parent[1]);
		free(o->ns);
		free(o->dev);
		free(o->arg);
		free(o->admin);
		free(o->words_buf);
		free(o->words);
	}
	free(p->objs);
	topo_index_free(&p->by_key);
	memset(p, 0, sizeof(*p));
}
