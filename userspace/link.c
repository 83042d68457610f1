// SPDX-License-Identifier: GPL-2.0
/*
 * egrectl link: add, set, del and show trellis links (link_query.c talks to
 * the kernel; shortbridge links are slice_link.c's).
 *
 *   egrectl link add NAME type egre local A remote B key K [OPTIONS]
 *   egrectl link set NAME [OPTIONS]
 *   egrectl link del NAME
 *   egrectl link show [NAME] [-s] [-j]
 */
#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/trellis.h>

#include "drops.h"
#include "egrectl.h"
#include "family_query.h"
#include "link_args.h"
#include "link_egre.h"
#include "link_query.h"
#include "print.h"
#include "nl.h"
#include "shape.h"
#include "slice_link.h"
#include "slice_link_query.h"
#include "util.h"

static void link_usage(FILE *f)
{
	fprintf(f,
		"Usage: egrectl link add NAME type egre local ADDR remote ADDR key KEY [OPTIONS]\n"
		"       egrectl link add NAME type shortbridge slice SLICE [ifname IF]\n"
		"               (link EGRE | peer-slice SLICE2 [peer-ifname IF2])\n"
		"               [address MAC] [mtu M]\n"
		"       egrectl link set NAME OPTIONS\n");
	shape_usage(f);
	fprintf(f,
		"       egrectl link del NAME\n"
		"       egrectl link show [NAME] [-s] [-j]\n"
		"\n"
		"OPTIONS (egre):\n"
		"  key K | ikey K okey K   GRE key (0..4294967295 or A.B.C.D); ikey is\n"
		"                          expected on receive, okey sent\n"
		"  local ADDR remote ADDR  underlay addresses, both IPv4 or both IPv6\n"
		"  ttl N|inherit           outer TTL (default 64)\n"
		"  tos T|inherit           outer TOS (default 0)\n"
		"  dev UNDERLAY            pin the link to one underlay device\n"
		"  csum | nocsum           GRE checksums\n"
		"  seq | noseq             sequence numbers, in-order check on receive\n"
		"  pmtudisc | nopmtudisc   set DF and honour the path MTU (default on)\n"
		"  direct | nodirect       receive straight from the dev UNDERLAY, before\n"
		"                          its IP layer and netfilter (default off)\n"
		"  encap gre|udp [port P]  raw GRE (IP protocol 47, default) or GRE-in-UDP\n"
		"                          (RFC 8086) to UDP port P (default 4754)\n"
		"  mtu M                   device MTU (default: underlay MTU less overhead)\n"
		"  address MAC             device Ethernet address\n"
		"\n"
		"\n"
		"shortbridge: a fast slice interface named IF (default NAME) in slice\n"
		"SLICE (a namespace in /run/netns), bound straight to egre link EGRE of\n"
		"this node, or paired with a second one in SLICE2 (no tunnel). NAME is\n"
		"the link's name here, where show and del find it. Its MTU defaults to\n"
		"the egre link's and cannot exceed it.\n"
		"\n"
		"show: a line a link, as ip prints a device; -d every attribute, -br\n"
		"one short line. -s adds the device counters (RX and TX lines), -s -s\n"
		"the drops by reason too: no_route, bad_header, bad_version (version\n"
		"or flags), unknown_key, csum, seq, too_big, underlay_down, ecn, loop\n"
		"(-j -s: counters and drops in the JSON).\n"
		"\n");
	shape_help(f);
}

/*
 * One link as a line, as ip prints a device: name, kind, state, MTU, then
 * the egre words; -d the rest of them, -s counters on lines of their own.
 */
static void link_print(const struct link_info *info, int stats, struct shape_view *view)
{
	const char *state = link_operstate_name(info->dev.operstate);

	print_open_object(NULL);
	if (egrectl_opts.brief) {
		print_string(PRINT_ANY, "name", "%-16s ", info->dev.name);
		print_string(PRINT_ANY, "state", "%-14s ", state);
		egre_params_brief(&info->egre);
		print_nl();
		print_close_object();
		return;
	}
	print_string(PRINT_ANY, "name", "%s: ", info->dev.name);
	print_string(PRINT_ANY, "kind", "%s ", TRELLIS_EGRE_KIND);
	print_u64(PRINT_JSON, "ifindex", NULL, info->dev.ifindex);
	print_string(PRINT_ANY, "state", "state %s ", state);
	print_flag(PRINT_JSON, "up", NULL, info->dev.flags & IFF_UP);
	print_u64(PRINT_ANY, "mtu", "mtu %" PRIu64 " ", info->dev.mtu);
	egre_params_print(&info->egre, egrectl_opts.details);
	if (info->dev.has_address) {
		char mac[LINK_MAC_TEXT];

		link_mac_text(info->dev.address, mac);
		print_string(egrectl_opts.details ? PRINT_ANY : PRINT_JSON, "address",
			     "address %s ", mac);
	}
	shape_print(view, NULL, info->dev.name, info->dev.ifindex);
	if (stats && info->dev.has_stats)
		print_dev_counters(PRINT_ANY, NULL, &info->dev.stats);
	if (stats && info->drops.present)
		drops_print(&info->drops, stats > 1);
	print_nl();
	print_close_object();
}

