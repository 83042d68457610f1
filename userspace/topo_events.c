// SPDX-License-Identifier: GPL-2.0
/* Link events and commands in virtual nodes (topo_events.h). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "egrectl.h"
#include "topo_events.h"
#include "topo_ns.h"
#include "topo_ops.h"
#include "topo_plan.h"
#include "util.h"

/*
 * Whether @spec ("NAME", or "SLICE" @sep "NAME") names @name of slice
 * @slice.
 */
static bool names(const char *spec, char sep, const char *slice, const char *name)
{
	const char *at = strchr(spec, sep);

	if (!at)
		return !strcmp(spec, name);
	return !strncmp(spec, slice, (size_t)(at - spec)) && !slice[at - spec] &&
	       !strcmp(at + 1, name);
}

/* Link @name ("LINK" or "SLICE/LINK"): 0 and *@s, *@l, or an exit code. */
static int find_link(const struct topo *t, const char *name, const struct topo_slice **s,
		     const struct topo_link **l)
{
	size_t found = 0;

	for (size_t i = 0; i < t->n_slices; i++) {
		const struct topo_slice *sl = &t->slices[i];

		for (size_t j = 0; j < sl->n_links; j++) {
			if (!names(name, '/', sl->name, sl->links[j].name))
				continue;
			*s = sl;
			*l = &sl->links[j];
			found++;
		}
	}
	if (found == 1)
		return 0;
	if (found)
		err_msg("topo link: %s: links of %zu slices have that name: give SLICE/%s", name,
			found, name);
	else
		err_msg("topo link: no link \"%s\" in %s", name, t->file);
	return EXIT_USAGE;
}

static int parse_period(const char *s, struct timespec *ts)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || (*end && strcmp(end, "s")) || !isfinite(v) || v <= 0 || v > 3600)
		return -EINVAL;
	ts->tv_sec = (time_t)v;
	ts->tv_nsec = (long)((v - (double)ts->tv_sec) * 1e9);
	return 0;
}

/* This node's ends of @l set @up; how many, or -1 after an error. */
static int ends_state(const struct topo *t, int node, const struct topo_slice *s,
		      const struct topo_link *l, bool up)
{
	char ns[80];
	int n = 0, err;

	(void)t;
	for (int i = 0; i < 2; i++) {
		const struct topo_vnode *v = &s->vnodes[l->end[i].vnode];

		if (v->node != node)
			continue;
		topo_vnode_ns(s, v, ns, sizeof(ns));
		err = topo_iface_state(ns, l->end[i].ifname, up);
		/* a flap sleeps between events: holding the namespace meanwhile would keep it */
		topo_ns_forget(ns);
		if (err)
			return -1;
		n++;
	}
	return n;
}

int topo_link_event(const struct topo *t, int node, const char *name, int argc, char **argv)
{
	struct timespec period = { 1, 0 };
	const struct topo_slice *s = NULL;
	const struct topo_link *l = NULL;
	unsigned long count = 1;
	int ret, n;

	ret = find_link(t, name, &s, &l);
	if (ret)
		return ret;
	if (argc < 1 || (strcmp(argv[0], "down") && strcmp(argv[0], "up") &&
			 strcmp(argv[0], "flap")) || (strcmp(argv[0], "flap") && argc > 1) ||
	    argc > 3) {
		err_msg("topo link %s: want down, up, or flap [PERIOD [COUNT]]", name);
		return EXIT_USAGE;
	}
	if (argc > 1 && parse_period(argv[1], &period)) {
		err_msg("topo link %s: flap period \"%s\" is not seconds from 0 to 3600", name, argv[1]);
		return EXIT_USAGE;
	}
	if (argc > 2) {
		unsigned long long n;

		if (!parse_uint(argv[2], 10, 1, 100000, &n)) {
			err_msg("topo link %s: flap count \"%s\" is not 1 to 100000", name, argv[2]);
			return EXIT_USAGE;
		}
		count = (unsigned long)n;
	}
	if (strcmp(argv[0], "flap")) {
		n = ends_state(t, node, s, l, !strcmp(argv[0], "up"));
		if (n == 0)
			err_msg("topo link %s: no end of it is on node %s", name, t->nodes[node].name);
		return n > 0 ? 0 : EXIT_RUNTIME;
	}
	for (unsigned long i = 0; i < count; i++) {
		n = ends_state(t, node, s, l, false);
		if (n <= 0) {
			if (n == 0)
				err_msg("topo link %s: no end of it is on node %s", name,
					t->nodes[node].name);
			return EXIT_RUNTIME;
		}
		nanosleep(&period, NULL);
		if (ends_state(t, node, s, l, true) < 0)
			return EXIT_RUNTIME;
		if (i + 1 < count)
			nanosleep(&period, NULL);
	}
	return 0;
}

int topo_exec(const struct topo *t, int node, const char *vnode, int argc, char **argv)
{
	const struct topo_slice *fs = NULL;
	const struct topo_vnode *fv = NULL;
	char ns[80], **words;
	size_t found = 0;
	int ret;

	for (size_t i = 0; i < t->n_slices; i++) {
		const struct topo_slice *s = &t->slices[i];

		for (size_t j = 0; j < s->n_vnodes; j++) {
			if (!names(vnode, '.', s->name, s->vnodes[j].name))
				continue;
			fs = s;
			fv = &s->vnodes[j];
			found++;
		}
	}
	if (found != 1) {
		if (found)
			err_msg("topo exec: %s: virtual nodes of %zu slices have that name: give SLICE.%s",
				vnode, found, vnode);
		else
			err_msg("topo exec: no virtual node \"%s\" in %s", vnode, t->file);
		return EXIT_USAGE;
	}
	if (node >= 0 && fv->node != node) {
		err_msg("topo exec: virtual node %s of slice %s is on node %s, not on %s", fv->name,
			fs->name, t->nodes[fv->node].name, t->nodes[node].name);
		return EXIT_USAGE;
	}
	if (argc > 0 && !strcmp(argv[0], "--")) {
		argc--;
		argv++;
	}
	if (!argc) {
		err_msg("topo exec %s: a command to run is needed", vnode);
		return EXIT_USAGE;
	}
	topo_vnode_ns(fs, fv, ns, sizeof(ns));
	words = topo_must(calloc((size_t)argc + 4, sizeof(char *)));
	words[0] = "exec";
	words[1] = ns;
	words[2] = "--";
	memcpy(words + 3, argv, (size_t)argc * sizeof(char *));
	ret = egrectl_cmd_slice.run(argc + 3, words);
	free(words);
	return ret;
}
