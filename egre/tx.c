// SPDX-License-Identifier: GPL-2.0
/*
 * EGRE transmit: an Ethernet frame from the link device becomes
 * IPv4 or IPv6 | [UDP] | GRE (key, optional checksum and sequence) | frame,
 * sent from the underlay namespace.
 */
#include <linux/etherdevice.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/udp.h>
#include <net/gre.h>
#include <net/inet_ecn.h>
#include <net/ip.h>
#include <net/ip6_route.h>
#include <net/ip6_checksum.h>
#include <net/ip6_tunnel.h>
#include <net/ip_tunnels.h>
#include <net/ipv6.h>
#include <net/ndisc.h>
#include <net/route.h>
#include <net/udp.h>
#include <net/udp_tunnel.h>

#include "egre.h"
#include "hops.h"
#include "trellis.h"

/* The GRE flags, header length and total overhead of a configuration. */
void egre_cfg_derive(struct egre_cfg *cfg)
{
	ip_tunnel_flags_zero(cfg->gre_flags);
	__set_bit(IP_TUNNEL_KEY_BIT, cfg->gre_flags);
	if (cfg->csum)
		__set_bit(IP_TUNNEL_CSUM_BIT, cfg->gre_flags);
	if (cfg->seq)
		__set_bit(IP_TUNNEL_SEQ_BIT, cfg->gre_flags);
	cfg->gre_hlen = gre_calc_hlen(cfg->gre_flags);
	cfg->overhead = cfg->gre_hlen +
		(cfg->family == AF_INET ? sizeof(struct iphdr) : sizeof(struct ipv6hdr)) +
		(cfg->encap == TRELLIS_EGRE_ENCAP_UDP ? sizeof(struct udphdr) : 0);
}

/* What the outer header inherits from an inner IP packet, if there is one. */
static bool egre_inner_tos_ttl(struct sk_buff *skb, u8 *tos, u8 *ttl)
{
	switch (skb->protocol) {
	case htons(ETH_P_IP):
		if (!pskb_network_may_pull(skb, sizeof(struct iphdr)))
			return false;
		*tos = ip_hdr(skb)->tos;
		*ttl = ip_hdr(skb)->ttl;
		return true;
	case htons(ETH_P_IPV6):
		if (!pskb_network_may_pull(skb, sizeof(struct ipv6hdr)))
			return false;
		*tos = ipv6_get_dsfield(ipv6_hdr(skb));
		*ttl = ipv6_hdr(skb)->hop_limit;
		return true;
	}
	return false;
}

static u8 egre_proto(const struct egre_cfg *cfg)
{
	return cfg->encap == TRELLIS_EGRE_ENCAP_UDP ? IPPROTO_UDP : IPPROTO_GRE;
}

static struct dst_entry *egre_route4(struct egre_dev *egre, struct egre_cfg *cfg,
				     struct in6_addr *saddr, u8 tos, bool cacheable)
{
	struct flowi4 fl4 = {
		.daddr = egre_v4(&cfg->remote),
		.saddr = egre_v4(&cfg->local),
		.flowi4_oif = cfg->link,
		.flowi4_tos = tos & INET_DSCP_MASK,
		.flowi4_proto = egre_proto(cfg),
	};
	struct rtable *rt;
	__be32 src;

	if (cfg->encap == TRELLIS_EGRE_ENCAP_UDP)
		fl4.fl4_dport = cfg->port;
	else
		fl4.fl4_gre_key = cfg->okey;
	if (cacheable) {
		rt = dst_cache_get_ip4(&cfg->dst_cache, &src);
		if (rt) {
			ipv6_addr_set_v4mapped(src, saddr);
			return &rt->dst;
		}
	}
	rt = ip_route_output_key(egre->net, &fl4);
	if (IS_ERR(rt))
		return ERR_CAST(rt);
	if (cacheable)
		dst_cache_set_ip4(&cfg->dst_cache, &rt->dst, fl4.saddr);
	ipv6_addr_set_v4mapped(fl4.saddr, saddr);
	return &rt->dst;
}

static struct dst_entry *egre_route6(struct egre_dev *egre, struct egre_cfg *cfg,
				     struct in6_addr *saddr, u8 tos, bool cacheable)
{
	struct flowi6 fl6 = {
		.daddr = cfg->remote,
		.saddr = cfg->local,
		.flowi6_oif = cfg->link,
		.flowlabel = ip6_make_flowinfo(tos, 0),
		.flowi6_proto = egre_proto(cfg),
	};
	struct dst_entry *dst;

