// SPDX-License-Identifier: GPL-2.0
/*
 * Direct receive: a link with `direct on` is pinned to an underlay device
 * and takes its packets from that device's receive handler, before the IP
 * layer. A packet costs no input route, no netfilter hook, no IP or UDP
 * demux: about a quarter of a 64-byte frame's forwarding.
 *
 * What it skips is the underlay namespace's: its netfilter rules, IPsec
 * policy and IP/UDP counters never see these packets, which is why it is
 * a per-link option, off by default. Taps (tcpdump), XDP and tc ingress on
 * the device come before the handler and see them as before.
 *
 * The handler only takes a packet it is sure of: unicast to this host,
 * IPv4 without options or fragments and with a good header checksum, IPv6
 * with GRE or UDP as its first header, a UDP checksum that is absent (IPv4)
 * or already verified by the device, a GRE header that names a direct
 * link pinned to this very device, and, if it is a GSO packet, GSO of
 * that link's encapsulation. Anything else goes on to the IP layer,
 * where the link's usual receive path still takes it: direct mode only
 * ever shortens the way.
 *
 * The handler is one per device, shared by the links that hold it and
 * removed with the last of them, or when the device leaves the namespace.
 */
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <linux/udp.h>
#include <net/ip.h>
#include <net/ipv6.h>

#include "egre.h"
#include "hops.h"
#include "netns.h"
#include "shortbridge.h"

struct egre_direct {
	unsigned int users;	/* links holding the handler, under RTNL */
	/*
	 * The link, when only one holds the handler (the usual case): its
	 * key is compared with the packet's, with no hash or table walk.
	 */
	struct egre_dev __rcu *only;
};

/* The offset of the UDP header's end, or -1 for one the IP layer must see. */
static int egre_direct_udp(struct sk_buff *skb, int off, unsigned int len,
			   u8 family, struct egre_rx_outer *outer)
{
	const struct udphdr *uh;

	if (!pskb_may_pull(skb, off + sizeof(*uh)))
		return -1;
	uh = (const struct udphdr *)(skb->data + off);
	if (ntohs(uh->len) != len - off)
		return -1;
	/* a checksum to verify is the IP layer's work (and IPv6 needs one) */
	if (uh->check ? !skb_csum_unnecessary(skb) : family == AF_INET6)
		return -1;
	outer->key.port = uh->dest;
	return off + sizeof(*uh);
}

/* The GRE header's offset in an IPv4 packet of ours, or -1. */
static int egre_direct_ipv4(struct sk_buff *skb, struct egre_rx_outer *outer)
{
	const struct iphdr *iph;
	unsigned int len;

	if (!pskb_may_pull(skb, sizeof(*iph)))
		return -1;
	iph = ip_hdr(skb);
	if (iph->ihl != 5 || iph->version != 4 || ip_is_fragment(iph) ||
	    ip_fast_csum(iph, iph->ihl))
		return -1;
	len = ntohs(iph->tot_len);
	if (len > skb->len || len < sizeof(*iph) ||
	    (iph->protocol != IPPROTO_GRE && iph->protocol != IPPROTO_UDP))
		return -1;
	if (pskb_trim_rcsum(skb, len))
		return -1;
	outer->key.family = AF_INET;
	egre_outer_addrs(skb, outer);
	if (ip_hdr(skb)->protocol == IPPROTO_GRE)
		return sizeof(*iph);
	return egre_direct_udp(skb, sizeof(*iph), len, AF_INET, outer);
}

