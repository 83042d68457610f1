// SPDX-License-Identifier: GPL-2.0
/*
 * The egre link device: net_device ops, and the rtnetlink link kind
 * "egre" (validate, newlink, changelink, dellink, fill_info), so that
 * `ip -d link show` and `ip link del` work on it.
 */
#include <linux/etherdevice.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/udp.h>
#include <net/ip6_route.h>
#include <net/ip_tunnels.h>
#include <net/ipv6.h>
#include <net/route.h>
#include <net/rtnetlink.h>

#include "egre.h"
#include "hops.h"
#include "netns.h"
#include "trellis.h"

static int egre_dev_init(struct net_device *dev)
{
	struct egre_dev *egre = netdev_priv(dev);

	spin_lock_init(&egre->rx_seq_lock);
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

/*
 * Packets the link must see one segment at a time: with sequence numbers
 * (given per packet, so every segment needs its own), and GRE-in-UDP with
 * a GRE checksum (UDP tunnel segmentation copies the GRE header into each
 * segment as it is, so a checksum over the payload would be wrong). The
 * stack segments those before egre_xmit().
 */
static bool egre_cfg_no_gso(const struct egre_cfg *cfg)
{
	return cfg->seq || (cfg->encap == TRELLIS_EGRE_ENCAP_UDP && cfg->csum);
}

netdev_features_t egre_link_features_check(struct sk_buff *skb,
					   struct net_device *dev,
					   netdev_features_t features)
{
	struct egre_dev *egre = netdev_priv(dev);

	if (READ_ONCE(egre->tx_no_gso))
		features &= ~NETIF_F_GSO_MASK;
	return features;
}

static const struct net_device_ops egre_netdev_ops = {
	.ndo_init = egre_dev_init,
	.ndo_uninit = egre_dev_uninit,
	.ndo_start_xmit = egre_xmit,
	.ndo_features_check = egre_link_features_check,
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
	/* a failed register leaves the link in the demux table a moment */
	if (cfg)
		call_rcu(&cfg->rcu, egre_cfg_free_rcu);
	egre_drops_free(egre->drops);
	egre->drops = NULL;
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
	/* a virtual link queues nothing by default (tc can still add a qdisc) */
	dev->priv_flags |= IFF_LIVE_ADDR_CHANGE | IFF_NO_QUEUE;
	/* IP output onto the link starts a frame's hop budget afresh (hops.h) */
	dev->header_ops = &egre_header_ops;
	dev->features |= EGRE_FEATURES;
	dev->hw_features |= EGRE_FEATURES;
	dev->min_mtu = ETH_MIN_MTU;
	dev->max_mtu = IP_MAX_MTU - ETH_HLEN - sizeof(struct ipv6hdr) -
		       sizeof(struct udphdr) - 16;
	eth_hw_addr_random(dev);
}

static const struct nla_policy egre_policy[IFLA_EGRE_MAX + 1] = {
	/* 4 or 16 bytes: checked in egre_validate() */
	[IFLA_EGRE_LOCAL] = { .type = NLA_BINARY, .len = sizeof(struct in6_addr) },
	[IFLA_EGRE_REMOTE] = { .type = NLA_BINARY, .len = sizeof(struct in6_addr) },
	[IFLA_EGRE_IKEY] = { .type = NLA_U32 },
	[IFLA_EGRE_OKEY] = { .type = NLA_U32 },
	[IFLA_EGRE_TTL] = { .type = NLA_U8 },
	[IFLA_EGRE_TOS] = { .type = NLA_U8 },
	[IFLA_EGRE_PMTUDISC] = NLA_POLICY_MAX(NLA_U8, 1),
	[IFLA_EGRE_LINK] = { .type = NLA_U32 },
	[IFLA_EGRE_CSUM] = NLA_POLICY_MAX(NLA_U8, 1),
	[IFLA_EGRE_SEQ] = NLA_POLICY_MAX(NLA_U8, 1),
	[IFLA_EGRE_ENCAP] = NLA_POLICY_MAX(NLA_U8, TRELLIS_EGRE_ENCAP_UDP),
	[IFLA_EGRE_PORT] = { .type = NLA_BE16 },
	[IFLA_EGRE_DIRECT] = NLA_POLICY_MAX(NLA_U8, 1),
};

/* An underlay address attribute: its family, from its length. */
static int egre_addr_family(const struct nlattr *attr)
{
	switch (nla_len(attr)) {
	case sizeof(struct in_addr):
		return AF_INET;
	case sizeof(struct in6_addr):
		return AF_INET6;
	}
	return AF_UNSPEC;
}

static void egre_addr_get(const struct nlattr *attr, struct in6_addr *addr)
{
	if (egre_addr_family(attr) == AF_INET)
		ipv6_addr_set_v4mapped(nla_get_in_addr(attr), addr);
	else
		*addr = nla_get_in6_addr(attr);
}

static int egre_validate_addr(const struct nlattr *attr, bool remote,
			      struct netlink_ext_ack *extack)
{
	struct in6_addr a;
	bool bad;

	if (!attr)
		return 0;
	if (egre_addr_family(attr) == AF_UNSPEC) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "an address is 4 bytes (IPv4) or 16 bytes (IPv6)");
		return -EINVAL;
	}
	egre_addr_get(attr, &a);
	if (egre_addr_family(attr) == AF_INET) {
		__be32 v4 = egre_v4(&a);

		bad = ipv4_is_multicast(v4) ||
		      (remote && (ipv4_is_zeronet(v4) || ipv4_is_lbcast(v4)));
	} else {
		bad = ipv6_addr_is_multicast(&a) || ipv6_addr_v4mapped(&a) ||
		      (remote && ipv6_addr_any(&a));
	}
	if (bad && remote)
		NL_SET_ERR_MSG_ATTR(extack, attr, "remote must be a unicast address");
	else if (bad)
		NL_SET_ERR_MSG_ATTR(extack, attr, "local must be a unicast address");
	if (bad)
		return -EINVAL;
	return 0;
}