	if (cfg->encap == TRELLIS_EGRE_ENCAP_UDP)
		fl6.fl6_dport = cfg->port;
	else
		fl6.fl6_gre_key = cfg->okey;
	if (cacheable) {
		dst = dst_cache_get_ip6(&cfg->dst_cache, saddr);
		if (dst)
			return dst;
	}
	dst = ip6_dst_lookup_flow(egre->net, NULL, &fl6, NULL);
	if (IS_ERR(dst))
		return dst;
	if (cacheable)
		dst_cache_set_ip6(&cfg->dst_cache, dst, &fl6.saddr);
	*saddr = fl6.saddr;
	return dst;
}

/*
 * How the stack segments a GSO frame of the link. Raw GRE: GRE offload,
 * which redoes a GRE checksum per segment. GRE-in-UDP: UDP tunnel offload
 * alone, which copies UDP and GRE into every segment as one tunnel header
 * (with no GSO when the GRE header has a checksum: see egre_cfg_no_gso).
 * IPv4 GRE-in-UDP is sent without a UDP checksum, IPv6 with one.
 */
static int egre_gso_type(const struct egre_cfg *cfg)
{
	if (cfg->encap != TRELLIS_EGRE_ENCAP_UDP)
		return cfg->csum ? SKB_GSO_GRE_CSUM : SKB_GSO_GRE;
	return cfg->family == AF_INET ? SKB_GSO_UDP_TUNNEL : SKB_GSO_UDP_TUNNEL_CSUM;
}

enum egre_fit { EGRE_FITS, EGRE_FRAGMENT, EGRE_TOO_BIG };

/*
 * A frame too big for the path. An IPv4 packet with DF and an IPv6 packet
 * are dropped and answered with ICMP "too big", addressed back to their
 * sender through the link, as a router on the path would. Anything no
 * ICMP can fix is carried in outer fragments instead (the inner frame
 * stays whole), as a router fragments an IPv4 packet without DF: a frame
 * that is not IP (a VLAN tag, MPLS), an IP packet that may not be
 * answered (multicast, an ICMP error), and any packet when the path MTU
 * would leave it below its protocol's minimum (576, IPv6 1280), where the
 * sender would ignore the answer. So a forged "fragmentation needed"
 * cannot make a link drop what no ICMP could fix.
 */
static enum egre_fit egre_fit(struct sk_buff *skb, struct net_device *from,
			      struct dst_entry *dst, unsigned int mtu,
			      const struct egre_cfg *cfg)
{
	int frame_mtu = mtu - cfg->overhead;
	int answered;

	if (skb_is_gso(skb) ? skb_gso_validate_mac_len(skb, frame_mtu) :
	    skb->len <= frame_mtu)
		return EGRE_FITS;
	if (skb->protocol != htons(ETH_P_IP) && skb->protocol != htons(ETH_P_IPV6))
		return EGRE_FRAGMENT;
	if (frame_mtu - ETH_HLEN < (skb->protocol == htons(ETH_P_IPV6) ?
				    IPV6_MIN_MTU : 576))
		return EGRE_FRAGMENT;
	if (!skb_is_gso(skb) && skb->protocol == htons(ETH_P_IP) &&
	    pskb_network_may_pull(skb, sizeof(struct iphdr)) &&
	    !(ip_hdr(skb)->frag_off & htons(IP_DF)))
		return EGRE_FRAGMENT;
	/* compares the inner packet's network length, hence ETH_HLEN */
	answered = skb_tunnel_check_pmtu(skb, dst, cfg->overhead + ETH_HLEN, true);
	if (!answered)
		return EGRE_FRAGMENT;
	if (answered > 0 && pskb_may_pull(skb, ETH_HLEN)) {
		/* @skb is the ICMP answer now */
		skb_dst_drop(skb);
		skb->protocol = eth_type_trans(skb, from);
		__netif_rx(skb);
	} else {
		kfree_skb_reason(skb, SKB_DROP_REASON_NOMEM);
	}
	return EGRE_TOO_BIG;
}

/* What both families' direct transmit does before the outer header. */
static void egre_direct_ready(struct sk_buff *skb, struct dst_entry *dst,
			      bool xnet, bool scrubbed)
{
	if (!scrubbed)
		skb_scrub_packet(skb, xnet);
	skb_clear_hash_if_not_l4(skb);
	skb_dst_set(skb, dst);
}

/* The UDP header of direct GRE-in-UDP; its checksum is the caller's. */
static struct udphdr *egre_direct_push_udp(struct sk_buff *skb,
					   const struct egre_cfg *cfg,
					   __be16 sport)
{
	struct udphdr *uh = skb_push(skb, sizeof(*uh));

	skb_reset_transport_header(skb);
	uh->source = sport;
	uh->dest = cfg->port;
	uh->len = htons(skb->len);
	return uh;
}

