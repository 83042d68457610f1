// SPDX-License-Identifier: GPL-2.0
/*
 * The egre link device: net_device ops, and the rtnetlink link kind
 * "egre" (validate, newlink, changelink, dellink, fill_info), so that
 * `ip -d link show` and `ip link del` work on it.
 */
#include <linux/etherdevice.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <net/ip_tunnels.h>
#include <net/route.h>
#include <net/rtnetlink.h>

#include "egre.h"
#include "netns.h"
#include "trellis.h"

static int egre_dev_init(struct net_device *dev)
{
	struct egre_dev *egre = netdev_priv(dev);

	return gro_cells_init(&egre->gro_cells, dev);
}

static void egre_dev_uninit(struct net_device *dev)
{
	struct egre_dev *egre = netdev_priv(dev);

	gro_cells_destroy(&egre->gro_cells);
}

static int egre_get_iflink(const struct net_device *dev)
{
	struct egre_dev *egre = netdev_priv(dev);
	const struct egre_cfg *cfg;
	int link;

	rcu_read_lock();
	cfg = rcu_dereference(egre->cfg);
	link = cfg ? cfg->link : 0;
	rcu_read_unlock();
	return link;
}

static const struct net_device_ops egre_netdev_ops = {
	.ndo_init = egre_dev_init,
	.ndo_uninit = egre_dev_uninit,
	.ndo_start_xmit = egre_xmit,
	.ndo_get_stats64 = dev_get_tstats64,
	.ndo_set_mac_address = eth_mac_addr,
	.ndo_validate_addr = eth_validate_addr,
	.ndo_get_iflink = egre_get_iflink,
};

static void egre_cfg_free(struct egre_cfg *cfg)
{
	dst_cache_destroy(&cfg->dst_cache);
	kfree(cfg);
}

static void egre_cfg_free_rcu(struct rcu_head *head)
{
	egre_cfg_free(container_of(head, struct egre_cfg, rcu));
}

static void egre_dev_free(struct net_device *dev)
{
	struct egre_dev *egre = netdev_priv(dev);
	struct egre_cfg *cfg = rcu_dereference_protected(egre->cfg, 1);

	/*
	 * Unregistered and past a grace period, or never registered: no
	 * reader is left. Also called when register_netdevice() fails.
	 */
	RCU_INIT_POINTER(egre->cfg, NULL);
	if (cfg)
		egre_cfg_free(cfg);
}

#define EGRE_FEATURES (NETIF_F_SG | NETIF_F_HW_CSUM | NETIF_F_HIGHDMA | \
		       NETIF_F_GSO_SOFTWARE)

static void egre_setup(struct net_device *dev)
{
	ether_setup(dev);
	dev->netdev_ops = &egre_netdev_ops;
	dev->needs_free_netdev = true;
	dev->priv_destructor = egre_dev_free;
	dev->pcpu_stat_type = NETDEV_PCPU_STAT_TSTATS;
	dev->lltx = true;
	/* the device is the node's end of a link: it stays with its underlay */
	dev->netns_immutable = true;
	dev->priv_flags &= ~IFF_TX_SKB_SHARING;
	dev->priv_flags |= IFF_LIVE_ADDR_CHANGE;
	dev->features |= EGRE_FEATURES;
	dev->hw_features |= EGRE_FEATURES;
	dev->min_mtu = ETH_MIN_MTU;
	dev->max_mtu = IP_MAX_MTU - ETH_HLEN - sizeof(struct iphdr) - 16;
	eth_hw_addr_random(dev);
}

static const struct nla_policy egre_policy[IFLA_EGRE_MAX + 1] = {
	[IFLA_EGRE_LOCAL] = NLA_POLICY_EXACT_LEN(sizeof(struct in_addr)),
	[IFLA_EGRE_REMOTE] = NLA_POLICY_EXACT_LEN(sizeof(struct in_addr)),
	[IFLA_EGRE_IKEY] = { .type = NLA_U32 },
	[IFLA_EGRE_OKEY] = { .type = NLA_U32 },
	[IFLA_EGRE_TTL] = { .type = NLA_U8 },
	[IFLA_EGRE_TOS] = { .type = NLA_U8 },
	[IFLA_EGRE_PMTUDISC] = NLA_POLICY_MAX(NLA_U8, 1),
	[IFLA_EGRE_LINK] = { .type = NLA_U32 },
	[IFLA_EGRE_CSUM] = NLA_POLICY_MAX(NLA_U8, 1),
	[IFLA_EGRE_SEQ] = NLA_POLICY_MAX(NLA_U8, 1),
};

