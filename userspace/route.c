// SPDX-License-Identifier: GPL-2.0
/*
 * egrectl route: a slice's FIB, IPv4 and IPv6, over rtnetlink (libnl-route).
 *
 *   egrectl route add|replace PREFIX [via GW] [dev IF] [metric M] [table T]
 *   egrectl route del PREFIX [via GW] [dev IF] [metric M] [table T]
 *   egrectl route show [-4|-6] [PREFIX] [table T|all] [-j]
 *
 * Everything the kernel would refuse for a reason we can see (a malformed
 * word, a device that is not there, a gateway of the other family) is
 * refused before anything is sent, so a failed command changes nothing.
 * Run it in a slice with "egrectl -s SLICE route ..." or ip netns exec.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/rtnetlink.h>
#include <netlink/route/route.h>
#include <netlink/route/nexthop.h>

#include "egrectl.h"
#include "output.h"
#include "rtnl.h"
#include "util.h"

/* Table 0 is "unspecified" to the kernel: show uses it for "all tables". */
#define TABLE_ALL 0

static void route_usage(FILE *f)
{
	fprintf(f,
		"Usage: egrectl route add PREFIX [via GW] [dev IF] [metric M] [table T]\n"
		"       egrectl route replace PREFIX [via GW] [dev IF] [metric M] [table T]\n"
		"       egrectl route del PREFIX [via GW] [dev IF] [metric M] [table T]\n"
		"       egrectl route show [-4|-6] [PREFIX] [table T|all] [-j]\n"
		"\n"
		"PREFIX  ADDR/LEN, ADDR (a host route) or \"default\": IPv4 or IPv6, and\n"
		"        the route's family (\"default\" takes GW's, else IPv4 unless -6)\n"
		"via GW  next hop, of PREFIX's family; add needs via or dev (or both)\n"
		"dev IF  outgoing device\n"
		"metric M  0..4294967295 (also: priority, preference)\n"
		"table T   1..4294967295, main (default), local or default\n"
		"\n"
		"add refuses a route that exists (same prefix, metric and table);\n"
		"replace adds or changes it. del removes the first route that matches\n"
		"every given word. show lists table main, IPv4 and IPv6 both unless\n"
		"-4 or -6 or PREFIX says which; PREFIX shows only routes to exactly it.\n"
		"Inside a slice: egrectl -s SLICE route ...\n");
}

/* What the command line asked for. */
struct route_req {
	const char *verb;		/* "add", "del", ... for messages */
	const char *prefix_arg;		/* as typed, for messages */
	const char *gw_arg;
	const char *dev_arg;
	int family;			/* AF_INET, AF_INET6 or AF_UNSPEC (not yet known) */
	bool has_prefix, has_gw, has_metric, has_table, default_route;
	unsigned char dst[16], gw[16];
	unsigned int dst_len;
	unsigned int ifindex;
	uint32_t metric;
	uint32_t table;			/* TABLE_ALL: show every table */
};

static unsigned int addr_len(int family)
{
	return family == AF_INET6 ? 16 : 4;
}

static const char *family_name(int family)
{
	return family == AF_INET6 ? "IPv6" : "IPv4";
}

/* Parses ADDR of either family into @buf; returns the family or 0. */
static int parse_addr(const char *s, unsigned char *buf)
{
	if (inet_pton(AF_INET, s, buf) == 1)
		return AF_INET;
	if (inet_pton(AF_INET6, s, buf) == 1)
		return AF_INET6;
	return 0;
}

static bool parse_u32(const char *s, uint32_t *v)
{
	unsigned long long n;
	char *end;

	if (*s < '0' || *s > '9')
		return false;	/* strtoull would take "-1" and " 1" */
	errno = 0;
	n = strtoull(s, &end, 10);
	if (errno || *end || n > UINT32_MAX)
		return false;
	*v = (uint32_t)n;
	return true;
}