/* To the neighbour the lookup gave (or its error), counted on the link. */
static void egre_direct_send(struct sk_buff *skb, struct net_device *dev,
			     struct neighbour *neigh, bool is_v6gw, int pkt_len)
{
	int err;

	if (IS_ERR(neigh)) {
		kfree_skb_reason(skb, SKB_DROP_REASON_NEIGH_CREATEFAIL);
		err = NET_XMIT_DROP;
	} else {
		dev_xmit_recursion_inc();
		err = neigh_output(neigh, skb, is_v6gw);
		dev_xmit_recursion_dec();
	}
	iptunnel_xmit_stats(dev, net_xmit_eval(err) ? 0 : pkt_len);
}

/*
 * Direct transmit, for links with `direct` over IPv4: a packet that needs
 * neither segmenting nor fragmenting gets its IP (and UDP) header here and
 * goes to the route's neighbour, past the IP output path: no netfilter
 * hook, no IP counters, and ID 0 under DF, as the stack gives any DF
 * packet of no socket. False, the packet untouched, when it needs the IP
 * layer after all.
 */
static bool egre_direct_xmit4(struct sk_buff *skb, struct net_device *dev,
			      struct rtable *rt, const struct egre_cfg *cfg,
			      unsigned int mtu, __be32 saddr, u8 tos, u8 ttl,
			      __be16 df, __be16 sport, bool xnet, bool scrubbed)
{
	int pkt_len = skb->len - skb_inner_network_offset(skb);
	bool udp = cfg->encap == TRELLIS_EGRE_ENCAP_UDP, is_v6gw = false;
	unsigned int hlen = sizeof(struct iphdr) + (udp ? sizeof(struct udphdr) : 0);
	struct neighbour *neigh;
	struct iphdr *iph;

	/*
	 * Only a plain route: an IPsec bundle, or the stand-in an IPsec
	 * policy gives while its SA is negotiated (a blackhole, or a queue),
	 * has an output of its own that must run.
	 */
	if (skb_is_gso(skb) || skb->len + hlen > mtu ||
	    rt->rt_type != RTN_UNICAST || rt->dst.output != ip_output ||
	    rt->dst.lwtstate || dst_xfrm(&rt->dst) ||
	    dev_recursion_level() > IP_TUNNEL_RECURSION_LIMIT)
		return false;

	egre_direct_ready(skb, &rt->dst, xnet, scrubbed);
	memset(IPCB(skb), 0, sizeof(*IPCB(skb)));
	if (udp)	/* no checksum, as egre sends IPv4 GRE-in-UDP */
		egre_direct_push_udp(skb, cfg, sport)->check = 0;
	iph = skb_push(skb, sizeof(*iph));
	skb_reset_network_header(skb);
	iph->version = 4;
	iph->ihl = sizeof(*iph) >> 2;
	iph->tos = tos;
	iph->tot_len = htons(skb->len);
	iph->frag_off = ip_mtu_locked(&rt->dst) ? 0 : df;
	iph->ttl = ttl;
	iph->protocol = egre_proto(cfg);
	iph->saddr = saddr;
	iph->daddr = egre_v4(&cfg->remote);
	if (iph->frag_off)
		iph->id = 0;
	else
		__ip_select_ident(dev_net(rt->dst.dev), iph, 1);
	ip_send_check(iph);
	skb->protocol = htons(ETH_P_IP);
	skb->dev = rt->dst.dev;

	neigh = ip_neigh_for_gw(rt, skb, &is_v6gw);
	egre_direct_send(skb, dev, neigh, is_v6gw, pkt_len);
	return true;
}

/*
 * Direct transmit over IPv6, as egre_direct_xmit4() over IPv4: the IPv6
 * (and UDP, checksummed as IPv6 requires) header here, then the route's
 * neighbour, past the IP output path (no netfilter hook, no IPv6
 * counters). False, the packet untouched, when it needs the IP layer.
 */
