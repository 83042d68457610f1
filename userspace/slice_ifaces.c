// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <net/if.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dev_query.h"
#include "slice_ifaces.h"
#include "util.h"

/* One walk over a slice's links, on a socket of its namespace. */
struct ifaces_walk {
	struct nl_conn *r;
	char *msg;
	size_t len;
	unsigned int *tried;	/* ifindexes already asked to go */
	size_t ntried;
};

/*
 * Tunnel modules give every namespace a fallback device (gre0, ip6tnl0,
 * ...) that lives as long as the namespace: it is not the slice's, and
 * asking to delete it is answered with success and nothing done.
 */
static bool fallback_tunnel(const struct dev_info *dev)
{
	static const char *const fallbacks[][2] = {
		{ "gre", "gre0" }, { "gretap", "gretap0" }, { "erspan", "erspan0" },
		{ "ipip", "tunl0" }, { "sit", "sit0" }, { "ip6tnl", "ip6tnl0" },
		{ "ip6gre", "ip6gre0" }, { "vti", "ip_vti0" }, { "vti6", "ip6_vti0" },
	};
	for (size_t i = 0; i < sizeof(fallbacks) / sizeof(fallbacks[0]); i++) {
		if (!strcmp(dev->kind, fallbacks[i][0]) && !strcmp(dev->name, fallbacks[i][1]))
			return true;
	}
	return false;
}

/* What the slice holds: not loopback, not a module's fallback device. */
static bool slice_owned(const struct dev_info *dev)
{
	return !(dev->flags & IFF_LOOPBACK) && !fallback_tunnel(dev);
}

/* True the first time @ifindex is seen; a device that stays is asked once. */
static bool first_try(struct ifaces_walk *w, unsigned int ifindex)
{
	unsigned int *more;

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

/* Asks for @dev to go: 0, or -errno with the kernel's message in @w. */
static int dev_delete(struct ifaces_walk *w, const struct dev_info *dev)
{
	int err = dev_query_del(w->r, dev->ifindex);

	if (err && err != -ENODEV && err != -EOPNOTSUPP)
		snprintf(w->msg, w->len, "delete interface %s: %s", dev->name,
			 w->r->errmsg[0] ? w->r->errmsg : strerror(-err));
	return err;
}

/* Deletes what one dump finds: how many went, or -errno. */
static int devs_delete_once(struct ifaces_walk *w)
{
	struct dev_list list;
	int deleted = 0, err;

	err = dev_query_dump(w->r, &list);
	if (err) {
		snprintf(w->msg, w->len, "list interfaces: %s",
			 w->r->errmsg[0] ? w->r->errmsg : strerror(-err));
		return err;
	}
	for (size_t i = 0; i < list.n; i++) {
		if (!slice_owned(&list.devs[i]) || !first_try(w, list.devs[i].ifindex))
			continue;
		err = dev_delete(w, &list.devs[i]);
		if (err == 0) {
			deleted++;
		} else if (err != -ENODEV && err != -EOPNOTSUPP) {
			free(list.devs);
			return err;
		}
	}
	free(list.devs);
	return deleted;
}

static int devs_count(struct nl_conn *r)
{
	struct dev_list list;
	int n = 0, err;

	err = dev_query_dump(r, &list);
	if (err)
		return err;
	for (size_t i = 0; i < list.n; i++)
		n += slice_owned(&list.devs[i]);
	free(list.devs);
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
	n = devs_count(&r);
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
	while ((n = devs_delete_once(&w)) > 0)
		count += n;
	free(w.tried);
	conn_close(&r);
	if (n < 0 && !msg[0])
		snprintf(msg, len, "delete interfaces: %s", strerror(-n));
	return n < 0 ? n : count;
}