/* The GRE header's offset in an IPv6 packet of ours, or -1. */
static int egre_direct_ipv6(struct sk_buff *skb, struct egre_rx_outer *outer)
{
	const struct ipv6hdr *ip6h;
	unsigned int len;

	if (!pskb_may_pull(skb, sizeof(*ip6h)))
		return -1;
	ip6h = ipv6_hdr(skb);
	/* a jumbogram (payload length 0) has a hop-by-hop header */
	len = sizeof(*ip6h) + ntohs(ip6h->payload_len);
	if (ip6h->version != 6 || len == sizeof(*ip6h) || len > skb->len ||
	    (ip6h->nexthdr != IPPROTO_GRE && ip6h->nexthdr != IPPROTO_UDP))
		return -1;
	if (pskb_trim_rcsum(skb, len))
		return -1;
	outer->key.family = AF_INET6;
	egre_outer_addrs(skb, outer);
	if (ipv6_hdr(skb)->nexthdr == IPPROTO_GRE)
		return sizeof(*ip6h);
	return egre_direct_udp(skb, sizeof(*ip6h), len, AF_INET6, outer);
}

/*
 * A GSO packet is taken whole only as the link's own encapsulation marks
 * it (what GRO of the underlay device or a local link's transmit makes):
 * the decapsulation then leaves the inner GSO packet, as on the IP
 * layer's path. Any other (UDP segmentation from a socket, a fraglist)
 * is the IP layer's, whose UDP socket segments it first.
 */
static bool egre_direct_gso_ok(const struct sk_buff *skb,
			       const struct egre_cfg *cfg)
{
	unsigned int type = skb_shinfo(skb)->gso_type;

	if (!skb_is_gso(skb))
		return true;
	if (type & (SKB_GSO_UDP_L4 | SKB_GSO_FRAGLIST))
		return false;
	if (cfg->encap == TRELLIS_EGRE_ENCAP_UDP)
		return type & (SKB_GSO_UDP_TUNNEL | SKB_GSO_UDP_TUNNEL_CSUM);
	return type & (SKB_GSO_GRE | SKB_GSO_GRE_CSUM);
}

/*
 * Whether a frame no GRO would take may go another round of this receive
 * on the device it is for, rather than through the backlog again: once a
 * frame, as it comes off the wire (no hop budget yet, hops.h), since what
 * the next round reaches may nest a receive (a bridge's local delivery);
 * not off a slice's own device, whose frames are a tenant's nesting; and
 * only off the device the receive began with (no lower device) when no
 * protocol handler is bound to it alone: those are given the frame of
 * every round as the original device's, and the next round's is the
 * decapsulated frame.
 */
static bool egre_direct_may_continue(const struct sk_buff *skb,
				     struct net_device *under)
{
	return egre_hops_get(skb) < 0 && !sb_is_slice_dev(under) &&
	       list_empty(&under->adj_list.lower) &&
	       list_empty(&under->ptype_specific);
}

/* Whether configuration @cfg receives what @key names. */
static bool egre_cfg_names(const struct egre_cfg *cfg, const struct egre_key *key)
{
	return key->ikey == cfg->ikey && ipv6_addr_equal(&key->remote, &cfg->remote) &&
	       ipv6_addr_equal(&key->local, &cfg->local) && key->port == cfg->port &&
	       key->family == cfg->family;
}

/*
 * The direct link of @under that @key names, or NULL. With a single link
 * on the device, any other key is one the IP layer's path must take. Its
 * key is read off its published configuration, which a live change
 * replaces whole once the demux has taken the new key: egre->key is
 * rewritten in place, and may for a moment be a key another link has.
 */
static struct egre_dev *egre_direct_link(struct net_device *under,
					 const struct egre_key *key)
{
	const struct egre_direct *d = rcu_dereference(under->rx_handler_data);
	struct egre_dev *egre = rcu_dereference(d->only);
	const struct egre_cfg *cfg;

	if (!egre)
		return egre_demux_lookup(dev_net(under), key);
	/* no configuration: a link whose register_netdevice() just failed */
	cfg = rcu_dereference(egre->cfg);
	return cfg && egre_cfg_names(cfg, key) ? egre : NULL;
}

