// SPDX-License-Identifier: GPL-2.0
/*
 * A namespace's routes over rtnetlink: RTM_GETROUTE dumps read into plain
 * structs (route_query.h), and RTM_NEWROUTE/RTM_DELROUTE built from a
 * parsed command line.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/rtnetlink.h>
#include <netlink/attr.h>
#include <netlink/msg.h>

#include "route_query.h"
#include "util.h"

struct dump {
	struct route_list *list;
	bool nomem;
};

/* An address attribute of @family's length into @buf; false if not one. */
static bool addr_get(const struct nlattr *a, int family, unsigned char *buf)
{
	unsigned int len = route_addr_len(family);

	if (!a || nla_len(a) != (int)len)
		return false;
	memcpy(buf, nla_data(a), len);
	return true;
}

static uint32_t u32_get(const struct nlattr *a, uint32_t absent)
{
	return a && nla_len(a) >= 4 ? nla_get_u32((struct nlattr *)a) : absent;
}

static struct route_nexthop *nexthop_add(struct route_entry *e)
{
	return list_append((void **)&e->nexthops, &e->n_nexthops, sizeof(*e->nexthops));
}

/* RTA_MULTIPATH: a struct rtnexthop a path, each followed by its attributes. */
static int multipath_parse(struct route_entry *e, struct nlattr *mp)
{
	struct rtnexthop *rtnh = nla_data(mp);
	int left = nla_len(mp);

	while (left >= (int)sizeof(*rtnh) && rtnh->rtnh_len >= sizeof(*rtnh) &&
	       rtnh->rtnh_len <= left) {
		struct route_nexthop *nh = nexthop_add(e);
		struct nlattr *tb[RTA_MAX + 1];
		int attrs = rtnh->rtnh_len - (int)sizeof(*rtnh);

		if (!nh)
			return -ENOMEM;
		nh->ifindex = rtnh->rtnh_ifindex > 0 ? (unsigned int)rtnh->rtnh_ifindex : 0;
		nh->hops = rtnh->rtnh_hops;
		if (attrs > 0 &&
		    nla_parse(tb, RTA_MAX, (struct nlattr *)RTNH_DATA(rtnh), attrs, NULL) == 0)
			nh->has_gw = addr_get(tb[RTA_GATEWAY], e->family, nh->gw);
		left -= RTNH_ALIGN(rtnh->rtnh_len);
		rtnh = RTNH_NEXT(rtnh);
	}
	return 0;
}

static int route_parse(struct nlmsghdr *nlh, struct route_entry *e)
{
	struct rtmsg *rtm = nlmsg_data(nlh);
	struct nlattr *tb[RTA_MAX + 1];

	if (nlmsg_parse(nlh, sizeof(*rtm), tb, RTA_MAX, NULL) < 0)
		return -EBADMSG;
	e->family = rtm->rtm_family;
	e->dst_len = rtm->rtm_dst_len;
	addr_get(tb[RTA_DST], e->family, e->dst);
	e->table = u32_get(tb[RTA_TABLE], rtm->rtm_table);
	e->type = rtm->rtm_type;
	e->scope = rtm->rtm_scope;
	e->protocol = rtm->rtm_protocol;
	e->metric = u32_get(tb[RTA_PRIORITY], 0);
	e->has_prefsrc = addr_get(tb[RTA_PREFSRC], e->family, e->prefsrc);
	e->pref = tb[RTA_PREF] && nla_len(tb[RTA_PREF]) == 1 ? nla_get_u8(tb[RTA_PREF]) : -1;
	if (tb[RTA_MULTIPATH])
		return multipath_parse(e, tb[RTA_MULTIPATH]);
	if (tb[RTA_GATEWAY] || tb[RTA_OIF]) {
		struct route_nexthop *nh = nexthop_add(e);

		if (!nh)
			return -ENOMEM;
		nh->has_gw = addr_get(tb[RTA_GATEWAY], e->family, nh->gw);
		nh->ifindex = u32_get(tb[RTA_OIF], 0);
	}
	return 0;
}