static bool egre_direct_xmit6(struct sk_buff *skb, struct net_device *dev,
			      struct dst_entry *dst, const struct egre_cfg *cfg,
			      unsigned int mtu, const struct in6_addr *saddr,
			      u8 dsfield, u8 ttl, __be16 sport, bool xnet,
			      bool scrubbed)
{
	int pkt_len = skb->len - skb_inner_network_offset(skb);
	bool udp = cfg->encap == TRELLIS_EGRE_ENCAP_UDP;
	unsigned int hlen = sizeof(struct ipv6hdr) + (udp ? sizeof(struct udphdr) : 0);
	const struct in6_addr *nexthop;
	struct inet6_dev *idev = ip6_dst_idev(dst);
	struct net_device *out = dst_dev_rcu(dst);
	struct neighbour *neigh;
	struct ipv6hdr *ip6h;

	/* as over IPv4, and no local or anycast route */
	if (skb_is_gso(skb) || skb->len + hlen > mtu || dst->error ||
	    dst->output != ip6_output || dst->lwtstate || dst_xfrm(dst) ||
	    dst_rt6_info(dst)->rt6i_flags & (RTF_LOCAL | RTF_ANYCAST) ||
	    ipv6_addr_is_multicast(&cfg->remote) ||
	    !idev || READ_ONCE(idev->cnf.disable_ipv6) ||
	    dev_recursion_level() > IP_TUNNEL_RECURSION_LIMIT)
		return false;

	egre_direct_ready(skb, dst, xnet, scrubbed);
	memset(IP6CB(skb), 0, sizeof(*IP6CB(skb)));
	if (udp) {
		egre_direct_push_udp(skb, cfg, sport);
		udp6_set_csum(false, skb, saddr, &cfg->remote, skb->len);
	}
	ip6h = skb_push(skb, sizeof(*ip6h));
	skb_reset_network_header(skb);
	ip6_flow_hdr(ip6h, dsfield, 0);
	ip6h->payload_len = htons(skb->len - sizeof(*ip6h));
	ip6h->nexthdr = egre_proto(cfg);
	ip6h->hop_limit = ttl;
	ip6h->saddr = *saddr;
	ip6h->daddr = cfg->remote;
	skb->protocol = htons(ETH_P_IPV6);
	skb->dev = out;

	nexthop = rt6_nexthop(dst_rt6_info(dst), &cfg->remote);
	neigh = __ipv6_neigh_lookup_noref(out, nexthop);
	if (unlikely(!neigh))
		neigh = __neigh_create(&nd_tbl, nexthop, out, false);
	egre_direct_send(skb, dev, neigh, false, pkt_len);
	return true;
}

static void egre_xmit_raw6(struct sk_buff *skb, struct net_device *dev,
			   struct dst_entry *dst, const struct in6_addr *saddr,
			   const struct in6_addr *daddr, u8 dsfield, u8 ttl)
{
	struct ipv6hdr *ip6h;

	skb_reset_transport_header(skb);
	skb_dst_set(skb, dst);
	ip6h = skb_push(skb, sizeof(*ip6h));
	skb_reset_network_header(skb);
	ip6_flow_hdr(ip6h, dsfield, 0);
	ip6h->payload_len = htons(skb->len - sizeof(*ip6h));
	ip6h->nexthdr = IPPROTO_GRE;
	ip6h->hop_limit = ttl;
	ip6h->saddr = *saddr;
	ip6h->daddr = *daddr;
	ip6tunnel_xmit(NULL, skb, dev);
}

void egre_xmit_from(struct sk_buff *skb, struct net_device *dev,
		    struct net_device *from)
{
	struct egre_dev *egre = netdev_priv(dev);
	bool xnet = !net_eq(egre->net, dev_net(dev));
	u8 tos, ttl, inner_tos = 0, inner_ttl = 0;
	struct in6_addr saddr;
	struct dst_entry *dst;
	enum trellis_drop why;
	struct egre_cfg *cfg;
	unsigned int headroom, mtu;
	bool udp, inner, pmtudisc;
	__be16 sport = 0;
	int hops;

	skb->dev = dev;		/* the tunnel's counters are the link's */
	rcu_read_lock();
	cfg = rcu_dereference(egre->cfg);
	if (cfg->link && !netif_carrier_ok(dev)) {
		why = TRELLIS_DROP_UNDERLAY_DOWN;
		goto drop;
	}
	/* a frame a link received, sent on: it may have looped (hops.h) */
	hops = egre_hops_get(skb);
	if (unlikely(!hops)) {
		why = TRELLIS_DROP_LOOP;
		goto drop;
	}
	udp = cfg->encap == TRELLIS_EGRE_ENCAP_UDP;

	inner = egre_inner_tos_ttl(skb, &inner_tos, &inner_ttl);
	tos = cfg->tos == TRELLIS_EGRE_TOS_INHERIT ? inner_tos : cfg->tos;
	ttl = cfg->ttl ? cfg->ttl : (inner ? inner_ttl : TRELLIS_EGRE_TTL_DEFAULT);
	if (hops > 0 && ttl > hops)
		ttl = hops;

