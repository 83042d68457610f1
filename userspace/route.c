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
#include <inttypes.h>
#include <net/if.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/icmpv6.h>
#include <linux/rtnetlink.h>
#include <netlink/route/route.h>
#include <netlink/route/nexthop.h>

#include "egrectl.h"
#include "print.h"
#include "route_args.h"
#include "nl.h"
#include "util.h"

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
static int route_fail(const struct nl_conn *r, const struct route_req *q, int err)
{
	char what[96], table[16];
	const char *kernel = r->errmsg[0] ? r->errmsg : strerror(-err);

	route_table_name(q->table, table, sizeof(table));
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
	dst = nl_addr_build(q->family, q->dst, route_addr_len(q->family));
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
			gw = nl_addr_build(q->family, q->gw, route_addr_len(q->family));
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
	struct route_req q;
	struct rtnl_route *route;
	struct nl_msg *msg = NULL;
	struct nl_conn r;
	int err;

	err = route_args_change(&q, verbs[how], argc, argv);
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
	err = conn_open(&r, NETLINK_ROUTE);
	if (err) {
		nlmsg_free(msg);
		err_msg("route %s: cannot open rtnetlink: %s", q.verb, strerror(-err));
		return EXIT_RUNTIME;
	}
	err = conn_talk(&r, msg, NULL, NULL);
	conn_close(&r);
	return err ? route_fail(&r, &q, err) : 0;
}

/* A route read back, and what libnl leaves out of its object. */
struct route_entry {
	struct rtnl_route *route;
	int pref;		/* RTA_PREF (IPv6 router preference), or -1 */
};

/* The routes a dump brought back that the filter lets through. */
struct route_list {
	const struct route_req *filter;
	struct route_entry *routes;
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
		if (f->dst_len && (nl_addr_get_len(dst) != route_addr_len(family) ||
				   memcmp(nl_addr_get_binary_addr(dst), f->dst, route_addr_len(family))))
			return false;
	}
	return true;
}

static int route_dump_cb(struct nl_msg *msg, void *arg)
{
	struct route_list *list = arg;
	struct route_entry *slot;
	struct rtnl_route *route;
	struct nlattr *pref;

	if (nlmsg_hdr(msg)->nlmsg_type != RTM_NEWROUTE ||
	    rtnl_route_parse(nlmsg_hdr(msg), &route) < 0)
		return NL_SKIP;
	if (!route_wanted(route, list->filter)) {
		rtnl_route_put(route);
		return NL_OK;
	}
	slot = list_append((void **)&list->routes, &list->n, sizeof(*slot));
	if (!slot) {
		rtnl_route_put(route);
		list->nomem = true;
		return NL_OK;	/* read to the end: the socket stays usable */
	}
	slot->route = route;
	pref = nlmsg_find_attr(nlmsg_hdr(msg), sizeof(struct rtmsg), RTA_PREF);
	slot->pref = pref && nla_len(pref) == 1 ? nla_get_u8(pref) : -1;
	return NL_OK;
}

/* An address as iproute2 prints it: ADDR/LEN, ADDR for a host, "default". */
static void addr_text(struct nl_addr *a, int family, char *buf, size_t len)
{
	unsigned int plen = nl_addr_get_prefixlen(a);
	unsigned char zero[16] = { 0 };
	char text[INET6_ADDRSTRLEN];
	const void *bin = nl_addr_get_len(a) == route_addr_len(family) ?
			  nl_addr_get_binary_addr(a) : zero;

	if (plen == 0) {
		snprintf(buf, len, "default");
		return;
	}
	inet_ntop(family, bin, text, sizeof(text));
	if (plen == route_addr_len(family) * 8)
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
		print_string(PRINT_ANY, "gateway", "via %s ", buf);
	}
	if (ifindex > 0) {
		if (!if_indextoname((unsigned int)ifindex, buf))
			snprintf(buf, sizeof(buf), "if%d", ifindex);
		print_string(PRINT_ANY, "dev", "dev %s ", buf);
	}
	if (weight)
		print_u64(PRINT_ANY, "weight", "weight %" PRIu64 " ",
			  rtnl_route_nh_get_weight(nh) + 1u);
}

/* The router preference as ip words it (RFC 4191). */
static void pref_print(int pref)
{
	static const char *const names[] = {
		[ICMPV6_ROUTER_PREF_MEDIUM] = "medium",
		[ICMPV6_ROUTER_PREF_HIGH] = "high",
		[ICMPV6_ROUTER_PREF_INVALID] = "invalid",
		[ICMPV6_ROUTER_PREF_LOW] = "low",
	};

	/* two bits in the kernel: every value has its name */
	if (pref >= 0 && pref < (int)(sizeof(names) / sizeof(names[0])))
		print_string(PRINT_ANY, "pref", "pref %s", names[pref]);
}

