// SPDX-License-Identifier: GPL-2.0
/*
 * Topology files: YAML (libyaml's document loader) into struct topo.
 *
 * The walk is by schema: each mapping names the fields it takes, so an
 * unknown or repeated field, a missing one and a value of the wrong kind
 * are each reported where the file has them, and parsing goes on to report
 * the rest. Nothing here looks beyond one value (whether a name exists,
 * two keys collide or an MTU fits is topo_check's).
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

#include "link_args.h"
#include "topo_index.h"
#include "topo_parse.h"
#include "util.h"

#define NAME_LEN_MAX	32
#define IFNAME_LEN_MAX	15
/* a file with aliases that fan out could make the walk exponential */
#define VISITS_MAX	(1 << 22)

struct ctx {
	yaml_document_t doc;
	const char *file;
	struct topo_errors *e;
	unsigned long visits;
	bool too_big;
};

static struct topo_pos pos_of(const yaml_node_t *n)
{
	return (struct topo_pos){ (int)n->start_mark.line + 1, (int)n->start_mark.column + 1 };
}

__attribute__((format(printf, 3, 4)))
static void err_at(struct ctx *c, const yaml_node_t *n, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	topo_error(c->e, c->file, n ? pos_of(n) : (struct topo_pos){ 0, 0 }, "%s", msg);
}

static yaml_node_t *node_at(struct ctx *c, int index)
{
	if (++c->visits > VISITS_MAX) {
		if (!c->too_big)
			topo_error(c->e, c->file, (struct topo_pos){ 1, 1 },
				   "the file is too large (or its aliases repeat too much)");
		c->too_big = true;
		return NULL;
	}
	return yaml_document_get_node(&c->doc, index);
}

static const char *kind_of(const yaml_node_t *n)
{
	switch (n->type) {
	case YAML_SCALAR_NODE:
		return n->data.scalar.length ? "a value" : "empty";
	case YAML_SEQUENCE_NODE:
		return "a list";
	case YAML_MAPPING_NODE:
		return "a mapping";
	default:
		return "nothing";
	}
}

/* An empty plain scalar: "key:" with nothing after it. */
static bool is_null(const yaml_node_t *n)
{
	return n->type == YAML_SCALAR_NODE && n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
	       (!n->data.scalar.length || !strcmp((char *)n->data.scalar.value, "~") ||
		!strcmp((char *)n->data.scalar.value, "null"));
}

static const char *scalar(struct ctx *c, const yaml_node_t *n, const char *what)
{
	if (n->type != YAML_SCALAR_NODE || is_null(n)) {
		err_at(c, n, "%s must be a value, not %s", what, kind_of(n));
		return NULL;
	}
	if (strlen((char *)n->data.scalar.value) != n->data.scalar.length) {
		err_at(c, n, "%s holds a NUL character", what);
		return NULL;
	}
	return (const char *)n->data.scalar.value;
}

/*
 * A mapping's fields by name: @vals[i] is the value of @names[i], or NULL.
 * Reports a node that is no mapping, unknown fields and repeated ones.
 */
static bool fields(struct ctx *c, const yaml_node_t *n, const char *what,
		   const char *const *names, yaml_node_t **vals)
{
	yaml_node_pair_t *p;
	size_t i;

	for (i = 0; names[i]; i++)
		vals[i] = NULL;
	if (n->type != YAML_MAPPING_NODE) {
		err_at(c, n, "%s must be a mapping, not %s", what, kind_of(n));
		return false;
	}
	for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
		yaml_node_t *k = node_at(c, p->key), *v = node_at(c, p->value);
		const char *key;

		if (!k || !v)
			return false;
		key = scalar(c, k, "a field name");
		if (!key)
			continue;
		for (i = 0; names[i] && strcmp(names[i], key); i++)
			;
		if (!names[i]) {
			char list[256] = "";

			for (i = 0; names[i]; i++)
				snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s",
					 i ? ", " : "", names[i]);
			err_at(c, k, "unknown field \"%s\" in %s (it takes %s)", key, what, list);
		} else if (vals[i]) {
			err_at(c, k, "field \"%s\" given twice in %s", key, what);
		} else {
			vals[i] = v;
		}
	}
	return true;
}

