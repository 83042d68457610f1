// SPDX-License-Identifier: GPL-2.0
/*
 * Shortbridge bindings: two devices of one namespace joined so that a frame
 * received on one is sent, unchanged, out of the other. No learning, no
 * FDB, no flooding, no STP: a link with exactly two ends needs none.
 *
 * Each port gets a receive handler, so a port cannot also be in a bridge,
 * bond or another binding (they use the same hook), and promiscuous mode,
 * so a real NIC passes frames for every address. Unbinding undoes both.
 */
#include <linux/etherdevice.h>
#include <linux/if_bridge.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <net/genetlink.h>

#include "egre.h"
#include "netns.h"
#include "shortbridge.h"

static rx_handler_result_t sb_binding_rx(struct sk_buff **pskb)
{
	struct sk_buff *skb = *pskb;
	struct sb_binding *b = rcu_dereference(skb->dev->rx_handler_data);
	struct sb_binding_stats *stats;
	struct net_device *out;
	unsigned int len;
	int from;

	/* what the port itself sends, seen again through a packet tap */
	if (unlikely(skb->pkt_type == PACKET_LOOPBACK))
		return RX_HANDLER_PASS;
	skb = skb_share_check(skb, GFP_ATOMIC);
	if (!skb)
		return RX_HANDLER_CONSUMED;

	from = b->port[0] == skb->dev ? 0 : 1;
	out = b->port[!from];
	stats = this_cpu_ptr(b->stats);
	skb_push(skb, ETH_HLEN);
	len = skb->len;
	if (unlikely(!netif_running(out) || !netif_carrier_ok(out))) {
		u64_stats_update_begin(&stats->syncp);
		u64_stats_inc(&stats->down);
		u64_stats_update_end(&stats->syncp);
		dev_core_stats_tx_dropped_inc(out);
		kfree_skb_reason(skb, SKB_DROP_REASON_DEV_READY);
		return RX_HANDLER_CONSUMED;
	}
	/* knows GSO: a GRO frame is segments of at most the MTU */
	if (unlikely(!is_skb_forwardable(out, skb))) {
		u64_stats_update_begin(&stats->syncp);
		u64_stats_inc(&stats->too_big);
		u64_stats_update_end(&stats->syncp);
		dev_core_stats_tx_dropped_inc(out);
		kfree_skb_reason(skb, SKB_DROP_REASON_PKT_TOO_BIG);
		return RX_HANDLER_CONSUMED;
	}
	u64_stats_update_begin(&stats->syncp);
	u64_stats_inc(&stats->packets[from]);
	u64_stats_add(&stats->bytes[from], len);
	u64_stats_update_end(&stats->syncp);
	/* a received checksum does not cover the Ethernet header we sent on */
	skb_forward_csum(skb);
	skb->dev = out;
	dev_queue_xmit(skb);
	return RX_HANDLER_CONSUMED;
}

bool sb_is_bound_port(const struct net_device *dev)
{
	return rcu_access_pointer(dev->rx_handler) == sb_binding_rx;
}

static struct list_head *sb_bindings(struct net *net)
{
	return &trellis_net(net)->bindings;
}

struct sb_binding *sb_binding_find(struct net *net, const char *name)
{
	struct sb_binding *b;

	ASSERT_RTNL();
	list_for_each_entry(b, sb_bindings(net), list)
		if (!strcmp(b->name, name))
			return b;
	return NULL;
}

/*
 * Why @dev cannot be a port (of a binding, or the egre link of a slice
 * device), as a message naming what holds it; 0 if it can.
 */
