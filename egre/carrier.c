// SPDX-License-Identifier: GPL-2.0
/*
 * A link pinned to an underlay device (multihoming) has carrier only while
 * that device is up and has carrier itself, so a bridge, a routing daemon
 * or shortbridge in the node sees the link go down with its uplink.
 * Unpinned links keep carrier: the route chooses the uplink per packet.
 */
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>

#include "egre.h"

static bool egre_underlay_up(struct net *net, int ifindex)
{
	struct net_device *under = __dev_get_by_index(net, ifindex);

	return under && netif_running(under) && netif_carrier_ok(under);
}

/* Under RTNL: sets the carrier of egre link @dev from its underlay. */
void egre_carrier_update(struct net_device *dev)
{
	struct egre_dev *egre = netdev_priv(dev);
	const struct egre_cfg *cfg = rtnl_dereference(egre->cfg);

	if (!cfg->link || egre_underlay_up(egre->net, cfg->link))
		netif_carrier_on(dev);
	else
		netif_carrier_off(dev);
}

static int egre_carrier_event(struct notifier_block *nb, unsigned long event,
			      void *ptr)
{
	struct net_device *under = netdev_notifier_info_to_dev(ptr);
	struct net_device *dev;

	switch (event) {
	case NETDEV_UP:
	case NETDEV_DOWN:
	case NETDEV_CHANGE:
	case NETDEV_UNREGISTER:
		break;
	default:
		return NOTIFY_DONE;
	}
	/* an egre link is never an underlay: skip its own events cheaply */
	if (egre_is_link(under))
		return NOTIFY_DONE;
	for_each_netdev(dev_net(under), dev) {
		struct egre_dev *egre;

		if (!egre_is_link(dev))
			continue;
		egre = netdev_priv(dev);
		if (rtnl_dereference(egre->cfg)->link == under->ifindex)
			egre_carrier_update(dev);
	}
	return NOTIFY_DONE;
}

static struct notifier_block egre_carrier_notifier = {
	.notifier_call = egre_carrier_event,
};

int egre_carrier_init(void)
{
	return register_netdevice_notifier(&egre_carrier_notifier);
}

void egre_carrier_uninit(void)
{
	unregister_netdevice_notifier(&egre_carrier_notifier);
}
