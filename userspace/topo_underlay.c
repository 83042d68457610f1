// SPDX-License-Identifier: GPL-2.0
/* The live underlay's MTU against the file (topo_underlay.h). */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>

#include "egrectl.h"
#include "topo_index.h"
#include "topo_ns.h"
#include "topo_underlay.h"
#include "util.h"

struct path {
	unsigned int oif;
	uint32_t route_mtu;	/* 0: the route has none of its own */
	uint32_t dev_mtu;
};

static int route_cb(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[RTA_MAX + 1], *metrics[RTAX_MAX + 1];
	struct path *path = arg;

	if (nlmsg_parse(nlmsg_hdr(msg), sizeof(struct rtmsg), tb, RTA_MAX, NULL) < 0)
		return NL_SKIP;
	if (tb[RTA_OIF])
		path->oif = nla_get_u32(tb[RTA_OIF]);
	if (tb[RTA_METRICS] && !nla_parse_nested(metrics, RTAX_MAX, tb[RTA_METRICS], NULL) &&
	    metrics[RTAX_MTU])
		path->route_mtu = nla_get_u32(metrics[RTAX_MTU]);
	return NL_OK;
}

static int link_cb(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[IFLA_MAX + 1];
	struct path *path = arg;

	if (nlmsg_parse(nlmsg_hdr(msg), sizeof(struct ifinfomsg), tb, IFLA_MAX, NULL) < 0)
		return NL_SKIP;
	if (tb[IFLA_MTU])
		path->dev_mtu = nla_get_u32(tb[IFLA_MTU]);
	return NL_OK;
}

/* The words of an egre link that say where its packets go. */
struct ends {
	const char *local, *remote, *dev;
};

/*
 * The path of @e's packets here, looked up as the link's are (from its
 * local address, through its device if it has one); false when there is
 * no route.
 */
static bool path_of(struct nl_conn *r, const struct ends *e, struct path *path)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC };
	unsigned char dst[16], src[16];
	struct rtmsg rtm = { 0 };
	unsigned int oif = 0;
	struct nl_msg *msg;
	size_t alen;

	memset(path, 0, sizeof(*path));
	rtm.rtm_family = strchr(e->remote, ':') ? AF_INET6 : AF_INET;
	rtm.rtm_dst_len = rtm.rtm_family == AF_INET ? 32 : 128;
	alen = rtm.rtm_family == AF_INET ? 4 : 16;
	if (inet_pton(rtm.rtm_family, e->remote, dst) != 1 ||
	    (e->local && inet_pton(rtm.rtm_family, e->local, src) != 1))
		return false;
	if (e->dev) {
		oif = topo_ns_ifindex(NULL, e->dev);
		if (!oif)
			return false;	/* apply says so, naming the device */
	}
	msg = nlmsg_alloc_simple(RTM_GETROUTE, 0);
	if (!msg || nlmsg_append(msg, &rtm, sizeof(rtm), NLMSG_ALIGNTO) < 0 ||
	    nla_put(msg, RTA_DST, (int)alen, dst) < 0 ||
	    (e->local && nla_put(msg, RTA_SRC, (int)alen, src) < 0) ||
	    (oif && nla_put_u32(msg, RTA_OIF, oif) < 0)) {
		nlmsg_free(msg);
		return false;
	}
	if (conn_talk(r, msg, route_cb, path) || !path->oif)
		return false;
	ifi.ifi_index = (int)path->oif;
	msg = nlmsg_alloc_simple(RTM_GETLINK, 0);
	if (!msg || nlmsg_append(msg, &ifi, sizeof(ifi), NLMSG_ALIGNTO) < 0 ||
	    nla_put_u32(msg, IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS) < 0) {
		nlmsg_free(msg);
		return false;
	}
	return !conn_talk(r, msg, link_cb, path) && path->dev_mtu;
}

