// SPDX-License-Identifier: GPL-2.0
/*
 * The link kind "shortbridge": a fast slice interface. The device lives in
 * a slice's namespace as an ordinary Ethernet device; its far side is an
 * egre link in the node's namespace (a frame sent in the slice goes
 * straight into the link's encapsulation, a frame the link receives is
 * delivered straight into the slice) or a second shortbridge device in
 * another slice of the same node (VINI's revisitation: two virtual nodes
 * of one network on one physical node, no tunnel).
 *
 * Each link has a name in the node namespace it was made from (its home):
 * the node's operator finds and deletes it there, not in the slice.
 */
#include <linux/etherdevice.h>
#include <linux/if_vlan.h>
#include <linux/jhash.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <net/genetlink.h>
#include <net/rtnetlink.h>

#include "egre.h"
#include "hops.h"
#include "netns.h"
#include "rx_queue.h"
#include "shortbridge.h"
#include "trellis.h"

static struct rtnl_link_ops sb_link_ops;

static bool sb_far_is_link(const struct net_device *far)
{
	return egre_is_link(far);
}

/* Carrier: the egre link up with carrier, or both ends of a pair up. */
static void sb_carrier_update(struct sb_dev *sb)
{
	struct net_device *far = rtnl_dereference(sb->far);
	bool on;

	on = far && netif_running(sb->dev) && netif_running(far) &&
	     (!sb_far_is_link(far) || netif_carrier_ok(far));
	if (on)
		netif_carrier_on(sb->dev);
	else
		netif_carrier_off(sb->dev);
	if (far && !sb_far_is_link(far)) {
		if (on)
			netif_carrier_on(far);
		else
			netif_carrier_off(far);
	}
}

static netdev_tx_t sb_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct sb_dev *sb = netdev_priv(dev);
	unsigned int len = skb->len;
	struct net_device *far;
	int hops;

	rcu_read_lock();
	far = rcu_dereference(sb->far);
	if (unlikely(!far || !is_skb_forwardable(dev, skb)))
		goto drop;
	if (sb_far_is_link(far)) {
		/* out of the slice: nothing of it (mark, socket) goes along */
		skb_scrub_packet(skb, true);
		dev_dstats_tx_add(dev, len);
		egre_xmit_from(skb, far, dev);
		rcu_read_unlock();
		return NETDEV_TX_OK;
	}
	/* across the pair: a hop of the frame's budget, as a link's would be */
	hops = egre_hops_get(skb);
	if (unlikely(!hops)) {
		rcu_read_unlock();
		dev_dstats_tx_dropped(dev);
		kfree_skb_reason(skb, SKB_DROP_REASON_NOT_SPECIFIED);
		return NETDEV_TX_OK;
	}
	egre_hops_set(skb, (hops < 0 ? EGRE_HOPS_FRESH : hops) - 1);
	/*
	 * Into the other slice: checks the peer's MTU, sets its protocol,
	 * and queues the frame there (never a nested receive).
	 */
	if (unlikely(__dev_forward_skb(far, skb) != NET_RX_SUCCESS)) {
		dev_dstats_tx_dropped(dev);
		dev_dstats_rx_dropped(far);
		rcu_read_unlock();
		return NETDEV_TX_OK;
	}
	dev_dstats_tx_add(dev, len);
	dev_dstats_rx_add(far, len);
	trellis_rx_queue(&((struct sb_dev *)netdev_priv(far))->gro_cells, skb);
	rcu_read_unlock();
	return NETDEV_TX_OK;

drop:
	rcu_read_unlock();
	dev_dstats_tx_dropped(dev);
	kfree_skb_reason(skb, far ? SKB_DROP_REASON_PKT_TOO_BIG :
			 SKB_DROP_REASON_NO_TX_TARGET);
	return NETDEV_TX_OK;
}

/*
 * A frame the egre link received, already scrubbed and typed for @dev
 * (eth_type_trans). Called in the link's receive softirq, it is queued
 * (trellis_rx_queue), never received here: a frame holding another EGRE
 * frame for this node must not be decapsulated again on the same stack,
 * however deep the nesting goes. A linear frame's queue is the device's
 * own GRO cell (not the CPU's shared backlog), so a flood of them into
 * one slice does not crowd out another's frames.
 *
 * With @may_continue (a direct link's receive handler), a frame that
 * would only go to the backlog is left to the caller instead, which goes
 * another round of the same receive with it (trellis_rx_queue_or_continue()).
 * True when the caller has the frame; false when it is queued or dropped.
 */
