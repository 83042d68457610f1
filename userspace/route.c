// SPDX-License-Identifier: GPL-2.0
/*
 * egrectl route: a slice's FIB, IPv4 and IPv6 (route_query.c talks to the kernel).
 *
 *   egrectl route add|replace PREFIX [via GW] [dev IF] [metric M] [table T]
 *   egrectl route del PREFIX [via GW] [dev IF] [metric M] [table T]
 *   egrectl route show [-4|-6] [PREFIX] [table T|all] [-j]
 *
 * Everything the kernel would refuse for a reason we can see (a malformed
 * word, a device that is not there, a gateway of the other family) is
 * refused before anything is sent, so a failed command changes nothing.
 * Run it in a slice with "egrectl -n SLICE route ..." or ip netns exec.
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

#include "egrectl.h"
#include "print.h"
#include "route_args.h"
#include "route_query.h"
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
		"Inside a slice: egrectl -n SLICE route ...\n");
}

/*
 * Protocol, type and scope names as iproute2 prints them without
 * /etc/iproute2 (a slice's daemons: bird is 12, "bird"); numbers otherwise.
 */
struct num_name {
	unsigned int num;
	const char *name;
};

static const struct num_name protocols[] = {
	{ RTPROT_UNSPEC, "unspec" }, { RTPROT_REDIRECT, "redirect" },
	{ RTPROT_KERNEL, "kernel" }, { RTPROT_BOOT, "boot" },
	{ RTPROT_STATIC, "static" }, { RTPROT_GATED, "gated" },
	{ RTPROT_RA, "ra" }, { RTPROT_MRT, "mrt" }, { RTPROT_ZEBRA, "zebra" },
	{ RTPROT_BIRD, "bird" }, { RTPROT_DNROUTED, "dnrouted" },
	{ RTPROT_XORP, "xorp" }, { RTPROT_NTK, "ntk" }, { RTPROT_DHCP, "dhcp" },
	{ RTPROT_MROUTED, "mrouted" }, { RTPROT_KEEPALIVED, "keepalived" },
	{ RTPROT_BABEL, "babel" }, { RTPROT_OPENR, "openr" },
	{ RTPROT_BGP, "bgp" }, { RTPROT_ISIS, "isis" }, { RTPROT_OSPF, "ospf" },
	{ RTPROT_RIP, "rip" }, { RTPROT_EIGRP, "eigrp" }, { 0, NULL },
};

static const struct num_name types[] = {
	{ RTN_UNSPEC, "unspec" }, { RTN_UNICAST, "unicast" }, { RTN_LOCAL, "local" },
	{ RTN_BROADCAST, "broadcast" }, { RTN_ANYCAST, "anycast" },
	{ RTN_MULTICAST, "multicast" }, { RTN_BLACKHOLE, "blackhole" },
	{ RTN_UNREACHABLE, "unreachable" }, { RTN_PROHIBIT, "prohibit" },
	{ RTN_THROW, "throw" }, { RTN_NAT, "nat" }, { RTN_XRESOLVE, "xresolve" }, { 0, NULL },
};

static const struct num_name scopes[] = {
	{ RT_SCOPE_UNIVERSE, "global" }, { RT_SCOPE_SITE, "site" }, { RT_SCOPE_LINK, "link" },
	{ RT_SCOPE_HOST, "host" }, { RT_SCOPE_NOWHERE, "nowhere" }, { 0, NULL },
};