static bool required(struct ctx *c, const yaml_node_t *map, const yaml_node_t *val,
		     const char *what, const char *field)
{
	if (!val)
		err_at(c, map, "%s has no \"%s\"", what, field);
	return val != NULL;
}

static bool valid_name(struct ctx *c, const yaml_node_t *n, const char *name, const char *what)
{
	size_t len = strlen(name);

	if (!len || len > NAME_LEN_MAX || !isalnum((unsigned char)name[0]) ||
	    strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") != len) {
		err_at(c, n, "%s name \"%s\" is not 1 to %d letters, digits, '-' or '_' starting with a letter or digit",
		       what, name, NAME_LEN_MAX);
		return false;
	}
	return true;
}

static bool valid_ifname(struct ctx *c, const yaml_node_t *n, const char *name, const char *what)
{
	size_t len = strlen(name);

	if (!len || len > IFNAME_LEN_MAX || !strcmp(name, ".") || !strcmp(name, "..") ||
	    strpbrk(name, "/: \t\n") || !strcmp(name, "lo")) {
		err_at(c, n, "%s \"%s\" is not an interface name (1 to %d characters, no '/', ':' or blank, not lo)",
		       what, name, IFNAME_LEN_MAX);
		return false;
	}
	return true;
}

/* Each entry of a mapping whose keys are names: @fn(key node, key, value). */
static void each_named(struct ctx *c, const yaml_node_t *n, const char *what,
		       void (*fn)(struct ctx *c, yaml_node_t *k, const char *key,
				  yaml_node_t *v, void *arg), void *arg)
{
	struct topo_index seen = { 0 };
	yaml_node_pair_t *p;
	size_t ignored;

	if (n->type != YAML_MAPPING_NODE) {
		err_at(c, n, "%s must be a mapping of names, not %s", what, kind_of(n));
		return;
	}
	for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
		yaml_node_t *k = node_at(c, p->key), *v = node_at(c, p->value);
		const char *key;

		if (!k || !v)
			break;
		key = scalar(c, k, "a name");
		if (!key)
			continue;
		if (topo_index_find(&seen, key, &ignored)) {
			err_at(c, k, "\"%s\" appears twice in %s", key, what);
			continue;
		}
		topo_index_add(&seen, key, 0);
		fn(c, k, key, v, arg);
	}
	topo_index_free(&seen);
}

/* A scalar or a list of scalars: @fn for each. */
static void each_value(struct ctx *c, yaml_node_t *n, const char *what,
		       void (*fn)(struct ctx *c, yaml_node_t *n, const char *s, void *arg),
		       void *arg)
{
	yaml_node_item_t *i;
	const char *s;

	if (n->type == YAML_SEQUENCE_NODE) {
		for (i = n->data.sequence.items.start; i < n->data.sequence.items.top; i++) {
			yaml_node_t *item = node_at(c, *i);

			if (!item)
				return;
			s = scalar(c, item, what);
			if (s)
				fn(c, item, s, arg);
		}
		return;
	}
	s = scalar(c, n, what);
	if (s)
		fn(c, n, s, arg);
}

static bool parse_u32(struct ctx *c, yaml_node_t *n, const char *what, uint32_t lo,
		      uint32_t hi, uint32_t *out)
{
	const char *s = scalar(c, n, what);
	unsigned long long v;

	if (!s)
		return false;
	if (!parse_uint(s, 10, lo, hi, &v)) {
		err_at(c, n, "%s \"%s\" is not a whole number from %u to %u", what, s, lo, hi);
		return false;
	}
	*out = (uint32_t)v;
	return true;
}

static bool parse_bool(struct ctx *c, yaml_node_t *n, const char *what, bool *out)
{
	static const char *const yes[] = { "true", "yes", "on", NULL };
	static const char *const no[] = { "false", "no", "off", NULL };
	const char *s = scalar(c, n, what);
	int i;

	if (!s)
		return false;
	for (i = 0; yes[i]; i++) {
		if (!strcasecmp(s, yes[i]) || !strcasecmp(s, no[i])) {
			*out = !strcasecmp(s, yes[i]);
			return true;
		}
	}
	err_at(c, n, "%s \"%s\" is not true or false", what, s);
	return false;
}