static int egre_validate(struct nlattr *tb[], struct nlattr *data[],
			 struct netlink_ext_ack *extack)
{
	if (tb[IFLA_ADDRESS]) {
		if (nla_len(tb[IFLA_ADDRESS]) != ETH_ALEN ||
		    !is_valid_ether_addr(nla_data(tb[IFLA_ADDRESS]))) {
			NL_SET_ERR_MSG_ATTR(extack, tb[IFLA_ADDRESS],
					    "invalid Ethernet address");
			return -EADDRNOTAVAIL;
		}
	}
	if (!data) {
		NL_SET_ERR_MSG(extack, "egre needs local, remote and key");
		return -EINVAL;
	}
	if (data[IFLA_EGRE_REMOTE]) {
		__be32 remote = nla_get_in_addr(data[IFLA_EGRE_REMOTE]);

		if (ipv4_is_zeronet(remote) || ipv4_is_multicast(remote) ||
		    ipv4_is_lbcast(remote)) {
			NL_SET_ERR_MSG_ATTR(extack, data[IFLA_EGRE_REMOTE],
					    "remote must be a unicast address");
			return -EINVAL;
		}
	}
	if (data[IFLA_EGRE_LOCAL] &&
	    ipv4_is_multicast(nla_get_in_addr(data[IFLA_EGRE_LOCAL]))) {
		NL_SET_ERR_MSG_ATTR(extack, data[IFLA_EGRE_LOCAL],
				    "local must be a unicast address");
		return -EINVAL;
	}
	return 0;
}

/* A new configuration: @old's values (or the defaults) changed by @data. */
static struct egre_cfg *egre_cfg_build(struct net *net, const struct egre_cfg *old,
				       struct nlattr *data[],
				       struct netlink_ext_ack *extack)
{
	struct egre_cfg *cfg;
	int err;

	cfg = kzalloc(sizeof(*cfg), GFP_KERNEL);
	if (!cfg)
		return ERR_PTR(-ENOMEM);
	if (old) {
		memcpy(cfg, old, offsetof(struct egre_cfg, dst_cache));
	} else {
		cfg->ttl = TRELLIS_EGRE_TTL_DEFAULT;
		cfg->pmtudisc = true;
	}
	if (data[IFLA_EGRE_LOCAL])
		cfg->local = nla_get_in_addr(data[IFLA_EGRE_LOCAL]);
	if (data[IFLA_EGRE_REMOTE])
		cfg->remote = nla_get_in_addr(data[IFLA_EGRE_REMOTE]);
	if (data[IFLA_EGRE_IKEY]) {
		cfg->ikey = nla_get_be32(data[IFLA_EGRE_IKEY]);
		/* a new ikey alone moves both directions */
		if (!data[IFLA_EGRE_OKEY] && (!old || old->okey == old->ikey))
			cfg->okey = cfg->ikey;
	}
	if (data[IFLA_EGRE_OKEY])
		cfg->okey = nla_get_be32(data[IFLA_EGRE_OKEY]);
	if (data[IFLA_EGRE_TTL])
		cfg->ttl = nla_get_u8(data[IFLA_EGRE_TTL]);
	if (data[IFLA_EGRE_TOS])
		cfg->tos = nla_get_u8(data[IFLA_EGRE_TOS]);
	if (data[IFLA_EGRE_PMTUDISC])
		cfg->pmtudisc = nla_get_u8(data[IFLA_EGRE_PMTUDISC]);
	if (data[IFLA_EGRE_LINK])
		cfg->link = nla_get_u32(data[IFLA_EGRE_LINK]);
	if (data[IFLA_EGRE_CSUM])
		cfg->csum = nla_get_u8(data[IFLA_EGRE_CSUM]);
	if (data[IFLA_EGRE_SEQ])
		cfg->seq = nla_get_u8(data[IFLA_EGRE_SEQ]);