static rx_handler_result_t egre_direct_rx(struct sk_buff **pskb)
{
	struct sk_buff *skb = *pskb;
	struct net_device *under = skb->dev;
	ktime_t stamp;
	struct egre_rx_outer outer;
	const struct egre_cfg *cfg;
	struct egre_gre_hdr h;
	struct egre_dev *egre;
	enum trellis_drop why;
	int off;

	if (skb->pkt_type != PACKET_HOST ||
	    (skb->protocol != htons(ETH_P_IP) && skb->protocol != htons(ETH_P_IPV6)))
		return RX_HANDLER_PASS;
	/* headers are pulled and trimmed below, as the IP layer would */
	skb = skb_share_check(skb, GFP_ATOMIC);
	if (!skb)
		return RX_HANDLER_CONSUMED;
	*pskb = skb;

	/* the rest of @outer is read off the headers (egre_outer_addrs) */
	outer.key.port = 0;
	outer.key.pad = 0;
	if (skb->protocol == htons(ETH_P_IP))
		off = egre_direct_ipv4(skb, &outer);
	else
		off = egre_direct_ipv6(skb, &outer);
	if (off < 0 || !egre_gre_parse(skb, off, &h, &why))
		return RX_HANDLER_PASS;
	outer.key.ikey = h.key;
	egre = egre_direct_link(under, &outer.key);
	if (!egre)
		return RX_HANDLER_PASS;
	/* no configuration: a link whose register_netdevice() just failed */
	cfg = rcu_dereference(egre->cfg);
	if (!cfg || !cfg->direct || cfg->link != under->ifindex ||
	    !egre_direct_gso_ok(skb, cfg))
		return RX_HANDLER_PASS;

	/* a verified UDP checksum says nothing of GRE's */
	if (outer.key.port)
		__skb_decr_checksum_unnecessary(skb);
	skb_orphan(skb);
	/* a receive stamp, which the scrub into a slice clears */
	stamp = skb->tstamp_type == SKB_CLOCK_REALTIME ? skb->tstamp : 0;
	/* the outer headers go with the GRE header's pull (h.off) */
	if (egre_rcv_link(egre, skb, &outer, &h, egre_direct_may_continue(skb, under))) {
		if (stamp && !skb->tstamp)
			skb->tstamp = stamp;
		*pskb = skb;
		return RX_HANDLER_ANOTHER;
	}
	return RX_HANDLER_CONSUMED;
}

static bool egre_direct_ours(const struct net_device *under)
{
	return rcu_access_pointer(under->rx_handler) == egre_direct_rx;
}

/*
 * The link other than @gone that holds @under's handler, when exactly one
 * does (under RTNL): a walk of the namespace, only when a link lets go.
 */
static struct egre_dev *egre_direct_other(struct net_device *under,
					  const struct egre_dev *gone)
{
	struct net_device *dev;

	for_each_netdev(dev_net(under), dev) {
		struct egre_dev *egre;

		if (!egre_is_link(dev))
			continue;
		egre = netdev_priv(dev);
		if (egre != gone && egre->direct_held &&
		    rtnl_dereference(egre->cfg)->link == under->ifindex)
			return egre;
	}
	return NULL;
}

/*
 * Link @egre, already in the receive demux, takes direct receive from
 * underlay device @ifindex of its namespace (under RTNL): the first
 * installs the device's handler.
 */
int egre_direct_hold(struct egre_dev *egre, int ifindex,
		     struct netlink_ext_ack *extack)
{
	struct net_device *under = __dev_get_by_index(egre->net, ifindex);
	struct egre_direct *d;
	int err;

