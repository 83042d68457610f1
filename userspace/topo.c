// SPDX-License-Identifier: GPL-2.0
/*
 * egrectl topo: an experiment from one topology file.
 *
 *   topo check FILE [-j]   the whole file validated, nothing touched; with
 *                          -j, what every node derives from it (placement,
 *                          keys, MTUs)
 *   topo apply|diff|destroy FILE [node NAME]
 *                          this node's part made, compared, removed
 *                          (topo_apply.c)
 *   topo link FILE LINK down|up|flap [PERIOD [COUNT]] [node NAME]
 *   topo exec FILE VNODE [node NAME] [--] CMD...
 *                          events and commands (topo_events.c)
 */
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "egrectl.h"
#include "print.h"
#include "topo_apply.h"
#include "topo_check.h"
#include "topo_events.h"
#include "topo_parse.h"
#include "topo_show.h"
#include "topo_test.h"
#include "topo_underlay.h"
#include "util.h"

static void topo_usage(FILE *f)
{
	fprintf(f,
		"Usage: egrectl topo check FILE [-j]\n"
		"       egrectl topo { apply | diff | destroy | show | test } FILE [node NAME] [-j]\n"
		"       egrectl topo link FILE LINK { down | up | flap [PERIOD [COUNT]] } [node NAME]\n"
		"       egrectl topo exec FILE VNODE [node NAME] [--] CMD...\n"
		"\n"
		"check: validates FILE as a whole without touching the kernel (YAML,\n"
		"fields, names, addresses, keys, placement, the MTU of every link from\n"
		"both ends, shaping): one line FILE:LINE:COL: PROBLEM each, exit 1. With\n"
		"-j, prints what every node derives from the file: where each virtual\n"
		"node runs, and each link's kind, key, MTU and underlay family.\n"
		"apply: makes this node's part of the experiment, or brings it to the\n"
		"file: makes what is missing, changes what differs (in place where\n"
		"the kernel allows), removes what it made before that the file no\n"
		"longer has. One line a change (+ made, ~ changed, - removed), then\n"
		"\"N changes\". A failure half-way undoes the run (exit 2).\n"
		"diff: what apply would do, without doing it.\n"
		"destroy: removes what apply made on this node, nothing else.\n"
		"show: each object of this node's part and its state: ok, not made,\n"
		"gone (made, and not there or not apply's any more) or differs (with\n"
		"what the kernel has now); an interface's carrier and counters.\n"
		"test: pings across every link this node has an end of (50 echoes,\n"
		"20 ms apart): one line a link, reached, loss and round trip against\n"
		"the file's delay and loss; exit 2 if any link failed.\n"
		"link: this node's ends of link LINK (or SLICE/LINK) down or up, or\n"
		"flapped COUNT times (default 1), PERIOD seconds each way (default 1).\n"
		"Run it on each node for both ends. The record is not changed: the\n"
		"next apply follows the file.\n"
		"exec: CMD inside virtual node VNODE (or SLICE.VNODE), as slice exec.\n"
		"node: the physical node this is (default: the one whose underlay\n"
		"address is configured here). What apply made, and how it knows it is\n"
		"its own, is kept in " TOPO_STATE_DIR ".\n");
}

/* A topology file bigger than this is a mistake, not an experiment. */
#define TOPO_FILE_MAX	(256 << 20)

