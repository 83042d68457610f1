// SPDX-License-Identifier: GPL-2.0
/*
 * The Ethernet header of link and slice devices. IP output builds one for
 * each frame it routes or sends onto such a device, and a bridge, a
 * binding or tc mirred between devices never does, so building it is
 * where a frame's hop budget starts afresh (hops.h). A tenant's own VRF
 * or L3 ipvlan can hand a bridged frame to IP output, as its own tunnels
 * can: hops.h says what that and the budget's other gaps are.
 */
#include <linux/etherdevice.h>

#include "hops.h"

static int egre_header_create(struct sk_buff *skb, struct net_device *dev,
			      unsigned short type, const void *daddr,
			      const void *saddr, unsigned int len)
{
	egre_hops_forget(skb);
	return eth_header(skb, dev, type, daddr, saddr, len);
}

/*
 * No .cache: with a cached header the neighbour layer would copy it into
 * the frame without calling .create.
 */
const struct header_ops egre_header_ops = {
	.create		= egre_header_create,
	.parse		= eth_header_parse,
	.parse_protocol	= eth_header_parse_protocol,
};