/*
 * rtnetlink parses IFLA_INFO_DATA leniently and drops attributes beyond
 * IFLA_EGRE_MAX before we see them: look at the raw nest, so that an
 * attribute this module does not know is refused, not ignored.
 */
static int egre_validate_known(struct nlattr *tb[], struct netlink_ext_ack *extack)
{
	struct nlattr *li[IFLA_INFO_MAX + 1], *attr;
	int rem;

	if (!tb[IFLA_LINKINFO] ||
	    nla_parse_nested_deprecated(li, IFLA_INFO_MAX, tb[IFLA_LINKINFO],
					NULL, NULL) ||
	    !li[IFLA_INFO_DATA])
		return 0;
	nla_for_each_nested(attr, li[IFLA_INFO_DATA], rem) {
		if (nla_type(attr) == IFLA_EGRE_UNSPEC || nla_type(attr) > IFLA_EGRE_MAX) {
			NL_SET_ERR_MSG_ATTR(extack, attr, "unknown egre attribute");
			return -EINVAL;
		}
	}
	return 0;
}

static int egre_validate(struct nlattr *tb[], struct nlattr *data[],
			 struct netlink_ext_ack *extack)
{
	int err;

	err = egre_validate_known(tb, extack);
	if (err)
		return err;

	if (tb[IFLA_ADDRESS]) {
		if (nla_len(tb[IFLA_ADDRESS]) != ETH_ALEN ||
		    !is_valid_ether_addr(nla_data(tb[IFLA_ADDRESS]))) {
			NL_SET_ERR_MSG_ATTR(extack, tb[IFLA_ADDRESS],
					    "invalid Ethernet address");
			return -EADDRNOTAVAIL;
		}
	}
	if (!data)	/* a change of device attributes only (newlink refuses it) */
		return 0;
	err = egre_validate_addr(data[IFLA_EGRE_LOCAL], false, extack);
	if (!err)
		err = egre_validate_addr(data[IFLA_EGRE_REMOTE], true, extack);
	return err;
}

/* A new configuration: @old's values (or the defaults) changed by @data. */
static struct egre_cfg *egre_cfg_build(struct net *net, const struct egre_cfg *old,
				       struct nlattr *data[],
				       struct netlink_ext_ack *extack)
{
	struct egre_cfg *cfg;
	bool v4;
	int err;