/* The whole of @f, read once: apply parses, compares and records these bytes. */
static int read_source(FILE *f, const char *file, char **source, size_t *source_len)
{
	size_t cap = 0, len = 0, n;
	char *buf = NULL;

	do {
		if (len == cap) {
			if (cap >= TOPO_FILE_MAX) {
				free(buf);
				err_msg("topo: %s is larger than %d MiB", file, TOPO_FILE_MAX >> 20);
				return EXIT_USAGE;
			}
			cap = cap ? cap * 2 : 65536;
			buf = topo_must(realloc(buf, cap));
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
	} while (n);
	if (ferror(f)) {
		free(buf);
		err_msg("topo: cannot read %s: %s", file, strerror(errno));
		return EXIT_USAGE;
	}
	*source = buf;
	*source_len = len;
	return 0;
}

/* Reads and checks @file: 0, or the exit code after printing the problems. */
static int topo_load(const char *file, struct topo *t)
{
	struct topo_errors e = { 0 };
	size_t len;
	char *buf;
	int err;
	FILE *f;

	memset(t, 0, sizeof(*t));
	f = strcmp(file, "-") ? fopen(file, "r") : stdin;
	if (!f) {
		err_msg("topo: cannot open %s: %s", file, strerror(errno));
		return EXIT_USAGE;
	}
	err = read_source(f, file, &buf, &len);
	if (f != stdin)
		fclose(f);
	if (err)
		return err;
	err = topo_parse_bytes(buf, len, file, t, &e);
	t->source = buf;
	t->source_len = len;
	if (err == -ENOMEM) {
		err_msg("topo: out of memory");
		topo_free(t);
		return EXIT_RUNTIME;
	}
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
	print_open_object(NULL);
	print_string(PRINT_JSON, "vnode", NULL, end->vnode_name);
	print_string(PRINT_JSON, "ifname", NULL, end->ifname);
	print_string(PRINT_JSON, "node", NULL, t->nodes[s->vnodes[end->vnode].node].name);
	print_close_object();
}

static void print_plan(const struct topo *t)
{
	size_t i, j, k;

	print_open_object(NULL);
	print_string(PRINT_JSON, "name", NULL, t->name);
	print_open_array("vnodes");
	for (i = 0; i < t->n_slices; i++) {
		for (j = 0; j < t->slices[i].n_vnodes; j++) {
			const struct topo_vnode *vn = &t->slices[i].vnodes[j];

			print_open_object(NULL);
			print_string(PRINT_JSON, "slice", NULL, t->slices[i].name);
			print_string(PRINT_JSON, "name", NULL, vn->name);
			print_string(PRINT_JSON, "node", NULL, t->nodes[vn->node].name);
			print_close_object();
		}
	}
	print_close_array();
	print_open_array("links");
	for (i = 0; i < t->n_slices; i++) {
		const struct topo_slice *s = &t->slices[i];

		for (j = 0; j < s->n_links; j++) {
			const struct topo_link *l = &s->links[j];

			print_open_object(NULL);
			print_string(PRINT_JSON, "slice", NULL, s->name);
			print_string(PRINT_JSON, "name", NULL, l->name);
			print_string(PRINT_JSON, "kind", NULL, l->family ? "egre" : "pair");
			if (l->family) {
				print_u64(PRINT_JSON, "key", NULL, l->key);
				print_string(PRINT_JSON, "underlay", NULL, family_word(l->family));
			}
			print_u64(PRINT_JSON, "mtu", NULL, l->mtu);
			print_open_array("ends");
			print_end(s, &l->end[0], t);
			print_end(s, &l->end[1], t);
			print_close_array();
			print_close_object();
		}
	}
	print_close_array();
	print_open_array("lans");
	for (i = 0; i < t->n_slices; i++) {
		const struct topo_slice *s = &t->slices[i];

		for (j = 0; j < s->n_lans; j++) {
			const struct topo_lan *lan = &s->lans[j];

			print_open_object(NULL);
			print_string(PRINT_JSON, "slice", NULL, s->name);
			print_string(PRINT_JSON, "name", NULL, lan->name);
			print_u64(PRINT_JSON, "mtu", NULL, lan->mtu);
			if (lan->n_nodes > 1)
				print_string(PRINT_JSON, "underlay", NULL, family_word(lan->family));
			print_open_array("tunnels");
			for (k = 0; k < lan->n_nodes * lan->n_nodes; k++) {
				size_t a = k / lan->n_nodes, b = k % lan->n_nodes;

				if (a >= b)
					continue;
				print_open_object(NULL);
				print_string(PRINT_JSON, "from", NULL, t->nodes[lan->nodes[a]].name);
				print_string(PRINT_JSON, "to", NULL, t->nodes[lan->nodes[b]].name);
				print_u64(PRINT_JSON, "key", NULL, lan->keys[k]);
				print_close_object();
			}
			print_close_array();
			print_open_array("ends");
			for (k = 0; k < lan->n_ends; k++)
				print_end(s, &lan->ends[k], t);
			print_close_array();
			print_close_object();
		}
	}
	print_close_array();
	print_close_object();
}

/* "s" after a count other than one. */
static const char *plural(size_t n)
{
	return n == 1 ? "" : "s";
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
		print_start(stdout, true, egrectl_opts.pretty);
		print_plan(&t);
		print_finish();
	} else {
		for (size_t i = 0; i < t.n_slices; i++) {
			vnodes += t.slices[i].n_vnodes;
			links += t.slices[i].n_links;
			lans += t.slices[i].n_lans;
		}
		printf("%s: %s: %zu node%s, %zu slice%s, %zu virtual node%s, %zu link%s, %zu LAN%s: ok\n",
		       file, t.name, t.n_nodes, plural(t.n_nodes), t.n_slices, plural(t.n_slices),
		       vnodes, plural(vnodes), links, plural(links), lans, plural(lans));
	}
	topo_free(&t);
	return 0;
}

