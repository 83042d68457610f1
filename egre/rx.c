// SPDX-License-Identifier: GPL-2.0
/*
 * EGRE receive: a GRE header (raw, or inside UDP) is matched to a link by
 * (key, local, remote, port, family) and its Ethernet frame delivered on
 * that link's device. Everything dropped is counted by reason: on the link
 * once one is found, on the namespace before.
 *
 * Raw GRE has one owner per family. IPv4: the kernel's GRE demux passes
 * version 0 to one module, ip_gre or trellis (PPTP owns version 1).
 * IPv6: protocol 47 goes to one module, ip6_gre or trellis. Trellis takes
 * a family while at least one raw egre link of that family exists and
 * refuses a link, with a message, while another module holds it; that
 * module cannot load while trellis holds it. No packet meant for another
 * module is ever taken. GRE-in-UDP links share nothing with ip_gre.
 */
#include <linux/etherdevice.h>
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <net/gre.h>
#include <net/inet_ecn.h>
#include <net/ip6_route.h>
#include <net/ip_tunnels.h>
#include <net/ipv6.h>
#include <net/ndisc.h>
#include <net/protocol.h>
#include <net/route.h>

#include "egre.h"
#include "hops.h"
#include "rx_queue.h"
#include "shortbridge.h"

/* Header flags trellis accepts; anything else (routing, strict source
 * route, recursion, a version) is a bad version or flags.
 */
#define EGRE_RX_FLAGS (GRE_CSUM | GRE_KEY | GRE_SEQ)

static unsigned int egre_rx_users_ipv4, egre_rx_users_ipv6;	/* under RTNL */

static void egre_link_drop(struct egre_dev *egre, enum trellis_drop why)
{
	struct net_device *dev = egre->dev;

	switch (why) {
	case TRELLIS_DROP_BAD_HEADER:
		DEV_STATS_INC(dev, rx_length_errors);
		break;
	case TRELLIS_DROP_CSUM:
		DEV_STATS_INC(dev, rx_crc_errors);
		break;
	case TRELLIS_DROP_SEQ:
		DEV_STATS_INC(dev, rx_fifo_errors);
		break;
	default:
		DEV_STATS_INC(dev, rx_frame_errors);
		break;
	}
	DEV_STATS_INC(dev, rx_errors);
	DEV_STATS_INC(dev, rx_dropped);
	egre_drops_inc(egre->drops, why);
}

/* Accepts @seq only if it comes after the last one accepted (RFC 2890). */
static bool egre_rx_seq_ok(struct egre_dev *egre, __be32 seq)
{
	u32 s = ntohl(seq);
	bool ok;

	spin_lock(&egre->rx_seq_lock);
	ok = !egre->rx_seq_valid || (s32)(s - egre->rx_seq) > 0;
	if (ok) {
		egre->rx_seq = s;
		egre->rx_seq_valid = true;
	}
	spin_unlock(&egre->rx_seq_lock);
	return ok;
}

/* RFC 6040: a congestion mark on the outer header moves to the inner one. */
static bool egre_rx_ecn_ok(struct sk_buff *skb, u8 outer)
{
	u8 inner;

	if (INET_ECN_is_not_ect(outer))
		return true;
	switch (skb->protocol) {
	case htons(ETH_P_IP):
		if (!pskb_network_may_pull(skb, sizeof(struct iphdr)))
			return true;
		inner = ip_hdr(skb)->tos;
		break;
	case htons(ETH_P_IPV6):
		if (!pskb_network_may_pull(skb, sizeof(struct ipv6hdr)))
			return true;
		inner = ipv6_get_dsfield(ipv6_hdr(skb));
		break;
	default:
		return true;
	}
	return INET_ECN_decapsulate(skb, outer, inner) <= 1;
}

/*
 * Reads the GRE header @off bytes past skb->data into @h without pulling
 * it. False, with the reason in @why, when it is not one of ours.
 */
bool egre_gre_parse(struct sk_buff *skb, int off, struct egre_gre_hdr *h,
		    enum trellis_drop *why)
{
	const struct gre_base_hdr *greh;
	const __be32 *opt;

