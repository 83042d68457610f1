/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _TRELLIS_NETNS_H
#define _TRELLIS_NETNS_H

#include <net/net_namespace.h>
#include <net/netns/generic.h>

/*
 * Per-namespace state: each namespace is one node's root context, so one
 * machine can simulate several nodes.
 */
struct trellis_net {
	struct net *net;
	/* trellis link devices in this namespace; written under RTNL */
	unsigned int links;
	/* egre links, slice link devices made from here, bindings (RTNL) */
	unsigned int objects;
	/* egre links here with direct receive set, held or waiting (RTNL) */
	unsigned int direct_links;
	/* shortbridge bindings of devices here (RTNL) */
	struct list_head bindings;
	/* shortbridge links made from here, whose devices live in slices (RTNL) */
	struct list_head slice_links;
	/* and by name: TRELLIS_NAME_BUCKETS heads, made with the first (RTNL) */
	struct hlist_head *slice_link_names;
};

#define TRELLIS_NAME_BUCKETS	1024

extern unsigned int trellis_net_id;

static inline struct trellis_net *trellis_net(const struct net *net)
{
	return net_generic(net, trellis_net_id);
}

int trellis_net_charge(struct net *net, unsigned int count,
		       struct netlink_ext_ack *extack);
void trellis_net_uncharge(struct net *net, unsigned int count);
int trellis_netns_init(void);
void trellis_netns_uninit(void);

#endif /* _TRELLIS_NETNS_H */
