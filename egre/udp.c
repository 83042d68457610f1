// SPDX-License-Identifier: GPL-2.0
/*
 * GRE-in-UDP (RFC 8086): the GRE header follows the UDP header directly,
 * for networks whose firewalls or NATs drop IP protocol 47. Wire-compatible
 * with Linux gretap over `encap fou`.
 *
 * Receive needs a kernel UDP socket on the link's port. There is one per
 * (namespace, family, port), shared by the links that use it and closed
 * with the last of them. A port another socket holds is refused.
 */
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/list.h>
#include <linux/slab.h>
#include <linux/udp.h>
#include <net/gro.h>
#include <net/ipv6.h>
#include <net/net_namespace.h>
#include <net/protocol.h>
#include <net/netns/generic.h>
#include <net/udp_tunnel.h>

#include "egre.h"

struct egre_udp_sock {
	struct list_head list;
	struct socket *sock;
	__be16 port;
	u8 family;
	unsigned int users;
};

struct egre_udp_net {
	struct list_head socks;		/* under RTNL */
};

static unsigned int egre_udp_net_id __read_mostly;

static struct egre_udp_net *egre_udp_net(const struct net *net)
{
	return net_generic(net, egre_udp_net_id);
}

/* encap_rcv: skb->data at the UDP header, its checksum already checked. */
static int egre_udp_rcv(struct sock *sk, struct sk_buff *skb)
{
	struct egre_rx_outer outer = { .key.family = sk->sk_family };

	outer.key.port = udp_hdr(skb)->dest;
	egre_outer_addrs(skb, &outer);
	skb_pull_rcsum(skb, sizeof(struct udphdr));
	return egre_rcv_gre(sock_net(sk), skb, &outer);
}

/*
 * GRO: after the UDP header comes GRE, so the kernel's GRE offload merges
 * the frames of one inner flow, as it does for raw GRE (fou does the same).
 */
static struct sk_buff *egre_udp_gro_receive(struct sock *sk,
					    struct list_head *head,
					    struct sk_buff *skb)
{
	const struct net_offload __rcu **offloads;
	const struct net_offload *ops;

	/* GRE follows a tunnel header of ours, not an IP header */
	NAPI_GRO_CB(skb)->encap_mark = 0;
	NAPI_GRO_CB(skb)->is_fou = 1;
	offloads = NAPI_GRO_CB(skb)->is_ipv6 ? inet6_offloads : inet_offloads;
	ops = rcu_dereference(offloads[IPPROTO_GRE]);
	if (!ops || !ops->callbacks.gro_receive)
		return NULL;
	return call_gro_receive(ops->callbacks.gro_receive, head, skb);
}

static int egre_udp_gro_complete(struct sock *sk, struct sk_buff *skb, int nhoff)
{
	/* what udp_gro_complete() set: GRE's completion overwrites it */
	unsigned int udp = skb_shinfo(skb)->gso_type &
			   (SKB_GSO_UDP_TUNNEL | SKB_GSO_UDP_TUNNEL_CSUM);
	const struct net_offload __rcu **offloads;
	const struct net_offload *ops;
	int err;

	offloads = NAPI_GRO_CB(skb)->is_ipv6 ? inet6_offloads : inet_offloads;
	ops = rcu_dereference(offloads[IPPROTO_GRE]);
	if (WARN_ON_ONCE(!ops || !ops->callbacks.gro_complete))
		return -EOPNOTSUPP;
	err = ops->callbacks.gro_complete(skb, nhoff);
	/*
	 * Described as egre_xmit builds it: UDP and GRE one tunnel header,
	 * Ethernet inside, so that a merged frame the node forwards (not
	 * ours to decapsulate) can be segmented again.
	 */
	skb_shinfo(skb)->gso_type = (skb_shinfo(skb)->gso_type & ~SKB_GSO_GRE) | udp;
	skb_set_inner_protocol(skb, htons(ETH_P_TEB));
	return err;
}