/* @words[i] or -1 (and an error) */
static int parse_word(struct ctx *c, yaml_node_t *n, const char *what,
		      const char *const *words)
{
	const char *s = scalar(c, n, what);
	char list[128] = "";
	int i;

	if (!s)
		return -1;
	for (i = 0; words[i]; i++) {
		if (!strcmp(s, words[i]))
			return i;
		snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s",
			 !i ? "" : words[i + 1] ? ", " : " or ", words[i]);
	}
	err_at(c, n, "%s \"%s\" is not %s", what, s, list);
	return -1;
}

enum prefix_rule { PREFIX_NONE, PREFIX_OPTIONAL, PREFIX_REQUIRED };

/* "ADDR" or "ADDR/LEN", IPv4 or IPv6, into @a; false after an error. */
static bool parse_addr_text(const char *s, struct topo_addr *a, enum prefix_rule rule)
{
	char buf[INET6_ADDRSTRLEN + 8], *slash;
	unsigned long long len;

	if (strlen(s) >= sizeof(buf))
		return false;
	strcpy(buf, s);
	slash = strchr(buf, '/');
	if (slash)
		*slash++ = '\0';
	memset(a->addr, 0, sizeof(a->addr));
	if (inet_pton(AF_INET, buf, a->addr) == 1)
		a->family = AF_INET;
	else if (inet_pton(AF_INET6, buf, a->addr) == 1)
		a->family = AF_INET6;
	else
		return false;
	a->prefix = -1;
	if (!slash)
		return rule != PREFIX_REQUIRED;
	if (rule == PREFIX_NONE ||
	    !parse_uint(slash, 10, 0, a->family == AF_INET ? 32 : 128, &len))
		return false;
	a->prefix = (int)len;
	return true;
}

struct addr_list {
	struct topo_addr **arr;
	size_t *n;
	enum prefix_rule rule;
	const char *what;
};

static void add_addr(struct ctx *c, yaml_node_t *n, const char *s, void *arg)
{
	struct addr_list *l = arg;
	struct topo_addr a = { .pos = pos_of(n) };
	static const char *const want[] = {
		[PREFIX_NONE] = "an IPv4 or IPv6 address, no prefix length",
		[PREFIX_OPTIONAL] = "an IPv4 or IPv6 address, with or without /LENGTH",
		[PREFIX_REQUIRED] = "an IPv4 or IPv6 address with its /LENGTH (10.0.0.1/24, fd00::1/64)",
	};

	if (!parse_addr_text(s, &a, l->rule)) {
		err_at(c, n, "%s \"%s\" is not %s", l->what, s, want[l->rule]);
		return;
	}
	*l->arr = topo_grow(*l->arr, l->n, sizeof(a));
	(*l->arr)[*l->n - 1] = a;
}

static void addrs(struct ctx *c, yaml_node_t *n, const char *what, enum prefix_rule rule,
		  struct topo_addr **arr, size_t *count)
{
	struct addr_list l = { arr, count, rule, what };

	each_value(c, n, what, add_addr, &l);
}

/* physical nodes */

static void parse_node(struct ctx *c, yaml_node_t *k, const char *key, yaml_node_t *v,
		       void *arg)
{
	static const char *const names[] = { "underlay", "dev", "mtu", "capacity", NULL };
	enum { UNDERLAY, DEV, MTU, CAPACITY };
	struct topo *t = arg;
	struct topo_node *node;
	yaml_node_t *f[4];
	char what[64];
	const char *s;

	if (!valid_name(c, k, key, "node"))
		return;
	t->nodes = topo_grow(t->nodes, &t->n_nodes, sizeof(*t->nodes));
	node = &t->nodes[t->n_nodes - 1];
	node->name = topo_strdup(key);
	node->pos = pos_of(k);
	node->mtu = 1500;
	node->capacity = 1;
	snprintf(what, sizeof(what), "node %s", key);
	if (!fields(c, v, what, names, f))
		return;
	if (required(c, v, f[UNDERLAY], what, "underlay")) {
		addrs(c, f[UNDERLAY], "underlay address", PREFIX_NONE, &node->underlay,
		      &node->n_underlay);
		if (f[UNDERLAY]->type == YAML_SEQUENCE_NODE && !node->n_underlay &&
		    f[UNDERLAY]->data.sequence.items.start == f[UNDERLAY]->data.sequence.items.top)
			err_at(c, f[UNDERLAY], "node %s: underlay lists no address", key);
	}
	if (f[DEV]) {
		s = scalar(c, f[DEV], "dev");
		if (s && valid_ifname(c, f[DEV], s, "dev"))
			node->dev = topo_strdup(s);
	}
	if (f[MTU])
		parse_u32(c, f[MTU], "mtu", 576, LINK_MTU_MAX, &node->mtu);
	if (f[CAPACITY])
		parse_u32(c, f[CAPACITY], "capacity", 1, 1000000, &node->capacity);
}