	err = -EINVAL;
	if (!old && !data[IFLA_EGRE_LOCAL]) {
		NL_SET_ERR_MSG(extack, "egre needs a local address");
		goto err;
	}
	if (!old && !data[IFLA_EGRE_REMOTE]) {
		NL_SET_ERR_MSG(extack, "egre needs a remote address");
		goto err;
	}
	if (!old && !data[IFLA_EGRE_IKEY]) {
		NL_SET_ERR_MSG(extack, "egre needs a key");
		goto err;
	}
	if (!cfg->pmtudisc && cfg->ttl == 0) {
		NL_SET_ERR_MSG(extack, "ttl inherit needs pmtudisc on");
		goto err;
	}
	err = -ENODEV;
	if (cfg->link && !__dev_get_by_index(net, cfg->link)) {
		NL_SET_ERR_MSG_ATTR(extack, data[IFLA_EGRE_LINK],
				    "no such underlay device");
		goto err;
	}
	err = dst_cache_init(&cfg->dst_cache, GFP_KERNEL);
	if (err)
		goto err;
	return cfg;
err:
	kfree(cfg);
	return ERR_PTR(err);
}

/* The underlay's MTU toward the remote: the pinned device's, or the route's. */
static unsigned int egre_underlay_mtu(struct net *net, const struct egre_cfg *cfg)
{
	struct net_device *under = NULL;
	unsigned int mtu = ETH_DATA_LEN;
	struct rtable *rt;

	if (cfg->link)
		under = __dev_get_by_index(net, cfg->link);
	if (under)
		return under->mtu;
	rt = ip_route_output(net, cfg->remote, cfg->local, 0, 0, RT_SCOPE_UNIVERSE);
	if (!IS_ERR(rt)) {
		mtu = dst_mtu(&rt->dst);
		ip_rt_put(rt);
	}
	return mtu;
}

static struct egre_key egre_key_of(const struct egre_cfg *cfg)
{
	return (struct egre_key){
		.ikey = cfg->ikey, .local = cfg->local, .remote = cfg->remote,
	};
}

static int egre_newlink(struct net *src_net, struct net_device *dev,
			struct nlattr *tb[], struct nlattr *data[],
			struct netlink_ext_ack *extack)
{
	struct egre_dev *egre = netdev_priv(dev);
	struct net *net = dev_net(dev);
	struct egre_cfg *cfg;
	int overhead, err;

	cfg = egre_cfg_build(net, NULL, data, extack);
	if (IS_ERR(cfg))
		return PTR_ERR(cfg);

	egre->dev = dev;
	egre->net = net;
	egre->key = egre_key_of(cfg);
	RCU_INIT_POINTER(egre->cfg, cfg);

	overhead = egre_overhead(cfg);
	dev->needed_headroom = LL_MAX_HEADER + overhead;
	if (!tb[IFLA_MTU])
		dev->mtu = clamp_t(int, egre_underlay_mtu(net, cfg) - overhead - ETH_HLEN,
				   dev->min_mtu, dev->max_mtu);

	err = egre_rx_hold(extack);
	if (err)
		goto err_cfg;
	err = egre_demux_add(egre, extack);
	if (err)
		goto err_rx;
	err = register_netdevice(dev);
	if (err)
		goto err_demux;
	trellis_net(net)->links++;
	return 0;

err_demux:
	egre_demux_del(egre);
	synchronize_net();	/* receivers may have seen it in the table */
err_rx:
	egre_rx_release();
err_cfg:
	/* a failed register_netdevice() has freed it already */
	cfg = rtnl_dereference(egre->cfg);
	RCU_INIT_POINTER(egre->cfg, NULL);
	if (cfg)
		egre_cfg_free(cfg);
	return err;
}

static int egre_changelink(struct net_device *dev, struct nlattr *tb[],
			   struct nlattr *data[], struct netlink_ext_ack *extack)
{
	struct egre_dev *egre = netdev_priv(dev);
	struct egre_cfg *old = rtnl_dereference(egre->cfg);
	struct egre_key old_key = egre->key, new_key;
	struct egre_cfg *cfg;
	int err;