int sb_port_busy(struct net_device *dev, struct netlink_ext_ack *extack)
{
	struct net_device *master = netdev_master_upper_dev_get(dev);
	int err;

	if (dev->type != ARPHRD_ETHER || dev->flags & IFF_LOOPBACK) {
		NL_SET_ERR_MSG_FMT(extack, "%s is not an Ethernet device", dev->name);
		return -EINVAL;
	}
	if (sb_is_bound_port(dev)) {
		struct sb_binding *b = rtnl_dereference(dev->rx_handler_data);

		NL_SET_ERR_MSG_FMT(extack, "%s is already bound in shortbridge %s",
				   dev->name, b->name);
		return -EBUSY;
	}
	if (netif_is_bridge_port(dev) && master) {
		NL_SET_ERR_MSG_FMT(extack, "%s is a port of bridge %s", dev->name,
				   master->name);
		return -EBUSY;
	}
	if (master) {
		NL_SET_ERR_MSG_FMT(extack, "%s is enslaved to %s", dev->name,
				   master->name);
		return -EBUSY;
	}
	err = sb_holder_check(dev, extack);
	if (err)
		return err;
	if (netdev_is_rx_handler_busy(dev)) {
		NL_SET_ERR_MSG_FMT(extack,
				   "%s is held by another receive handler (macvlan, ipvlan, team or openvswitch?)",
				   dev->name);
		return -EBUSY;
	}
	return 0;
}

static void sb_binding_free(struct sb_binding *b)
{
	free_percpu(b->stats);
	kfree(b);
}

/* Gives port @i back as it was. */
static void sb_port_release(struct sb_binding *b, int i)
{
	struct net_device *dev = b->port[i];

	netdev_rx_handler_unregister(dev);
	dev_set_promiscuity(dev, -1);
	netdev_put(dev, &b->tracker[i]);
}

static int sb_port_take(struct sb_binding *b, int i, struct netlink_ext_ack *extack)
{
	struct net_device *dev = b->port[i];
	int err;

	err = dev_set_promiscuity(dev, 1);
	if (err)
		return err;
	err = netdev_rx_handler_register(dev, sb_binding_rx, b);
	if (err) {
		NL_SET_ERR_MSG_FMT(extack, "%s is busy", dev->name);
		dev_set_promiscuity(dev, -1);
		return err;
	}
	netdev_hold(dev, &b->tracker[i], GFP_KERNEL);
	return 0;
}

int sb_bind(struct net *net, const char *name, int ifindex_a, int ifindex_b,
	    struct netlink_ext_ack *extack)
{
	int ifindex[2] = { ifindex_a, ifindex_b };
	struct sb_binding *b;
	int i, err;

	ASSERT_RTNL();
	if (!*name) {
		NL_SET_ERR_MSG(extack, "a binding needs a name");
		return -EINVAL;
	}
	if (sb_binding_find(net, name)) {
		NL_SET_ERR_MSG_FMT(extack, "shortbridge %s already exists", name);
		return -EEXIST;
	}
	if (ifindex_a == ifindex_b) {
		NL_SET_ERR_MSG(extack, "the two ports must be different devices");
		return -EINVAL;
	}
	err = trellis_net_charge(net, 1, extack);
	if (err)
		return err;
	/* charged to the memory cgroup of whoever binds */
	err = -ENOMEM;
	b = kzalloc(sizeof(*b), GFP_KERNEL_ACCOUNT);
	if (!b)
		goto err_charge;
	b->stats = __netdev_alloc_pcpu_stats(struct sb_binding_stats,
					     GFP_KERNEL_ACCOUNT);
	if (!b->stats) {
		kfree(b);
		goto err_charge;
	}
	b->net = net;
	strscpy(b->name, name, sizeof(b->name));
	for (i = 0; i < 2; i++) {
		b->port[i] = __dev_get_by_index(net, ifindex[i]);
		if (!b->port[i]) {
			NL_SET_ERR_MSG_FMT(extack, "no device with ifindex %d", ifindex[i]);
			err = -ENODEV;
			goto err_free;
		}
		err = sb_port_busy(b->port[i], extack);
		if (err)
			goto err_free;
	}
	err = sb_port_take(b, 0, extack);
	if (err)
		goto err_free;
	err = sb_port_take(b, 1, extack);
	if (err)
		goto err_port0;
	list_add_tail(&b->list, sb_bindings(net));
	return 0;

err_port0:
	sb_port_release(b, 0);
err_free:
	sb_binding_free(b);
err_charge:
	trellis_net_uncharge(net, 1);
	return err;
}