/* virtual nodes */

static void parse_iface(struct ctx *c, yaml_node_t *k, const char *key, yaml_node_t *v,
			void *arg)
{
	static const char *const names[] = { "address", "mtu", NULL };
	struct topo_vnode *vn = arg;
	struct topo_iface *i;
	yaml_node_t *f[2];

	if (!valid_ifname(c, k, key, "interface"))
		return;
	vn->ifaces = topo_grow(vn->ifaces, &vn->n_ifaces, sizeof(*vn->ifaces));
	i = &vn->ifaces[vn->n_ifaces - 1];
	i->name = topo_strdup(key);
	i->pos = pos_of(k);
	if (is_null(v))
		return;
	if (v->type != YAML_MAPPING_NODE) {
		addrs(c, v, "interface address", PREFIX_REQUIRED, &i->addrs, &i->n_addrs);
		return;
	}
	if (!fields(c, v, "an interface", names, f))
		return;
	if (f[0])
		addrs(c, f[0], "interface address", PREFIX_REQUIRED, &i->addrs, &i->n_addrs);
	if (f[1])
		parse_u32(c, f[1], "mtu", LINK_MTU_MIN, LINK_MTU_MAX, &i->mtu);
}

/* "PREFIX via GW [metric N]", "PREFIX dev IF [metric N]", "default via GW" */
static void add_route(struct ctx *c, yaml_node_t *n, const char *s, void *arg)
{
	struct topo_vnode *vn = arg;
	struct topo_route r = { .pos = pos_of(n) };
	char *copy = topo_strdup(s), *save = NULL, *w[8];
	int nw = 0, i;
	char *tok;

	for (tok = strtok_r(copy, " \t", &save); tok && nw < 8; tok = strtok_r(NULL, " \t", &save))
		w[nw++] = tok;
	if (tok || nw < 3 || nw % 2 == 0)
		goto bad;
	if (!strcmp(w[0], "default")) {
		r.dst.family = 0;	/* the gateway's family, below */
		r.dst.prefix = 0;
	} else if (!parse_addr_text(w[0], &r.dst, PREFIX_OPTIONAL)) {
		goto bad;
	} else if (r.dst.prefix < 0) {
		r.dst.prefix = r.dst.family == AF_INET ? 32 : 128;
	}
	for (i = 1; i < nw; i += 2) {
		if (!strcmp(w[i], "via") && !r.has_via) {
			if (!parse_addr_text(w[i + 1], &r.via, PREFIX_NONE))
				goto bad;
			r.has_via = true;
		} else if (!strcmp(w[i], "dev") && !r.dev) {
			struct topo_errors none = { 0 };
			struct ctx quiet = *c;

			quiet.e = &none;
			if (!valid_ifname(&quiet, n, w[i + 1], "dev")) {
				topo_errors_free(&none);
				goto bad;
			}
			r.dev = topo_strdup(w[i + 1]);
		} else if (!strcmp(w[i], "metric") && !r.metric) {
			unsigned long long metric;

			if (!parse_uint(w[i + 1], 10, 1, UINT32_MAX, &metric))
				goto bad;
			r.metric = (uint32_t)metric;
		} else {
			goto bad;
		}
	}
	if (!r.has_via && !r.dev)
		goto bad;
	if (!r.dst.family)
		r.dst.family = r.has_via ? r.via.family : AF_INET;
	if (r.has_via && r.via.family != r.dst.family) {
		err_at(c, n, "route \"%s\": the gateway is not of the prefix's family", s);
		goto out;
	}
	r.text = topo_strdup(s);
	vn->routes = topo_grow(vn->routes, &vn->n_routes, sizeof(r));
	vn->routes[vn->n_routes - 1] = r;
	free(copy);
	return;
bad:
	err_at(c, n, "route \"%s\" is not \"PREFIX via GATEWAY [dev IFNAME] [metric N]\" or \"PREFIX dev IFNAME [metric N]\"",
	       s);
out:
	free(r.dev);
	free(copy);
}