static int parse_prefix(struct route_req *q, const char *s)
{
	char addr[INET6_ADDRSTRLEN + 8];
	const char *slash = strchr(s, '/');
	unsigned int max, bits;
	uint32_t len;

	q->prefix_arg = s;
	q->has_prefix = true;
	if (!strcmp(s, "default")) {
		q->default_route = true;
		q->dst_len = 0;
		memset(q->dst, 0, sizeof(q->dst));
		return 0;
	}
	if ((slash ? (size_t)(slash - s) : strlen(s)) >= sizeof(addr))
		goto bad;
	snprintf(addr, sizeof(addr), "%.*s", slash ? (int)(slash - s) : (int)strlen(s), s);
	q->family = parse_addr(addr, q->dst);
	if (!q->family)
		goto bad;
	max = addr_len(q->family) * 8;
	if (slash && (!parse_u32(slash + 1, &len) || len > max))
		goto bad;
	q->dst_len = slash ? len : max;
	/* the kernel takes host bits silently for IPv6 and refuses them for IPv4 */
	for (bits = q->dst_len; bits < max; bits++) {
		if (q->dst[bits / 8] & (0x80 >> (bits % 8))) {
			err_msg("route %s: bad prefix \"%s\": host bits are set", q->verb, s);
			return EXIT_USAGE;
		}
	}
	return 0;
bad:
	err_msg("route %s: bad prefix \"%s\" (want ADDR/LEN, ADDR or default)", q->verb, s);
	return EXIT_USAGE;
}

static int parse_table(struct route_req *q, const char *s, bool all_ok)
{
	q->has_table = true;
	if (!strcmp(s, "main"))
		q->table = RT_TABLE_MAIN;
	else if (!strcmp(s, "local"))
		q->table = RT_TABLE_LOCAL;
	else if (!strcmp(s, "default"))
		q->table = RT_TABLE_DEFAULT;
	else if (all_ok && !strcmp(s, "all"))
		q->table = TABLE_ALL;
	else if (!parse_u32(s, &q->table) || q->table == 0) {
		err_msg("route %s: bad table \"%s\" (want 1..%u, main, local or default)",
			q->verb, s, UINT32_MAX);
		return EXIT_USAGE;
	}
	return 0;
}

/* One word of a route: returns 0, -1 if @word is not a route keyword, or an exit code. */
static int parse_keyword(struct route_req *q, const char *word, const char *val)
{
	static const char *const keywords[] = {
		"via", "dev", "metric", "priority", "preference", "table",
	};
	bool known = false;

	for (size_t i = 0; i < sizeof(keywords) / sizeof(keywords[0]); i++)
		known |= !strcmp(word, keywords[i]);
	if (!known)
		return -1;
	if (!val) {
		err_msg("route %s: \"%s\" needs a value", q->verb, word);
		return EXIT_USAGE;
	}
	if (!strcmp(word, "via")) {
		if (q->has_gw)
			goto twice;
		q->gw_arg = val;
		q->has_gw = true;
		return 0;
	}
	if (!strcmp(word, "dev")) {
		if (q->dev_arg)
			goto twice;
		q->dev_arg = val;
		return 0;
	}
	if (!strcmp(word, "table")) {
		if (q->has_table)
			goto twice;
		return parse_table(q, val, false);
	}
	if (q->has_metric)
		goto twice;
	if (!parse_u32(val, &q->metric)) {
		err_msg("route %s: bad metric \"%s\" (want 0..%u)", q->verb, val, UINT32_MAX);
		return EXIT_USAGE;
	}
	q->has_metric = true;
	return 0;
twice:
	err_msg("route %s: \"%s\" given twice", q->verb, word);
	return EXIT_USAGE;
}

/* The family flags -4 / -6; true (and *family set) when @arg is one. */
static bool family_arg(const char *arg, int *family)
{
	if (!strcmp(arg, "-4") || !strcmp(arg, "-inet")) {
		*family = AF_INET;
		return true;
	}
	if (!strcmp(arg, "-6") || !strcmp(arg, "-inet6")) {
		*family = AF_INET6;
		return true;
	}
	return false;
}

static int unknown_arg(const struct route_req *q, const char *arg)
{
	err_msg("route %s: unknown argument \"%s\" (see: egrectl help route)", q->verb, arg);
	return EXIT_USAGE;
}

/*
 * Parses the words after add/del/replace and checks them against each
 * other and against this namespace's devices. Returns 0 or an exit code
 * (its one line printed).
 */