/* The node named @name, or the one whose underlay address is here. */
static int this_node(const struct topo *t, const char *name, bool quiet)
{
	bool *here;
	int found = -1, err;

	if (name) {
		for (size_t i = 0; i < t->n_nodes; i++)
			if (!strcmp(t->nodes[i].name, name))
				return (int)i;
		if (!quiet)
			err_msg("topo: no node \"%s\" in %s", name, t->file);
		return -1;
	}
	here = topo_must(calloc(t->n_nodes + 1, sizeof(*here)));
	err = topo_underlay_here(t, here);
	if (err) {
		free(here);
		if (!quiet)
			err_msg("topo: cannot read this node's addresses: %s", strerror(-err));
		return -1;
	}
	for (size_t i = 0; i < t->n_nodes; i++) {
		if (!here[i])
			continue;
		if (found >= 0) {
			if (!quiet)
				err_msg("topo: the underlay addresses of nodes %s and %s are both here: give node NAME",
					t->nodes[found].name, t->nodes[i].name);
			free(here);
			return -1;
		}
		found = (int)i;
	}
	free(here);
	if (found < 0 && !quiet)
		err_msg("topo: no node's underlay address of %s is configured here: give node NAME",
			t->file);
	return found;
}

static int topo_node_cmd(enum topo_mode mode, const char *file, const char *node_name)
{
	struct topo t;
	int node, ret;

	ret = topo_load(file, &t);
	if (ret)
		return ret;
	node = this_node(&t, node_name, false);
	ret = node < 0 ? EXIT_USAGE : topo_apply(&t, node, mode);
	topo_free(&t);
	return ret;
}

/* Loads @file and finds this node; 0, or an exit code (nothing to free). */
static int load_here(const char *file, const char *node_name, bool need_node, struct topo *t,
		     int *node)
{
	int ret = topo_load(file, t);

	if (ret)
		return ret;
	/* exec: on the node if it can tell which, else wherever the namespace is */
	*node = this_node(t, node_name, !need_node && !node_name);
	if (*node < 0 && (need_node || node_name)) {
		topo_free(t);
		return EXIT_USAGE;
	}
	return 0;
}

static int topo_link_cmd(const char *file, int argc, char **argv)
{
	const char *node_name = NULL;
	struct topo t;
	int node, ret, n = argc;

	/* "... node NAME" at the end */
	if (argc >= 4 && matches(argv[argc - 2], "node")) {	/* LINK ACTION node NAME */
		node_name = argv[argc - 1];
		n -= 2;
	}
	if (n < 2) {
		err_msg("topo link: want FILE NAME down|up|flap [PERIOD [COUNT]] [node NODE]");
		return EXIT_USAGE;
	}
	ret = load_here(file, node_name, true, &t, &node);
	if (ret)
		return ret;
	ret = topo_link_event(&t, node, argv[0], n - 1, argv + 1);
	topo_free(&t);
	return ret;
}