static void parse_sysctl(struct ctx *c, yaml_node_t *k, const char *key, yaml_node_t *v,
			 void *arg)
{
	struct topo_vnode *vn = arg;
	const char *val;
	struct topo_kv *kv;

	/* only the network namespace's own: the others are the node's */
	if (strncmp(key, "net.", 4) || strstr(key, "..") || strpbrk(key, "/ \t") ||
	    key[strlen(key) - 1] == '.') {
		err_at(c, k, "sysctl \"%s\" is not a net.* setting (a virtual node has only its network namespace's own)",
		       key);
		return;
	}
	val = scalar(c, v, "a sysctl value");
	if (!val)
		return;
	if (strpbrk(val, "\n")) {
		err_at(c, v, "sysctl %s: the value has a line break", key);
		return;
	}
	vn->sysctls = topo_grow(vn->sysctls, &vn->n_sysctls, sizeof(*vn->sysctls));
	kv = &vn->sysctls[vn->n_sysctls - 1];
	kv->key = topo_strdup(key);
	kv->value = topo_strdup(val);
	kv->pos = pos_of(k);
}

static void add_cmd(struct ctx *c, yaml_node_t *n, const char *s, void *arg)
{
	struct topo_vnode *vn = arg;

	(void)c;
	vn->run = topo_grow(vn->run, &vn->n_run, sizeof(*vn->run));
	vn->run[vn->n_run - 1].line = topo_strdup(s);
	vn->run[vn->n_run - 1].pos = pos_of(n);
}

static void parse_vnode(struct ctx *c, yaml_node_t *k, const char *key, yaml_node_t *v,
			void *arg)
{
	static const char *const names[] = {
		"node", "loopback", "interfaces", "routes", "sysctl", "run", NULL
	};
	enum { NODE, LOOPBACK, IFACES, ROUTES, SYSCTL, RUN };
	struct topo_slice *sl = arg;
	struct topo_vnode *vn;
	yaml_node_t *f[6];
	char what[80];
	const char *s;

	if (!valid_name(c, k, key, "virtual node"))
		return;
	sl->vnodes = topo_grow(sl->vnodes, &sl->n_vnodes, sizeof(*sl->vnodes));
	vn = &sl->vnodes[sl->n_vnodes - 1];
	vn->name = topo_strdup(key);
	vn->pos = pos_of(k);
	vn->node = -1;
	snprintf(what, sizeof(what), "virtual node %s", key);
	if (is_null(v))
		return;
	if (!fields(c, v, what, names, f))
		return;
	if (f[NODE]) {
		s = scalar(c, f[NODE], "node");
		if (s)
			vn->node_name = topo_strdup(s);
	}
	if (f[LOOPBACK])
		addrs(c, f[LOOPBACK], "loopback address", PREFIX_OPTIONAL, &vn->loopback,
		      &vn->n_loopback);
	if (f[IFACES])
		each_named(c, f[IFACES], "interfaces", parse_iface, vn);
	if (f[ROUTES])
		each_value(c, f[ROUTES], "a route", add_route, vn);
	if (f[SYSCTL])
		each_named(c, f[SYSCTL], "sysctl", parse_sysctl, vn);
	if (f[RUN])
		each_value(c, f[RUN], "a command", add_cmd, vn);
}

/* links and LANs */

static const char *const encaps[] = { "gre", "udp", NULL };
static const char *const families[] = { "ipv4", "ipv6", NULL };