static int route_dump_cb(struct nl_msg *msg, void *arg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct rtmsg *rtm = nlmsg_data(nlh);
	struct route_entry entry = { 0 }, *slot = NULL;
	struct dump *d = arg;
	int err;

	if (nlh->nlmsg_type != RTM_NEWROUTE || !nlmsg_valid_hdr(nlh, sizeof(*rtm)))
		return NL_SKIP;
	if (rtm->rtm_family != AF_INET && rtm->rtm_family != AF_INET6)
		return NL_OK;
	if (rtm->rtm_flags & RTM_F_CLONED)
		return NL_OK;	/* an IPv6 cache entry, not a FIB entry */
	err = route_parse(nlh, &entry);
	if (err == -EBADMSG)
		return NL_OK;	/* not one we can read: left out, as before */
	if (!err)
		slot = list_append((void **)&d->list->routes, &d->list->n, sizeof(*slot));
	if (!slot) {
		free(entry.nexthops);
		d->nomem = true;
		return NL_OK;	/* read to the end: the socket stays usable */
	}
	*slot = entry;
	return NL_OK;
}

int route_query_dump(struct nl_conn *r, struct route_list *list)
{
	struct rtmsg rtm = { .rtm_family = AF_UNSPEC };
	struct dump d = { .list = list };
	struct nl_msg *msg;
	int err;

	*list = (struct route_list) { 0 };
	msg = nlmsg_alloc_simple(RTM_GETROUTE, NLM_F_DUMP);
	if (!msg || nlmsg_append(msg, &rtm, sizeof(rtm), NLMSG_ALIGNTO) < 0) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	err = conn_talk(r, msg, route_dump_cb, &d);
	if (!err && d.nomem)
		err = -ENOMEM;
	if (err)
		route_list_free(list);
	return err;
}

void route_list_free(struct route_list *list)
{
	for (size_t i = 0; i < list->n; i++)
		free(list->routes[i].nexthops);
	free(list->routes);
	*list = (struct route_list) { 0 };
}

int route_query_change(struct nl_conn *r, enum route_change how, const struct route_req *q)
{
	static const int flags[] = {
		[ROUTE_ADD] = NLM_F_CREATE | NLM_F_EXCL,
		[ROUTE_REPLACE] = NLM_F_CREATE | NLM_F_REPLACE,
		[ROUTE_DEL] = 0,
	};
	unsigned int len = route_addr_len(q->family);
	struct rtmsg rtm = {
		.rtm_family = (unsigned char)q->family,
		.rtm_dst_len = (unsigned char)q->dst_len,
		/* tables past 255 are in RTA_TABLE only */
		.rtm_table = q->table < 256 ? (unsigned char)q->table : RT_TABLE_UNSPEC,
	};
	struct nl_msg *msg;

	if (how == ROUTE_DEL) {
		/* protocol and type 0, scope nowhere: the kernel matches any */
		rtm.rtm_scope = RT_SCOPE_NOWHERE;
	} else {
		rtm.rtm_protocol = RTPROT_STATIC;
		rtm.rtm_type = RTN_UNICAST;
		/* an IPv4 route without a gateway is on the link, as ip makes it */
		rtm.rtm_scope = q->family == AF_INET && !q->has_gw ? RT_SCOPE_LINK :
								     RT_SCOPE_UNIVERSE;
	}
	msg = nlmsg_alloc_simple(how == ROUTE_DEL ? RTM_DELROUTE : RTM_NEWROUTE, flags[how]);
	if (!msg || nlmsg_append(msg, &rtm, sizeof(rtm), NLMSG_ALIGNTO) < 0 ||
	    (q->dst_len && nla_put(msg, RTA_DST, (int)len, q->dst) < 0) ||
	    nla_put_u32(msg, RTA_TABLE, q->table) < 0 ||
	    nla_put_u32(msg, RTA_PRIORITY, q->has_metric ? q->metric : 0) < 0 ||
	    (q->has_gw && nla_put(msg, RTA_GATEWAY, (int)len, q->gw) < 0) ||
	    (q->ifindex && nla_put_u32(msg, RTA_OIF, q->ifindex) < 0)) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	return conn_talk(r, msg, NULL, NULL);
}