static int link_fail(struct nl_conn *r, const char *what, const char *name, int err)
{
	if (err == -EOPNOTSUPP && !strcmp(what, "add")) {
		/* the kernel does not know the kind "egre" */
		return egrectl_module_absent();
	}
	if (r->errmsg[0])
		err_msg("link %s %s: %s", what, name, r->errmsg);
	else if (err == -ENODEV)
		err_msg("link %s: no such device \"%s\"", what, name);
	else if (err == -EEXIST)
		err_msg("link %s %s: a device with that name exists", what, name);
	else if (err == -EPERM)
		err_msg("link %s %s: permission denied (needs CAP_NET_ADMIN)", what, name);
	else
		err_msg("link %s %s: %s", what, name, strerror(-err));
	return EXIT_RUNTIME;
}

static int link_show(int argc, char **argv)
{
	struct shape_view *view;
	struct link_list list = { 0 };
	const char *name = NULL;
	int stats;
	bool nodev;
	size_t shown = 0;
	struct nl_conn r;
	int err;

	for (int i = 0; i < argc; i++) {
		if (egrectl_json_arg(argv[i]) || egrectl_stats_arg(argv[i]))
			continue;
		if (matches(argv[i], "dev") && i + 1 < argc)
			i++;
		if (name || argv[i][0] == '-')
			return egrectl_bad_arg(&egrectl_cmd_link, argv[i]);
		name = argv[i];
	}
	stats = egrectl_opts.stats;	/* -s before the command, or after */
	err = conn_open(&r, NETLINK_ROUTE);
	if (err)
		return link_fail(&r, "show", "", err);
	err = link_query_get(&r, name, &list);
	conn_close(&r);
	nodev = err == -ENODEV && name;
	if (nodev)
		err = 0;	/* no device here: perhaps a slice link */
	if (err) {
		free(list.links);
		return link_fail(&r, "show", name ? name : "", err);
	}

	if (stats && list.n) {
		struct trellis_genl g;

		err = egrectl_genl_open(&g, "link show");
		if (err) {
			free(list.links);
			return err;
		}
		for (size_t i = 0; i < list.n && !err; i++) {
			err = drops_get_link(&g, list.links[i].dev.ifindex, &list.links[i].drops);
			/* a link deleted since the dump has no counters left */
			if (err == -ENODEV)
				err = 0;
		}
		if (err)
			err = egrectl_genl_error(&g, "link show", err);
		trellis_genl_close(&g);
		if (err) {
			free(list.links);
			return err;
		}
	}
	view = list.n ? shape_view_new() : NULL;
	if (list.n && !view) {
		free(list.links);
		err_msg("link show: cannot read the links' shaping (their qdiscs or slice links)");
		return EXIT_RUNTIME;
	}
	print_start(stdout, egrectl_opts.json, egrectl_opts.pretty);
	print_open_array(NULL);
	for (size_t i = 0; i < list.n; i++)
		link_print(&list.links[i], stats, view);
	shape_view_free(view);
	if (!name || list.n == 0)
		err = slice_links_show(name, stats, &shown);
	print_close_array();
	print_finish();
	free(list.links);
	if (err)
		return err;
	if (name && list.n + shown == 0) {
		if (nodev)
			err_msg("link show: no such device \"%s\"", name);
		else
			err_msg("link show: \"%s\" is not a trellis link", name);
		return EXIT_RUNTIME;
	}
	return 0;
}

/*
 * The ifindex of trellis link @name, for "link @what". Returns 0, or says
 * why not on one line and returns the exit code.
 */
static int link_ifindex(struct nl_conn *r, const char *what, const char *name,
			unsigned int *ifindex)
{
	struct link_list list = { 0 };
	int err = link_query_get(r, name, &list);

	if (!err && list.n)
		*ifindex = list.links[0].dev.ifindex;
	free(list.links);
	if (err)
		return link_fail(r, what, name, err);
	if (!list.n) {
		err_msg("link %s: \"%s\" is not a trellis link", what, name);
		return EXIT_RUNTIME;
	}
	return 0;
}