/* @o's local, remote and dev words; false when it has no remote. */
static bool ends_of(const struct topo_obj *o, struct ends *e)
{
	memset(e, 0, sizeof(*e));
	for (char **w = o->words; w && w[0] && w[1]; w++) {
		if (!strcmp(w[0], "local"))
			e->local = w[1];
		else if (!strcmp(w[0], "remote"))
			e->remote = w[1];
		else if (!strcmp(w[0], "dev"))
			e->dev = w[1];
	}
	return e->remote;
}

int topo_underlay_check(const struct topo *t, int node, const struct topo_plan *p)
{
	const struct topo_node *me = &t->nodes[node];
	struct topo_index seen = { 0 };
	struct nl_conn *r = NULL;
	int ret = 0;

	for (size_t i = 0; i < p->n && ret != EXIT_RUNTIME; i++) {
		struct path path;
		struct ends e;
		uint32_t mtu;
		size_t ignored;

		/* the links to one node take one path: the first of them tells */
		if (p->objs[i].kind != TOBJ_EGRE || !ends_of(&p->objs[i], &e) ||
		    topo_index_find(&seen, e.remote, &ignored))
			continue;
		topo_index_add(&seen, e.remote, 0);
		if (!r)
			r = topo_ns_rtnl(NULL, true);
		if (!r) {
			ret = EXIT_RUNTIME;
			break;
		}
		if (!path_of(r, &e, &path))
			continue;
		mtu = path.route_mtu && path.route_mtu < path.dev_mtu ? path.route_mtu :
		      path.dev_mtu;
		if (mtu >= me->mtu)
			continue;
		err_msg("topo: node %s: the underlay path to %s carries MTU %u (its %s), the file says mtu %u: the larger frames of its links would be lost",
			me->name, e.remote, mtu, mtu == path.dev_mtu ? "device's" : "route's",
			me->mtu);
		ret = EXIT_USAGE;
	}
	topo_index_free(&seen);
	return ret;
}

struct here_arg {
	const struct topo *t;
	bool *here;
};

/* An address of this node: the nodes whose underlay it is are here. */
static int addr_cb(struct nl_msg *msg, void *arg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	const struct ifaddrmsg *ifa = nlmsg_data(nlh);
	struct nlattr *tb[IFA_MAX + 1], *a;
	struct here_arg *h = arg;
	int len;

	if (nlmsg_parse(nlh, sizeof(*ifa), tb, IFA_MAX, NULL) < 0)
		return NL_SKIP;
	/* as getifaddrs(): the local end, where a point-to-point address has two */
	a = tb[IFA_LOCAL] ? tb[IFA_LOCAL] : tb[IFA_ADDRESS];
	len = ifa->ifa_family == AF_INET ? 4 : 16;
	if (!a || (ifa->ifa_family != AF_INET && ifa->ifa_family != AF_INET6) ||
	    nla_len(a) != len)
		return NL_SKIP;
	for (size_t i = 0; i < h->t->n_nodes; i++)
		for (size_t k = 0; k < h->t->nodes[i].n_underlay; k++) {
			const struct topo_addr *u = &h->t->nodes[i].underlay[k];

			if (u->family == ifa->ifa_family && !memcmp(u->addr, nla_data(a), len))
				h->here[i] = true;
		}
	return NL_OK;
}

int topo_underlay_here(const struct topo *t, bool *here)
{
	struct ifaddrmsg ifa = { .ifa_family = AF_UNSPEC };
	struct here_arg h = { t, here };
	struct nl_msg *msg;
	struct nl_conn *r;

	memset(here, 0, t->n_nodes * sizeof(*here));
	r = topo_ns_rtnl(NULL, false);
	if (!r)
		return -ENOTCONN;
	/* the addresses only: a node of thousands of links has few */
	msg = nlmsg_alloc_simple(RTM_GETADDR, NLM_F_DUMP);
	if (!msg || nlmsg_append(msg, &ifa, sizeof(ifa), NLMSG_ALIGNTO) < 0) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	return conn_talk(r, msg, addr_cb, &h);
}
