// SPDX-License-Identifier: GPL-2.0
/*
 * egrectl link set NAME shape: the command side of shaping.
 *
 *   link set NAME shape [dir egress|ingress|both] [rate R [burst B]]
 *                 [delay D [jitter J]] [loss P%] [corrupt P%]
 *                 [duplicate P%] [reorder P%] [limit N]
 *   link set NAME shape none [dir egress|ingress|both]
 *
 * NAME is an egre link, a shortbridge binding (its egre port is shaped) or
 * a slice link (its device in the slice is shaped: frames from it never
 * pass the egre link's qdisc). Egress is what the node or slice sends into
 * the link, ingress what it receives from it. Each shape replaces the
 * direction's earlier one as a whole; a failure puts the earlier one back.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <net/if.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "egrectl.h"
#include "print.h"
#include "nl.h"
#include "shape.h"
#include "shape_args.h"
#include "shortbridge.h"
#include "slice_link_query.h"
#include "slices.h"
#include "tc.h"
#include "util.h"

static const char *const dir_names[DIRS] = { "egress", "ingress" };

void shape_usage(FILE *f)
{
	fprintf(f,
		"       egrectl link set NAME shape [dir egress|ingress|both] [rate R [burst B]]\n"
		"               [delay D [jitter J]] [loss P%%] [corrupt P%%] [duplicate P%%]\n"
		"               [reorder P%%] [limit N]\n"
		"       egrectl link set NAME shape none [dir egress|ingress|both]\n");
}

void shape_help(FILE *f)
{
	fprintf(f,
		"shape: NAME is an egre link, a shortbridge binding (its egre port) or a\n"
		"slice link (its device in the slice). dir: egress is what this node or\n"
		"slice sends into the link, ingress what it receives (default both). Each\n"
		"shape replaces the direction's last one; none removes it. Units as tc:\n"
		"rate bit kbit mbit gbit (or bps kbps mbps gbps, bytes), burst b kb mb,\n"
		"time s ms us, P%% 0..100. Default burst 50 ms at the rate (at least 1600\n"
		"bytes), limit 1000 packets. Qdiscs: netem (1:) with tbf (2:) under it\n"
		"for rate; ingress through an ifb device named ifb-DEV.\n");
}

/* Where a link's frames are queued: a device here, or in a slice. */
struct shape_target {
	char dev[IFNAMSIZ];
	unsigned int ifindex;
	int nsfd;		/* the slice's namespace, or -1 for this one */
};

/*
 * A fast slice interface bound to an egre link hands its frames straight
 * to the link's transmit, and the link delivers straight to it: they never
 * pass the egre device's qdiscs. Such a link is shaped on that interface,
 * in its slice; @t becomes it. 0, or -errno.
 */
static int target_egre(struct shape_target *t)
{
	char slice[SLICE_NAME_MAX];
	int err;

	err = slice_link_on_egre(t->ifindex, slice, t->dev, &t->ifindex);
	if (err)
		return err < 0 ? err : 0;	/* none: the egre device itself */
	t->nsfd = slice[0] ? slice_open(slice) : -ENOENT;
	return t->nsfd < 0 ? t->nsfd : 0;
}

/*
 * Finds link @name. With @shaped, what `shape` acts on: binding names
 * too, and behind an egre link its fast slice interface; without, only the
 * device of that name (what a delete takes away). Returns 0, 1 when
 * @name is no link trellis knows (*@exists: a device of that name is
 * here), or -errno.
 */