static void name_of(const struct num_name *names, unsigned int num, char *buf, size_t len)
{
	for (; names->name; names++) {
		if (names->num == num) {
			snprintf(buf, len, "%s", names->name);
			return;
		}
	}
	snprintf(buf, len, "%u", num);
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

static int route_change(enum route_change how, int argc, char **argv)
{
	static const char *const verbs[] = { "add", "replace", "del" };
	struct route_req q;
	struct nl_conn r;
	int err;

	err = route_args_change(&q, verbs[how], argc, argv);
	if (err)
		return err;
	if (how != ROUTE_DEL && !q.has_gw && !q.ifindex) {
		err_msg("route %s %s: needs via GW or dev IF", q.verb, q.prefix_arg);
		return EXIT_USAGE;
	}
	err = conn_open(&r, NETLINK_ROUTE);
	if (err) {
		err_msg("route %s: cannot open rtnetlink: %s", q.verb, strerror(-err));
		return EXIT_RUNTIME;
	}
	err = route_query_change(&r, how, &q);
	conn_close(&r);
	if (err == -ENOMEM && !r.errmsg[0]) {
		err_msg("route %s: out of memory", q.verb);
		return EXIT_RUNTIME;
	}
	return err ? route_fail(&r, &q, err) : 0;
}

static bool route_wanted(const struct route_entry *e, const struct route_req *f)
{
	if (f->family && e->family != f->family)
		return false;
	if (f->table != TABLE_ALL && e->table != f->table)
		return false;
	if (f->has_prefix && (e->dst_len != f->dst_len ||
			      memcmp(e->dst, f->dst, route_addr_len(e->family))))
		return false;
	return true;
}

/* An address as iproute2 prints it: ADDR/LEN, ADDR for a host, "default". */
static void addr_text(const unsigned char *addr, unsigned int plen, int family, char *buf,
		      size_t len)
{
	char text[INET6_ADDRSTRLEN];

	if (plen == 0) {
		snprintf(buf, len, "default");
		return;
	}
	inet_ntop(family, addr, text, sizeof(text));
	if (plen == route_addr_len(family) * 8)
		snprintf(buf, len, "%s", text);
	else
		snprintf(buf, len, "%s/%u", text, plen);
}

static void nexthop_print(const struct route_nexthop *nh, int family, bool weight)
{
	char buf[IF_NAMESIZE + INET6_ADDRSTRLEN];

	if (nh->has_gw) {
		addr_text(nh->gw, route_addr_len(family) * 8, family, buf, sizeof(buf));
		print_string(PRINT_ANY, "gateway", "via %s ", buf);
	}
	if (nh->ifindex) {
		if (!if_indextoname(nh->ifindex, buf))
			snprintf(buf, sizeof(buf), "if%u", nh->ifindex);
		print_string(PRINT_ANY, "dev", "dev %s ", buf);
	}
	if (weight)
		print_u64(PRINT_ANY, "weight", "weight %" PRIu64 " ", nh->hops + 1u);
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
	char buf[64];

	print_open_object(NULL);
	name_of(types, e->type, buf, sizeof(buf));
	print_string(e->type == RTN_UNICAST ? PRINT_JSON : PRINT_ANY, "type", "%s ", buf);
	addr_text(e->dst, e->dst_len, e->family, buf, sizeof(buf));
	print_string(PRINT_ANY, "dst", "%s ", buf);
	print_string(PRINT_JSON, "family", NULL, e->family == AF_INET6 ? "inet6" : "inet");
	if (e->n_nexthops == 1)
		nexthop_print(&e->nexthops[0], e->family, false);
	route_table_name(e->table, buf, sizeof(buf));
	print_string(e->table == RT_TABLE_MAIN ? PRINT_JSON : PRINT_ANY, "table", "table %s ",
		     buf);
	name_of(protocols, e->protocol, buf, sizeof(buf));
	print_string(e->protocol == RTPROT_BOOT ? PRINT_JSON : PRINT_ANY, "protocol", "proto %s ",
		     buf);
	name_of(scopes, e->scope, buf, sizeof(buf));
	print_string(e->scope == RT_SCOPE_UNIVERSE ? PRINT_JSON : PRINT_ANY, "scope", "scope %s ",
		     buf);
	if (e->has_prefsrc) {
		addr_text(e->prefsrc, route_addr_len(e->family) * 8, e->family, buf, sizeof(buf));
		print_string(PRINT_ANY, "prefsrc", "src %s ", buf);
	}
	print_u64(e->metric ? PRINT_ANY : PRINT_JSON, "metric", "metric %" PRIu64 " ", e->metric);
	pref_print(e->pref);
	if (e->n_nexthops > 1) {
		/* text: one continuation line a nexthop, as ip prints them */
		print_open_array("nexthops");
		for (size_t i = 0; i < e->n_nexthops; i++) {
			print_open_object(NULL);
			print_text("\n\tnexthop ");
			nexthop_print(&e->nexthops[i], e->family, true);
			print_close_object();
		}
		print_close_array();
	}
	print_nl();
	print_close_object();
}

static int route_show(int argc, char **argv)
{
	struct route_list list;
	struct route_req q;
	struct nl_conn r;
	int err;

	err = route_args_show(&q, argc, argv);
	if (err)
		return err;
	err = conn_open(&r, NETLINK_ROUTE);
	if (err) {
		err_msg("route show: cannot open rtnetlink: %s", strerror(-err));
		return EXIT_RUNTIME;
	}
	err = route_query_dump(&r, &list);
	conn_close(&r);
	if (err) {
		err_msg("route show: %s", r.errmsg[0] ? r.errmsg : strerror(-err));
		return EXIT_RUNTIME;
	}
	print_start(stdout, egrectl_opts.json, egrectl_opts.pretty);
	print_open_array(NULL);
	for (size_t i = 0; i < list.n; i++)
		if (route_wanted(&list.routes[i], &q))
			route_print(&list.routes[i]);
	print_close_array();
	print_finish();
	route_list_free(&list);
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