	/* a tenant's links are charged to its memory cgroup */
	cfg = kzalloc(sizeof(*cfg), GFP_KERNEL_ACCOUNT);
	if (!cfg)
		return ERR_PTR(-ENOMEM);
	if (old) {
		memcpy(cfg, old, offsetof(struct egre_cfg, dst_cache));
	} else {
		cfg->ttl = TRELLIS_EGRE_TTL_DEFAULT;
		cfg->pmtudisc = true;
	}
	if (data[IFLA_EGRE_LOCAL])
		egre_addr_get(data[IFLA_EGRE_LOCAL], &cfg->local);
	if (data[IFLA_EGRE_REMOTE])
		egre_addr_get(data[IFLA_EGRE_REMOTE], &cfg->remote);
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
	if (data[IFLA_EGRE_ENCAP])
		cfg->encap = nla_get_u8(data[IFLA_EGRE_ENCAP]);
	if (data[IFLA_EGRE_PORT])
		cfg->port = nla_get_be16(data[IFLA_EGRE_PORT]);
	if (data[IFLA_EGRE_DIRECT])
		cfg->direct = nla_get_u8(data[IFLA_EGRE_DIRECT]);

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
	v4 = ipv6_addr_v4mapped(&cfg->local);
	cfg->family = v4 ? AF_INET : AF_INET6;
	if (ipv6_addr_v4mapped(&cfg->remote) != v4) {
		NL_SET_ERR_MSG(extack, "local and remote must be the same address family");
		goto err;
	}
	if (data[IFLA_EGRE_PORT] && !cfg->port) {
		NL_SET_ERR_MSG_ATTR(extack, data[IFLA_EGRE_PORT], "UDP port 0 is not a port");
		goto err;
	}
	if (cfg->encap == TRELLIS_EGRE_ENCAP_GRE) {
		if (data[IFLA_EGRE_PORT]) {
			NL_SET_ERR_MSG_ATTR(extack, data[IFLA_EGRE_PORT],
					    "a UDP port needs encap udp");
			goto err;
		}
		cfg->port = 0;
	} else if (!cfg->port) {
		cfg->port = htons(TRELLIS_EGRE_UDP_PORT);
	}
	if (!cfg->pmtudisc && cfg->ttl == 0) {
		NL_SET_ERR_MSG(extack, "ttl inherit needs pmtudisc on");
		goto err;
	}
	if (cfg->direct && !cfg->link) {
		NL_SET_ERR_MSG(extack, "direct needs an underlay device (dev)");
		goto err;
	}
	err = -ENODEV;
	if (cfg->link && !__dev_get_by_index(net, cfg->link)) {
		NL_SET_ERR_MSG_ATTR(extack, data[IFLA_EGRE_LINK],
				    "no such underlay device");
		goto err;
	}
	err = dst_cache_init(&cfg->dst_cache, GFP_KERNEL_ACCOUNT);
	if (err)
		goto err;
	egre_cfg_derive(cfg);
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
	struct dst_entry *dst;
	struct rtable *rt;

	if (cfg->link)
		under = __dev_get_by_index(net, cfg->link);
	if (under)
		return under->mtu;
	if (cfg->family == AF_INET) {
		rt = ip_route_output(net, egre_v4(&cfg->remote), egre_v4(&cfg->local),
				     0, 0, RT_SCOPE_UNIVERSE);
		if (!IS_ERR(rt)) {
			mtu = dst_mtu(&rt->dst);
			ip_rt_put(rt);
		}
	} else {
		struct flowi6 fl6 = { .daddr = cfg->remote, .saddr = cfg->local };

		dst = ip6_route_output(net, NULL, &fl6);
		if (!dst->error)
			mtu = dst_mtu(dst);
		dst_release(dst);
	}
	return mtu;
}

/* The MTU a link gets by default: what is left of the underlay's. */
static int egre_default_mtu(struct net_device *dev, const struct egre_cfg *cfg)
{
	return clamp_t(int, egre_underlay_mtu(dev_net(dev), cfg) - cfg->overhead - ETH_HLEN,
		       dev->min_mtu, dev->max_mtu);
}

static struct egre_key egre_key_of(const struct egre_cfg *cfg)
{
	return (struct egre_key){
		.local = cfg->local, .remote = cfg->remote, .ikey = cfg->ikey,
		.port = cfg->port, .family = cfg->family,
	};
}