	ASSERT_RTNL();
	if (!under) {
		NL_SET_ERR_MSG(extack, "direct needs an underlay device (dev)");
		return -ENODEV;
	}
	if (egre_direct_ours(under)) {
		d = rtnl_dereference(under->rx_handler_data);
		d->users++;
		RCU_INIT_POINTER(d->only, NULL);
		return 0;
	}
	if (egre_is_link(under)) {
		NL_SET_ERR_MSG(extack, "direct needs an underlay device that is not an egre link");
		return -EINVAL;
	}
	/* a tenant's links are charged to its memory cgroup */
	d = kzalloc(sizeof(*d), GFP_KERNEL_ACCOUNT);
	if (!d)
		return -ENOMEM;
	d->users = 1;
	RCU_INIT_POINTER(d->only, egre);
	err = netdev_rx_handler_register(under, egre_direct_rx, d);
	if (err) {
		kfree(d);
		if (err == -EBUSY)
			NL_SET_ERR_MSG(extack,
				       "direct needs the underlay device's receive handler, which another user has (a bridge, bond or macvlan?)");
		else
			NL_SET_ERR_MSG(extack,
				       "direct cannot take this underlay device's receive handler (ipvlan, VRF and the like have none to give)");
	}
	return err;
}

static void egre_direct_remove(struct net_device *under)
{
	struct egre_direct *d = rtnl_dereference(under->rx_handler_data);

	netdev_rx_handler_unregister(under);	/* waits for the handler's readers */
	kfree(d);
}

/* Link @egre lets go of underlay device @ifindex's handler (under RTNL). */
void egre_direct_release(struct egre_dev *egre, int ifindex)
{
	struct net_device *under = __dev_get_by_index(egre->net, ifindex);
	struct egre_direct *d;

	ASSERT_RTNL();
	/* gone, or the handler already went with a move to another namespace */
	if (!under || !egre_direct_ours(under))
		return;
	d = rtnl_dereference(under->rx_handler_data);
	if (--d->users == 0) {
		egre_direct_remove(under);
		return;
	}
	/* readers of the old value are done before the link is freed */
	rcu_assign_pointer(d->only, d->users == 1 ?
			   egre_direct_other(under, egre) : NULL);
}

/*
 * The underlay device leaves the namespace (deleted or moved): its handler
 * goes, and the links that held it fall back to the IP layer's receive.
 * A device moved away is taken again when it comes back (under the same
 * ifindex, its handler free); a deleted one is not replaced by whatever
 * device later gets its number: `direct` set again takes that one.
 */
static int egre_direct_event(struct notifier_block *nb, unsigned long event,
			     void *ptr)
{
	struct net_device *under = netdev_notifier_info_to_dev(ptr);
	struct net *net = dev_net(under);
	struct net_device *dev;

	if ((event != NETDEV_UNREGISTER && event != NETDEV_REGISTER) ||
	    egre_is_link(under))
		return NOTIFY_DONE;
	if (event == NETDEV_UNREGISTER && egre_direct_ours(under))
		egre_direct_remove(under);
	/* most namespaces have no direct link: skip the walk over every device */
	if (!trellis_net(net)->direct_links)
		return NOTIFY_DONE;
	for_each_netdev(net, dev) {
		struct egre_dev *egre;
		const struct egre_cfg *cfg;

		if (!egre_is_link(dev))
			continue;
		egre = netdev_priv(dev);
		cfg = rtnl_dereference(egre->cfg);
		if (!cfg->direct || cfg->link != under->ifindex)
			continue;
		if (event == NETDEV_UNREGISTER) {
			egre->direct_held = false;
			/* unregistering for good, not moving away */
			egre->direct_waits = under->reg_state != NETREG_UNREGISTERING;
		} else if (egre->direct_waits) {
			egre->direct_held = !egre_direct_hold(egre, cfg->link, NULL);
			egre->direct_waits = false;
		}
	}
	return NOTIFY_DONE;
}

static struct notifier_block egre_direct_notifier = {
	.notifier_call = egre_direct_event,
};

int egre_direct_init(void)
{
	return register_netdevice_notifier(&egre_direct_notifier);
}

void egre_direct_uninit(void)
{
	unregister_netdevice_notifier(&egre_direct_notifier);
}