static int parse_change(struct route_req *q, int argc, char **argv)
{
	int flag_family = AF_UNSPEC, gw_family;
	int err;

	for (int i = 0; i < argc; i++) {
		const char *val = i + 1 < argc ? argv[i + 1] : NULL;

		if (family_arg(argv[i], &flag_family))
			continue;
		err = parse_keyword(q, argv[i], val);
		if (err == 0) {
			i++;
			continue;
		}
		if (err > 0)
			return err;
		if (!strcmp(argv[i], "to") && val)
			i++;	/* iproute2's optional "to" */
		else if (argv[i][0] == '-')
			return unknown_arg(q, argv[i]);
		if (q->has_prefix)
			return unknown_arg(q, argv[i]);
		err = parse_prefix(q, argv[i]);
		if (err)
			return err;
	}
	if (!q->has_prefix) {
		err_msg("route %s: a PREFIX is needed (ADDR/LEN, ADDR or default)", q->verb);
		return EXIT_USAGE;
	}
	if (q->has_gw) {
		gw_family = parse_addr(q->gw_arg, q->gw);
		if (!gw_family) {
			err_msg("route %s: bad gateway \"%s\"", q->verb, q->gw_arg);
			return EXIT_USAGE;
		}
		if (q->default_route && !q->family)
			q->family = gw_family;
		if (gw_family != q->family) {
			err_msg("route %s: gateway %s is %s but prefix %s is %s", q->verb,
				q->gw_arg, family_name(gw_family), q->prefix_arg,
				family_name(q->family));
			return EXIT_USAGE;
		}
	}
	if (q->default_route && !q->family)
		q->family = flag_family ? flag_family : AF_INET;
	if (flag_family && flag_family != q->family) {
		err_msg("route %s: prefix %s is not %s", q->verb, q->prefix_arg,
			family_name(flag_family));
		return EXIT_USAGE;
	}
	if (q->dev_arg) {
		q->ifindex = strlen(q->dev_arg) < IFNAMSIZ ? if_nametoindex(q->dev_arg) : 0;
		if (!q->ifindex) {
			err_msg("route %s %s: no such device \"%s\"", q->verb, q->prefix_arg,
				q->dev_arg);
			return EXIT_RUNTIME;
		}
	}
	if (!q->has_table)
		q->table = RT_TABLE_MAIN;
	return 0;
}

static void table_name(uint32_t table, char *buf, size_t len)
{
	if (table == RT_TABLE_MAIN)
		snprintf(buf, len, "main");
	else if (table == RT_TABLE_LOCAL)
		snprintf(buf, len, "local");
	else if (table == RT_TABLE_DEFAULT)
		snprintf(buf, len, "default");
	else
		snprintf(buf, len, "%u", table);
}

/*
 * Protocol names as iproute2 prints them: libnl knows only a few of them
 * without /etc/iproute2 (a slice's daemons: bird is 12, not "0xc").
 */
static void protocol_name(unsigned int proto, char *buf, size_t len)
{
	static const struct {
		unsigned int proto;
		const char *name;
	} names[] = {
		{ RTPROT_UNSPEC, "unspec" }, { RTPROT_REDIRECT, "redirect" },
		{ RTPROT_KERNEL, "kernel" }, { RTPROT_BOOT, "boot" },
		{ RTPROT_STATIC, "static" }, { RTPROT_GATED, "gated" },
		{ RTPROT_RA, "ra" }, { RTPROT_MRT, "mrt" }, { RTPROT_ZEBRA, "zebra" },
		{ RTPROT_BIRD, "bird" }, { RTPROT_DNROUTED, "dnrouted" },
		{ RTPROT_XORP, "xorp" }, { RTPROT_NTK, "ntk" }, { RTPROT_DHCP, "dhcp" },
		{ RTPROT_MROUTED, "mrouted" }, { RTPROT_KEEPALIVED, "keepalived" },
		{ RTPROT_BABEL, "babel" }, { RTPROT_OPENR, "openr" },
		{ RTPROT_BGP, "bgp" }, { RTPROT_ISIS, "isis" }, { RTPROT_OSPF, "ospf" },
		{ RTPROT_RIP, "rip" }, { RTPROT_EIGRP, "eigrp" },
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (names[i].proto == proto) {
			snprintf(buf, len, "%s", names[i].name);
			return;
		}
	}
	snprintf(buf, len, "%u", proto);
}