bool sb_receive(struct net_device *dev, struct sk_buff *skb, bool may_continue)
{
	struct sb_dev *sb = netdev_priv(dev);
	unsigned int max = dev->mtu;

	if (unlikely(!netif_running(dev))) {
		dev_dstats_rx_dropped(dev);
		kfree_skb_reason(skb, SKB_DROP_REASON_DEV_READY);
		return false;
	}
	if (eth_type_vlan(skb->protocol))
		max += VLAN_HLEN;
	/*
	 * A GRO frame is left whole, as a bridge or veth leaves it: its
	 * segments are checked where they are sent on, with the right headers
	 * (here the transport header is still the outer one).
	 */
	if (unlikely(!skb_is_gso(skb) && skb->len > max)) {
		dev_dstats_rx_dropped(dev);
		kfree_skb_reason(skb, SKB_DROP_REASON_PKT_TOO_BIG);
		return false;
	}
	/* counted with the Ethernet header, as sent */
	dev_dstats_rx_add(dev, skb->len + ETH_HLEN);
	return trellis_rx_queue_or_continue(&sb->gro_cells, skb, may_continue);
}

/* A fast slice interface or the end of a slice-to-slice pair. */
bool sb_is_slice_dev(const struct net_device *dev)
{
	return dev->rtnl_link_ops == &sb_link_ops;
}

static netdev_features_t sb_features_check(struct sk_buff *skb,
					   struct net_device *dev,
					   netdev_features_t features)
{
	struct sb_dev *sb = netdev_priv(dev);
	struct net_device *far;

	/* the egre link's transmit runs on our frames: its limits are ours */
	rcu_read_lock();
	far = rcu_dereference(sb->far);
	if (far && sb_far_is_link(far))
		features = egre_link_features_check(skb, far, features);
	rcu_read_unlock();
	return features;
}

static int sb_open(struct net_device *dev)
{
	sb_carrier_update(netdev_priv(dev));
	return 0;
}

static int sb_stop(struct net_device *dev)
{
	struct sb_dev *sb = netdev_priv(dev);
	struct net_device *far = rtnl_dereference(sb->far);

	netif_carrier_off(dev);
	if (far && !sb_far_is_link(far))
		netif_carrier_off(far);
	return 0;
}

/*
 * A pair keeps one MTU, so a change of one end is a change in the other
 * slice too: only for a caller with CAP_NET_ADMIN over that slice. A
 * link's device stays within the egre link's MTU (max_mtu).
 */
static int sb_change_mtu(struct net_device *dev, int new_mtu)
{
	struct sb_dev *sb = netdev_priv(dev);
	struct net_device *far = rtnl_dereference(sb->far);
	int err;

	if (!far || sb_far_is_link(far) || far->mtu == new_mtu) {
		WRITE_ONCE(dev->mtu, new_mtu);
		return 0;
	}
	if (!ns_capable(dev_net(far)->user_ns, CAP_NET_ADMIN))
		return -EPERM;
	WRITE_ONCE(dev->mtu, new_mtu);
	err = dev_set_mtu(far, new_mtu);
	if (err)
		WRITE_ONCE(dev->mtu, far->mtu);
	return err;
}

static int sb_get_iflink(const struct net_device *dev)
{
	struct sb_dev *sb = netdev_priv(dev);
	struct net_device *far;
	int iflink = 0;

	rcu_read_lock();
	far = rcu_dereference(sb->far);
	if (far)
		iflink = READ_ONCE(far->ifindex);
	rcu_read_unlock();
	return iflink;
}

static struct net *sb_get_link_net(const struct net_device *dev)
{
	struct sb_dev *sb = netdev_priv(dev);

	return sb->home;
}

static int sb_init(struct net_device *dev)
{
	struct sb_dev *sb = netdev_priv(dev);

	return gro_cells_init(&sb->gro_cells, dev);
}

