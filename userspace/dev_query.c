// SPDX-License-Identifier: GPL-2.0
/*
 * Network devices over rtnetlink: RTM_GETLINK read into struct dev_info,
 * RTM_NEWLINK/RTM_DELLINK for their state, RTM_NEWADDR/RTM_DELADDR and an
 * RTM_GETADDR dump for their addresses.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <netlink/attr.h>
#include <netlink/msg.h>

#include "dev_query.h"
#include "util.h"

struct walk {
	int (*cb)(const struct dev_info *dev, struct nlattr *data, void *arg);
	void *arg;
	int err;
};

/* Kernels before 5.19 send a shorter struct: what arrived, the rest zero. */
static void stats_read(struct dev_counters *c, const struct nlattr *a)
{
	struct rtnl_link_stats64 st = { 0 };
	size_t len = (size_t)nla_len(a);

	memcpy(&st, nla_data(a), len < sizeof(st) ? len : sizeof(st));
	*c = (struct dev_counters) {
		st.rx_packets, st.rx_bytes, st.rx_errors, st.rx_dropped,
		st.tx_packets, st.tx_bytes, st.tx_errors, st.tx_dropped,
	};
}

static int dev_parse_cb(struct nl_msg *msg, void *arg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct ifinfomsg *ifi = nlmsg_data(nlh);
	struct nlattr *tb[IFLA_MAX + 1], *li[IFLA_INFO_MAX + 1] = { 0 };
	struct dev_info dev = { 0 };
	struct walk *w = arg;
	int err;

	if (nlh->nlmsg_type != RTM_NEWLINK ||
	    nlmsg_parse(nlh, sizeof(*ifi), tb, IFLA_MAX, NULL) < 0)
		return NL_SKIP;
	if (tb[IFLA_LINKINFO] && nla_parse_nested(li, IFLA_INFO_MAX, tb[IFLA_LINKINFO], NULL) < 0)
		memset(li, 0, sizeof(li));
	dev.ifindex = (unsigned int)ifi->ifi_index;
	dev.flags = ifi->ifi_flags;
	if (tb[IFLA_IFNAME])
		nla_strlcpy(dev.name, tb[IFLA_IFNAME], sizeof(dev.name));
	if (li[IFLA_INFO_KIND])
		nla_strlcpy(dev.kind, li[IFLA_INFO_KIND], sizeof(dev.kind));
	if (tb[IFLA_MTU] && nla_len(tb[IFLA_MTU]) == 4)
		dev.mtu = nla_get_u32(tb[IFLA_MTU]);
	if (tb[IFLA_OPERSTATE] && nla_len(tb[IFLA_OPERSTATE]) == 1)
		dev.operstate = nla_get_u8(tb[IFLA_OPERSTATE]);
	if (tb[IFLA_ADDRESS] && nla_len(tb[IFLA_ADDRESS]) == sizeof(dev.address)) {
		memcpy(dev.address, nla_data(tb[IFLA_ADDRESS]), sizeof(dev.address));
		dev.has_address = true;
	}
	/* the eight counters egrectl prints come first */
	if (tb[IFLA_STATS64] && nla_len(tb[IFLA_STATS64]) >= 8 * (int)sizeof(__u64)) {
		stats_read(&dev.stats, tb[IFLA_STATS64]);
		dev.has_stats = true;
	}
	err = w->err ? 0 : w->cb(&dev, li[IFLA_INFO_DATA], w->arg);
	if (err)
		w->err = err;	/* read on to the end: the socket stays usable */
	return NL_OK;
}

int dev_query_walk(struct nl_conn *r, unsigned int ifindex, const char *name,
		   int (*cb)(const struct dev_info *dev, struct nlattr *data, void *arg),
		   void *arg)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC, .ifi_index = (int)ifindex };
	bool one = ifindex || name;
	struct walk w = { cb, arg, 0 };
	struct nl_msg *msg;
	int err;

	msg = nlmsg_alloc_simple(RTM_GETLINK, one ? 0 : NLM_F_DUMP);
	if (!msg || nlmsg_append(msg, &ifi, sizeof(ifi), NLMSG_ALIGNTO) < 0 ||
	    (!ifindex && name && nla_put_string(msg, IFLA_IFNAME, name) < 0)) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	err = conn_talk(r, msg, dev_parse_cb, &w);
	return err ? err : w.err;
}

static int dev_one_cb(const struct dev_info *dev, struct nlattr *data, void *arg)
{
	(void)data;
	*(struct dev_info *)arg = *dev;
	return 0;
}

int dev_query_get(struct nl_conn *r, unsigned int ifindex, const char *name,
		  struct dev_info *dev)
{
	int err;

	if (!ifindex && !name)
		return -EINVAL;
	memset(dev, 0, sizeof(*dev));
	err = dev_query_walk(r, ifindex, name, dev_one_cb, dev);
	if (!err && !dev->ifindex)
		err = -ENODEV;
	return err;
}

static int dev_list_cb(const struct dev_info *dev, struct nlattr *data, void *arg)
{
	struct dev_list *list = arg;
	struct dev_info *slot = list_append((void **)&list->devs, &list->n, sizeof(*slot));

	(void)data;
	if (!slot)
		return -ENOMEM;
	*slot = *dev;
	return 0;
}

int dev_query_dump(struct nl_conn *r, struct dev_list *list)
{
	int err;

	*list = (struct dev_list) { 0 };
	err = dev_query_walk(r, 0, NULL, dev_list_cb, list);
	if (err) {
		free(list->devs);
		*list = (struct dev_list) { 0 };
	}
	return err;
}

