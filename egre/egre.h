/* SPDX-License-Identifier: GPL-2.0 */
/*
 * EGRE: Ethernet over GRE, one device per virtual link, terminated in a
 * node's root namespace. What the egre files share.
 */
#ifndef _TRELLIS_EGRE_H
#define _TRELLIS_EGRE_H

#include <linux/in6.h>
#include <linux/netdevice.h>
#include <linux/rhashtable-types.h>
#include <linux/u64_stats_sync.h>
#include <net/dropreason-core.h>
#include <net/dst_cache.h>
#include <net/gro_cells.h>
#include <net/ip_tunnels.h>
#include <net/ipv6.h>

#include <uapi/linux/trellis.h>

/*
 * A link's configuration. Immutable once published: changelink builds a
 * new one and swaps the pointer, so the datapath sees the old or the new
 * configuration, never a mix. The route cache belongs to the configuration
 * it was filled for, and goes with it.
 *
 * Addresses are IPv6; an IPv4 underlay keeps them v4-mapped, so one demux
 * table serves both families.
 */
struct egre_cfg {
	struct in6_addr local;
	struct in6_addr remote;
	__be32 ikey;
	__be32 okey;
	__be16 port;	/* UDP destination port; 0 for raw GRE */
	u8 family;	/* AF_INET or AF_INET6 */
	u8 encap;	/* TRELLIS_EGRE_ENCAP_* */
	u8 ttl;		/* 0: inherit */
	u8 tos;		/* TRELLIS_EGRE_TOS_INHERIT: inherit */
	bool pmtudisc;
	bool csum;
	bool seq;
	bool direct;	/* receive from the underlay device's handler (direct.c) */
	int link;	/* underlay ifindex, 0: any */
	/* derived once, for the datapath */
	IP_TUNNEL_DECLARE_FLAGS(gre_flags);
	u8 gre_hlen;	/* GRE header with its options */
	u8 overhead;	/* outer IP (+ UDP) + GRE, in front of the frame */
	struct dst_cache dst_cache;
	struct rcu_head rcu;
};

static inline __be32 egre_v4(const struct in6_addr *addr)
{
	return addr->s6_addr32[3];
}

/* The receive demux key: what a packet from the wire carries. */
struct egre_key {
	struct in6_addr local;
	struct in6_addr remote;
	__be32 ikey;
	__be16 port;	/* UDP port the packet came in on; 0: raw GRE */
	u8 family;
	u8 pad;		/* always zero */
};

/* Field by field, inline: a memcmp() call of the whole key costs more. */
static inline bool egre_key_equal(const struct egre_key *a,
				  const struct egre_key *b)
{
	return a->ikey == b->ikey && ipv6_addr_equal(&a->remote, &b->remote) &&
	       ipv6_addr_equal(&a->local, &b->local) && a->port == b->port &&
	       a->family == b->family;
}

/* Per-cpu drop counters by reason (enum trellis_drop). */
struct egre_drops {
	u64_stats_t count[TRELLIS_DROP_MAX + 1];
	struct u64_stats_sync syncp;
};

struct egre_dev {
	struct net_device *dev;
	struct net *net;		/* the underlay's namespace */
	struct egre_cfg __rcu *cfg;
	struct egre_key key;		/* demux key, written under RTNL */
	struct rhash_head node;		/* in the namespace's demux table */
	struct gro_cells gro_cells;
	/* a shortbridge slice device bound to the link: receives its frames */
	struct net_device __rcu *slice;
	struct egre_drops __percpu *drops;
	atomic_t tx_seq;
	bool tx_no_gso;			/* from cfg, for features_check */
	bool direct_held;		/* holds cfg->link's handler, under RTNL */
	bool direct_waits;		/* for its underlay to come back, RTNL */
	spinlock_t rx_seq_lock;		/* frames of one link arrive on any CPU */
	u32 rx_seq;			/* last sequence number accepted */
	bool rx_seq_valid;
};