	if (!pskb_may_pull(skb, off + sizeof(*greh))) {
		*why = TRELLIS_DROP_BAD_HEADER;
		return false;
	}
	greh = (const struct gre_base_hdr *)(skb->data + off);
	if (greh->flags & ~EGRE_RX_FLAGS || greh->protocol != htons(ETH_P_TEB) ||
	    !(greh->flags & GRE_KEY)) {
		*why = TRELLIS_DROP_BAD_VERSION;
		return false;
	}
	h->off = off;
	h->csum = greh->flags & GRE_CSUM;
	h->has_seq = greh->flags & GRE_SEQ;
	h->hlen = sizeof(*greh) + 4 + (h->csum ? 4 : 0) + (h->has_seq ? 4 : 0);
	if (!pskb_may_pull(skb, off + h->hlen)) {
		*why = TRELLIS_DROP_BAD_HEADER;
		return false;
	}
	opt = (const __be32 *)(skb->data + off + sizeof(*greh));
	if (h->csum)
		opt++;
	h->key = *opt++;
	h->seq = h->has_seq ? *opt : 0;
	return true;
}

/*
 * Delivers a packet of link @egre: skb->data is h->off bytes before the
 * GRE header @h describes, @outer says what the outer headers carried.
 * Consumes the packet, unless @may_continue (a receive handler's call)
 * and the frame is one the queues would only pass to the backlog: then
 * true, and the caller receives it at once on skb->dev (rx_queue.h).
 */
bool egre_rcv_link(struct egre_dev *egre, struct sk_buff *skb,
		   const struct egre_rx_outer *outer, const struct egre_gre_hdr *h,
		   bool may_continue)
{
	struct net_device *dev = egre->dev, *slice, *to;
	const struct egre_cfg *cfg;
	enum trellis_drop why;

	/* also keeps frames away from a link still being registered */
	if (unlikely(!netif_running(dev))) {
		DEV_STATS_INC(dev, rx_dropped);
		kfree_skb_reason(skb, SKB_DROP_REASON_DEV_READY);
		return false;
	}
	cfg = rcu_dereference(egre->cfg);
	if (cfg->csum != h->csum || cfg->seq != h->has_seq) {
		why = TRELLIS_DROP_BAD_VERSION;
		goto drop;
	}
	if (h->csum) {
		/* the checksum covers the GRE header on */
		skb_pull_rcsum(skb, h->off);
		if (skb_checksum_simple_validate(skb)) {
			why = TRELLIS_DROP_CSUM;
			goto drop;
		}
	}

	/* a frame for a slice leaves the node's namespace: scrub it */
	slice = rcu_dereference(egre->slice);
	to = slice ? slice : dev;
	if (iptunnel_pull_header(skb, (h->csum ? 0 : h->off) + h->hlen,
				 htons(ETH_P_TEB), !net_eq(egre->net, dev_net(to)))) {
		/* shorter than an Ethernet header */
		why = TRELLIS_DROP_BAD_HEADER;
		goto drop;
	}
	skb->protocol = eth_type_trans(skb, to);
	skb_postpull_rcsum(skb, eth_hdr(skb), ETH_HLEN);
	skb_reset_network_header(skb);
	if (!egre_rx_ecn_ok(skb, outer->dsfield)) {
		why = TRELLIS_DROP_ECN;
		goto drop;
	}
	/* last: only a frame that is delivered takes its sequence number */
	if (h->has_seq && !egre_rx_seq_ok(egre, h->seq)) {
		why = TRELLIS_DROP_SEQ;
		goto drop;
	}
	/* decapsulation spends a hop, as a router's forwarding would */
	egre_hops_set(skb, outer->ttl ? outer->ttl - 1 : 0);
	dev_sw_netstats_rx_add(dev, skb->len);
	if (slice)
		return sb_receive(slice, skb, may_continue);
	return trellis_rx_queue_or_continue(&egre->gro_cells, skb, may_continue);

drop:
	egre_link_drop(egre, why);
	kfree_skb_reason(skb, egre_drop_reason(why));
	return false;
}

/*
 * skb->data is at the GRE header; @outer says what the outer headers
 * carried. Always consumes the packet.
 */
int egre_rcv_gre(struct net *net, struct sk_buff *skb, struct egre_rx_outer *outer)
{
	struct egre_gre_hdr h;
	struct egre_dev *egre;
	enum trellis_drop why;

	if (!egre_gre_parse(skb, 0, &h, &why))
		goto drop;
	outer->key.ikey = h.key;
	egre = egre_demux_lookup(net, &outer->key);
	if (!egre) {
		why = TRELLIS_DROP_UNKNOWN_KEY;
		goto drop;
	}
	egre_rcv_link(egre, skb, outer, &h, false);
	return 0;

drop:
	egre_net_drop(net, why);
	kfree_skb_reason(skb, egre_drop_reason(why));
	return 0;
}