static void sb_binding_del(struct sb_binding *b)
{
	list_del(&b->list);
	sb_port_release(b, 0);
	sb_port_release(b, 1);
	trellis_net_uncharge(b->net, 1);
	/* each unregister waited for the receive handlers running on it */
	sb_binding_free(b);
}

int sb_unbind(struct net *net, const char *name, struct netlink_ext_ack *extack)
{
	struct sb_binding *b;

	ASSERT_RTNL();
	b = sb_binding_find(net, name);
	if (!b) {
		NL_SET_ERR_MSG_FMT(extack, "no shortbridge %s", name);
		return -ENOENT;
	}
	sb_binding_del(b);
	return 0;
}

/* A port is being unregistered: its binding goes with it. */
void sb_binding_port_gone(struct net_device *dev)
{
	ASSERT_RTNL();
	if (sb_is_bound_port(dev))
		sb_binding_del(rtnl_dereference(dev->rx_handler_data));
}

void sb_bindings_flush(struct net *net)
{
	struct sb_binding *b, *tmp;

	list_for_each_entry_safe(b, tmp, sb_bindings(net), list)
		sb_binding_del(b);
}

int sb_binding_fill(struct sk_buff *msg, const struct sb_binding *b)
{
	u64 packets[2] = {}, bytes[2] = {}, too_big = 0, down = 0;
	struct nlattr *nest;
	int cpu, i;

	for_each_possible_cpu(cpu) {
		const struct sb_binding_stats *s = per_cpu_ptr(b->stats, cpu);
		u64 p[2], by[2], tb, dn;
		unsigned int start;

		do {
			start = u64_stats_fetch_begin(&s->syncp);
			for (i = 0; i < 2; i++) {
				p[i] = u64_stats_read(&s->packets[i]);
				by[i] = u64_stats_read(&s->bytes[i]);
			}
			tb = u64_stats_read(&s->too_big);
			dn = u64_stats_read(&s->down);
		} while (u64_stats_fetch_retry(&s->syncp, start));
		for (i = 0; i < 2; i++) {
			packets[i] += p[i];
			bytes[i] += by[i];
		}
		too_big += tb;
		down += dn;
	}

	if (nla_put_string(msg, TRELLIS_ATTR_NAME, b->name) ||
	    nla_put_u32(msg, TRELLIS_ATTR_PORT_A, b->port[0]->ifindex) ||
	    nla_put_u32(msg, TRELLIS_ATTR_PORT_B, b->port[1]->ifindex))
		return -EMSGSIZE;
	nest = nla_nest_start(msg, TRELLIS_ATTR_BINDING_STATS);
	if (!nest ||
	    nla_put_u64_64bit(msg, TRELLIS_BINDING_A_PACKETS, packets[0], TRELLIS_BINDING_PAD) ||
	    nla_put_u64_64bit(msg, TRELLIS_BINDING_A_BYTES, bytes[0], TRELLIS_BINDING_PAD) ||
	    nla_put_u64_64bit(msg, TRELLIS_BINDING_B_PACKETS, packets[1], TRELLIS_BINDING_PAD) ||
	    nla_put_u64_64bit(msg, TRELLIS_BINDING_B_BYTES, bytes[1], TRELLIS_BINDING_PAD) ||
	    nla_put_u64_64bit(msg, TRELLIS_BINDING_TOO_BIG, too_big, TRELLIS_BINDING_PAD) ||
	    nla_put_u64_64bit(msg, TRELLIS_BINDING_DOWN, down, TRELLIS_BINDING_PAD))
		return -EMSGSIZE;
	nla_nest_end(msg, nest);
	return 0;
}
