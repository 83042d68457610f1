/* SPDX-License-Identifier: GPL-2.0 */
/*
 * EGRE: Ethernet over GRE, one device per virtual link, terminated in a
 * node's root namespace. What the egre files share.
 */
#ifndef _TRELLIS_EGRE_H
#define _TRELLIS_EGRE_H

#include <linux/netdevice.h>
#include <linux/rhashtable-types.h>
#include <net/dst_cache.h>
#include <net/gro_cells.h>

/*
 * A link's configuration. Immutable once published: changelink builds a
 * new one and swaps the pointer, so the datapath sees the old or the new
 * configuration, never a mix. The route cache belongs to the configuration
 * it was filled for, and goes with it.
 */
struct egre_cfg {
	__be32 local;
	__be32 remote;
	__be32 ikey;
	__be32 okey;
	u8 ttl;		/* 0: inherit */
	u8 tos;		/* TRELLIS_EGRE_TOS_INHERIT: inherit */
	bool pmtudisc;
	bool csum;
	bool seq;
	int link;	/* underlay ifindex, 0: any */
	struct dst_cache dst_cache;
	struct rcu_head rcu;
};

/* The receive demux key: what a packet from the wire carries. */
struct egre_key {
	__be32 ikey;
	__be32 local;
	__be32 remote;
};

struct egre_dev {
	struct net_device *dev;
	struct net *net;		/* the underlay's namespace */
	struct egre_cfg __rcu *cfg;
	struct egre_key key;		/* demux key, written under RTNL */
	struct rhash_head node;		/* in the namespace's demux table */
	struct gro_cells gro_cells;
	atomic_t tx_seq;
	u32 rx_seq;			/* last sequence number accepted */
	bool rx_seq_valid;
};

/* demux.c: per-namespace table of links keyed by (ikey, local, remote) */
int egre_demux_init(void);
void egre_demux_uninit(void);
int egre_demux_add(struct egre_dev *egre, struct netlink_ext_ack *extack);
void egre_demux_del(struct egre_dev *egre);
struct egre_dev *egre_demux_lookup(struct net *net, const struct egre_key *key);
void egre_demux_count_unknown(struct net *net);

/* rx.c: the GRE version-0 receive handler, held while raw links exist */
int egre_rx_hold(struct netlink_ext_ack *extack);
void egre_rx_release(void);

/* tx.c */
netdev_tx_t egre_xmit(struct sk_buff *skb, struct net_device *dev);
int egre_overhead(const struct egre_cfg *cfg);

/* device.c */
int egre_init(void);
void egre_uninit(void);

#endif /* _TRELLIS_EGRE_H */
