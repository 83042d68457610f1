// SPDX-License-Identifier: GPL-2.0
/*
 * egrectl topo test: from this node's virtual nodes, each link they have
 * an end of, and each other member of their LANs, pinged (50 echoes, 20 ms
 * apart): reached or not, the round trip and the loss, held against the
 * file's shaping.
 *
 * Bounds: the fastest round trip is at least the delay the two ends add
 * (less their jitter); the average at most that plus jitter plus 200 ms
 * (a busy node or VM is slow, not broken);
 * the echoes lost within 4.5 standard deviations of what the two ends'
 * loss makes likely (binomial), and none when the file shapes no loss.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <inttypes.h>
#include <math.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "egrectl.h"
#include "print.h"
#include "shape_args.h"
#include "slices.h"
#include "topo_plan.h"
#include "topo_test.h"
#include "util.h"

#define ECHOES		50
#define SLACK_MS	200.0

struct shaping {
	double delay_ms, jitter_ms, loss;	/* loss: 0..1 */
};

static void shaping_of(const struct topo_shape *sh, struct shaping *s)
{
	struct shape_req q;

	memset(s, 0, sizeof(*s));
	if (!sh->n_words || shape_args_parse((int)sh->n_words, sh->words, &q))
		return;
	s->delay_ms = (double)q.s.delay_ns / 1e6;
	s->jitter_ms = (double)q.s.jitter_ns / 1e6;
	s->loss = (double)q.s.loss / UINT32_MAX;
}

/* The far end's address to ping: one of a family the near end has too. */
static bool far_addr(const struct topo_slice *s, const struct topo_end *near,
		     const struct topo_end *far, char *buf, size_t len)
{
	const struct topo_iface *ni, *fi;

	if (near->iface < 0 || far->iface < 0)
		return false;
	ni = &s->vnodes[near->vnode].ifaces[near->iface];
	fi = &s->vnodes[far->vnode].ifaces[far->iface];
	for (size_t j = 0; j < fi->n_addrs; j++)
		for (size_t i = 0; i < ni->n_addrs; i++)
			if (ni->addrs[i].family == fi->addrs[j].family)
				return inet_ntop(fi->addrs[j].family, fi->addrs[j].addr, buf,
						 (socklen_t)len) != NULL;
	return false;
}

struct ping_result {
	int sent, received;
	double min, avg, max;
};

/* ping from namespace @ns; false when it could not run or said nothing. */
static bool ping_from(const char *ns, const char *addr, struct ping_result *r)
{
	char count[16], line[512];
	int pipefd[2], fd, status;
	FILE *f;
	pid_t pid;

	memset(r, 0, sizeof(*r));
	fd = slice_open(ns);
	if (fd < 0 || pipe(pipefd) < 0) {
		if (fd >= 0)
			close(fd);
		return false;
	}
	snprintf(count, sizeof(count), "%d", ECHOES);
	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		dup2(pipefd[1], 1);
		close(pipefd[0]);
		if (setns(fd, CLONE_NEWNET) < 0)
			_exit(127);
		execlp("ping", "ping", "-q", "-n", "-c", count, "-i", "0.02", "-W", "2", addr,
		       (char *)NULL);
		_exit(127);
	}
	close(fd);
	close(pipefd[1]);
	f = fdopen(pipefd[0], "r");
	while (f && fgets(line, sizeof(line), f)) {
		char *p = strstr(line, " packets transmitted, ");

		if (p) {
			r->sent = atoi(line);
			r->received = atoi(p + strlen(" packets transmitted, "));
		}
		p = strstr(line, "= ");
		if (p && strstr(line, "min/avg/max"))
			sscanf(p + 2, "%lf/%lf/%lf", &r->min, &r->avg, &r->max);
	}
	if (f)
		fclose(f);
	while (pid > 0 && waitpid(pid, &status, 0) < 0)
		;
	return r->sent > 0;
}

/*
 * Pings @addr from namespace @ns and holds the result against shaping @a
 * (the near end's) and @b (the far end's); finishes the line the caller
 * began; true if it passed.
 */
static bool test_path(const char *ns, const char *addr, const struct shaping *a,
		      const struct shaping *b)
{
	double delay = a->delay_ms + b->delay_ms, jitter = a->jitter_ms + b->jitter_ms;
	double loss = 1 - (1 - a->loss) * (1 - b->loss), lost, sigma;
	struct ping_result r;
	char why[160] = "";
	bool ok = true;

	print_string(PRINT_ANY, "to_address", " %s: ", addr);
	if (!ping_from(ns, addr, &r)) {
		print_string(PRINT_ANY, "result", "ping did not run: %s", "FAIL");
		return false;
	}
	lost = r.sent - r.received;
	/* echo and answer each cross the link: both may be lost */
	sigma = sqrt(r.sent * loss * (1 - loss));
	if (!r.received) {
		ok = false;
		snprintf(why, sizeof(why), "unreachable");
	} else if (r.min < delay - jitter) {
		ok = false;
		snprintf(why, sizeof(why), "faster than the file's delay");
	} else if (r.avg > delay + jitter + SLACK_MS) {
		ok = false;
		snprintf(why, sizeof(why), "slower than the file's delay allows");
	} else if (fabs(lost - r.sent * loss) > 4.5 * sigma + (loss > 0 ? 1 : 0)) {
		ok = false;
		snprintf(why, sizeof(why), "loss not what the file's loss makes likely");
	}
	print_u64(PRINT_ANY, "lost", "%" PRIu64, (uint64_t)(r.sent - r.received));
	print_u64(PRINT_ANY, "sent", "/%" PRIu64 " lost", (uint64_t)r.sent);
	print_double(PRINT_ANY, "rtt_min_ms", ", rtt min/avg/max %.1f", r.min);
	print_double(PRINT_ANY, "rtt_avg_ms", "/%.1f", r.avg);
	print_double(PRINT_ANY, "rtt_max_ms", "/%.1f ms", r.max);
	print_double(PRINT_ANY, "file_delay_ms", " (file: delay %.1f ms", delay);
	print_double(PRINT_ANY, "file_loss_percent", ", loss %.1f%%)", loss * 100);
	print_string(PRINT_ANY, "result", ": %s", ok ? "ok" : "FAIL");
	print_string(PRINT_ANY, "why", ", %s", why[0] ? why : NULL);
	return ok;
}

