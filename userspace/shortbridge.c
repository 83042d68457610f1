// SPDX-License-Identifier: GPL-2.0
/*
 * egrectl shortbridge: bindings of two devices of this namespace.
 *
 *   egrectl shortbridge add NAME port A port B
 *   egrectl shortbridge del NAME
 *   egrectl shortbridge show [NAME] [-j]
 */
#include <errno.h>
#include <inttypes.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/trellis.h>

#include "egrectl.h"
#include "print.h"
#include "binding_query.h"
#include "shortbridge.h"
#include "util.h"

static void sb_usage(FILE *f)
{
	fprintf(f,
		"Usage: egrectl shortbridge add NAME port A port B\n"
		"       egrectl shortbridge del NAME\n"
		"       egrectl shortbridge show [NAME] [-j]\n"
		"\n"
		"Joins two devices of this namespace (an egre link and the node end of a\n"
		"veth pair, say): what one receives, the other sends, unchanged. No\n"
		"learning, no FDB, no flooding. A port cannot also be in a bridge, a bond\n"
		"or another binding. del gives both devices back as they were; deleting\n"
		"either device removes the binding. show prints the frames forwarded from\n"
		"each port and those dropped (too big for the other port, or it down).\n");
}

static int sb_name_arg(const char *what, int argc, char **argv)
{
	if (argc < 1) {
		err_msg("shortbridge %s: a NAME is needed", what);
		egrectl_usage_line(&egrectl_cmd_shortbridge);
		return EXIT_USAGE;
	}
	if (strlen(argv[0]) >= IFNAMSIZ) {
		err_msg("shortbridge %s: name \"%s\" is longer than %d characters", what,
			argv[0], IFNAMSIZ - 1);
		return EXIT_USAGE;
	}
	return 0;
}

static int sb_add(int argc, char **argv)
{
	unsigned int port[2];
	struct trellis_genl g;
	int n = 0, err;

	err = sb_name_arg("add", argc, argv);
	if (err)
		return err;
	for (int i = 1; i < argc; i += 2) {
		if (!matches(argv[i], "port"))
			return egrectl_bad_arg(&egrectl_cmd_shortbridge, argv[i]);
		if (i + 1 == argc) {
			err_msg("shortbridge add: \"port\" needs a device");
			return EXIT_USAGE;
		}
		if (n == 2) {
			err_msg("shortbridge add: a binding has exactly two ports");
			return EXIT_USAGE;
		}
		port[n] = if_nametoindex(argv[i + 1]);
		if (!port[n]) {
			err_msg("shortbridge add %s: no such device \"%s\"", argv[0], argv[i + 1]);
			return EXIT_RUNTIME;
		}
		n++;
	}
	if (n != 2) {
		err_msg("shortbridge add: a binding needs two ports (port A port B)");
		return EXIT_USAGE;
	}
	err = egrectl_genl_open(&g, "shortbridge add");
	if (err)
		return err;
	err = binding_add(&g, argv[0], port);
	if (err)
		err = egrectl_genl_error(&g, "shortbridge add", err);
	trellis_genl_close(&g);
	return err;
}

static int sb_del(int argc, char **argv)
{
	struct trellis_genl g;
	int err;

	err = sb_name_arg("del", argc, argv);
	if (err)
		return err;
	if (argc > 1)
		return egrectl_bad_arg(&egrectl_cmd_shortbridge, argv[1]);
	err = egrectl_genl_open(&g, "shortbridge del");
	if (err)
		return err;
	err = binding_del(&g, argv[0]);
	if (err)
		err = egrectl_genl_error(&g, "shortbridge del", err);
	trellis_genl_close(&g);
	return err;
}

/* A port: its device; JSON has what it forwarded here, text at the end (-s). */
static void port_print(const char *key, uint32_t ifindex, uint64_t packets,
		       uint64_t bytes)
{
	char name[IF_NAMESIZE];
	const char *dev = if_indextoname(ifindex, name) ? name : NULL;

	print_open_object(key);
	print_string(PRINT_ANY, "dev", "port %s ", dev);
	print_string(PRINT_TEXT, NULL, "%s", dev ? NULL : "port (deleted) ");
	print_u64(PRINT_JSON, "forwarded_packets", NULL, packets);
	print_u64(PRINT_JSON, "forwarded_bytes", NULL, bytes);
	print_close_object();
}