/* Leaves the home list and lets go of the far side; every unregister ends here. */
static void sb_uninit(struct net_device *dev)
{
	struct sb_dev *sb = netdev_priv(dev);
	struct net_device *far = rtnl_dereference(sb->far);

	if (!list_empty(&sb->home_list))
		trellis_net_uncharge(sb->home, 1);
	list_del_init(&sb->home_list);
	hlist_del_init(&sb->name_node);
	if (sb->link) {
		egre_slice_detach(sb->link);
		RCU_INIT_POINTER(sb->far, NULL);
		netdev_put(sb->link, &sb->link_tracker);
		sb->link = NULL;
	} else if (far) {
		struct sb_dev *peer = netdev_priv(far);

		RCU_INIT_POINTER(sb->far, NULL);
		RCU_INIT_POINTER(peer->far, NULL);
	}
	/* closed and past a grace period: no receive queues to it any more */
	gro_cells_destroy(&sb->gro_cells);
}

static const struct net_device_ops sb_netdev_ops = {
	.ndo_init = sb_init,
	.ndo_uninit = sb_uninit,
	.ndo_open = sb_open,
	.ndo_stop = sb_stop,
	.ndo_start_xmit = sb_xmit,
	.ndo_features_check = sb_features_check,
	.ndo_change_mtu = sb_change_mtu,
	.ndo_set_mac_address = eth_mac_addr,
	.ndo_validate_addr = eth_validate_addr,
	.ndo_get_iflink = sb_get_iflink,
};

#define SB_FEATURES (NETIF_F_SG | NETIF_F_HW_CSUM | NETIF_F_HIGHDMA | \
		     NETIF_F_GSO_SOFTWARE | NETIF_F_FRAGLIST)

static void sb_setup(struct net_device *dev)
{
	struct sb_dev *sb = netdev_priv(dev);

	ether_setup(dev);
	dev->netdev_ops = &sb_netdev_ops;
	dev->rtnl_link_ops = &sb_link_ops;
	dev->needs_free_netdev = true;
	dev->pcpu_stat_type = NETDEV_PCPU_STAT_DSTATS;
	dev->lltx = true;
	/* the slice's own interface: it does not wander to other namespaces */
	dev->netns_immutable = true;
	dev->priv_flags |= IFF_NO_QUEUE | IFF_LIVE_ADDR_CHANGE;
	dev->priv_flags &= ~IFF_TX_SKB_SHARING;
	/* IP output onto the interface starts a frame's hop budget afresh (hops.h) */
	dev->header_ops = &egre_header_ops;
	dev->features |= SB_FEATURES;
	dev->hw_features |= SB_FEATURES;
	dev->min_mtu = ETH_MIN_MTU;
	dev->max_mtu = ETH_MAX_MTU;
	sb->dev = dev;
	INIT_LIST_HEAD(&sb->home_list);
	INIT_HLIST_NODE(&sb->name_node);
}

static const struct nla_policy sb_policy[IFLA_SHORTBRIDGE_MAX + 1] = {
	[IFLA_SHORTBRIDGE_NAME] = { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 },
	[IFLA_SHORTBRIDGE_LINK] = NLA_POLICY_MIN(NLA_U32, 1),
	/* a struct ifinfomsg, then attributes: parsed in newlink */
	[IFLA_SHORTBRIDGE_PEER] = { .len = sizeof(struct ifinfomsg) },
};

static int sb_validate_address(struct nlattr *tb[], struct netlink_ext_ack *extack)
{
	if (tb[IFLA_ADDRESS] &&
	    (nla_len(tb[IFLA_ADDRESS]) != ETH_ALEN ||
	     !is_valid_ether_addr(nla_data(tb[IFLA_ADDRESS])))) {
		NL_SET_ERR_MSG_ATTR(extack, tb[IFLA_ADDRESS], "invalid Ethernet address");
		return -EADDRNOTAVAIL;
	}
	return 0;
}

static int sb_validate(struct nlattr *tb[], struct nlattr *data[],
		       struct netlink_ext_ack *extack)
{
	int err = sb_validate_address(tb, extack);

	if (err)
		return err;
	if (!data || !data[IFLA_SHORTBRIDGE_NAME]) {
		NL_SET_ERR_MSG(extack, "a shortbridge link needs a name");
		return -EINVAL;
	}
	if (!data[IFLA_SHORTBRIDGE_LINK] == !data[IFLA_SHORTBRIDGE_PEER]) {
		NL_SET_ERR_MSG(extack,
			       "a shortbridge link needs either an egre link or a peer, not both");
		return -EINVAL;
	}
	return 0;
}

static struct hlist_head *sb_name_bucket(struct trellis_net *tn, const char *name)
{
	u32 hash = jhash(name, strnlen(name, IFNAMSIZ), 0);

	return &tn->slice_link_names[hash % TRELLIS_NAME_BUCKETS];
}