/*
 * The demux addresses (IPv4 as v4-mapped), the outer TOS or traffic class
 * and the TTL, from the outer IP header of @outer's family.
 */
void egre_outer_addrs(const struct sk_buff *skb, struct egre_rx_outer *outer)
{
	if (outer->key.family == AF_INET) {
		const struct iphdr *iph = ip_hdr(skb);

		ipv6_addr_set_v4mapped(iph->daddr, &outer->key.local);
		ipv6_addr_set_v4mapped(iph->saddr, &outer->key.remote);
		outer->dsfield = iph->tos;
		outer->ttl = iph->ttl;
	} else {
		const struct ipv6hdr *ip6h = ipv6_hdr(skb);

		outer->key.local = ip6h->daddr;
		outer->key.remote = ip6h->saddr;
		outer->dsfield = ipv6_get_dsfield(ip6h);
		outer->ttl = ip6h->hop_limit;
	}
}

/* Raw GRE over IPv4, from the kernel's GRE demux: skb->data at GRE. */
static int egre_rcv_ipv4(struct sk_buff *skb)
{
	struct egre_rx_outer outer = { .key.family = AF_INET };

	egre_outer_addrs(skb, &outer);
	return egre_rcv_gre(dev_net(skb->dev), skb, &outer);
}

/* Raw GRE over IPv6, protocol 47 from the IPv6 stack: skb->data at GRE. */
static int egre_rcv_ipv6(struct sk_buff *skb)
{
	struct egre_rx_outer outer = { .key.family = AF_INET6 };

	egre_outer_addrs(skb, &outer);
	return egre_rcv_gre(dev_net(skb->dev), skb, &outer);
}

/*
 * The link an ICMP error is about, or NULL. skb->data is at the quoted
 * outer IP header of a packet this node sent (@family); its GRE header is
 * @gre_off bytes further, @port its UDP destination port (0: raw GRE).
 * The quoted key is the sender's okey, so a link is found when its keys
 * are the same both ways (the usual case). Caller holds rcu_read_lock().
 */
struct egre_dev *egre_err_link(struct sk_buff *skb, u8 family, __be16 port,
			       int gre_off)
{
	struct egre_key key = { .family = family, .port = port };
	const struct gre_base_hdr *greh;
	int key_off;

	if (!pskb_may_pull(skb, gre_off + sizeof(*greh)))
		return NULL;
	greh = (const struct gre_base_hdr *)(skb->data + gre_off);
	if (!(greh->flags & GRE_KEY) || greh->protocol != htons(ETH_P_TEB))
		return NULL;
	key_off = gre_off + sizeof(*greh) + (greh->flags & GRE_CSUM ? 4 : 0);
	if (!pskb_may_pull(skb, key_off + 4))
		return NULL;
	key.ikey = *(__be32 *)(skb->data + key_off);
	if (family == AF_INET) {
		const struct iphdr *iph = (const struct iphdr *)skb->data;

		ipv6_addr_set_v4mapped(iph->saddr, &key.local);
		ipv6_addr_set_v4mapped(iph->daddr, &key.remote);
	} else {
		const struct ipv6hdr *ip6h = (const struct ipv6hdr *)skb->data;

		key.local = ip6h->saddr;
		key.remote = ip6h->daddr;
	}
	return egre_demux_lookup(dev_net(skb->dev), &key);
}

/* The underlay device a link is pinned to (0: any), for its route. */
static int egre_err_oif(struct egre_dev *egre)
{
	const struct egre_cfg *cfg = rcu_dereference(egre->cfg);

	/* none: a link whose register_netdevice() just failed */
	return cfg ? cfg->link : 0;
}

/*
 * ICMP about a raw GRE packet a link sent, over IPv4: skb->data at the
 * quoted outer IP header. "Fragmentation needed" lowers the path MTU of
 * the link's route to its remote, so the link answers its senders with
 * "too big" from then on; a redirect updates the route. An error that
 * quotes no link of this namespace changes nothing.
 */
static void egre_err_ipv4(struct sk_buff *skb, u32 info)
{
	const int type = icmp_hdr(skb)->type, code = icmp_hdr(skb)->code;
	struct net *net = dev_net(skb->dev);
	struct egre_dev *egre;
	int gre_off;

	if (!(type == ICMP_DEST_UNREACH && code == ICMP_FRAG_NEEDED) &&
	    type != ICMP_REDIRECT)
		return;
	gre_off = ((const struct iphdr *)skb->data)->ihl * 4;
	egre = egre_err_link(skb, AF_INET, 0, gre_off);
	if (!egre)
		return;
	if (type == ICMP_REDIRECT)
		ipv4_redirect(skb, net, egre_err_oif(egre), IPPROTO_GRE);
	else
		ipv4_update_pmtu(skb, net, info, egre_err_oif(egre), IPPROTO_GRE);
}