static int sb_show(int argc, char **argv)
{
	struct binding_list list = { 0 };
	const char *name = NULL;
	struct trellis_genl g;
	int err;

	for (int i = 0; i < argc; i++) {
		if (egrectl_json_arg(argv[i]) || egrectl_stats_arg(argv[i]))
			continue;
		if (name || argv[i][0] == '-')
			return egrectl_bad_arg(&egrectl_cmd_shortbridge, argv[i]);
		name = argv[i];
	}
	err = egrectl_genl_open(&g, "shortbridge show");
	if (err)
		return err;
	err = bindings_get(&g, name, &list);
	if (err) {
		err = egrectl_genl_error(&g, "shortbridge show", err);
		trellis_genl_close(&g);
		free(list.b);
		return err;
	}
	trellis_genl_close(&g);
	print_start(stdout, egrectl_opts.json, egrectl_opts.pretty);
	print_open_array(NULL);
	for (size_t i = 0; i < list.n; i++) {
		const struct binding *b = &list.b[i];
		enum print_to counters = egrectl_opts.stats ? PRINT_ANY : PRINT_JSON;

		print_open_object(NULL);
		print_string(PRINT_ANY, "name", "%s: ", b->name);
		port_print("port_a", b->port[0], b->stats[TRELLIS_BINDING_A_PACKETS],
			   b->stats[TRELLIS_BINDING_A_BYTES]);
		port_print("port_b", b->port[1], b->stats[TRELLIS_BINDING_B_PACKETS],
			   b->stats[TRELLIS_BINDING_B_BYTES]);
		if (egrectl_opts.stats) {
			print_u64(PRINT_TEXT, NULL, "\n    forwarded from port a: packets %" PRIu64,
				  b->stats[TRELLIS_BINDING_A_PACKETS]);
			print_u64(PRINT_TEXT, NULL, " bytes %" PRIu64, b->stats[TRELLIS_BINDING_A_BYTES]);
			print_u64(PRINT_TEXT, NULL, "\n    forwarded from port b: packets %" PRIu64,
				  b->stats[TRELLIS_BINDING_B_PACKETS]);
			print_u64(PRINT_TEXT, NULL, " bytes %" PRIu64 "\n    ",
				  b->stats[TRELLIS_BINDING_B_BYTES]);
		}
		print_open_object("drops");
		print_u64(counters, "too_big", "drops: too_big %" PRIu64,
			  b->stats[TRELLIS_BINDING_TOO_BIG]);
		print_u64(counters, "port_down", " port_down %" PRIu64,
			  b->stats[TRELLIS_BINDING_DOWN]);
		print_close_object();
		print_nl();
		print_close_object();
	}
	print_close_array();
	print_finish();
	free(list.b);
	return 0;
}

static int sb_run(int argc, char **argv)
{
	if (argc == 0)
		return sb_show(0, argv);
	if (matches(argv[0], "add"))
		return sb_add(argc - 1, argv + 1);
	if (matches(argv[0], "delete"))
		return sb_del(argc - 1, argv + 1);
	if (matches(argv[0], "show") || matches(argv[0], "list"))
		return sb_show(argc - 1, argv + 1);
	if (matches(argv[0], "help")) {
		sb_usage(stdout);
		return 0;
	}
	return egrectl_bad_arg(&egrectl_cmd_shortbridge, argv[0]);
}

const struct egrectl_cmd egrectl_cmd_shortbridge = {
	.name = "shortbridge",
	.synopsis = "egrectl shortbridge { add | del | show } [NAME] [ARGS]",
	.summary = "bind two devices in a two-port fast path",
	.run = sb_run,
	.usage = sb_usage,
};

int sb_binding_ports(const char *name, unsigned int port[2])
{
	struct binding_list list = { 0 };
	struct trellis_genl g;
	int err;

	if (trellis_genl_open(&g))
		return 1;	/* no module: no bindings */
	err = bindings_get(&g, name, &list);
	trellis_genl_close(&g);
	if (!err && list.n) {
		port[0] = list.b[0].port[0];
		port[1] = list.b[0].port[1];
	}
	free(list.b);
	if (err == -ENOENT || (!err && !list.n))
		return 1;
	return err;
}