int dev_query_del(struct nl_conn *r, unsigned int ifindex)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC, .ifi_index = (int)ifindex };
	struct nl_msg *msg = nlmsg_alloc_simple(RTM_DELLINK, 0);

	if (!msg || nlmsg_append(msg, &ifi, sizeof(ifi), NLMSG_ALIGNTO) < 0) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	return conn_talk(r, msg, NULL, NULL);
}

int dev_query_set(struct nl_conn *r, const char *name, uint32_t mtu, const uint8_t *mac,
		  bool up)
{
	struct ifinfomsg ifi = {
		.ifi_family = AF_UNSPEC,
		.ifi_flags = up ? IFF_UP : 0,
		.ifi_change = IFF_UP,
	};
	struct nl_msg *msg = nlmsg_alloc_simple(RTM_NEWLINK, 0);

	if (!msg || nlmsg_append(msg, &ifi, sizeof(ifi), NLMSG_ALIGNTO) < 0 ||
	    nla_put_string(msg, IFLA_IFNAME, name) < 0 ||
	    (mtu && nla_put_u32(msg, IFLA_MTU, mtu) < 0) ||
	    (mac && nla_put(msg, IFLA_ADDRESS, 6, mac) < 0)) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	return conn_talk(r, msg, NULL, NULL);
}

/* An address prefix "ADDR/LEN" (or a bare address) of either family. */
struct prefix {
	int family;
	unsigned char addr[16];
	unsigned int len;
};

static unsigned int prefix_bytes(const struct prefix *p)
{
	return p->family == AF_INET6 ? 16 : 4;
}

static int prefix_parse(const char *text, struct prefix *p)
{
	char buf[INET6_ADDRSTRLEN + 8], *slash;
	unsigned long long len;

	if (snprintf(buf, sizeof(buf), "%s", text) >= (int)sizeof(buf))
		return -EINVAL;
	slash = strchr(buf, '/');
	if (slash)
		*slash = '\0';
	p->family = strchr(buf, ':') ? AF_INET6 : AF_INET;
	len = prefix_bytes(p) * 8;	/* a bare address: a host's */
	if (inet_pton(p->family, buf, p->addr) != 1 ||
	    (slash && !parse_uint(slash + 1, 10, 0, len, &len)))
		return -EINVAL;
	p->len = (unsigned int)len;
	return 0;
}

int dev_query_addr(struct nl_conn *r, unsigned int ifindex, const char *prefix, bool add)
{
	struct ifaddrmsg ifa = { .ifa_index = ifindex };
	struct nl_msg *msg;
	struct prefix p;
	int len;

	if (prefix_parse(prefix, &p))
		return -EINVAL;
	len = (int)prefix_bytes(&p);
	ifa.ifa_family = (unsigned char)p.family;
	ifa.ifa_prefixlen = (unsigned char)p.len;
	/* as ip does: a loopback address is the host's */
	if (p.family == AF_INET && p.addr[0] == 127)
		ifa.ifa_scope = RT_SCOPE_HOST;
	msg = nlmsg_alloc_simple(add ? RTM_NEWADDR : RTM_DELADDR,
				 add ? NLM_F_CREATE | NLM_F_REPLACE : 0);
	if (!msg || nlmsg_append(msg, &ifa, sizeof(ifa), NLMSG_ALIGNTO) < 0 ||
	    nla_put(msg, IFA_LOCAL, len, p.addr) < 0 || nla_put(msg, IFA_ADDRESS, len, p.addr) < 0) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	return conn_talk(r, msg, NULL, NULL);
}

struct addr_find {
	const struct prefix *want;
	unsigned int ifindex;
	bool found;
};

static int addr_find_cb(struct nl_msg *msg, void *arg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct ifaddrmsg *ifa = nlmsg_data(nlh);
	struct nlattr *tb[IFA_MAX + 1], *local;
	struct addr_find *f = arg;
	int len = (int)prefix_bytes(f->want);

	if (nlh->nlmsg_type != RTM_NEWADDR || nlmsg_parse(nlh, sizeof(*ifa), tb, IFA_MAX, NULL) < 0)
		return NL_SKIP;
	/* IFA_LOCAL is the interface's own address; IFA_ADDRESS the peer's on a point-to-point */
	local = tb[IFA_LOCAL] ? tb[IFA_LOCAL] : tb[IFA_ADDRESS];
	if (ifa->ifa_index == f->ifindex && ifa->ifa_family == f->want->family &&
	    ifa->ifa_prefixlen == f->want->len && local && nla_len(local) == len &&
	    !memcmp(nla_data(local), f->want->addr, (size_t)len))
		f->found = true;
	return NL_OK;
}

int dev_query_has_addr(struct nl_conn *r, unsigned int ifindex, const char *prefix)
{
	struct prefix p;
	struct addr_find f = { .want = &p, .ifindex = ifindex };
	struct ifaddrmsg ifa = { 0 };
	struct nl_msg *msg;
	int err;

	if (prefix_parse(prefix, &p))
		return -EINVAL;
	ifa.ifa_family = (unsigned char)p.family;
	msg = nlmsg_alloc_simple(RTM_GETADDR, NLM_F_DUMP);
	if (!msg || nlmsg_append(msg, &ifa, sizeof(ifa), NLMSG_ALIGNTO) < 0) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	err = conn_talk(r, msg, addr_find_cb, &f);
	return err ? err : f.found;
}
