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

#include "nl.h"
#include "slice_ifaces.h"
#include "util.h"

/* One walk over a slice's links, on a socket of its namespace. */
struct ifaces_walk {
	struct nl_conn *r;
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

/* Asks for @link to go: 0, or -errno with the kernel's message in @w. */
static int link_delete(struct ifaces_walk *w, struct rtnl_link *link)
{
	struct nl_msg *msg;
	int err;

	if (rtnl_link_build_delete_request(link, &msg) < 0)
		return -ENOMEM;
	err = conn_talk(w->r, msg, NULL, NULL);
	if (err && err != -ENODEV && err != -EOPNOTSUPP)
		snprintf(w->msg, w->len, "delete interface %s: %s", rtnl_link_get_name(link),
			 w->r->errmsg[0] ? w->r->errmsg : strerror(-err));
	return err;
}

/* Deletes what one dump finds: how many went, or -errno. */
static int links_delete_once(struct ifaces_walk *w)
{
	struct nl_cache *cache;
	struct nl_object *obj;
	int deleted = 0, err;

	err = rtnl_link_alloc_cache(w->r->sk, AF_UNSPEC, &cache);
	if (err < 0) {
		snprintf(w->msg, w->len, "list interfaces: %s", nl_geterror(err));
		return -EIO;
	}
	for (obj = nl_cache_get_first(cache); obj; obj = nl_cache_get_next(obj)) {
		struct rtnl_link *link = (struct rtnl_link *)obj;

		if (!slice_owned(link) || !first_try(w, rtnl_link_get_ifindex(link)))
			continue;
		err = link_delete(w, link);
		if (err == 0) {
			deleted++;
		} else if (err != -ENODEV && err != -EOPNOTSUPP) {
			nl_cache_free(cache);
			return err;
		}
	}
	nl_cache_free(cache);
	return deleted;
}

static int links_count(struct nl_conn *r)
{
	struct nl_cache *cache;
	struct nl_object *obj;
	int n = 0;

	if (rtnl_link_alloc_cache(r->sk, AF_UNSPEC, &cache) < 0)
		return -EIO;
	for (obj = nl_cache_get_first(cache); obj; obj = nl_cache_get_next(obj))
		n += slice_owned((struct rtnl_link *)obj);
	nl_cache_free(cache);
	return n;
}

int slice_ifaces_count(int netfd)
{
	struct nl_conn r;
	int n;

	/* a socket of the slice's namespace: one of here would speak for the node */
	n = conn_open_netns(&r, NETLINK_ROUTE, netfd);
	if (n)
		return n;
	n = links_count(&r);
	conn_close(&r);
	return n;
}

int slice_ifaces_delete(int netfd, char *msg, size_t len)
{
	struct nl_conn r;
	struct ifaces_walk w = { .r = &r, .msg = msg, .len = len };
	int count = 0, n;

	msg[0] = '\0';
	n = conn_open_netns(&r, NETLINK_ROUTE, netfd);
	if (n) {
		snprintf(msg, len, "delete interfaces: %s", strerror(-n));
		return n;
	}
	/*
	 * Until a dump finds nothing more to delete; a device asked once and
	 * still there is not asked again, so this ends.
	 */
	while ((n = links_delete_once(&w)) > 0)
		count += n;
	free(w.tried);
	conn_close(&r);
	if (n < 0 && !msg[0])
		snprintf(msg, len, "delete interfaces: %s", strerror(-n));
	return n < 0 ? n : count;
}
