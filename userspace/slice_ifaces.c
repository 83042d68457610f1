// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <net/if.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <netlink/cache.h>
#include <netlink/errno.h>
#include <netlink/route/link.h>

#include "slice_ifaces.h"
#include "slices.h"

/* One walk over the namespace's links, run inside it. */
struct ifaces_walk {
	bool del;
	int count;		/* links seen, or deleted when del */
	char *msg;
	size_t len;
};

/*
 * Deletes what one dump lists; returns how many went. A link already gone
 * with its peer, or one the kernel cannot delete, is not a failure.
 */
static int links_delete_once(struct nl_sock *sk, struct ifaces_walk *w)
{
	struct nl_cache *cache;
	struct nl_object *obj;
	int deleted = 0, err;

	err = rtnl_link_alloc_cache(sk, AF_UNSPEC, &cache);
	if (err < 0) {
		snprintf(w->msg, w->len, "list interfaces: %s", nl_geterror(err));
		return -EIO;
	}
	for (obj = nl_cache_get_first(cache); obj; obj = nl_cache_get_next(obj)) {
		struct rtnl_link *link = (struct rtnl_link *)obj;

		if (rtnl_link_get_flags(link) & IFF_LOOPBACK)
			continue;
		err = rtnl_link_delete(sk, link);
		if (err == 0) {
			deleted++;
		} else if (err != -NLE_OBJ_NOTFOUND && err != -NLE_OPNOTSUPP) {
			snprintf(w->msg, w->len, "delete interface %s: %s",
				 rtnl_link_get_name(link), nl_geterror(err));
			nl_cache_free(cache);
			return -EIO;
		}
	}
	nl_cache_free(cache);
	return deleted;
}

static int links_count(struct nl_sock *sk)
{
	struct nl_cache *cache;
	struct nl_object *obj;
	int n = 0;

	if (rtnl_link_alloc_cache(sk, AF_UNSPEC, &cache) < 0)
		return -EIO;
	for (obj = nl_cache_get_first(cache); obj; obj = nl_cache_get_next(obj))
		n += !(rtnl_link_get_flags((struct rtnl_link *)obj) & IFF_LOOPBACK);
	nl_cache_free(cache);
	return n;
}

static int ifaces_walk_run(void *arg)
{
	struct ifaces_walk *w = arg;
	struct nl_sock *sk;
	int n;

	/* a socket of this namespace: one opened outside would speak for the node */
	sk = nl_socket_alloc();
	if (!sk)
		return -ENOMEM;
	if (nl_connect(sk, NETLINK_ROUTE) < 0) {
		nl_socket_free(sk);
		return -EIO;
	}
	if (!w->del) {
		w->count = links_count(sk);
	} else {
		/* until a dump finds nothing more to delete */
		while ((n = links_delete_once(sk, w)) > 0)
			w->count += n;
		if (n < 0)
			w->count = n;
	}
	nl_socket_free(sk);
	return w->count;
}

int slice_ifaces_count(int netfd)
{
	char msg[1];
	struct ifaces_walk w = { .msg = msg, .len = sizeof(msg) };

	return in_slice(netfd, ifaces_walk_run, &w);
}

int slice_ifaces_delete(int netfd, char *msg, size_t len)
{
	struct ifaces_walk w = { .del = true, .msg = msg, .len = len };
	int ret;

	msg[0] = '\0';
	ret = in_slice(netfd, ifaces_walk_run, &w);
	if (ret < 0 && !msg[0])
		snprintf(msg, len, "delete interfaces: %s", strerror(-ret));
	return ret;
}