static int egre_newlink(struct net *src_net, struct net_device *dev,
			struct nlattr *tb[], struct nlattr *data[],
			struct netlink_ext_ack *extack)
{
	struct egre_dev *egre = netdev_priv(dev);
	struct net *net = dev_net(dev);
	struct egre_cfg *cfg;
	bool direct;
	int err, link;

	if (!data) {
		NL_SET_ERR_MSG(extack, "egre needs local, remote and key");
		return -EINVAL;
	}
	err = trellis_net_charge(net, 1, extack);
	if (err)
		return err;
	cfg = egre_cfg_build(net, NULL, data, extack);
	if (IS_ERR(cfg)) {
		trellis_net_uncharge(net, 1);
		return PTR_ERR(cfg);
	}

	egre->dev = dev;
	egre->net = net;
	egre->key = egre_key_of(cfg);
	RCU_INIT_POINTER(egre->cfg, cfg);
	egre->tx_no_gso = egre_cfg_no_gso(cfg);
	egre->drops = egre_drops_alloc();
	if (!egre->drops) {
		err = -ENOMEM;
		goto err_cfg;
	}

	dev->needed_headroom = LL_MAX_HEADER + cfg->overhead;
	if (!tb[IFLA_MTU])
		dev->mtu = egre_default_mtu(dev, cfg);

	err = egre_rx_hold(net, &egre->key, extack);
	if (err)
		goto err_cfg;
	/* a failed register_netdevice() frees cfg */
	link = cfg->link;
	direct = cfg->direct;
	/* in the demux first: a key another link has is refused there */
	err = egre_demux_add(egre, extack);
	if (err)
		goto err_rx;
	if (direct) {
		err = egre_direct_hold(egre, link, extack);
		if (err)
			goto err_demux;
		egre->direct_held = true;
	}
	err = register_netdevice(dev);
	if (err)
		goto err_direct;
	egre_carrier_update(dev);
	trellis_net(net)->links++;
	if (direct)
		trellis_net(net)->direct_links++;
	return 0;

err_direct:
	if (egre->direct_held)
		egre_direct_release(egre, link);
	egre->direct_held = false;
err_demux:
	egre_demux_del(egre);
	synchronize_net();	/* receivers may have seen it in the table */
err_rx:
	egre_rx_release(net, &egre->key);
err_cfg:
	/* a failed register_netdevice() has freed both already */
	cfg = rtnl_dereference(egre->cfg);
	RCU_INIT_POINTER(egre->cfg, NULL);
	if (cfg)
		egre_cfg_free(cfg);
	egre_drops_free(egre->drops);
	egre->drops = NULL;
	trellis_net_uncharge(net, 1);
	return err;
}

/*
 * After a live change of encapsulation, flags, remote or underlay, a link
 * that had the default MTU gets the new default, and one whose MTU no
 * longer fits is lowered; an MTU chosen below both is kept.
 */
static void egre_follow_mtu(struct net_device *dev, const struct egre_cfg *old,
			    const struct egre_cfg *cfg)
{
	int was = egre_default_mtu(dev, old), now = egre_default_mtu(dev, cfg);

	dev->needed_headroom = LL_MAX_HEADER + cfg->overhead;
	if (dev->mtu != now && (dev->mtu == was || dev->mtu > now))
		dev_set_mtu(dev, now);
}

/* Same receive path: raw GRE of one family, or one UDP socket. */
static bool egre_rx_same(const struct egre_key *a, const struct egre_key *b)
{
	return a->family == b->family && a->port == b->port;
}

static int egre_changelink(struct net_device *dev, struct nlattr *tb[],
			   struct nlattr *data[], struct netlink_ext_ack *extack)
{
	struct egre_dev *egre = netdev_priv(dev);
	struct egre_cfg *old = rtnl_dereference(egre->cfg);
	struct egre_key old_key = egre->key, new_key;
	bool rx_moves, direct_moves;
	struct egre_cfg *cfg;
	int err;

	if (!data)
		return 0;
	cfg = egre_cfg_build(egre->net, old, data, extack);
	if (IS_ERR(cfg))
		return PTR_ERR(cfg);