static int link_add_or_set(int argc, char **argv, bool create)
{
	const char *what = create ? "add" : "set";
	struct link_opts opts;
	unsigned int ifindex = 0;
	const char *name;
	struct nl_conn r;
	int err;

	if (argc < 1) {
		err_msg("link %s: a NAME is needed", what);
		egrectl_usage_line(&egrectl_cmd_link);
		return EXIT_USAGE;
	}
	name = argv[0];
	if (strlen(name) >= IFNAMSIZ) {
		err_msg("link %s: name \"%s\" is longer than %d characters", what, name,
			IFNAMSIZ - 1);
		return EXIT_USAGE;
	}
	if (create && slice_link_typed(argc - 1, argv + 1))
		return slice_link_add(name, argc - 1, argv + 1);
	if (!create && argc > 1 && matches(argv[1], "shape") && strlen(argv[1]) > 1)
		return shape_set(name, argc - 2, argv + 2);
	err = link_opts_parse(&opts, argc - 1, argv + 1, create);
	if (err)
		return err;

	err = conn_open(&r, NETLINK_ROUTE);
	if (err)
		return link_fail(&r, what, name, err);
	if (!create && slice_link_exists(name)) {
		conn_close(&r);
		err_msg("link set: %s is a shortbridge link: change its device in its slice (ip -n SLICE link set ...)",
			name);
		return EXIT_USAGE;
	}
	if (create) {
		ifindex = opts.index;
	} else {
		err = link_ifindex(&r, what, name, &ifindex);
		if (err) {
			conn_close(&r);
			return err;
		}
	}
	err = link_query_put(&r, name, ifindex, &opts, create);
	conn_close(&r);
	return err ? link_fail(&r, what, name, err) : 0;
}

static int link_del(int argc, char **argv)
{
	struct link_list list = { 0 };
	unsigned int ifindex;
	struct nl_conn r;
	bool nodev;
	int err;

	if (argc != 1) {
		if (argc > 1)
			return egrectl_bad_arg(&egrectl_cmd_link, argv[1]);
		err_msg("link del: a NAME is needed");
		egrectl_usage_line(&egrectl_cmd_link);
		return EXIT_USAGE;
	}
	err = conn_open(&r, NETLINK_ROUTE);
	if (err)
		return link_fail(&r, "del", argv[0], err);
	err = link_query_get(&r, argv[0], &list);
	nodev = err == -ENODEV;
	if (nodev)
		err = 0;	/* no device here: perhaps a slice link */
	if (err) {
		free(list.links);
		conn_close(&r);
		return link_fail(&r, "del", argv[0], err);
	}
	if (!list.n) {
		/* not an egre device here: a slice link made from here? */
		conn_close(&r);
		shape_forget(argv[0]);
		err = slice_link_del(argv[0]);
		if (err == 1 && nodev) {
			err_msg("link del: no such device \"%s\"", argv[0]);
			return EXIT_RUNTIME;
		}
		if (err == 1) {
			err_msg("link del: \"%s\" is not a trellis link", argv[0]);
			return EXIT_RUNTIME;
		}
		return err;
	}
	ifindex = list.links[0].dev.ifindex;
	free(list.links);
	shape_forget(argv[0]);
	err = dev_query_del(&r, ifindex);
	conn_close(&r);
	return err ? link_fail(&r, "del", argv[0], err) : 0;
}

static int link_run(int argc, char **argv)
{
	if (argc == 0)
		return link_show(0, argv);
	if (matches(argv[0], "add"))
		return link_add_or_set(argc - 1, argv + 1, true);
	if (matches(argv[0], "set") || matches(argv[0], "change"))
		return link_add_or_set(argc - 1, argv + 1, false);
	if (matches(argv[0], "delete"))
		return link_del(argc - 1, argv + 1);
	if (matches(argv[0], "show") || matches(argv[0], "list"))
		return link_show(argc - 1, argv + 1);
	if (matches(argv[0], "help")) {
		link_usage(stdout);
		return 0;
	}
	return egrectl_bad_arg(&egrectl_cmd_link, argv[0]);
}

const struct egrectl_cmd egrectl_cmd_link = {
	.name = "link",
	.synopsis = "egrectl link { add | set | del | show } [NAME] [ARGS]",
	.summary = "add, change, delete and show virtual links",
	.run = link_run,
	.usage = link_usage,
};