static void parse_end(struct ctx *c, yaml_node_t *n, const char *s, struct topo_end *end)
{
	const char *colon = strchr(s, ':');

	end->pos = pos_of(n);
	end->vnode = end->iface = -1;
	if (!colon || colon == s || !colon[1]) {
		err_at(c, n, "end \"%s\" is not VNODE:IFNAME", s);
		return;
	}
	end->vnode_name = topo_must(strndup(s, (size_t)(colon - s)));
	if (valid_ifname(c, n, colon + 1, "end's interface"))
		end->ifname = topo_strdup(colon + 1);
}

struct end_list {
	struct topo_end **arr;
	size_t *n;
};

static void add_end(struct ctx *c, yaml_node_t *n, const char *s, void *arg)
{
	struct end_list *l = arg;

	*l->arr = topo_grow(*l->arr, l->n, sizeof(**l->arr));
	parse_end(c, n, s, &(*l->arr)[*l->n - 1]);
}

static const char *const shape_words[] = {
	"rate", "burst", "delay", "jitter", "loss", "corrupt", "duplicate", "reorder",
	"limit", NULL
};

struct shape_arg {
	struct topo_link *l;
	const char *what;
};

static void parse_shape(struct ctx *c, yaml_node_t *k, const char *key, yaml_node_t *v,
			void *arg)
{
	struct shape_arg *a = arg;
	struct topo_shape *sh = NULL;
	yaml_node_t *f[10];
	int i;

	for (i = 0; i < 2; i++) {
		if (a->l->end[i].vnode_name && !strcmp(a->l->end[i].vnode_name, key))
			sh = &a->l->shape[i];
	}
	if (!sh) {
		err_at(c, k, "%s: shape \"%s\" is not one of its ends' virtual nodes", a->what, key);
		return;
	}
	sh->pos = pos_of(k);
	if (!fields(c, v, "a shape", shape_words, f))
		return;
	for (i = 0; shape_words[i]; i++) {
		const char *s;

		if (!f[i])
			continue;
		s = scalar(c, f[i], shape_words[i]);
		if (!s)
			continue;
		sh->words = topo_grow(sh->words, &sh->n_words, sizeof(char *));
		sh->words[sh->n_words - 1] = topo_strdup(shape_words[i]);
		sh->words = topo_grow(sh->words, &sh->n_words, sizeof(char *));
		sh->words[sh->n_words - 1] = topo_strdup(s);
	}
}

static void parse_link(struct ctx *c, yaml_node_t *k, const char *key, yaml_node_t *v,
		       void *arg)
{
	static const char *const names[] = {
		"ends", "encap", "key", "csum", "seq", "mtu", "state", "shape", "underlay", NULL
	};
	enum { ENDS, ENCAP, KEY, CSUM, SEQ, MTU, STATE, SHAPE, UNDERLAY };
	static const char *const states[] = { "up", "down", NULL };
	struct topo_slice *sl = arg;
	struct topo_end *ends = NULL;
	size_t n_ends = 0;
	struct end_list el = { &ends, &n_ends };
	struct shape_arg sa;
	struct topo_link *l;
	yaml_node_t *f[9];
	char what[80];
	int w;

	if (!valid_name(c, k, key, "link"))
		return;
	sl->links = topo_grow(sl->links, &sl->n_links, sizeof(*sl->links));
	l = &sl->links[sl->n_links - 1];
	l->name = topo_strdup(key);
	l->pos = pos_of(k);
	l->up = true;
	l->end[0].vnode = l->end[1].vnode = l->end[0].iface = l->end[1].iface = -1;
	snprintf(what, sizeof(what), "link %s", key);
	if (!fields(c, v, what, names, f))
		return;
	if (required(c, v, f[ENDS], what, "ends")) {
		if (f[ENDS]->type != YAML_SEQUENCE_NODE) {
			err_at(c, f[ENDS], "%s: ends must be a list of two VNODE:IFNAME", what);
		} else {
			each_value(c, f[ENDS], "an end", add_end, &el);
			if (f[ENDS]->data.sequence.items.top -
			    f[ENDS]->data.sequence.items.start != 2)
				err_at(c, f[ENDS], "%s: a link has two ends (a LAN, under lans, has more)",
				       what);
			for (size_t i = 0; i < n_ends && i < 2; i++)
				l->end[i] = ends[i];
			for (size_t i = 2; i < n_ends; i++) {
				free(ends[i].vnode_name);
				free(ends[i].ifname);
			}
			free(ends);
		}
	}
	if (f[ENCAP]) {
		w = parse_word(c, f[ENCAP], "encap", encaps);
		l->encap = w < 0 ? TOPO_ENCAP_GRE : (enum topo_encap)w;
	}
	if (f[KEY]) {
		l->key_given = parse_u32(c, f[KEY], "key", 1, UINT32_MAX, &l->key);
		l->key_pos = pos_of(f[KEY]);
	}
	if (f[CSUM])
		parse_bool(c, f[CSUM], "csum", &l->csum);
	if (f[SEQ])
		parse_bool(c, f[SEQ], "seq", &l->seq);
	if (f[MTU]) {
		parse_u32(c, f[MTU], "mtu", LINK_MTU_MIN, LINK_MTU_MAX, &l->mtu);
		l->mtu_pos = pos_of(f[MTU]);
	}
	if (f[STATE])
		l->up = parse_word(c, f[STATE], "state", states) != 1;
	if (f[UNDERLAY]) {
		w = parse_word(c, f[UNDERLAY], "underlay", families);
		l->family = w == 1 ? AF_INET6 : w == 0 ? AF_INET : 0;
	}
	if (f[SHAPE]) {
		sa.l = l;
		sa.what = what;
		each_named(c, f[SHAPE], "shape", parse_shape, &sa);
	}
}