/* The kernel's refusal as one line: what it means here, and its own words. */
static int route_fail(const struct rtnl *r, const struct route_req *q, int err)
{
	char what[96], table[16];
	const char *kernel = r->errmsg[0] ? r->errmsg : strerror(-err);

	table_name(q->table, table, sizeof(table));
	snprintf(what, sizeof(what), "route %s %s", q->verb, q->prefix_arg);
	switch (err) {
	case -ENETUNREACH:
	case -EHOSTUNREACH:
		if (q->has_gw) {
			err_msg("%s: gateway %s is not reachable (kernel: %s)", what, q->gw_arg,
				kernel);
			return EXIT_RUNTIME;
		}
		break;
	case -EEXIST:
		err_msg("%s: the route exists in table %s (replace changes it)", what, table);
		return EXIT_RUNTIME;
	case -ESRCH:
		err_msg("%s: no such route in table %s", what, table);
		return EXIT_RUNTIME;
	case -ENODEV:
		err_msg("%s: no such device \"%s\" (kernel: %s)", what,
			q->dev_arg ? q->dev_arg : "", kernel);
		return EXIT_RUNTIME;
	case -EPERM:
		err_msg("%s: permission denied (needs CAP_NET_ADMIN in this network namespace)",
			what);
		return EXIT_RUNTIME;
	}
	err_msg("%s: %s", what, kernel);
	return EXIT_RUNTIME;
}

/* The request as a libnl route object; NULL when out of memory. */
static struct rtnl_route *route_build(const struct route_req *q)
{
	struct rtnl_route *route = rtnl_route_alloc();
	struct rtnl_nexthop *nh = NULL;
	struct nl_addr *dst = NULL, *gw = NULL;

	if (!route)
		return NULL;
	dst = nl_addr_build(q->family, q->dst, addr_len(q->family));
	if (!dst || rtnl_route_set_family(route, q->family) < 0)
		goto err;
	nl_addr_set_prefixlen(dst, q->dst_len);
	if (rtnl_route_set_dst(route, dst) < 0)
		goto err;
	rtnl_route_set_table(route, q->table);
	rtnl_route_set_priority(route, q->has_metric ? q->metric : 0);
	if (q->has_gw || q->ifindex) {
		nh = rtnl_route_nh_alloc();
		if (!nh)
			goto err;
		if (q->has_gw) {
			gw = nl_addr_build(q->family, q->gw, addr_len(q->family));
			if (!gw)
				goto err;
			rtnl_route_nh_set_gateway(nh, gw);
		}
		if (q->ifindex)
			rtnl_route_nh_set_ifindex(nh, (int)q->ifindex);
		rtnl_route_add_nexthop(route, nh);
		nh = NULL;	/* the route owns it now */
	}
	nl_addr_put(gw);
	nl_addr_put(dst);
	return route;
err:
	if (nh)
		rtnl_route_nh_free(nh);
	nl_addr_put(gw);
	nl_addr_put(dst);
	rtnl_route_put(route);
	return NULL;
}

enum route_change { ROUTE_ADD, ROUTE_REPLACE, ROUTE_DEL };

static int route_change(enum route_change how, int argc, char **argv)
{
	static const char *const verbs[] = { "add", "replace", "del" };
	struct route_req q = { .verb = verbs[how] };
	struct rtnl_route *route;
	struct nl_msg *msg = NULL;
	struct rtnl r;
	int err;

	err = parse_change(&q, argc, argv);
	if (err)
		return err;
	if (how != ROUTE_DEL && !q.has_gw && !q.ifindex) {
		err_msg("route %s %s: needs via GW or dev IF", q.verb, q.prefix_arg);
		return EXIT_USAGE;
	}
	route = route_build(&q);
	if (!route) {
		err_msg("route %s: out of memory", q.verb);
		return EXIT_RUNTIME;
	}
	if (how == ROUTE_DEL) {
		/* match any protocol and type: the kernel compares those that are set */
		rtnl_route_set_protocol(route, 0);
		rtnl_route_set_type(route, RTN_UNSPEC);
		err = rtnl_route_build_del_request(route, 0, &msg);
	} else {
		err = rtnl_route_build_add_request(route,
						   how == ROUTE_ADD ? NLM_F_EXCL : NLM_F_REPLACE,
						   &msg);
	}
	rtnl_route_put(route);
	if (err < 0 || !msg) {
		err_msg("route %s: out of memory", q.verb);
		return EXIT_RUNTIME;
	}
	if (how == ROUTE_DEL) {
		/* libnl guesses a scope; the kernel must match any */
		struct rtmsg *rtm = nlmsg_data(nlmsg_hdr(msg));

		rtm->rtm_scope = RT_SCOPE_NOWHERE;
	}
	err = rtnl_open(&r);
	if (err) {
		nlmsg_free(msg);
		err_msg("route %s: cannot open rtnetlink: %s", q.verb, strerror(-err));
		return EXIT_RUNTIME;
	}
	err = rtnl_talk(&r, msg, NULL, NULL);
	rtnl_close(&r);
	return err ? route_fail(&r, &q, err) : 0;
}

