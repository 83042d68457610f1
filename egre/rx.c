// SPDX-License-Identifier: GPL-2.0
/*
 * EGRE receive: GRE version 0 packets from the kernel's GRE demux (shared
 * with PPTP, which owns version 1), matched to a link by (key, local,
 * remote) and delivered as Ethernet frames on that link's device.
 *
 * Version 0 has one owner at a time: ip_gre or trellis. Trellis takes it
 * while at least one egre link exists and refuses a link, with a message,
 * while ip_gre holds it; ip_gre cannot load while trellis holds it. No
 * packet meant for another module is ever taken.
 */
#include <linux/etherdevice.h>
#include <linux/ip.h>
#include <net/gre.h>
#include <net/ip_tunnels.h>

#include "egre.h"

static unsigned int egre_rx_users;	/* under RTNL */

/* Header flags trellis accepts; anything else (routing, strict source
 * route, recursion, a version) is a bad header.
 */
#define EGRE_RX_FLAGS (GRE_CSUM | GRE_KEY | GRE_SEQ)

static bool egre_rx_seq_ok(struct egre_dev *egre, __be32 seq)
{
	u32 s = ntohl(seq);

	if (egre->rx_seq_valid && (s32)(s - egre->rx_seq) <= 0)
		return false;
	egre->rx_seq = s;
	egre->rx_seq_valid = true;
	return true;
}

static int egre_rcv(struct sk_buff *skb)
{
	const struct gre_base_hdr *greh;
	const struct egre_cfg *cfg;
	struct net_device *dev;
	struct egre_dev *egre;
	struct egre_key key;
	__be32 *opt, seq = 0;
	bool csum;
	int hlen;

	/* gre_demux has pulled the base header already */
	greh = (const struct gre_base_hdr *)skb->data;
	if (greh->flags & ~EGRE_RX_FLAGS || greh->protocol != htons(ETH_P_TEB) ||
	    !(greh->flags & GRE_KEY))
		goto drop;
	csum = greh->flags & GRE_CSUM;
	hlen = sizeof(*greh) + 4 + (csum ? 4 : 0) + (greh->flags & GRE_SEQ ? 4 : 0);
	if (!pskb_may_pull(skb, hlen))
		goto drop;

	greh = (const struct gre_base_hdr *)skb->data;
	opt = (__be32 *)(greh + 1);
	if (csum)
		opt++;
	key.ikey = *opt++;
	if (greh->flags & GRE_SEQ)
		seq = *opt;
	key.local = ip_hdr(skb)->daddr;
	key.remote = ip_hdr(skb)->saddr;

	egre = egre_demux_lookup(dev_net(skb->dev), &key);
	if (!egre) {
		egre_demux_count_unknown(dev_net(skb->dev));
		goto drop;
	}
	dev = egre->dev;
	/* also keeps frames away from a link still being registered */
	if (unlikely(!netif_running(dev)))
		goto drop;
	cfg = rcu_dereference(egre->cfg);
	if (cfg->csum != csum || cfg->seq != !!(greh->flags & GRE_SEQ)) {
		DEV_STATS_INC(dev, rx_frame_errors);
		goto drop_link;
	}
	if (csum && skb_checksum_simple_validate(skb)) {
		DEV_STATS_INC(dev, rx_crc_errors);
		goto drop_link;
	}
	if (cfg->seq && !egre_rx_seq_ok(egre, seq)) {
		DEV_STATS_INC(dev, rx_fifo_errors);
		goto drop_link;
	}

	if (iptunnel_pull_header(skb, hlen, htons(ETH_P_TEB),
				 !net_eq(egre->net, dev_net(dev)))) {
		/* shorter than an Ethernet header */
		DEV_STATS_INC(dev, rx_length_errors);
		goto drop_link;
	}
	skb->protocol = eth_type_trans(skb, dev);
	skb_postpull_rcsum(skb, eth_hdr(skb), ETH_HLEN);
	dev_sw_netstats_rx_add(dev, skb->len);
	gro_cells_receive(&egre->gro_cells, skb);
	return NET_RX_SUCCESS;

drop_link:
	DEV_STATS_INC(dev, rx_errors);
	DEV_STATS_INC(dev, rx_dropped);
drop:
	kfree_skb(skb);
	return NET_RX_DROP;
}

static const struct gre_protocol egre_gre_protocol = {
	.handler = egre_rcv,
};

int egre_rx_hold(struct netlink_ext_ack *extack)
{
	int err;

	ASSERT_RTNL();
	if (egre_rx_users == 0) {
		err = gre_add_protocol(&egre_gre_protocol, GREPROTO_CISCO);
		if (err) {
			pr_warn("trellis: GRE version 0 is held by another module (ip_gre?); egre links need it unloaded\n");
			NL_SET_ERR_MSG(extack,
				       "raw GRE receive is held by another module (ip_gre?): unload it first");
			return -EBUSY;
		}
	}
	egre_rx_users++;
	return 0;
}

void egre_rx_release(void)
{
	ASSERT_RTNL();
	if (--egre_rx_users == 0)
		gre_del_protocol(&egre_gre_protocol, GREPROTO_CISCO);
}