static int target_find(const char *name, bool shaped, struct shape_target *t, bool *exists)
{
	char slice[SLICE_NAME_MAX];
	unsigned int port[2];
	struct nl_conn r;
	int err, p;

	memset(t, 0, sizeof(*t));
	t->nsfd = -1;
	err = conn_open(&r, NETLINK_ROUTE);
	if (err)
		return err;
	t->ifindex = tc_dev_index(&r, name);
	*exists = t->ifindex != 0;
	if (t->ifindex && tc_dev_is(&r, t->ifindex, "egre")) {
		conn_close(&r);
		snprintf(t->dev, sizeof(t->dev), "%s", name);
		return shaped ? target_egre(t) : 0;
	}
	err = shaped ? sb_binding_ports(name, port) : 1;
	if (err == 0) {
		/* the egre port carries the link; otherwise port A */
		p = tc_dev_is(&r, port[1], "egre") && !tc_dev_is(&r, port[0], "egre");
		t->ifindex = port[p];
		conn_close(&r);
		return if_indextoname(t->ifindex, t->dev) ? 0 : -ENODEV;
	}
	conn_close(&r);
	if (err < 0)
		return err;
	err = slice_link_device(name, slice, t->dev, &t->ifindex);
	if (err)
		return err;
	t->nsfd = slice[0] ? slice_open(slice) : -ENOENT;
	return t->nsfd < 0 ? t->nsfd : 0;
}

static void target_close(struct shape_target *t)
{
	if (t->nsfd >= 0)
		close(t->nsfd);
	t->nsfd = -1;
}

static int target_rtnl(const struct shape_target *t, struct nl_conn *r)
{
	return t->nsfd < 0 ? conn_open(r, NETLINK_ROUTE) : conn_open_netns(r, NETLINK_ROUTE, t->nsfd);
}

/* Shapes direction @d of @t as @s, or removes its shaping (@s NULL). */
static int dir_apply(struct nl_conn *r, const struct shape_target *t, int d,
		     const struct tc_shape *s)
{
	char ifb[IFNAMSIZ];

	if (d == EGRESS)
		return s ? tc_shape_apply(r, t->ifindex, s) : tc_shape_clear(r, t->ifindex);
	tc_ifb_name(ifb, t->dev, t->ifindex);
	return s ? tc_ingress_apply(r, t->ifindex, ifb, s) : tc_ingress_clear(r, t->ifindex, ifb);
}

/*
 * Reads direction @d of @t, from @snap when given: 1 and @s when shaped,
 * 0 when not, or -errno.
 */
static int dir_read(struct nl_conn *r, const struct tc_snapshot *snap, const struct shape_target *t,
		    int d, struct tc_shape *s, char dev[IFNAMSIZ])
{
	unsigned int ifindex = t->ifindex;

	snprintf(dev, IFNAMSIZ, "%s", t->dev);
	if (d == INGRESS) {
		tc_ifb_name(dev, t->dev, t->ifindex);
		ifindex = tc_dev_index(r, dev);
		if (!ifindex)
			return 0;
	}
	return snap ? tc_shape_read_in(snap, ifindex, s) : tc_shape_read(r, ifindex, s);
}

/*
 * Before changing anything: 0 when shaping direction @d of @t takes nothing
 * of someone else's, else one line naming it and the exit code. egrectl
 * owns netem 1: at the root and its ingress redirect; a qdisc or filter
 * made with tc is theirs, and a failure could not give it back as it was.
 */
static int dir_check(const char *name, struct nl_conn *r, const struct shape_target *t, int d)
{
	char ifb[IFNAMSIZ], what[64] = "";
	int state, others;

	if (d == EGRESS) {
		state = tc_root_foreign(r, t->ifindex, what, sizeof(what));
		if (state > 0) {
			err_msg("link set %s shape: %s has a root qdisc egrectl did not make (%s): remove it first (tc qdisc del dev %s root)",
				name, t->dev, what, t->dev);
			return EXIT_RUNTIME;
		}
	} else {
		tc_ifb_name(ifb, t->dev, t->ifindex);
		state = tc_ingress_state(r, t->ifindex, tc_dev_index(r, ifb), &others, what,
					 sizeof(what));
		if (state == TC_INGRESS_FOREIGN) {
			err_msg("link set %s shape: %s has an ingress %s egrectl did not make (%s): remove it first (tc qdisc del dev %s ingress)",
				name, t->dev, strncmp(what, "filter", 6) ? "qdisc" : "filter", what,
				t->dev);
			return EXIT_RUNTIME;
		}
	}
	if (state < 0) {
		err_msg("link set %s shape: cannot read the qdiscs of %s: %s", name, t->dev,
			strerror(-state));
		return EXIT_RUNTIME;
	}
	return 0;
}