/* A path's line begins: "link SLICE/NAME FROM -> TO"; an object in JSON. */
static void path_start(const char *kind, const struct topo_slice *s, const char *name,
		       const struct topo_end *near, const struct topo_end *far)
{
	print_open_object(NULL);
	print_string(PRINT_ANY, "kind", "%s ", kind);
	print_string(PRINT_ANY, "slice", "%s/", s->name);
	print_string(PRINT_ANY, "name", "%s ", name);
	print_string(PRINT_ANY, "from", "%s -> ", near->vnode_name);
	print_string(PRINT_ANY, "to", "%s", far->vnode_name);
}

static void path_end(void)
{
	print_nl();
	print_close_object();
}

/* A path not tested, and why. */
static void path_skipped(const char *why)
{
	print_string(PRINT_JSON, "result", NULL, "not tested");
	print_string(PRINT_ANY, "why", ": %s, not tested", why);
}

/* Tests link @l from end @i (on this node); prints its line; true if it passed. */
static bool test_link(const struct topo_slice *s, const struct topo_link *l, int i)
{
	const struct topo_end *near = &l->end[i], *far = &l->end[1 - i];
	struct shaping a, b;
	char addr[64], ns[80];
	bool ok = true;

	path_start("link", s, l->name, near, far);
	if (!l->up) {
		path_skipped("down in the file");
	} else if (!far_addr(s, near, far, addr, sizeof(addr))) {
		path_skipped("no addresses of one family at both ends");
	} else {
		topo_vnode_ns(s, &s->vnodes[near->vnode], ns, sizeof(ns));
		shaping_of(&l->shape[i], &a);
		shaping_of(&l->shape[1 - i], &b);
		ok = test_path(ns, addr, &a, &b);
	}
	path_end();
	return ok;
}

/*
 * Tests LAN @lan from each of its members on this node to every other
 * member, one line each; returns how many failed, and counts in @tested.
 */
static int test_lan(const struct topo_slice *s, const struct topo_lan *lan, int node,
		    int *tested)
{
	const struct shaping none = { 0 };
	char addr[64], ns[80];
	int failed = 0;

	for (size_t i = 0; i < lan->n_ends; i++) {
		const struct topo_end *near = &lan->ends[i];

		if (s->vnodes[near->vnode].node != node)
			continue;
		topo_vnode_ns(s, &s->vnodes[near->vnode], ns, sizeof(ns));
		for (size_t j = 0; j < lan->n_ends; j++) {
			const struct topo_end *far = &lan->ends[j];

			if (j == i)
				continue;
			path_start("LAN", s, lan->name, near, far);
			(*tested)++;
			if (!far_addr(s, near, far, addr, sizeof(addr)))
				path_skipped("no addresses of one family at both ends");
			else if (!test_path(ns, addr, &none, &none))
				failed++;
			path_end();
		}
	}
	return failed;
}

int topo_test(const struct topo *t, int node)
{
	int failed = 0, tested = 0;

	print_start(stdout, egrectl_opts.json, egrectl_opts.pretty);
	print_open_object(NULL);
	print_open_array("paths");

	for (size_t i = 0; i < t->n_slices; i++) {
		const struct topo_slice *s = &t->slices[i];

		for (size_t j = 0; j < s->n_links; j++) {
			const struct topo_link *l = &s->links[j];

			/* from the first end on this node: a pair is tested once */
			for (int e = 0; e < 2; e++) {
				if (s->vnodes[l->end[e].vnode].node != node)
					continue;
				failed += !test_link(s, l, e);
				tested++;
				break;
			}
		}
		for (size_t j = 0; j < s->n_lans; j++)
			failed += test_lan(s, &s->lans[j], node, &tested);
	}
	print_close_array();
	print_u64(PRINT_ANY, "tested", "%" PRIu64, (uint64_t)tested);
	print_text(tested == 1 ? " path tested, " : " paths tested, ");
	print_u64(PRINT_ANY, "failed", "%" PRIu64 " failed\n", (uint64_t)failed);
	print_close_object();
	print_finish();
	return failed ? EXIT_RUNTIME : 0;
}