/* A node of thousands of links: its names hashed, not walked at every new one. */
static int sb_names_prepare(struct trellis_net *tn)
{
	ASSERT_RTNL();
	if (tn->slice_link_names)
		return 0;
	tn->slice_link_names = kvcalloc(TRELLIS_NAME_BUCKETS, sizeof(struct hlist_head),
					GFP_KERNEL_ACCOUNT);
	return tn->slice_link_names ? 0 : -ENOMEM;
}

struct sb_dev *sb_slice_link_find(struct net *home, const char *name)
{
	struct trellis_net *tn = trellis_net(home);
	struct sb_dev *sb;

	ASSERT_RTNL();
	if (!tn->slice_link_names)
		return NULL;
	hlist_for_each_entry(sb, sb_name_bucket(tn, name), name_node)
		if (!strcmp(sb->name, name))
			return sb;
	return NULL;
}

/* Why egre link @dev cannot take a port or a slice device; 0 if it can. */
int sb_holder_check(struct net_device *dev, struct netlink_ext_ack *extack)
{
	struct net_device *slice;

	if (!egre_is_link(dev))
		return 0;
	slice = egre_slice(dev);
	if (slice) {
		struct sb_dev *sb = netdev_priv(slice);

		NL_SET_ERR_MSG_FMT(extack, "%s is already bound to shortbridge link %s",
				   dev->name, sb->name);
		return -EBUSY;
	}
	return 0;
}

/* @first: the link's first end, or its only one, by which its name finds it */
static void sb_home_add(struct sb_dev *sb, const char *name, bool first)
{
	struct trellis_net *tn = trellis_net(sb->home);

	strscpy(sb->name, name, sizeof(sb->name));
	list_add_tail(&sb->home_list, &tn->slice_links);
	if (first)
		hlist_add_head(&sb->name_node, sb_name_bucket(tn, sb->name));
}

static int sb_newlink_link(struct net *home, struct net_device *dev,
			   struct nlattr *tb[], struct nlattr *data[],
			   struct netlink_ext_ack *extack)
{
	struct nlattr *attr = data[IFLA_SHORTBRIDGE_LINK];
	struct sb_dev *sb = netdev_priv(dev);
	struct net_device *link;
	int err;

	link = __dev_get_by_index(home, nla_get_u32(attr));
	if (!link) {
		NL_SET_ERR_MSG_ATTR(extack, attr, "no such egre link");
		return -ENODEV;
	}
	if (!egre_is_link(link)) {
		NL_SET_ERR_MSG_ATTR_FMT(extack, attr, "%s is not an egre link", link->name);
		return -EINVAL;
	}
	err = sb_port_busy(link, extack);
	if (err)
		return err;
	if (tb[IFLA_MTU] && dev->mtu > link->mtu) {
		NL_SET_ERR_MSG_ATTR_FMT(extack, tb[IFLA_MTU],
					"mtu %u is above egre link %s's %u",
					dev->mtu, link->name, link->mtu);
		return -EINVAL;
	}
	if (!tb[IFLA_MTU])
		dev->mtu = link->mtu;
	dev->max_mtu = link->mtu;
	/* room for the link's headers, so a frame is not copied to get it */
	dev->needed_headroom = link->needed_headroom;
	if (!tb[IFLA_ADDRESS])
		eth_hw_addr_random(dev);

	err = egre_slice_claim(link);
	if (err) {
		NL_SET_ERR_MSG_FMT(extack, "%s is held by another receive handler",
				   link->name);
		return err;
	}
	err = register_netdevice(dev);
	if (err) {
		egre_slice_unclaim(link);
		return err;
	}
	netif_carrier_off(dev);
	sb->link = link;
	netdev_hold(link, &sb->link_tracker, GFP_KERNEL);
	rcu_assign_pointer(sb->far, link);
	egre_slice_attach(link, dev);
	sb_home_add(sb, nla_data(data[IFLA_SHORTBRIDGE_NAME]), true);
	return 0;
}

static int sb_newlink_pair(struct net *home, struct net_device *dev,
			   struct nlattr *tb[], struct nlattr *data[],
			   struct netlink_ext_ack *extack)
{
	struct nlattr *peer_tb[IFLA_MAX + 1], *attr = data[IFLA_SHORTBRIDGE_PEER];
	const char *name = nla_data(data[IFLA_SHORTBRIDGE_NAME]);
	struct sb_dev *sb = netdev_priv(dev), *psb;
	unsigned char name_assign_type;
	struct ifinfomsg *ifmp = nla_data(attr);
	struct net_device *peer;
	char ifname[IFNAMSIZ];
	struct net *net;
	int err;