	new_key = egre_key_of(cfg);
	rx_moves = !egre_rx_same(&old_key, &new_key);
	if (rx_moves) {
		err = egre_rx_hold(egre->net, &new_key, extack);
		if (err)
			goto err_cfg;
	}
	/*
	 * Direct receive from a new device, turned on, or asked for again
	 * while not held (the device came back, or its handler is free now).
	 * Other changes leave a link that is waiting for its device waiting.
	 */
	direct_moves = cfg->direct &&
		       (old->link != cfg->link || !old->direct ||
			(!egre->direct_held && data[IFLA_EGRE_DIRECT]));
	if (direct_moves) {
		err = egre_direct_hold(egre, cfg->link, extack);
		if (err)
			goto err_rx;
	}
	if (memcmp(&old_key, &new_key, sizeof(new_key))) {
		/* out of the table under the old key, back in under the new */
		egre_demux_del(egre);
		egre->key = new_key;
		err = egre_demux_add(egre, extack);
		if (err) {
			egre->key = old_key;
			if (egre_demux_add(egre, NULL))
				netdev_err(dev, "lost its receive demux entry\n");
			goto err_direct;
		}
	}
	if (old->seq != cfg->seq || memcmp(&old_key, &new_key, sizeof(new_key)))
		egre->rx_seq_valid = false;	/* a new sender starts anywhere */
	rcu_assign_pointer(egre->cfg, cfg);
	WRITE_ONCE(egre->tx_no_gso, egre_cfg_no_gso(cfg));
	if (rx_moves)
		egre_rx_release(egre->net, &old_key);
	if (egre->direct_held && (direct_moves || !cfg->direct))
		egre_direct_release(egre, old->link);
	egre->direct_held = cfg->direct && (direct_moves || egre->direct_held);
	if (direct_moves || !cfg->direct)
		egre->direct_waits = false;
	if (cfg->direct != old->direct) {
		if (cfg->direct)
			trellis_net(egre->net)->direct_links++;
		else
			trellis_net(egre->net)->direct_links--;
	}
	if (old->link != cfg->link)
		egre_carrier_update(dev);
	if (!tb[IFLA_MTU])
		egre_follow_mtu(dev, old, cfg);
	call_rcu(&old->rcu, egre_cfg_free_rcu);
	return 0;

err_direct:
	if (direct_moves)
		egre_direct_release(egre, cfg->link);
err_rx:
	if (rx_moves)
		egre_rx_release(egre->net, &new_key);
err_cfg:
	egre_cfg_free(cfg);
	return err;
}

static void egre_dellink(struct net_device *dev, struct list_head *head)
{
	struct egre_dev *egre = netdev_priv(dev);
	const struct egre_cfg *cfg = rtnl_dereference(egre->cfg);

	egre_demux_del(egre);
	egre_rx_release(egre->net, &egre->key);
	if (egre->direct_held)
		egre_direct_release(egre, cfg->link);
	egre->direct_held = false;
	if (cfg->direct)
		trellis_net(egre->net)->direct_links--;
	trellis_net(dev_net(dev))->links--;
	trellis_net_uncharge(dev_net(dev), 1);
	unregister_netdevice_queue(dev, head);
}

static size_t egre_get_size(const struct net_device *dev)
{
	return nla_total_size(sizeof(struct in6_addr)) * 2 +	/* LOCAL, REMOTE */
	       nla_total_size(sizeof(u32)) * 3 +		/* IKEY, OKEY, LINK */
	       /* TTL, TOS, PMTUDISC, CSUM, SEQ, ENCAP, DIRECT */
	       nla_total_size(sizeof(u8)) * 7 +
	       nla_total_size(sizeof(__be16));		/* PORT */
}

