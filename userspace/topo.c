// SPDX-License-Identifier: GPL-2.0
/*
 * egrectl topo: an experiment from one topology file.
 *
 *   topo check FILE [-j]   the whole file validated, nothing touched; with
 *                          -j, what every node derives from it (placement,
 *                          keys, MTUs)
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "egrectl.h"
#include "output.h"
#include "topo_check.h"
#include "topo_parse.h"
#include "util.h"

static void topo_usage(FILE *f)
{
	fprintf(f,
		"Usage: egrectl topo check FILE [-j]\n"
		"\n"
		"check: validates FILE as a whole without touching the kernel (YAML,\n"
		"fields, names, addresses, keys, placement, the MTU of every link from\n"
		"both ends, shaping): one line FILE:LINE:COL: PROBLEM each, exit 1. With\n"
		"-j, prints what every node derives from the file: where each virtual\n"
		"node runs, and each link's kind, key, MTU and underlay family.\n");
}

/* Reads and checks @file: 0, or the exit code after printing the problems. */
static int topo_load(const char *file, struct topo *t)
{
	struct topo_errors e = { 0 };
	FILE *f;

	memset(t, 0, sizeof(*t));
	f = strcmp(file, "-") ? fopen(file, "r") : stdin;
	if (!f) {
		err_msg("topo: cannot open %s: %s", file, strerror(errno));
		return EXIT_USAGE;
	}
	if (topo_parse(f, file, t, &e) == -ENOMEM) {
		err_msg("topo: out of memory");
		if (f != stdin)
			fclose(f);
		return EXIT_RUNTIME;
	}
	if (f != stdin)
		fclose(f);
	if (!e.n)
		topo_check(t, &e);
	for (size_t i = 0; i < e.n; i++)
		fprintf(stderr, "%s\n", e.lines[i]);
	if (e.n) {
		topo_errors_free(&e);
		topo_free(t);
		return EXIT_USAGE;
	}
	return 0;
}

static const char *family_word(int family)
{
	return family == AF_INET6 ? "ipv6" : "ipv4";
}

static void print_end(const struct topo_slice *s, const struct topo_end *end,
		      const struct topo *t)
{
	out_object_begin(NULL);
	out_string("vnode", end->vnode_name);
	out_string("ifname", end->ifname);
	out_string("node", t->nodes[s->vnodes[end->vnode].node].name);
	out_object_end();
}

static void print_plan(const struct topo *t)
{
	size_t i, j, k;

	out_object_begin(NULL);
	out_string("name", t->name);
	out_array_begin("vnodes");
	for (i = 0; i < t->n_slices; i++) {
		for (j = 0; j < t->slices[i].n_vnodes; j++) {
			const struct topo_vnode *vn = &t->slices[i].vnodes[j];

			out_object_begin(NULL);
			out_string("slice", t->slices[i].name);
			out_string("name", vn->name);
			out_string("node", t->nodes[vn->node].name);
			out_object_end();
		}
	}
	out_array_end();
	out_array_begin("links");
	for (i = 0; i < t->n_slices; i++) {
		const struct topo_slice *s = &t->slices[i];

		for (j = 0; j < s->n_links; j++) {
			const struct topo_link *l = &s->links[j];

			out_object_begin(NULL);
			out_string("slice", s->name);
			out_string("name", l->name);
			out_string("kind", l->family ? "egre" : "pair");
			if (l->family) {
				out_u64("key", l->key);
				out_string("underlay", family_word(l->family));
			}
			out_u64("mtu", l->mtu);
			out_array_begin("ends");
			print_end(s, &l->end[0], t);
			print_end(s, &l->end[1], t);
			out_array_end();
			out_object_end();
		}
	}
	out_array_end();
	out_array_begin("lans");
	for (i = 0; i < t->n_slices; i++) {
		const struct topo_slice *s = &t->slices[i];

		for (j = 0; j < s->n_lans; j++) {
			const struct topo_lan *lan = &s->lans[j];

			out_object_begin(NULL);
			out_string("slice", s->name);
			out_string("name", lan->name);
			out_u64("mtu", lan->mtu);
			if (lan->n_nodes > 1)
				out_string("underlay", family_word(lan->family));
			out_array_begin("tunnels");
			for (k = 0; k < lan->n_nodes * lan->n_nodes; k++) {
				size_t a = k / lan->n_nodes, b = k % lan->n_nodes;

				if (a >= b)
					continue;
				out_object_begin(NULL);
				out_string("from", t->nodes[lan->nodes[a]].name);
				out_string("to", t->nodes[lan->nodes[b]].name);
				out_u64("key", lan->keys[k]);
				out_object_end();
			}
			out_array_end();
			out_array_begin("ends");
			for (k = 0; k < lan->n_ends; k++)
				print_end(s, &lan->ends[k], t);
			out_array_end();
			out_object_end();
		}
	}
	out_array_end();
	out_object_end();
}

static int topo_check_cmd(const char *file)
{
	size_t vnodes = 0, links = 0, lans = 0;
	struct topo t;
	int ret;

	ret = topo_load(file, &t);
	if (ret)
		return ret;
	if (egrectl_opts.json) {
		out_init(stdout, true);
		print_plan(&t);
		out_finish();
	} else {
		for (size_t i = 0; i < t.n_slices; i++) {
			vnodes += t.slices[i].n_vnodes;
			links += t.slices[i].n_links;
			lans += t.slices[i].n_lans;
		}
		printf("%s: %s: %zu nodes, %zu slices, %zu virtual nodes, %zu links, %zu LANs: ok\n",
		       file, t.name, t.n_nodes, t.n_slices, vnodes, links, lans);
	}
	topo_free(&t);
	return 0;
}

static int topo_run(int argc, char **argv)
{
	const char *verb = NULL, *file = NULL;

	for (int i = 0; i < argc; i++) {
		if (egrectl_json_arg(argv[i]))
			continue;
		if (!verb) {
			verb = argv[i];
			if (matches(verb, "help")) {
				topo_usage(stdout);
				return 0;
			}
			if (!matches(verb, "check"))
				return egrectl_bad_arg(&egrectl_cmd_topo, verb);
		} else if (!file) {
			file = argv[i];
		} else {
			return egrectl_bad_arg(&egrectl_cmd_topo, argv[i]);
		}
	}
	if (!verb || !file) {
		err_msg("topo: %s", verb ? "check needs a FILE" : "missing command (check)");
		topo_usage(stderr);
		return EXIT_USAGE;
	}
	return topo_check_cmd(file);
}

const struct egrectl_cmd egrectl_cmd_topo = {
	.name = "topo",
	.summary = "an experiment from a topology file (check)",
	.run = topo_run,
	.usage = topo_usage,
};
