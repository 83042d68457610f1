/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shortbridge: the two-port fast path. Two forms share this header:
 *
 *  - a binding (binding.c) joins two existing devices of one namespace:
 *    what one receives, the other sends, untouched;
 *  - the link kind "shortbridge" (device.c) is a slice's own interface,
 *    bound straight to an egre link in the node (or to a second such
 *    interface in another slice), with no device pair, bridge or queue
 *    between them.
 */
#ifndef _TRELLIS_SHORTBRIDGE_H
#define _TRELLIS_SHORTBRIDGE_H

#include <linux/netdevice.h>
#include <linux/u64_stats_sync.h>
#include <net/gro_cells.h>

#include <uapi/linux/trellis.h>

struct sb_binding_stats {
	u64_stats_t packets[2];		/* forwarded, by the port they came in on */
	u64_stats_t bytes[2];
	u64_stats_t too_big;
	u64_stats_t down;
	struct u64_stats_sync syncp;
};

/* A binding: in its namespace's list, written under RTNL. */
struct sb_binding {
	struct list_head list;
	struct net *net;		/* the namespace of both ports */
	char name[IFNAMSIZ];
	struct net_device *port[2];
	netdevice_tracker tracker[2];
	struct sb_binding_stats __percpu *stats;
};

/* A fast slice interface: the private part of a "shortbridge" device. */
struct sb_dev {
	struct net_device *dev;
	/* the egre link, or the other end of a slice-to-slice pair */
	struct net_device __rcu *far;
	struct net_device *link;	/* the egre link (RTNL), NULL for a pair */
	struct gro_cells gro_cells;	/* frames into the slice queue here */
	netdevice_tracker link_tracker;
	struct net *home;		/* the node namespace it was made from */
	struct list_head home_list;	/* in that namespace's slice links */
	struct hlist_node name_node;	/* and by name, a pair's first end only */
	char name[IFNAMSIZ];		/* the link's name there */
};

/* binding.c */
int sb_bind(struct net *net, const char *name, int ifindex_a, int ifindex_b,
	    struct netlink_ext_ack *extack);
int sb_unbind(struct net *net, const char *name, struct netlink_ext_ack *extack);
struct sb_binding *sb_binding_find(struct net *net, const char *name);
int sb_binding_fill(struct sk_buff *msg, const struct sb_binding *b);
void sb_binding_port_gone(struct net_device *dev);
void sb_bindings_flush(struct net *net);
bool sb_is_bound_port(const struct net_device *dev);
int sb_port_busy(struct net_device *dev, struct netlink_ext_ack *extack);

/* device.c: the link kind */
int sb_dev_init(void);
void sb_dev_uninit(void);
bool sb_receive(struct net_device *dev, struct sk_buff *skb, bool may_continue);
bool sb_is_slice_dev(const struct net_device *dev);
int sb_holder_check(struct net_device *dev, struct netlink_ext_ack *extack);
struct sb_dev *sb_slice_link_find(struct net *home, const char *name);
int sb_slice_link_fill(struct sk_buff *msg, struct sb_dev *sb);
int sb_slice_link_del(struct net *home, const char *name,
		      struct netlink_ext_ack *extack);
void sb_link_event(struct net_device *link, unsigned long event,
		   void *ptr);
void sb_home_flush(struct net *home, struct list_head *kill);

/* notify.c: one netdevice notifier for both forms */
int sb_notify_init(void);
void sb_notify_uninit(void);

/* shortbridge.c */
int shortbridge_init(void);
void shortbridge_uninit(void);

#endif /* _TRELLIS_SHORTBRIDGE_H */