	err = rtnl_nla_parse_ifinfomsg(peer_tb, attr, extack);
	if (err < 0)
		return err;
	err = sb_validate_address(peer_tb, extack);
	if (err)
		return err;
	if (peer_tb[IFLA_IFNAME]) {
		nla_strscpy(ifname, peer_tb[IFLA_IFNAME], IFNAMSIZ);
		name_assign_type = NET_NAME_USER;
	} else {
		strscpy(ifname, "sb%d", IFNAMSIZ);
		name_assign_type = NET_NAME_ENUM;
	}
	net = rtnl_link_get_net(home, peer_tb);
	if (IS_ERR(net))
		return PTR_ERR(net);
	/* rtnetlink checked the first end's namespace; the peer's is ours to */
	if (!ns_capable(net->user_ns, CAP_NET_ADMIN)) {
		put_net(net);
		NL_SET_ERR_MSG(extack, "no CAP_NET_ADMIN over the peer's namespace");
		return -EPERM;
	}
	peer = rtnl_create_link(net, ifname, name_assign_type, &sb_link_ops,
				peer_tb, extack);
	if (IS_ERR(peer)) {
		put_net(net);
		return PTR_ERR(peer);
	}
	/* rtnetlink names the home namespace in every message about the device */
	((struct sb_dev *)netdev_priv(peer))->home = home;
	if (!peer_tb[IFLA_ADDRESS])
		eth_hw_addr_random(peer);
	/* one MTU for the pair: the first end's */
	peer->mtu = dev->mtu;
	err = register_netdevice(peer);
	put_net(net);
	if (err) {
		free_netdev(peer);
		return err;
	}
	netif_carrier_off(peer);
	err = rtnl_configure_link(peer, ifmp, 0, NULL);
	if (err)
		goto err_peer;

	if (!tb[IFLA_ADDRESS])
		eth_hw_addr_random(dev);
	err = register_netdevice(dev);
	if (err)
		goto err_peer;
	netif_carrier_off(dev);

	psb = netdev_priv(peer);
	rcu_assign_pointer(sb->far, peer);
	rcu_assign_pointer(psb->far, dev);
	sb_home_add(sb, name, true);
	sb_home_add(psb, name, false);
	return 0;

err_peer:
	unregister_netdevice(peer);
	return err;
}

static int sb_newlink(struct net *home, struct net_device *dev,
		      struct nlattr *tb[], struct nlattr *data[],
		      struct netlink_ext_ack *extack)
{
	const char *name = nla_data(data[IFLA_SHORTBRIDGE_NAME]);
	/* each device counts: a pair is two */
	unsigned int count = data[IFLA_SHORTBRIDGE_LINK] ? 1 : 2;
	struct sb_dev *sb = netdev_priv(dev);
	int err;

	sb->home = home;
	if (sb_slice_link_find(home, name)) {
		NL_SET_ERR_MSG_FMT(extack, "shortbridge link %s already exists", name);
		return -EEXIST;
	}
	/* before anything is made: adding to the home cannot fail after */
	err = sb_names_prepare(trellis_net(home));
	if (err)
		return err;
	err = trellis_net_charge(home, count, extack);
	if (err)
		return err;
	if (data[IFLA_SHORTBRIDGE_LINK])
		err = sb_newlink_link(home, dev, tb, data, extack);
	else
		err = sb_newlink_pair(home, dev, tb, data, extack);
	/* once in the home list, a device gives its charge back in uninit */
	if (err)
		trellis_net_uncharge(home, count);
	return err;
}

/* A link goes whole: both ends of a pair. */
static void sb_dellink(struct net_device *dev, struct list_head *head)
{
	struct sb_dev *sb = netdev_priv(dev);
	struct net_device *far = rtnl_dereference(sb->far);

	unregister_netdevice_queue(dev, head);
	if (far && !sb_far_is_link(far))
		unregister_netdevice_queue(far, head);
}

static size_t sb_get_size(const struct net_device *dev)
{
	return nla_total_size(IFNAMSIZ) +		/* NAME */
	       nla_total_size(sizeof(u32));		/* LINK */
}

