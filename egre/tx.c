// SPDX-License-Identifier: GPL-2.0
/*
 * EGRE transmit: an Ethernet frame from the link device becomes
 * IPv4 | GRE (key, optional checksum and sequence) | Ethernet frame, sent
 * from the underlay namespace.
 */
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <net/gre.h>
#include <net/inet_ecn.h>
#include <net/ip.h>
#include <net/ip_tunnels.h>
#include <net/route.h>

#include "egre.h"
#include "trellis.h"

static void egre_gre_flags(const struct egre_cfg *cfg, unsigned long *flags)
{
	__set_bit(IP_TUNNEL_KEY_BIT, flags);
	if (cfg->csum)
		__set_bit(IP_TUNNEL_CSUM_BIT, flags);
	if (cfg->seq)
		__set_bit(IP_TUNNEL_SEQ_BIT, flags);
}

/* Bytes the encapsulation adds in front of the Ethernet frame. */
int egre_overhead(const struct egre_cfg *cfg)
{
	IP_TUNNEL_DECLARE_FLAGS(flags) = { };

	egre_gre_flags(cfg, flags);
	return sizeof(struct iphdr) + gre_calc_hlen(flags);
}

/* The inner IPv4 header, if the frame carries one, for TOS/TTL inherit. */
static const struct iphdr *egre_inner_ip(struct sk_buff *skb)
{
	if (skb->protocol != htons(ETH_P_IP) ||
	    !pskb_network_may_pull(skb, sizeof(struct iphdr)))
		return NULL;
	return ip_hdr(skb);
}

static struct rtable *egre_route(struct egre_dev *egre, struct egre_cfg *cfg,
				 struct flowi4 *fl4, u8 tos, bool cacheable)
{
	struct rtable *rt;
	__be32 saddr;

	memset(fl4, 0, sizeof(*fl4));
	fl4->daddr = cfg->remote;
	fl4->saddr = cfg->local;
	fl4->flowi4_oif = cfg->link;
	fl4->flowi4_tos = tos & INET_DSCP_MASK;
	fl4->flowi4_proto = IPPROTO_GRE;
	fl4->fl4_gre_key = cfg->okey;

	if (cacheable) {
		rt = dst_cache_get_ip4(&cfg->dst_cache, &saddr);
		if (rt) {
			fl4->saddr = saddr;
			return rt;
		}
	}
	rt = ip_route_output_key(egre->net, fl4);
	if (IS_ERR(rt))
		return rt;
	if (rt->dst.dev == egre->dev) {
		/* the route to the remote points back into the link */
		ip_rt_put(rt);
		return ERR_PTR(-ELOOP);
	}
	if (cacheable)
		dst_cache_set_ip4(&cfg->dst_cache, &rt->dst, fl4->saddr);
	return rt;
}

netdev_tx_t egre_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct egre_dev *egre = netdev_priv(dev);
	IP_TUNNEL_DECLARE_FLAGS(flags) = { };
	const struct iphdr *inner;
	struct egre_cfg *cfg;
	struct rtable *rt;
	struct flowi4 fl4;
	unsigned int headroom;
	int hlen, mtu;
	__be16 df = 0;
	u8 tos, ttl, dsfield;

	rcu_read_lock();
	cfg = rcu_dereference(egre->cfg);
	egre_gre_flags(cfg, flags);
	hlen = gre_calc_hlen(flags);

	inner = egre_inner_ip(skb);
	tos = cfg->tos;
	if (tos == TRELLIS_EGRE_TOS_INHERIT)
		tos = inner ? inner->tos : 0;
	ttl = cfg->ttl;
	if (!ttl)
		ttl = inner ? inner->ttl : TRELLIS_EGRE_TTL_DEFAULT;
	/* read now: @inner points into data that skb_cow_head may move */
	dsfield = inner ? INET_ECN_encapsulate(tos, inner->tos) : tos;

	/* The cached route is only good while the TOS does not vary. */
	rt = egre_route(egre, cfg, &fl4, tos, cfg->tos != TRELLIS_EGRE_TOS_INHERIT);
	if (IS_ERR(rt)) {
		DEV_STATS_INC(dev, tx_carrier_errors);
		goto drop;
	}

	if (cfg->pmtudisc) {
		df = htons(IP_DF);
		mtu = dst_mtu(&rt->dst) - sizeof(struct iphdr) - hlen;
		if (!skb_is_gso(skb) && skb->len > mtu) {
			/* too big for the path: drop, never fragment */
			ip_rt_put(rt);
			DEV_STATS_INC(dev, tx_aborted_errors);
			goto drop;
		}
	}

	headroom = LL_RESERVED_SPACE(rt->dst.dev) + rt->dst.header_len +
		   sizeof(struct iphdr) + hlen;
	ip_tunnel_adj_headroom(dev, headroom);
	if (skb_cow_head(skb, headroom) ||
	    iptunnel_handle_offloads(skb, cfg->csum ? SKB_GSO_GRE_CSUM : SKB_GSO_GRE)) {
		ip_rt_put(rt);
		goto drop;
	}

	gre_build_header(skb, hlen, flags, htons(ETH_P_TEB), cfg->okey,
			 cfg->seq ? htonl(atomic_fetch_inc(&egre->tx_seq)) : 0);
	iptunnel_xmit(NULL, rt, skb, fl4.saddr, cfg->remote, IPPROTO_GRE,
		      dsfield, ttl, df,
		      !net_eq(egre->net, dev_net(dev)));
	rcu_read_unlock();
	return NETDEV_TX_OK;

drop:
	rcu_read_unlock();
	DEV_STATS_INC(dev, tx_dropped);
	kfree_skb(skb);
	return NETDEV_TX_OK;
}