/*
 * One route as ip prints it: in text, what is the default (table main,
 * type unicast, scope universe, protocol boot, metric 0) is left out.
 */
static void route_print(const struct route_entry *e)
{
	struct rtnl_route *route = e->route;
	int family = rtnl_route_get_family(route);
	int nhs = rtnl_route_get_nnexthops(route);
	uint8_t type = rtnl_route_get_type(route);
	uint8_t scope = rtnl_route_get_scope(route);
	uint32_t table = rtnl_route_get_table(route);
	char buf[64];

	print_open_object(NULL);
	nl_rtntype2str(type, buf, sizeof(buf));
	print_string(type == RTN_UNICAST ? PRINT_JSON : PRINT_ANY, "type", "%s ", buf);
	addr_text(rtnl_route_get_dst(route), family, buf, sizeof(buf));
	print_string(PRINT_ANY, "dst", "%s ", buf);
	print_string(PRINT_JSON, "family", NULL, family == AF_INET6 ? "inet6" : "inet");
	if (nhs == 1)
		nexthop_print(rtnl_route_nexthop_n(route, 0), family, false);
	route_table_name(table, buf, sizeof(buf));
	print_string(table == RT_TABLE_MAIN ? PRINT_JSON : PRINT_ANY, "table", "table %s ", buf);
	protocol_name(rtnl_route_get_protocol(route), buf, sizeof(buf));
	print_string(rtnl_route_get_protocol(route) == RTPROT_BOOT ? PRINT_JSON : PRINT_ANY,
		     "protocol", "proto %s ", buf);
	rtnl_scope2str(scope, buf, sizeof(buf));
	print_string(scope == RT_SCOPE_UNIVERSE ? PRINT_JSON : PRINT_ANY, "scope", "scope %s ", buf);
	if (rtnl_route_get_pref_src(route)) {
		addr_text(rtnl_route_get_pref_src(route), family, buf, sizeof(buf));
		print_string(PRINT_ANY, "prefsrc", "src %s ", buf);
	}
	print_u64(rtnl_route_get_priority(route) ? PRINT_ANY : PRINT_JSON, "metric",
		  "metric %" PRIu64 " ", rtnl_route_get_priority(route));
	pref_print(e->pref);
	if (nhs > 1) {
		/* text: one continuation line a nexthop, as ip prints them */
		print_open_array("nexthops");
		for (int i = 0; i < nhs; i++) {
			print_open_object(NULL);
			print_text("\n\tnexthop ");
			nexthop_print(rtnl_route_nexthop_n(route, i), family, true);
			print_close_object();
		}
		print_close_array();
	}
	print_nl();
	print_close_object();
}

static int route_show(int argc, char **argv)
{
	struct route_req q;
	struct rtmsg rtm = { .rtm_family = AF_UNSPEC };
	struct route_list list = { .filter = &q };
	struct nl_msg *msg;
	struct nl_conn r;
	int err;

	err = route_args_show(&q, argc, argv);
	if (err)
		return err;

	msg = nlmsg_alloc_simple(RTM_GETROUTE, NLM_F_DUMP);
	if (!msg || nlmsg_append(msg, &rtm, sizeof(rtm), NLMSG_ALIGNTO) < 0) {
		nlmsg_free(msg);
		err_msg("route show: out of memory");
		return EXIT_RUNTIME;
	}
	err = conn_open(&r, NETLINK_ROUTE);
	if (err) {
		nlmsg_free(msg);
		err_msg("route show: cannot open rtnetlink: %s", strerror(-err));
		return EXIT_RUNTIME;
	}
	err = conn_talk(&r, msg, route_dump_cb, &list);
	conn_close(&r);
	if (!err && list.nomem)
		err = -ENOMEM;
	if (!err) {
		print_start(stdout, egrectl_opts.json, egrectl_opts.pretty);
		print_open_array(NULL);
		for (size_t i = 0; i < list.n; i++)
			route_print(&list.routes[i]);
		print_close_array();
		print_finish();
	}
	for (size_t i = 0; i < list.n; i++)
		rtnl_route_put(list.routes[i].route);
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
	return egrectl_bad_arg(&egrectl_cmd_route, argv[0]);
}

const struct egrectl_cmd egrectl_cmd_route = {
	.name = "route",
	.synopsis = "egrectl route { add | replace | del | show } [PREFIX] [ARGS]",
	.summary = "add, replace, delete and show routes (IPv4 and IPv6)",
	.run = route_run,
	.usage = route_usage,
};