static void parse_lan(struct ctx *c, yaml_node_t *k, const char *key, yaml_node_t *v,
		      void *arg)
{
	static const char *const names[] = { "ends", "encap", "mtu", "underlay", NULL };
	enum { ENDS, ENCAP, MTU, UNDERLAY };
	struct topo_slice *sl = arg;
	struct topo_lan *lan;
	struct end_list el;
	yaml_node_t *f[4];
	char what[80];
	int w;

	if (!valid_name(c, k, key, "LAN"))
		return;
	sl->lans = topo_grow(sl->lans, &sl->n_lans, sizeof(*sl->lans));
	lan = &sl->lans[sl->n_lans - 1];
	lan->name = topo_strdup(key);
	lan->pos = pos_of(k);
	snprintf(what, sizeof(what), "LAN %s", key);
	if (!fields(c, v, what, names, f))
		return;
	if (required(c, v, f[ENDS], what, "ends")) {
		el.arr = &lan->ends;
		el.n = &lan->n_ends;
		if (f[ENDS]->type != YAML_SEQUENCE_NODE)
			err_at(c, f[ENDS], "%s: ends must be a list of VNODE:IFNAME", what);
		else
			each_value(c, f[ENDS], "an end", add_end, &el);
		if (f[ENDS]->type == YAML_SEQUENCE_NODE &&
		    f[ENDS]->data.sequence.items.top - f[ENDS]->data.sequence.items.start < 2)
			err_at(c, f[ENDS], "%s: a LAN has two or more ends", what);
	}
	if (f[ENCAP]) {
		w = parse_word(c, f[ENCAP], "encap", encaps);
		lan->encap = w < 0 ? TOPO_ENCAP_GRE : (enum topo_encap)w;
	}
	if (f[MTU]) {
		parse_u32(c, f[MTU], "mtu", LINK_MTU_MIN, LINK_MTU_MAX, &lan->mtu);
		lan->mtu_pos = pos_of(f[MTU]);
	}
	if (f[UNDERLAY]) {
		w = parse_word(c, f[UNDERLAY], "underlay", families);
		lan->family = w == 1 ? AF_INET6 : w == 0 ? AF_INET : 0;
	}
}