static int target_error(const char *name, int err, bool exists)
{
	if (err == 1 && exists)
		err_msg("link set %s shape: \"%s\" is not a trellis link (egre link, shortbridge binding or slice link)",
			name, name);
	else if (err == 1)
		err_msg("link set %s shape: no such link \"%s\"", name, name);
	else if (err == -ENOENT || err == -ESTALE)
		err_msg("link set %s shape: the slice of this link has no name in %s", name,
			SLICES_DIR);
	else
		err_msg("link set %s shape: %s", name, strerror(-err));
	return EXIT_RUNTIME;
}

int shape_set(const char *name, int argc, char **argv)
{
	struct tc_shape old[DIRS];
	struct shape_target t;
	int had[DIRS] = { 0 };
	char dev[IFNAMSIZ], msg[sizeof(((struct nl_conn *)0)->errmsg)];
	struct shape_req q;
	bool exists;
	struct nl_conn r;
	int err, d;

	if (shape_args_parse(argc, argv, &q)) {
		err_msg("link set %s shape: %s", name, q.err);
		return EXIT_USAGE;
	}
	err = target_find(name, true, &t, &exists);
	if (err)
		return target_error(name, err, exists);
	err = target_rtnl(&t, &r);
	if (err) {
		target_close(&t);
		return target_error(name, err, true);
	}
	for (d = 0; d < DIRS && !err; d++) {
		if (q.dir[d] && !q.none)
			err = dir_check(name, &r, &t, d);
	}
	if (err) {
		conn_close(&r);
		target_close(&t);
		return err;
	}
	for (d = 0; d < DIRS && !err; d++) {
		if (q.dir[d]) {
			had[d] = dir_read(&r, NULL, &t, d, &old[d], dev);
			err = had[d] < 0 ? had[d] : 0;
		}
	}
	for (d = 0; d < DIRS && !err; d++) {
		if (q.dir[d])
			err = dir_apply(&r, &t, d, q.none ? NULL : &q.s);
	}
	if (err) {
		snprintf(msg, sizeof(msg), "%s", r.errmsg[0] ? r.errmsg : strerror(-err));
		/* put back what was there, in each direction this call touched */
		for (int u = 0; u < d && u < DIRS; u++) {
			if (q.dir[u])
				dir_apply(&r, &t, u, had[u] > 0 ? &old[u] : NULL);
		}
		err_msg("link set %s shape: %s", name, msg);
		err = EXIT_RUNTIME;
	}
	conn_close(&r);
	target_close(&t);
	return err;
}

static double percent(uint32_t prob)
{
	return (double)prob * 100 / UINT32_MAX;
}

/* A rate as tc writes one: 10Mbit, 1500Kbit, 64bit. */
static void rate_text(char *buf, size_t len, uint64_t bits)
{
	static const char *const units[] = { "bit", "Kbit", "Mbit", "Gbit" };
	int u = 0;

	while (u < 3 && bits && bits % 1000 == 0) {
		bits /= 1000;
		u++;
	}
	snprintf(buf, len, "%" PRIu64 "%s", bits, units[u]);
}

/* In text, "egress dev X rate R delay D ..." with what is not zero. */
static void dir_print(const char *key, const char *dev, const struct tc_shape *s)
{
	char rate[32];

	print_open_object(key);
	print_string(PRINT_TEXT, NULL, " %s", key);
	print_string(PRINT_ANY, "dev", " dev %s", dev);
	if (s->has_rate) {
		rate_text(rate, sizeof(rate), s->rate * 8);
		print_string(PRINT_TEXT, NULL, " rate %s", rate);
		print_u64(PRINT_JSON, "rate_bit", NULL, s->rate * 8);
		print_u64(PRINT_ANY, "burst_bytes", " burst %" PRIu64 "b", s->burst);
		print_u64(PRINT_ANY, "queue_bytes", " queue %" PRIu64 "b", s->queue);
	}
	print_double(s->delay_ns ? PRINT_ANY : PRINT_JSON, "delay_ms", " delay %gms",
		     (double)s->delay_ns / 1e6);
	print_double(s->jitter_ns ? PRINT_ANY : PRINT_JSON, "jitter_ms", " jitter %gms",
		     (double)s->jitter_ns / 1e6);
	print_double(s->loss ? PRINT_ANY : PRINT_JSON, "loss_pct", " loss %g%%", percent(s->loss));
	print_double(s->corrupt ? PRINT_ANY : PRINT_JSON, "corrupt_pct", " corrupt %g%%",
		     percent(s->corrupt));
	print_double(s->duplicate ? PRINT_ANY : PRINT_JSON, "duplicate_pct", " duplicate %g%%",
		     percent(s->duplicate));
	print_double(s->reorder ? PRINT_ANY : PRINT_JSON, "reorder_pct", " reorder %g%%",
		     percent(s->reorder));
	print_u64(egrectl_opts.details ? PRINT_ANY : PRINT_JSON, "limit", " limit %" PRIu64,
		  s->limit);
	print_close_object();
}