static int sb_fill_info(struct sk_buff *skb, const struct net_device *dev)
{
	const struct sb_dev *sb = netdev_priv(dev);

	if (nla_put_string(skb, IFLA_SHORTBRIDGE_NAME, sb->name) ||
	    (sb->link && nla_put_u32(skb, IFLA_SHORTBRIDGE_LINK, sb->link->ifindex)))
		return -EMSGSIZE;
	return 0;
}

static struct rtnl_link_ops sb_link_ops __read_mostly = {
	.kind = TRELLIS_SHORTBRIDGE_KIND,
	.priv_size = sizeof(struct sb_dev),
	.setup = sb_setup,
	.maxtype = IFLA_SHORTBRIDGE_MAX,
	.policy = sb_policy,
	.validate = sb_validate,
	.newlink = sb_newlink,
	.dellink = sb_dellink,
	.get_size = sb_get_size,
	.fill_info = sb_fill_info,
	.get_link_net = sb_get_link_net,
};

MODULE_ALIAS_RTNL_LINK(TRELLIS_SHORTBRIDGE_KIND);

/* What genetlink shows of a link: one end, or both of a pair. */
static int sb_end_fill(struct sk_buff *msg, const struct net_device *dev)
{
	struct nlattr *nest = nla_nest_start(msg, TRELLIS_ATTR_END);

	if (!nest ||
	    nla_put_u32(msg, TRELLIS_END_NETNS_INODE, dev_net(dev)->ns.inum) ||
	    nla_put_u32(msg, TRELLIS_END_IFINDEX, dev->ifindex) ||
	    nla_put_string(msg, TRELLIS_END_IFNAME, dev->name))
		return -EMSGSIZE;
	nla_nest_end(msg, nest);
	return 0;
}

int sb_slice_link_fill(struct sk_buff *msg, struct sb_dev *sb)
{
	struct net_device *far = rtnl_dereference(sb->far);

	if (nla_put_string(msg, TRELLIS_ATTR_NAME, sb->name) ||
	    sb_end_fill(msg, sb->dev) ||
	    (far && !sb->link && sb_end_fill(msg, far)) ||
	    (sb->link && nla_put_u32(msg, TRELLIS_ATTR_IFINDEX, sb->link->ifindex)))
		return -EMSGSIZE;
	return 0;
}

int sb_slice_link_del(struct net *home, const char *name,
		      struct netlink_ext_ack *extack)
{
	struct sb_dev *sb = sb_slice_link_find(home, name);
	LIST_HEAD(kill);

	if (!sb) {
		NL_SET_ERR_MSG_FMT(extack, "no shortbridge link %s", name);
		return -ENOENT;
	}
	sb_dellink(sb->dev, &kill);
	unregister_netdevice_many(&kill);
	return 0;
}

/* The home namespace is going: its links go with it. */
void sb_home_flush(struct net *home, struct list_head *kill)
{
	struct sb_dev *sb;

	list_for_each_entry(sb, &trellis_net(home)->slice_links, home_list)
		sb_dellink(sb->dev, kill);
}

/* An event on an egre link that has a slice device. */
void sb_link_event(struct net_device *link, unsigned long event, void *ptr)
{
	struct net_device *dev = egre_slice(link);
	struct sb_dev *sb;

	if (!dev)
		return;
	sb = netdev_priv(dev);
	switch (event) {
	case NETDEV_UNREGISTER:
		/* the device stays, without carrier, until it is deleted */
		egre_slice_detach(link);
		RCU_INIT_POINTER(sb->far, NULL);
		/* transmits still on their way: the link is freed after a grace period */
		netdev_put(link, &sb->link_tracker);
		sb->link = NULL;
		netif_carrier_off(dev);
		break;
	case NETDEV_CHANGEMTU: {
		struct netdev_notifier_info_ext *info = ptr;

		dev->max_mtu = link->mtu;
		/* a device at the link's old MTU follows it; none goes above */
		if (dev->mtu == info->ext.mtu || dev->mtu > link->mtu)
			dev_set_mtu(dev, link->mtu);
		break;
	}
	default:
		/* a live change of the link may have moved its headers */
		WRITE_ONCE(dev->needed_headroom, link->needed_headroom);
		sb_carrier_update(sb);
		break;
	}
}

int sb_dev_init(void)
{
	return rtnl_link_register(&sb_link_ops);
}

void sb_dev_uninit(void)
{
	rtnl_link_unregister(&sb_link_ops);
}