static int egre_fill_info(struct sk_buff *skb, const struct net_device *dev)
{
	struct egre_dev *egre = netdev_priv(dev);
	const struct egre_cfg *cfg = rtnl_dereference(egre->cfg);

	if (cfg->family == AF_INET) {
		if (nla_put_in_addr(skb, IFLA_EGRE_LOCAL, egre_v4(&cfg->local)) ||
		    nla_put_in_addr(skb, IFLA_EGRE_REMOTE, egre_v4(&cfg->remote)))
			return -EMSGSIZE;
	} else if (nla_put_in6_addr(skb, IFLA_EGRE_LOCAL, &cfg->local) ||
		   nla_put_in6_addr(skb, IFLA_EGRE_REMOTE, &cfg->remote)) {
		return -EMSGSIZE;
	}
	if (nla_put_be32(skb, IFLA_EGRE_IKEY, cfg->ikey) ||
	    nla_put_be32(skb, IFLA_EGRE_OKEY, cfg->okey) ||
	    nla_put_u8(skb, IFLA_EGRE_TTL, cfg->ttl) ||
	    nla_put_u8(skb, IFLA_EGRE_TOS, cfg->tos) ||
	    nla_put_u8(skb, IFLA_EGRE_PMTUDISC, cfg->pmtudisc) ||
	    nla_put_u32(skb, IFLA_EGRE_LINK, cfg->link) ||
	    nla_put_u8(skb, IFLA_EGRE_CSUM, cfg->csum) ||
	    nla_put_u8(skb, IFLA_EGRE_SEQ, cfg->seq) ||
	    nla_put_u8(skb, IFLA_EGRE_ENCAP, cfg->encap) ||
	    nla_put_u8(skb, IFLA_EGRE_DIRECT, cfg->direct) ||
	    (cfg->encap == TRELLIS_EGRE_ENCAP_UDP &&
	     nla_put_be16(skb, IFLA_EGRE_PORT, cfg->port)))
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

bool egre_is_link(const struct net_device *dev)
{
	return dev->rtnl_link_ops == &egre_link_ops;
}

/*
 * While a slice device is bound, the link's frames go to the slice and
 * never up its own device: this receive handler does nothing but hold the
 * place, so that no bridge, bond, team or macvlan can take the link.
 */
static rx_handler_result_t egre_slice_rx(struct sk_buff **pskb)
{
	return RX_HANDLER_PASS;
}

/* Reserves link @dev for a slice device (under RTNL), before it is registered. */
int egre_slice_claim(struct net_device *dev)
{
	return netdev_rx_handler_register(dev, egre_slice_rx, NULL);
}

void egre_slice_unclaim(struct net_device *dev)
{
	netdev_rx_handler_unregister(dev);
}

/*
 * Slice device @slice, registered, takes claimed link @dev (under RTNL):
 * the link's receive delivers into it (readers under RCU).
 */
void egre_slice_attach(struct net_device *dev, struct net_device *slice)
{
	struct egre_dev *egre = netdev_priv(dev);

	rcu_assign_pointer(egre->slice, slice);
	/* its frames go to the slice: a bridge would see none */
	dev->priv_flags |= IFF_DONT_BRIDGE;
}

void egre_slice_detach(struct net_device *dev)
{
	struct egre_dev *egre = netdev_priv(dev);

	RCU_INIT_POINTER(egre->slice, NULL);
	dev->priv_flags &= ~IFF_DONT_BRIDGE;
	egre_slice_unclaim(dev);
}

struct net_device *egre_slice(struct net_device *dev)
{
	struct egre_dev *egre = netdev_priv(dev);

	return rtnl_dereference(egre->slice);
}

/* A link's drop counters, for the trellis genetlink family. */
int egre_link_fill_drops(struct sk_buff *msg, struct net_device *dev)
{
	struct egre_dev *egre = netdev_priv(dev);

	return egre_drops_fill(msg, egre->drops);
}

int __init egre_init(void)
{
	int err;

	err = egre_demux_init();
	if (err)
		return err;
	err = egre_udp_init();
	if (err)
		goto err_udp;
	err = egre_carrier_init();
	if (err)
		goto err_carrier;
	err = egre_direct_init();
	if (err)
		goto err_direct;
	err = rtnl_link_register(&egre_link_ops);
	if (err)
		goto err_link;
	trellis_feature_add(TRELLIS_FEATURE_EGRE);
	trellis_feature_add(TRELLIS_FEATURE_EGRE_UDP);
	trellis_feature_add(TRELLIS_FEATURE_EGRE_IPV6);
	trellis_feature_add(TRELLIS_FEATURE_DROP_REASONS);
	return 0;

err_link:
	egre_direct_uninit();
err_direct:
	egre_carrier_uninit();
err_carrier:
	egre_udp_uninit();
err_udp:
	egre_demux_uninit();
	return err;
}

void egre_uninit(void)
{
	/* deletes every egre link in every namespace */
	rtnl_link_unregister(&egre_link_ops);
	egre_direct_uninit();
	egre_carrier_uninit();
	egre_udp_uninit();
	egre_demux_uninit();
	rcu_barrier();	/* configurations freed by call_rcu */
}
