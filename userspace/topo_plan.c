// SPDX-License-Identifier: GPL-2.0
/*
 * One node's part of a topology, as objects (topo_plan.h).
 *
 * Names of what a node makes are derived from the file alone, so that
 * every apply finds its own objects again: a virtual node's namespace is
 * SLICE.VNODE (names in the file have no '.'), the node's devices are
 * "tr" (an egre link), "ts" (its fast slice interface) and "tp" (a pair)
 * and eight hex digits: the link's key, or for a pair the hash of its id.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "topo_check.h"
#include "topo_plan.h"

static const char *const kind_names[TOBJ_KINDS] = {
	"vnode", "egre", "pair", "slif", "iface", "addr", "route", "sysctl", "shape", "run",
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

/* @o's words from a line of blank-separated words (names have no blanks). */
static void set_words(struct topo_obj *o, const char *line)
{
	char *copy = topo_strdup(line), *save = NULL, *w;
	size_t n = 0;

	for (w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		o->words = topo_grow(o->words, &n, sizeof(char *));
		o->words[n - 1] = topo_strdup(w);
	}
	o->words = topo_grow(o->words, &n, sizeof(char *));	/* NULL at the end */
	free(copy);
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

/* The end's device in its vnode, and its addresses. */
static void plan_end(const struct topo_slice *s, const struct topo_end *end,
		     const char *parent, uint32_t mtu, bool up, struct topo_plan *p)
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

static void plan_link(const struct topo *t, const struct topo_slice *s,
		      const struct topo_link *l, int node, struct topo_plan *p)
{
	const struct topo_vnode *v0 = &s->vnodes[l->end[0].vnode];
	const struct topo_vnode *v1 = &s->vnodes[l->end[1].vnode];
	char ns0[80], ns1[80], id[160], owner[160], dev[16], egre[16], line[512];
	const struct topo_addr *local, *remote;
	char la[INET6_ADDRSTRLEN], ra[INET6_ADDRSTRLEN];
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
		plan_end(s, &l->end[0], owner, l->mtu, l->up, p);
		plan_end(s, &l->end[1], owner, l->mtu, l->up, p);
		/* the second end's egress is what the first end's device receives */
		plan_shape(l, 0, owner, dev, "egress", p);
		plan_shape(l, 1, owner, dev, "ingress", p);
		return;
	}
	end = &l->end[here];
	local = underlay_of(&t->nodes[node], l->family);
	remote = underlay_of(&t->nodes[(here ? v0 : v1)->node], l->family);
	inet_ntop(l->family, local->addr, la, sizeof(la));
	inet_ntop(l->family, remote->addr, ra, sizeof(ra));
	snprintf(egre, sizeof(egre), "tr%08x", l->key);
	snprintf(line, sizeof(line), "link add %s type egre local %s remote %s key %u%s%s%s%s%s",
		 egre, la, ra, l->key, l->encap == TOPO_ENCAP_UDP ? " encap udp" : "",
		 l->csum ? " csum" : "", l->seq ? " seq" : "",
		 t->nodes[node].dev ? " dev " : "", t->nodes[node].dev ? t->nodes[node].dev : "");
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
	plan_end(s, end, owner, l->mtu, l->up, p);
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
	}
	/* by kind, and within a kind in the file's order (a stable sort) */
	sorted = topo_must(malloc((p->n + 1) * sizeof(*sorted)));
	for (k = 0, i = 0; i < TOBJ_KINDS; i++)
		for (j = 0; j < p->n; j++)
			if (p->objs[j].kind == (enum topo_obj_kind)i)
				sorted[k++] = p->objs[j];
	free(p->objs);
	p->objs = sorted;
}

const struct topo_obj *topo_plan_find(const struct topo_plan *p, const char *key)
{
	for (size_t i = 0; i < p->n; i++)
		if (!strcmp(p->objs[i].key, key))
			return &p->objs[i];
	return NULL;
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
		for (char **w = o->words; w && *w; w++)
			free(*w);
		free(o->words);
	}
	free(p->objs);
	memset(p, 0, sizeof(*p));
}