static void parse_slice(struct ctx *c, yaml_node_t *k, const char *key, yaml_node_t *v,
			void *arg)
{
	static const char *const names[] = { "admin", "vnodes", "links", "lans", NULL };
	enum { ADMIN, VNODES, LINKS, LANS };
	struct topo *t = arg;
	struct topo_slice *sl;
	yaml_node_t *f[4];
	char what[64];
	const char *s;

	if (!valid_name(c, k, key, "slice"))
		return;
	t->slices = topo_grow(t->slices, &t->n_slices, sizeof(*t->slices));
	sl = &t->slices[t->n_slices - 1];
	sl->name = topo_strdup(key);
	sl->pos = pos_of(k);
	snprintf(what, sizeof(what), "slice %s", key);
	if (!fields(c, v, what, names, f))
		return;
	if (f[ADMIN]) {
		s = scalar(c, f[ADMIN], "admin");
		if (s)
			sl->admin = topo_strdup(s);
	}
	if (required(c, v, f[VNODES], what, "vnodes"))
		each_named(c, f[VNODES], "vnodes", parse_vnode, sl);
	if (f[LINKS])
		each_named(c, f[LINKS], "links", parse_link, sl);
	if (f[LANS])
		each_named(c, f[LANS], "lans", parse_lan, sl);
}

static void parse_top(struct ctx *c, yaml_node_t *root, struct topo *t)
{
	static const char *const names[] = { "name", "nodes", "placement", "slices", NULL };
	enum { NAME, NODES, PLACEMENT, SLICES };
	static const char *const placements[] = { "round-robin", "weighted", NULL };
	yaml_node_t *f[4];
	const char *s;
	int w;

	if (!fields(c, root, "the file", names, f))
		return;
	if (required(c, root, f[NAME], "the file", "name")) {
		s = scalar(c, f[NAME], "name");
		if (s && valid_name(c, f[NAME], s, "the topology's")) {
			t->name = topo_strdup(s);
			t->name_pos = pos_of(f[NAME]);
		}
	}
	if (required(c, root, f[NODES], "the file", "nodes"))
		each_named(c, f[NODES], "nodes", parse_node, t);
	if (f[PLACEMENT]) {
		w = parse_word(c, f[PLACEMENT], "placement", placements);
		t->placement = w == 1 ? TOPO_WEIGHTED : TOPO_ROUND_ROBIN;
	}
	if (required(c, root, f[SLICES], "the file", "slices"))
		each_named(c, f[SLICES], "slices", parse_slice, t);
}

static int parse(yaml_parser_t *p, const char *file, struct topo *t, struct topo_errors *e)
{
	struct ctx c = { .file = file, .e = e };
	size_t before = e->n;
	yaml_node_t *root;

	memset(t, 0, sizeof(*t));
	t->file = topo_strdup(file);
	if (!yaml_parser_load(p, &c.doc)) {
		topo_error(e, file, (struct topo_pos){ (int)p->problem_mark.line + 1,
						      (int)p->problem_mark.column + 1 },
			   "YAML: %s%s%s", p->problem ? p->problem : "cannot be read",
			   p->context ? " " : "", p->context ? p->context : "");
		return -EINVAL;
	}
	root = yaml_document_get_root_node(&c.doc);
	if (!root)
		topo_error(e, file, (struct topo_pos){ 1, 1 }, "the file is empty");
	else
		parse_top(&c, root, t);
	yaml_document_delete(&c.doc);
	return e->n > before ? -EINVAL : 0;
}

int topo_parse(FILE *f, const char *file, struct topo *t, struct topo_errors *e)
{
	yaml_parser_t p;
	int err;

	if (!yaml_parser_initialize(&p))
		return -ENOMEM;
	yaml_parser_set_input_file(&p, f);
	err = parse(&p, file, t, e);
	yaml_parser_delete(&p);
	return err;
}

int topo_parse_bytes(const char *buf, size_t len, const char *file, struct topo *t,
		     struct topo_errors *e)
{
	yaml_parser_t p;
	int err;

	if (!yaml_parser_initialize(&p))
		return -ENOMEM;
	yaml_parser_set_input_string(&p, (const unsigned char *)buf, len);
	err = parse(&p, file, t, e);
	yaml_parser_delete(&p);
	return err;
}

int topo_parse_string(const char *yaml, const char *file, struct topo *t,
		      struct topo_errors *e)
{
	return topo_parse_bytes(yaml, strlen(yaml), file, t, e);
}