/* The routes a dump brought back that the filter lets through. */
struct route_list {
	const struct route_req *filter;
	struct rtnl_route **routes;
	size_t n;
	bool nomem;
};

static bool route_wanted(struct rtnl_route *route, const struct route_req *f)
{
	int family = rtnl_route_get_family(route);
	struct nl_addr *dst = rtnl_route_get_dst(route);

	if (family != AF_INET && family != AF_INET6)
		return false;
	if (rtnl_route_get_flags(route) & RTM_F_CLONED)
		return false;	/* an IPv6 cache entry, not a FIB entry */
	if (f->family && family != f->family)
		return false;
	if (f->table != TABLE_ALL && rtnl_route_get_table(route) != f->table)
		return false;
	if (f->has_prefix) {
		if (nl_addr_get_prefixlen(dst) != f->dst_len)
			return false;
		if (f->dst_len && (nl_addr_get_len(dst) != addr_len(family) ||
				   memcmp(nl_addr_get_binary_addr(dst), f->dst, addr_len(family))))
			return false;
	}
	return true;
}

static int route_dump_cb(struct nl_msg *msg, void *arg)
{
	struct route_list *list = arg;
	struct rtnl_route *route, **grown;

	if (nlmsg_hdr(msg)->nlmsg_type != RTM_NEWROUTE ||
	    rtnl_route_parse(nlmsg_hdr(msg), &route) < 0)
		return NL_SKIP;
	if (!route_wanted(route, list->filter)) {
		rtnl_route_put(route);
		return NL_OK;
	}
	grown = realloc(list->routes, (list->n + 1) * sizeof(*grown));
	if (!grown) {
		rtnl_route_put(route);
		list->nomem = true;
		return NL_OK;	/* read to the end: the socket stays usable */
	}
	list->routes = grown;
	list->routes[list->n++] = route;
	return NL_OK;
}

/* An address as iproute2 prints it: ADDR/LEN, ADDR for a host, "default". */
static void addr_text(struct nl_addr *a, int family, char *buf, size_t len)
{
	unsigned int plen = nl_addr_get_prefixlen(a);
	unsigned char zero[16] = { 0 };
	char text[INET6_ADDRSTRLEN];
	const void *bin = nl_addr_get_len(a) == addr_len(family) ?
			  nl_addr_get_binary_addr(a) : zero;

	if (plen == 0) {
		snprintf(buf, len, "default");
		return;
	}
	inet_ntop(family, bin, text, sizeof(text));
	if (plen == addr_len(family) * 8)
		snprintf(buf, len, "%s", text);
	else
		snprintf(buf, len, "%s/%u", text, plen);
}

static void nexthop_print(struct rtnl_nexthop *nh, int family, bool weight)
{
	struct nl_addr *gw = rtnl_route_nh_get_gateway(nh);
	char buf[IF_NAMESIZE + INET6_ADDRSTRLEN];
	int ifindex = rtnl_route_nh_get_ifindex(nh);

	if (gw) {
		addr_text(gw, family, buf, sizeof(buf));
		out_string("gateway", buf);
	}
	if (ifindex > 0) {
		if (!if_indextoname((unsigned int)ifindex, buf))
			snprintf(buf, sizeof(buf), "if%d", ifindex);
		out_string("dev", buf);
	}
	if (weight)
		out_u64("weight", rtnl_route_nh_get_weight(nh) + 1u);
}

static void route_print(struct rtnl_route *route)
{
	int family = rtnl_route_get_family(route);
	int nhs = rtnl_route_get_nnexthops(route);
	char buf[64];

	out_object_begin(NULL);
	addr_text(rtnl_route_get_dst(route), family, buf, sizeof(buf));
	out_string("dst", buf);
	out_string("family", family == AF_INET6 ? "inet6" : "inet");
	table_name(rtnl_route_get_table(route), buf, sizeof(buf));
	out_string("table", buf);
	out_string("type", nl_rtntype2str(rtnl_route_get_type(route), buf, sizeof(buf)));
	protocol_name(rtnl_route_get_protocol(route), buf, sizeof(buf));
	out_string("protocol", buf);
	out_string("scope", rtnl_scope2str(rtnl_route_get_scope(route), buf, sizeof(buf)));
	out_u64("metric", rtnl_route_get_priority(route));
	if (rtnl_route_get_pref_src(route)) {
		addr_text(rtnl_route_get_pref_src(route), family, buf, sizeof(buf));
		out_string("prefsrc", buf);
	}
	if (nhs == 1) {
		nexthop_print(rtnl_route_nexthop_n(route, 0), family, false);
	} else if (nhs > 1) {
		/* JSON: a "nexthops" list; text: one indented "nexthop:" block each */
		if (egrectl_opts.json)
			out_array_begin("nexthops");
		for (int i = 0; i < nhs; i++) {
			out_object_begin(egrectl_opts.json ? NULL : "nexthop");
			nexthop_print(rtnl_route_nexthop_n(route, i), family, true);
			out_object_end();
		}
		if (egrectl_opts.json)
			out_array_end();
	}
	out_object_end();
}

