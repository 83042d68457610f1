// SPDX-License-Identifier: GPL-2.0
/* The namespaces of a topology run, one socket each (topo_ns.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include "egrectl.h"
#include "slices.h"
#include "topo_index.h"
#include "topo_model.h"
#include "topo_ns.h"
#include "util.h"

#define NODE_KEY	""	/* the node's own namespace: no slice has an empty name */
/*
 * File descriptors left for everything else than kept sockets: a file of
 * thousands of virtual nodes must not run this process out of them. The
 * soft limit (1,024 by default) is raised to the hard one first; past
 * what it allows, the socket made first is closed, to be opened again
 * when needed.
 */
#define FDS_SPARE	64
#define MAX_KEPT	65536

struct kept_ns {
	char *name;
	struct nl_conn r;		/* r.sk NULL: not open (forgotten, or not there) */
};

static struct kept_ns **kept;
static size_t n_kept, n_open, next_out, max_open;
static struct topo_index by_name;
static struct rlimit fds_given;	/* the limit before it was raised */

/* How many sockets may be kept: as many as the hard limit allows. */
static size_t open_limit(void)
{
	struct rlimit rl;
	rlim_t lim;

	if (max_open)
		return max_open;
	max_open = 1024 - FDS_SPARE;
	if (getrlimit(RLIMIT_NOFILE, &rl))
		return max_open;
	fds_given = rl;
	lim = rl.rlim_max == RLIM_INFINITY ? MAX_KEPT + FDS_SPARE : rl.rlim_max;
	if (rl.rlim_cur != RLIM_INFINITY && lim > rl.rlim_cur) {
		rl.rlim_cur = lim;
		if (setrlimit(RLIMIT_NOFILE, &rl))
			rl = fds_given;
	}
	lim = rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur > MAX_KEPT ? MAX_KEPT : rl.rlim_cur;
	max_open = lim > 2 * FDS_SPARE ? lim - FDS_SPARE : lim / 2;
	return max_open;
}

void topo_ns_child_limits(void)
{
	if (fds_given.rlim_cur)
		setrlimit(RLIMIT_NOFILE, &fds_given);
}

static void close_kept(struct kept_ns *k)
{
	conn_close(&k->r);
	n_open--;
}

/* Closes one open socket other than @k's, the oldest made first. */
static void make_room(const struct kept_ns *k)
{
	for (size_t tries = 0; tries < n_kept; tries++) {
		struct kept_ns *out = kept[next_out];

		next_out = (next_out + 1) % n_kept;
		if (out != k && out->r.sk) {
			close_kept(out);
			return;
		}
	}
}

static struct kept_ns *find(const char *key)
{
	size_t i;

	return topo_index_find(&by_name, key, &i) ? kept[i] : NULL;
}

static int open_socket(const char *ns, struct nl_conn *r)
{
	int fd, err;

	if (!ns)
		return conn_open(r, NETLINK_ROUTE);
	fd = slice_open(ns);
	if (fd < 0)
		return fd;
	err = conn_open_netns(r, NETLINK_ROUTE, fd);
	close(fd);
	return err;
}

struct nl_conn *topo_ns_rtnl(const char *ns, bool loud)
{
	const char *key = ns ? ns : NODE_KEY;
	struct kept_ns *k = find(key);
	int err;

	if (!k) {
		k = topo_must(calloc(1, sizeof(*k)));
		k->name = topo_strdup(key);
		kept = topo_grow(kept, &n_kept, sizeof(*kept));
		kept[n_kept - 1] = k;
		topo_index_add(&by_name, k->name, n_kept - 1);
	}
	/* a request cut short leaves replies behind: a new socket then */
	if (k->r.sk && k->r.dirty)
		close_kept(k);
	if (k->r.sk)
		return &k->r;
	if (n_open >= open_limit())
		make_room(k);
	err = open_socket(ns, &k->r);
	if (!err) {
		/* never handed back to conn_open's keeping: this one stays here */
		k->r.foreign = true;
		n_open++;
		return &k->r;
	}
	if (loud)
		err_msg("topo: namespace %s: %s", ns ? ns : "of the node",
			err == -ESTALE ? "gone" : strerror(-err));
	return NULL;
}

unsigned int topo_ns_ifindex(const char *ns, const char *dev)
{
	struct nl_conn *r = topo_ns_rtnl(ns, false);
	struct ifreq ifr = { 0 };

	if (!r || strlen(dev) >= sizeof(ifr.ifr_name))
		return 0;
	strcpy(ifr.ifr_name, dev);
	/*
	 * Asked of the namespace's socket, which passes it to the device
	 * layer of the namespace it was made in: a name looked up, where
	 * RTM_GETLINK would build a whole description of the device.
	 */
	if (ioctl(nl_socket_get_fd(r->sk), SIOCGIFINDEX, &ifr) < 0)
		return 0;
	return (unsigned int)ifr.ifr_ifindex;
}

unsigned long long topo_ns_cookie(const char *ns)
{
	struct nl_conn *r = topo_ns_rtnl(ns, false);
	unsigned long long cookie = 0;
	socklen_t len = sizeof(cookie);

	/* a socket's namespace is the one it was made in: the cookie is the namespace's */
	if (!r || getsockopt(nl_socket_get_fd(r->sk), SOL_SOCKET, SO_NETNS_COOKIE, &cookie,
			     &len) < 0)
		return 0;
	return cookie;
}

void topo_ns_forget(const char *ns)
{
	struct kept_ns *k = find(ns ? ns : NODE_KEY);

	if (k && k->r.sk)
		close_kept(k);
}

void topo_ns_forget_all(void)
{
	for (size_t i = 0; i < n_kept; i++) {
		if (kept[i]->r.sk)
			close_kept(kept[i]);
		free(kept[i]->name);
		free(kept[i]);
	}
	free(kept);
	kept = NULL;
	n_kept = 0;
	next_out = 0;
	topo_index_free(&by_name);
}