static int topo_exec_cmd(const char *file, int argc, char **argv)
{
	const char *node_name = NULL;
	struct topo t;
	int node, ret, skip = 1;

	if (argc < 1) {
		err_msg("topo exec: want FILE VNODE [node NODE] [--] CMD...");
		return EXIT_USAGE;
	}
	if (argc >= 3 && !strcmp(argv[1], "node")) {	/* exactly: CMD may be any word */
		node_name = argv[2];
		skip = 3;
	}
	ret = load_here(file, node_name, false, &t, &node);
	if (ret)
		return ret;
	ret = topo_exec(&t, node, argv[0], argc - skip, argv + skip);
	topo_free(&t);
	return ret;
}

static int topo_show_cmd(const char *file, const char *node_name, bool test)
{
	struct topo t;
	int node, ret;

	ret = load_here(file, node_name, true, &t, &node);
	if (ret)
		return ret;
	ret = test ? topo_test(&t, node) : topo_show(&t, node);
	topo_free(&t);
	return ret;
}

static int topo_run(int argc, char **argv)
{
	static const char *const verbs[] = {
		"check", "apply", "diff", "destroy", "link", "exec", "show", "test", NULL
	};
	enum { CHECK, APPLY, DIFF, DESTROY, LINK, EXEC, SHOW, TEST };
	const char *node = NULL;
	int i = 0, v;

	while (i < argc && egrectl_json_arg(argv[i]))
		i++;
	if (i == argc) {
		err_msg("topo: missing command (check, apply, diff, destroy, show, test, link, exec)");
		egrectl_usage_line(&egrectl_cmd_topo);
		return EXIT_USAGE;
	}
	if (matches(argv[i], "help")) {
		topo_usage(stdout);
		return 0;
	}
	for (v = 0; verbs[v] && !matches(argv[i], verbs[v]); v++)
		;
	if (!verbs[v])
		return egrectl_bad_arg(&egrectl_cmd_topo, argv[i]);
	while (++i < argc && egrectl_json_arg(argv[i]))
		;
	if (i == argc) {
		err_msg("topo: %s needs a FILE", verbs[v]);
		egrectl_usage_line(&egrectl_cmd_topo);
		return EXIT_USAGE;
	}
	if (v == LINK)
		return topo_link_cmd(argv[i], argc - i - 1, argv + i + 1);
	if (v == EXEC)
		return topo_exec_cmd(argv[i], argc - i - 1, argv + i + 1);
	for (int j = i + 1; j < argc; j++) {
		if (egrectl_json_arg(argv[j]))
			continue;
		if (v != CHECK && matches(argv[j], "node") && !node && j + 1 < argc) {
			node = argv[++j];
			continue;
		}
		if (v != CHECK && matches(argv[j], "node") && !node) {
			err_msg("topo: \"node\" needs a NAME");
			return EXIT_USAGE;
		}
		return egrectl_bad_arg(&egrectl_cmd_topo, argv[j]);
	}
	if (v == CHECK)
		return topo_check_cmd(argv[i]);
	if (v == SHOW || v == TEST)
		return topo_show_cmd(argv[i], node, v == TEST);
	return topo_node_cmd(v == APPLY ? TOPO_APPLY : v == DIFF ? TOPO_DIFF : TOPO_DESTROY,
			     argv[i], node);
}

const struct egrectl_cmd egrectl_cmd_topo = {
	.name = "topo",
	.synopsis = "egrectl topo { check | apply | diff | destroy | show | test | link | exec } FILE [ARGS]",
	.summary = "an experiment from a topology file: check, apply, diff, destroy, show, test, link, exec",
	.run = topo_run,
	.usage = topo_usage,
};