/* The same over IPv6: "packet too big" and redirects; @offset is GRE's. */
static int egre_err_ipv6(struct sk_buff *skb, struct inet6_skb_parm *opt,
			 u8 type, u8 code, int offset, __be32 info)
{
	struct net *net = dev_net(skb->dev);
	struct egre_dev *egre;

	if (type != ICMPV6_PKT_TOOBIG && type != NDISC_REDIRECT)
		return 0;
	egre = egre_err_link(skb, AF_INET6, 0, offset);
	if (!egre)
		return -ENOENT;
	if (type == ICMPV6_PKT_TOOBIG)
		ip6_update_pmtu(skb, net, info, egre_err_oif(egre), 0,
				sock_net_uid(net, NULL));
	else	/* a redirect names the device it came in on */
		ip6_redirect(skb, net, egre_err_oif(egre) ?: skb->dev->ifindex, 0,
			     sock_net_uid(net, NULL));
	return 0;
}

static const struct gre_protocol egre_gre_protocol = {
	.handler = egre_rcv_ipv4,
	.err_handler = egre_err_ipv4,
};

static const struct inet6_protocol egre_ipv6_protocol = {
	.handler = egre_rcv_ipv6,
	.err_handler = egre_err_ipv6,
	.flags = INET6_PROTO_NOPOLICY | INET6_PROTO_FINAL,
};

/*
 * Raw GRE is one handler per family for the whole kernel, not one per
 * namespace: only the node's administrator may take it (a tenant could
 * otherwise keep ip_gre off the node). GRE-in-UDP needs no such thing.
 */
static int egre_rx_hold_raw(u8 family, struct netlink_ext_ack *extack)
{
	if (!capable(CAP_NET_ADMIN)) {
		NL_SET_ERR_MSG(extack,
			       "raw GRE needs CAP_NET_ADMIN over the node (the initial user namespace): use encap udp");
		return -EPERM;
	}
	if (family == AF_INET) {
		if (!egre_rx_users_ipv4 &&
		    gre_add_protocol(&egre_gre_protocol, GREPROTO_CISCO)) {
			pr_warn("trellis: GRE version 0 is held by another module (ip_gre?); raw IPv4 egre links need it unloaded\n");
			NL_SET_ERR_MSG(extack,
				       "raw GRE over IPv4 is held by another module (ip_gre?): unload it, or use encap udp");
			return -EBUSY;
		}
		egre_rx_users_ipv4++;
		return 0;
	}
	if (!egre_rx_users_ipv6 &&
	    inet6_add_protocol(&egre_ipv6_protocol, IPPROTO_GRE)) {
		pr_warn("trellis: IPv6 protocol 47 is held by another module (ip6_gre?); raw IPv6 egre links need it unloaded\n");
		NL_SET_ERR_MSG(extack,
			       "raw GRE over IPv6 is held by another module (ip6_gre?): unload it, or use encap udp");
		return -EBUSY;
	}
	egre_rx_users_ipv6++;
	return 0;
}

static void egre_rx_release_raw(u8 family)
{
	if (family == AF_INET) {
		if (--egre_rx_users_ipv4 == 0)
			gre_del_protocol(&egre_gre_protocol, GREPROTO_CISCO);
	} else if (--egre_rx_users_ipv6 == 0) {
		inet6_del_protocol(&egre_ipv6_protocol, IPPROTO_GRE);
	}
}

/*
 * Takes what a link with demux @key receives through: a UDP socket (the
 * key has a port) or the raw GRE handler of its family.
 */
int egre_rx_hold(struct net *net, const struct egre_key *key,
		 struct netlink_ext_ack *extack)
{
	ASSERT_RTNL();
	if (key->port)
		return egre_udp_hold(net, key->family, key->port, extack);
	return egre_rx_hold_raw(key->family, extack);
}

void egre_rx_release(struct net *net, const struct egre_key *key)
{
	ASSERT_RTNL();
	if (key->port)
		egre_udp_release(net, key->family, key->port);
	else
		egre_rx_release_raw(key->family);
}