/* drops.c */
struct egre_drops __percpu *egre_drops_alloc(void);
void egre_drops_free(struct egre_drops __percpu *drops);
void egre_drops_inc(struct egre_drops __percpu *drops, enum trellis_drop why);
enum skb_drop_reason egre_drop_reason(enum trellis_drop why);
int egre_drops_fill(struct sk_buff *msg, struct egre_drops __percpu *drops);

/* demux.c: per-namespace table of links, and drops that reached no link */
int egre_demux_init(void);
void egre_demux_uninit(void);
int egre_demux_add(struct egre_dev *egre, struct netlink_ext_ack *extack);
void egre_demux_del(struct egre_dev *egre);
struct egre_dev *egre_demux_lookup(struct net *net, const struct egre_key *key);
void egre_net_drop(struct net *net, enum trellis_drop why);
int egre_net_fill_drops(struct sk_buff *msg, struct net *net);

/* rx.c: GRE parsing and delivery; the raw GRE handlers, held while links use them */
struct egre_rx_outer {
	struct egre_key key;	/* local, remote, port, family from the outer headers */
	u8 dsfield;		/* outer TOS / traffic class, for ECN */
	u8 ttl;			/* outer TTL / hop limit: the frame's hop budget */
};

/* What a GRE header of ours carries. */
struct egre_gre_hdr {
	__be32 key;
	__be32 seq;
	u8 hlen;		/* with its options */
	u8 off;			/* outer header bytes before it, still at skb->data */
	bool csum;
	bool has_seq;
};

void egre_outer_addrs(const struct sk_buff *skb, struct egre_rx_outer *outer);
bool egre_gre_parse(struct sk_buff *skb, int off, struct egre_gre_hdr *h,
		    enum trellis_drop *why);
bool egre_rcv_link(struct egre_dev *egre, struct sk_buff *skb,
		   const struct egre_rx_outer *outer, const struct egre_gre_hdr *h,
		   bool may_continue);
int egre_rcv_gre(struct net *net, struct sk_buff *skb, struct egre_rx_outer *outer);
struct egre_dev *egre_err_link(struct sk_buff *skb, u8 family, __be16 port,
			       int gre_off);
int egre_rx_hold(struct net *net, const struct egre_key *key,
		 struct netlink_ext_ack *extack);
void egre_rx_release(struct net *net, const struct egre_key *key);

/* udp.c: GRE-in-UDP sockets, one per (namespace, family, port) */
int egre_udp_init(void);
void egre_udp_uninit(void);
int egre_udp_hold(struct net *net, u8 family, __be16 port,
		  struct netlink_ext_ack *extack);
void egre_udp_release(struct net *net, u8 family, __be16 port);

/* tx.c: @from is where an ICMP "too big" answer goes (the link itself,
 * or the slice device the frame came from)
 */
netdev_tx_t egre_xmit(struct sk_buff *skb, struct net_device *dev);
void egre_xmit_from(struct sk_buff *skb, struct net_device *dev,
		    struct net_device *from);
void egre_cfg_derive(struct egre_cfg *cfg);

/* carrier.c: a pinned link's carrier follows its underlay device */
int egre_carrier_init(void);
void egre_carrier_uninit(void);
void egre_carrier_update(struct net_device *dev);

/* direct.c: receive from the underlay device, before the IP layer */
int egre_direct_init(void);
void egre_direct_uninit(void);
int egre_direct_hold(struct egre_dev *egre, int ifindex,
		     struct netlink_ext_ack *extack);
void egre_direct_release(struct egre_dev *egre, int ifindex);

/* device.c */
bool egre_is_link(const struct net_device *dev);
netdev_features_t egre_link_features_check(struct sk_buff *skb,
					   struct net_device *dev,
					   netdev_features_t features);
int egre_slice_claim(struct net_device *dev);
void egre_slice_unclaim(struct net_device *dev);
void egre_slice_attach(struct net_device *dev, struct net_device *slice);
void egre_slice_detach(struct net_device *dev);
struct net_device *egre_slice(struct net_device *dev);
int egre_link_fill_drops(struct sk_buff *msg, struct net_device *dev);
int egre_init(void);
void egre_uninit(void);

#endif /* _TRELLIS_EGRE_H */