	if (!data)
		return 0;
	cfg = egre_cfg_build(egre->net, old, data, extack);
	if (IS_ERR(cfg))
		return PTR_ERR(cfg);

	new_key = egre_key_of(cfg);
	if (memcmp(&old_key, &new_key, sizeof(new_key))) {
		/* out of the table under the old key, back in under the new */
		egre_demux_del(egre);
		egre->key = new_key;
		err = egre_demux_add(egre, extack);
		if (err) {
			egre->key = old_key;
			if (egre_demux_add(egre, NULL))
				netdev_err(dev, "lost its receive demux entry\n");
			egre_cfg_free(cfg);
			return err;
		}
	}
	rcu_assign_pointer(egre->cfg, cfg);
	call_rcu(&old->rcu, egre_cfg_free_rcu);
	return 0;
}

static void egre_dellink(struct net_device *dev, struct list_head *head)
{
	struct egre_dev *egre = netdev_priv(dev);

	egre_demux_del(egre);
	egre_rx_release();
	trellis_net(dev_net(dev))->links--;
	unregister_netdevice_queue(dev, head);
}

static size_t egre_get_size(const struct net_device *dev)
{
	return nla_total_size(sizeof(struct in_addr)) * 2 +	/* LOCAL, REMOTE */
	       nla_total_size(sizeof(u32)) * 3 +		/* IKEY, OKEY, LINK */
	       nla_total_size(sizeof(u8)) * 5;		/* TTL, TOS, PMTUDISC, CSUM, SEQ */
}

static int egre_fill_info(struct sk_buff *skb, const struct net_device *dev)
{
	struct egre_dev *egre = netdev_priv(dev);
	const struct egre_cfg *cfg = rtnl_dereference(egre->cfg);

	if (nla_put_in_addr(skb, IFLA_EGRE_LOCAL, cfg->local) ||
	    nla_put_in_addr(skb, IFLA_EGRE_REMOTE, cfg->remote) ||
	    nla_put_be32(skb, IFLA_EGRE_IKEY, cfg->ikey) ||
	    nla_put_be32(skb, IFLA_EGRE_OKEY, cfg->okey) ||
	    nla_put_u8(skb, IFLA_EGRE_TTL, cfg->ttl) ||
	    nla_put_u8(skb, IFLA_EGRE_TOS, cfg->tos) ||
	    nla_put_u8(skb, IFLA_EGRE_PMTUDISC, cfg->pmtudisc) ||
	    nla_put_u32(skb, IFLA_EGRE_LINK, cfg->link) ||
	    nla_put_u8(skb, IFLA_EGRE_CSUM, cfg->csum) ||
	    nla_put_u8(skb, IFLA_EGRE_SEQ, cfg->seq))
		return -EMSGSIZE;
	return 0;
}

static struct rtnl_link_ops egre_link_ops __read_mostly = {
	.kind = TRELLIS_EGRE_KIND,
	.priv_size = sizeof(struct egre_dev),
	.setup = egre_setup,
	.maxtype = IFLA_EGRE_MAX,
	.policy = egre_policy,
	.validate = egre_validate,
	.newlink = egre_newlink,
	.changelink = egre_changelink,
	.dellink = egre_dellink,
	.get_size = egre_get_size,
	.fill_info = egre_fill_info,
};

MODULE_ALIAS_RTNL_LINK(TRELLIS_EGRE_KIND);

int __init egre_init(void)
{
	int err;

	err = egre_demux_init();
	if (err)
		return err;
	err = rtnl_link_register(&egre_link_ops);
	if (err) {
		egre_demux_uninit();
		return err;
	}
	trellis_feature_add(TRELLIS_FEATURE_EGRE);
	return 0;
}

void egre_uninit(void)
{
	/* deletes every egre link in every namespace */
	rtnl_link_unregister(&egre_link_ops);
	egre_demux_uninit();
	rcu_barrier();	/* configurations freed by call_rcu */
}