/*
 * An ICMP error about a packet a link sent reaches this socket because
 * both ends use the same port. Claiming it, when it quotes one of the
 * namespace's links, lets the UDP layer lower the route's path MTU
 * ("fragmentation needed", "packet too big") or follow a redirect; the
 * links then use the route. (Over IPv6 the UDP layer has already updated
 * the route for any quoted UDP packet, before asking us.) The network
 * header is the quoted IP header, the transport header its UDP header.
 */
static int egre_udp_err_lookup(struct sock *sk, struct sk_buff *skb)
{
	int udp_off = skb_transport_offset(skb);
	struct egre_dev *egre;
	__be16 port;

	if (!pskb_may_pull(skb, udp_off + sizeof(struct udphdr)))
		return -EINVAL;
	port = udp_hdr(skb)->dest;
	rcu_read_lock();
	egre = egre_err_link(skb, sk->sk_family, port,
			     udp_off + sizeof(struct udphdr));
	rcu_read_unlock();
	return egre ? 0 : -ENOENT;
}

static struct egre_udp_sock *egre_udp_find(struct net *net, u8 family, __be16 port)
{
	struct egre_udp_sock *us;

	list_for_each_entry(us, &egre_udp_net(net)->socks, list)
		if (us->family == family && us->port == port)
			return us;
	return NULL;
}

static int egre_udp_open(struct net *net, u8 family, __be16 port,
			 struct socket **sockp)
{
	struct udp_tunnel_sock_cfg tcfg = {
		.encap_type = 1,
		.encap_rcv = egre_udp_rcv,
		.encap_err_lookup = egre_udp_err_lookup,
		.gro_receive = egre_udp_gro_receive,
		.gro_complete = egre_udp_gro_complete,
	};
	struct udp_port_cfg ucfg = {
		.family = family,
		.local_udp_port = port,
		.ipv6_v6only = 1,
		.use_udp6_rx_checksums = 1,
		.use_udp6_tx_checksums = 1,
	};
	int err;

	err = udp_sock_create(net, &ucfg, sockp);
	if (err)
		return err;
	setup_udp_tunnel_sock(net, *sockp, &tcfg);
	return 0;
}

int egre_udp_hold(struct net *net, u8 family, __be16 port,
		  struct netlink_ext_ack *extack)
{
	struct egre_udp_sock *us;
	int err;

	ASSERT_RTNL();
	us = egre_udp_find(net, family, port);
	if (us) {
		us->users++;
		return 0;
	}
	us = kzalloc(sizeof(*us), GFP_KERNEL_ACCOUNT);
	if (!us)
		return -ENOMEM;
	err = egre_udp_open(net, family, port, &us->sock);
	if (err) {
		kfree(us);
		if (err == -EADDRINUSE)
			NL_SET_ERR_MSG(extack,
				       "the UDP port is in use by another socket in this namespace");
		else
			NL_SET_ERR_MSG(extack, "cannot open the GRE-in-UDP socket");
		return err;
	}
	us->family = family;
	us->port = port;
	us->users = 1;
	list_add(&us->list, &egre_udp_net(net)->socks);
	return 0;
}

void egre_udp_release(struct net *net, u8 family, __be16 port)
{
	struct egre_udp_sock *us;

	ASSERT_RTNL();
	us = egre_udp_find(net, family, port);
	if (WARN_ON_ONCE(!us) || --us->users)
		return;
	list_del(&us->list);
	udp_tunnel_sock_release(us->sock);	/* waits for receivers */
	kfree(us);
}

static int __net_init egre_udp_net_init(struct net *net)
{
	INIT_LIST_HEAD(&egre_udp_net(net)->socks);
	return 0;
}

/* Runs after the namespace's links are gone, and with them every socket. */
static void __net_exit egre_udp_net_exit(struct net *net)
{
	WARN_ON_ONCE(!list_empty(&egre_udp_net(net)->socks));
}

static struct pernet_operations egre_udp_net_ops = {
	.init = egre_udp_net_init,
	.exit = egre_udp_net_exit,
	.id = &egre_udp_net_id,
	.size = sizeof(struct egre_udp_net),
};

int egre_udp_init(void)
{
	return register_pernet_subsys(&egre_udp_net_ops);
}

void egre_udp_uninit(void)
{
	unregister_pernet_subsys(&egre_udp_net_ops);
}