	/* The cached route is only good while the TOS does not vary. */
	if (cfg->family == AF_INET)
		dst = egre_route4(egre, cfg, &saddr, tos,
				  cfg->tos != TRELLIS_EGRE_TOS_INHERIT);
	else
		dst = egre_route6(egre, cfg, &saddr, tos,
				  cfg->tos != TRELLIS_EGRE_TOS_INHERIT);
	if (IS_ERR(dst)) {
		DEV_STATS_INC(dev, tx_carrier_errors);
		why = TRELLIS_DROP_NO_ROUTE;
		goto drop;
	}
	if (dst->dev == dev) {
		/* the route to the remote points back into the link */
		dst_release(dst);
		DEV_STATS_INC(dev, tx_carrier_errors);
		why = TRELLIS_DROP_NO_ROUTE;
		goto drop;
	}

	mtu = dst_mtu(dst);
	pmtudisc = cfg->pmtudisc;
	switch (pmtudisc ? egre_fit(skb, from, dst, mtu, cfg) : EGRE_FITS) {
	case EGRE_FITS:
		break;
	case EGRE_FRAGMENT:
		pmtudisc = false;
		break;
	case EGRE_TOO_BIG:
		dst_release(dst);
		DEV_STATS_INC(dev, tx_aborted_errors);
		DEV_STATS_INC(dev, tx_dropped);
		egre_drops_inc(egre->drops, TRELLIS_DROP_TOO_BIG);
		rcu_read_unlock();
		return;
	}

	if (udp)
		sport = udp_flow_src_port(egre->net, skb, 0, 0, true);
	headroom = LL_RESERVED_SPACE(dst->dev) + dst->header_len + cfg->overhead;
	ip_tunnel_adj_headroom(dev, headroom);
	if (skb_cow_head(skb, headroom) ||
	    iptunnel_handle_offloads(skb, egre_gso_type(cfg))) {
		dst_release(dst);
		goto drop_nomem;
	}
	/* also records the inner protocol (Ethernet) for segmentation */
	gre_build_header(skb, cfg->gre_hlen, cfg->gre_flags, htons(ETH_P_TEB),
			 cfg->okey,
			 cfg->seq ? htonl(atomic_fetch_inc(&egre->tx_seq)) : 0);

	tos = INET_ECN_encapsulate(tos, inner_tos);
	if (cfg->family == AF_INET) {
		__be16 df = pmtudisc ? htons(IP_DF) : 0;

		/* a slice's frame was scrubbed leaving it (sb_xmit) */
		if (cfg->direct &&
		    egre_direct_xmit4(skb, dev, dst_rtable(dst), cfg, mtu,
				      egre_v4(&saddr), tos, ttl, df, sport, xnet,
				      from != dev))
			goto out;
		/* IPv4 GRE-in-UDP goes without a UDP checksum, like fou's default */
		if (udp)
			udp_tunnel_xmit_skb(dst_rtable(dst), NULL, skb, egre_v4(&saddr),
					    egre_v4(&cfg->remote), tos, ttl, df,
					    sport, cfg->port, xnet, true);
		else
			iptunnel_xmit(NULL, dst_rtable(dst), skb, egre_v4(&saddr),
				      egre_v4(&cfg->remote), IPPROTO_GRE, tos, ttl,
				      df, xnet);
	} else {
		if (cfg->direct &&
		    egre_direct_xmit6(skb, dev, dst, cfg, mtu, &saddr, tos, ttl,
				      sport, xnet, from != dev))
			goto out;
		skb_scrub_packet(skb, xnet);
		/* no PMTU discovery: let the local stack fragment */
		skb->ignore_df = !pmtudisc;
		if (udp)
			udp_tunnel6_xmit_skb(dst, NULL, skb, dev, &saddr, &cfg->remote,
					     tos, ttl, 0, sport, cfg->port, false);
		else
			egre_xmit_raw6(skb, dev, dst, &saddr, &cfg->remote, tos, ttl);
	}
out:
	rcu_read_unlock();
	return;

drop_nomem:
	DEV_STATS_INC(dev, tx_errors);
	DEV_STATS_INC(dev, tx_dropped);
	rcu_read_unlock();
	kfree_skb_reason(skb, SKB_DROP_REASON_NOMEM);
	return;
drop:
	egre_drops_inc(egre->drops, why);
	DEV_STATS_INC(dev, tx_errors);
	DEV_STATS_INC(dev, tx_dropped);
	rcu_read_unlock();
	kfree_skb_reason(skb, egre_drop_reason(why));
}

netdev_tx_t egre_xmit(struct sk_buff *skb, struct net_device *dev)
{
	egre_xmit_from(skb, dev, dev);
	return NETDEV_TX_OK;
}
