// SPDX-License-Identifier: GPL-2.0
/* A LAN's bridge and its ports (topo_bridge.h), over rtnetlink. */
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <linux/if_bridge.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>

#include "egrectl.h"
#include "nl.h"
#include "topo_bridge.h"
#include "topo_ns.h"
#include "util.h"

/* Every link-local group a bridge may forward: not pause frames, STP or LACP. */
#define FORWARD_GROUPS	0xfff8

/*
 * The addresses a LAN's bridge learns, at most: what members send from
 * made-up source addresses must not grow the node's memory without end
 * (the bridge's table is the node's, not charged to the tenant). Linux 6.7
 * has IFLA_BR_FDB_MAX_LEARNED; older headers do not name it.
 */
#define MAX_LEARNED		4096
#define ATTR_FDB_MAX_LEARNED	49

/* Sends @msg on @r; on error, one line naming @what. */
static int talk(struct nl_conn *r, struct nl_msg *msg, const char *ns, const char *what)
{
	int err;

	if (!msg) {
		err_msg("topo: %s: %s: out of memory", ns, what);
		return EXIT_RUNTIME;
	}
	err = conn_talk(r, msg, NULL, NULL);
	if (err)
		err_msg("topo: %s: %s: %s", ns, what, r->errmsg[0] ? r->errmsg : strerror(-err));
	return err ? EXIT_RUNTIME : 0;
}

static struct nl_msg *link_msg(int type, int flags, int family, unsigned int ifindex,
			       unsigned int up)
{
	struct ifinfomsg ifi = {
		.ifi_family = (unsigned char)family,
		.ifi_index = (int)ifindex,
		.ifi_flags = up,
		.ifi_change = up,
	};
	struct nl_msg *msg = nlmsg_alloc_simple(type, flags);

	if (msg && nlmsg_append(msg, &ifi, sizeof(ifi), NLMSG_ALIGNTO) < 0) {
		nlmsg_free(msg);
		msg = NULL;
	}
	return msg;
}

int topo_bridge_add(const char *ns, const char *dev, uint32_t mtu)
{
	struct nlattr *info, *data;
	struct nl_conn *r = topo_ns_rtnl(ns, true);
	struct nl_msg *msg;
	char what[64];

	if (!r)
		return EXIT_RUNTIME;
	msg = link_msg(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, AF_UNSPEC, 0, IFF_UP);
	if (msg && (nla_put_string(msg, IFLA_IFNAME, dev) < 0 ||
		    nla_put_u32(msg, IFLA_MTU, mtu) < 0 ||
		    !(info = nla_nest_start(msg, IFLA_LINKINFO)) ||
		    nla_put_string(msg, IFLA_INFO_KIND, "bridge") < 0 ||
		    !(data = nla_nest_start(msg, IFLA_INFO_DATA)) ||
		    nla_put_u16(msg, IFLA_BR_GROUP_FWD_MASK, FORWARD_GROUPS) < 0 ||
		    nla_put_u8(msg, IFLA_BR_MCAST_SNOOPING, 0) < 0 ||
		    nla_put_u32(msg, ATTR_FDB_MAX_LEARNED, MAX_LEARNED) < 0)) {
		nlmsg_free(msg);
		msg = NULL;
	}
	if (msg) {
		nla_nest_end(msg, data);
		nla_nest_end(msg, info);
	}
	snprintf(what, sizeof(what), "bridge %s mtu %u", dev, mtu);
	return talk(r, msg, ns, what);
}

int topo_bridge_port(const char *ns, const char *dev, const char *bridge, bool isolated)
{
	unsigned int port = topo_ns_ifindex(ns, dev), master = topo_ns_ifindex(ns, bridge);
	struct nl_conn *r = topo_ns_rtnl(ns, true);
	struct nlattr *protinfo;
	struct nl_msg *msg;
	char what[64];
	int ret;

	if (!r)
		return EXIT_RUNTIME;
	if (!port || !master) {
		err_msg("topo: %s: no device %s", ns, port ? bridge : dev);
		return EXIT_RUNTIME;
	}
	/* a port, isolated before it is up: no frame crosses it as another kind */
	snprintf(what, sizeof(what), "%s: port of %s", dev, bridge);
	msg = link_msg(RTM_SETLINK, 0, AF_UNSPEC, port, 0);
	if (msg && nla_put_u32(msg, IFLA_MASTER, master) < 0) {
		nlmsg_free(msg);
		msg = NULL;
	}
	ret = talk(r, msg, ns, what);
	if (!ret && isolated) {
		snprintf(what, sizeof(what), "%s: isolated port of %s", dev, bridge);
		msg = link_msg(RTM_SETLINK, 0, AF_BRIDGE, port, 0);
		if (msg && (!(protinfo = nla_nest_start(msg, IFLA_PROTINFO | NLA_F_NESTED)) ||
			    nla_put_u8(msg, IFLA_BRPORT_ISOLATED, 1) < 0)) {
			nlmsg_free(msg);
			msg = NULL;
		}
		if (msg)
			nla_nest_end(msg, protinfo);
		ret = talk(r, msg, ns, what);
	}
	if (!ret) {
		snprintf(what, sizeof(what), "%s up", dev);
		ret = talk(r, link_msg(RTM_SETLINK, 0, AF_UNSPEC, port, IFF_UP), ns, what);
	}
	return ret;
}