static int route_show(int argc, char **argv)
{
	struct route_req q = { .verb = "show", .table = RT_TABLE_MAIN };
	struct rtmsg rtm = { .rtm_family = AF_UNSPEC };
	struct route_list list = { .filter = &q };
	int flag_family = AF_UNSPEC;
	struct nl_msg *msg;
	struct rtnl r;
	int err;

	for (int i = 0; i < argc; i++) {
		if (egrectl_json_arg(argv[i]) || family_arg(argv[i], &flag_family))
			continue;
		if (!strcmp(argv[i], "table")) {
			if (i + 1 == argc) {
				err_msg("route show: \"table\" needs a value");
				return EXIT_USAGE;
			}
			err = parse_table(&q, argv[++i], true);
			if (err)
				return err;
			continue;
		}
		if (!strcmp(argv[i], "to") && i + 1 < argc)
			i++;
		else if (argv[i][0] == '-')
			return unknown_arg(&q, argv[i]);
		if (q.has_prefix)
			return unknown_arg(&q, argv[i]);
		err = parse_prefix(&q, argv[i]);
		if (err)
			return err;
	}
	if (flag_family && q.family && flag_family != q.family) {
		err_msg("route show: prefix %s is not %s", q.prefix_arg, family_name(flag_family));
		return EXIT_USAGE;
	}
	if (!q.family)
		q.family = flag_family;	/* also "default": of either family unless -4/-6 */

	msg = nlmsg_alloc_simple(RTM_GETROUTE, NLM_F_DUMP);
	if (!msg || nlmsg_append(msg, &rtm, sizeof(rtm), NLMSG_ALIGNTO) < 0) {
		nlmsg_free(msg);
		err_msg("route show: out of memory");
		return EXIT_RUNTIME;
	}
	err = rtnl_open(&r);
	if (err) {
		nlmsg_free(msg);
		err_msg("route show: cannot open rtnetlink: %s", strerror(-err));
		return EXIT_RUNTIME;
	}
	err = rtnl_talk(&r, msg, route_dump_cb, &list);
	rtnl_close(&r);
	if (!err && list.nomem)
		err = -ENOMEM;
	if (!err) {
		out_init(stdout, egrectl_opts.json);
		out_array_begin(NULL);
		for (size_t i = 0; i < list.n; i++)
			route_print(list.routes[i]);
		out_array_end();
		out_finish();
	}
	for (size_t i = 0; i < list.n; i++)
		rtnl_route_put(list.routes[i]);
	free(list.routes);
	if (err) {
		err_msg("route show: %s", r.errmsg[0] ? r.errmsg : strerror(-err));
		return EXIT_RUNTIME;
	}
	return 0;
}

static int route_run(int argc, char **argv)
{
	if (argc == 0)
		return route_show(0, argv);
	if (matches(argv[0], "add"))
		return route_change(ROUTE_ADD, argc - 1, argv + 1);
	if (matches(argv[0], "replace"))
		return route_change(ROUTE_REPLACE, argc - 1, argv + 1);
	if (matches(argv[0], "delete"))
		return route_change(ROUTE_DEL, argc - 1, argv + 1);
	if (matches(argv[0], "show") || matches(argv[0], "list"))
		return route_show(argc - 1, argv + 1);
	if (matches(argv[0], "help")) {
		route_usage(stdout);
		return 0;
	}
	err_msg("route: unknown argument \"%s\" (see: egrectl help route)", argv[0]);
	return EXIT_USAGE;
}

const struct egrectl_cmd egrectl_cmd_route = {
	.name = "route",
	.summary = "add, replace, delete and show routes (IPv4 and IPv6)",
	.run = route_run,
	.usage = route_usage,
};
