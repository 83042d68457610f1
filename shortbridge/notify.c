// SPDX-License-Identifier: GPL-2.0
/*
 * One netdevice notifier for both forms of shortbridge: a binding goes
 * when either port is unregistered; a slice device follows its egre link
 * (carrier, MTU) and loses it when the link is deleted.
 */
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>

#include "egre.h"
#include "shortbridge.h"

static int sb_netdev_event(struct notifier_block *nb, unsigned long event,
			   void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);

	switch (event) {
	case NETDEV_UNREGISTER:
		sb_binding_port_gone(dev);
		fallthrough;
	case NETDEV_UP:
	case NETDEV_DOWN:
	case NETDEV_CHANGE:
	case NETDEV_CHANGEMTU:
		if (egre_is_link(dev))
			sb_link_event(dev, event, ptr);
		break;
	}
	return NOTIFY_DONE;
}

static struct notifier_block sb_notifier = {
	.notifier_call = sb_netdev_event,
};

int sb_notify_init(void)
{
	return register_netdevice_notifier(&sb_notifier);
}

void sb_notify_uninit(void)
{
	unregister_netdevice_notifier(&sb_notifier);
}
