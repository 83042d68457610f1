// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <net/if.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <netlink/cache.h>
#include <netlink/errno.h>
#include <netlink/route/link.h>

#include "rtnl.h"
#include "slice_ifaces.h"
#include "slices.h"
#include "util.h"

/* One walk over the namespace's links, run inside it. */
struct ifaces_walk {
	bool del;
	int count;		/* links seen, or deleted when del */
	char *msg;
	size_t len;
	int *tried;		/* ifindexes already asked to go */
	size_t ntried;
};

/*
 * Tunnel modules give every namespace a fallback device (gre0, ip6tnl0,
 * ...) that lives as long as the namespace: it is not the slice's, and
 * asking to delete it is answered with success and nothing done.
 */
static bool fallback_tunnel(struct rtnl_link *link)
{
	static const char *const fallbacks[][2] = {
		{ "gre", "gre0" }, { "gretap", "gretap0" }, { "erspan", "erspan0" },
		{ "ipip", "tunl0" }, { "sit", "sit0" }, { "ip6tnl", "ip6tnl0" },
		{ "ip6gre", "ip6gre0" }, { "vti", "ip_vti0" }, { "vti6", "ip6_vti0" },
	};
	const char *kind = rtnl_link_get_type(link);
	const char *name = rtnl_link_get_name(link);

	for (size_t i = 0; kind && name && i < sizeof(fallbacks) / sizeof(fallbacks[0]); i++) {
		if (!strcmp(kind, fallbacks[i][0]) && !strcmp(name, fallbacks[i][1]))
			return true;
	}
	return false;
}

/* What the slice holds: not loopback, not a module's fallback device. */
static bool slice_owned(struct rtnl_link *link)
{
	return !(rtnl_link_get_flags(link) & IFF_LOOPBACK) && !fallback_tunnel(link);
}

/* True the first time @ifindex is seen; a device that stays is asked once. */
static bool first_try(struct ifaces_walk *w, int ifindex)
{
	int *more;

	for (size_t i = 0; i < w->ntried; i++) {
		if (w->tried[i] == ifindex)
			return false;
	}
	more = list_append((void **)&w->tried, &w->ntried, sizeof(*more));
	if (!more)
		return false;	/* left to the namespace's end */
	*more = ifindex;
	return true;
}

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

		if (!slice_owned(link) || !first_try(w, rtnl_link_get_ifindex(link)))
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
		n += slice_owned((struct rtnl_link *)obj);
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
	rtnl_check_dumps(sk);
	if (!w->del) {
		w->count = links_count(sk);
	} else {
		/*
		 * Until a dump finds nothing more to delete; a device asked
		 * once and still there is not asked again, so this ends.
		 */
		while ((n = links_delete_once(sk, w)) > 0)
			w->count += n;
		free(w->tried);
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