struct shape_view {
	struct nl_conn r;			/* this namespace */
	bool open;
	struct tc_snapshot *qdiscs;	/* its qdiscs */
	struct slice_links *fast;	/* fast slice interfaces by egre link */
};

struct shape_view *shape_view_new(void)
{
	struct shape_view *v = calloc(1, sizeof(*v));

	if (!v)
		return NULL;
	v->open = conn_open(&v->r, NETLINK_ROUTE) == 0;
	if (v->open)
		v->qdiscs = tc_snapshot_take(&v->r);
	v->fast = slice_links_fetch_all();
	/* a dump cut short would show shaped links as unshaped */
	if (!v->qdiscs || !v->fast) {
		shape_view_free(v);
		return NULL;
	}
	return v;
}

void shape_view_free(struct shape_view *v)
{
	if (!v)
		return;
	tc_snapshot_free(v->qdiscs);
	slice_links_free(v->fast);
	if (v->open)
		conn_close(&v->r);
	free(v);
}

/* Reads both directions of @t into @s and @where; how many are shaped. */
static int target_read(struct shape_view *v, const struct shape_target *t,
		       struct tc_shape s[DIRS], char where[DIRS][IFNAMSIZ], int shaped[DIRS])
{
	struct nl_conn r;
	int n = 0;

	if (t->nsfd < 0 && v && v->open && v->qdiscs) {
		for (int d = 0; d < DIRS; d++)
			n += (shaped[d] = dir_read(&v->r, v->qdiscs, t, d, &s[d], where[d])) > 0;
		return n;
	}
	if (target_rtnl(t, &r))
		return 0;
	for (int d = 0; d < DIRS; d++)
		n += (shaped[d] = dir_read(&r, NULL, t, d, &s[d], where[d])) > 0;
	conn_close(&r);
	return n;
}

void shape_print(struct shape_view *v, const char *slice, const char *dev, unsigned int ifindex)
{
	struct shape_target t = { .ifindex = ifindex, .nsfd = -1 };
	char fast_slice[SLICE_NAME_MAX];
	char where[DIRS][IFNAMSIZ];
	int shaped[DIRS] = { 0 };
	struct tc_shape s[DIRS];

	snprintf(t.dev, sizeof(t.dev), "%s", dev);
	/* an egre link with a fast slice interface is shaped on that (target_egre) */
	if (!slice && v && slice_links_on_egre(v->fast, ifindex, fast_slice, t.dev, &t.ifindex) == 0)
		slice = fast_slice;
	if (slice) {
		t.nsfd = slice_open(slice);
		if (t.nsfd < 0)
			return;
	}
	if (target_read(v, &t, s, where, shaped)) {
		print_open_object("shape");
		print_text("shape");
		for (int d = 0; d < DIRS; d++) {
			if (shaped[d] > 0)
				dir_print(dir_names[d], where[d], &s[d]);
		}
		print_text(" ");
		print_close_object();
	}
	target_close(&t);
}

void shape_forget(const char *name)
{
	struct shape_target t;
	char ifb[IFNAMSIZ];
	bool exists;
	struct nl_conn r;

	if (target_find(name, false, &t, &exists))
		return;
	if (target_rtnl(&t, &r) == 0) {
		tc_ifb_name(ifb, t.dev, t.ifindex);
		tc_ingress_clear(&r, t.ifindex, ifb);
		conn_close(&r);
	}
	target_close(&t);
}

