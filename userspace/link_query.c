// SPDX-License-Identifier: GPL-2.0
/*
 * egre links over rtnetlink: RTM_GETLINK read into struct link_info, and
 * RTM_NEWLINK/RTM_DELLINK built from parsed options. The egre kind's own
 * attributes (IFLA_EGRE_*, in IFLA_INFO_DATA) are encoded and decoded here.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <netlink/attr.h>
#include <netlink/msg.h>

#include <linux/trellis.h>

#include "link_query.h"
#include "util.h"

static int addr_put(struct nl_msg *msg, int type, const struct egre_addr *a)
{
	if (a->family == AF_INET)
		return nla_put(msg, type, sizeof(a->v4), &a->v4);
	return nla_put(msg, type, sizeof(a->v6), &a->v6);
}

/* An underlay address attribute: true and @a if it is IPv4 or IPv6. */
static bool addr_get(const struct nlattr *attr, struct egre_addr *a)
{
	if (!attr)
		return false;
	if (nla_len(attr) == sizeof(a->v4)) {
		a->family = AF_INET;
		memcpy(&a->v4, nla_data(attr), sizeof(a->v4));
	} else if (nla_len(attr) == sizeof(a->v6)) {
		a->family = AF_INET6;
		memcpy(&a->v6, nla_data(attr), sizeof(a->v6));
	}
	return a->family != 0;
}

static int egre_params_put(struct nl_msg *msg, const struct egre_params *p)
{
	if ((p->has_local && addr_put(msg, IFLA_EGRE_LOCAL, &p->local) < 0) ||
	    (p->has_remote && addr_put(msg, IFLA_EGRE_REMOTE, &p->remote) < 0) ||
	    (p->has_ikey && nla_put_u32(msg, IFLA_EGRE_IKEY, htonl(p->ikey)) < 0) ||
	    (p->has_okey && nla_put_u32(msg, IFLA_EGRE_OKEY, htonl(p->okey)) < 0) ||
	    (p->has_ttl && nla_put_u8(msg, IFLA_EGRE_TTL, p->ttl) < 0) ||
	    (p->has_tos && nla_put_u8(msg, IFLA_EGRE_TOS, p->tos) < 0) ||
	    (p->has_pmtudisc && nla_put_u8(msg, IFLA_EGRE_PMTUDISC, p->pmtudisc) < 0) ||
	    (p->has_link && nla_put_u32(msg, IFLA_EGRE_LINK, p->link) < 0) ||
	    (p->has_csum && nla_put_u8(msg, IFLA_EGRE_CSUM, p->csum) < 0) ||
	    (p->has_seq && nla_put_u8(msg, IFLA_EGRE_SEQ, p->seq) < 0) ||
	    (p->has_encap && nla_put_u8(msg, IFLA_EGRE_ENCAP, p->encap) < 0) ||
	    (p->has_port && nla_put_u16(msg, IFLA_EGRE_PORT, htons(p->port)) < 0) ||
	    (p->has_direct && nla_put_u8(msg, IFLA_EGRE_DIRECT, p->direct) < 0))
		return -1;
	return 0;
}

/* IFLA_INFO_DATA of an egre link; what is missing or malformed stays 0. */
static void egre_params_parse(struct egre_params *p, struct nlattr *data)
{
	static struct nla_policy policy[IFLA_EGRE_MAX + 1] = {
		[IFLA_EGRE_IKEY] = { .type = NLA_U32 }, [IFLA_EGRE_OKEY] = { .type = NLA_U32 },
		[IFLA_EGRE_TTL] = { .type = NLA_U8 }, [IFLA_EGRE_TOS] = { .type = NLA_U8 },
		[IFLA_EGRE_PMTUDISC] = { .type = NLA_U8 }, [IFLA_EGRE_LINK] = { .type = NLA_U32 },
		[IFLA_EGRE_CSUM] = { .type = NLA_U8 }, [IFLA_EGRE_SEQ] = { .type = NLA_U8 },
		[IFLA_EGRE_ENCAP] = { .type = NLA_U8 }, [IFLA_EGRE_PORT] = { .type = NLA_U16 },
		[IFLA_EGRE_DIRECT] = { .type = NLA_U8 },
	};
	struct nlattr *tb[IFLA_EGRE_MAX + 1];

	memset(p, 0, sizeof(*p));
	if (nla_parse_nested(tb, IFLA_EGRE_MAX, data, policy) < 0)
		return;
	p->has_local = addr_get(tb[IFLA_EGRE_LOCAL], &p->local);
	p->has_remote = addr_get(tb[IFLA_EGRE_REMOTE], &p->remote);
	if (tb[IFLA_EGRE_ENCAP])
		p->encap = nla_get_u8(tb[IFLA_EGRE_ENCAP]);
	if (tb[IFLA_EGRE_PORT])
		p->port = ntohs(nla_get_u16(tb[IFLA_EGRE_PORT]));
	if (tb[IFLA_EGRE_IKEY])
		p->ikey = ntohl(nla_get_u32(tb[IFLA_EGRE_IKEY]));
	if (tb[IFLA_EGRE_OKEY])
		p->okey = ntohl(nla_get_u32(tb[IFLA_EGRE_OKEY]));
	if (tb[IFLA_EGRE_TTL])
		p->ttl = nla_get_u8(tb[IFLA_EGRE_TTL]);
	if (tb[IFLA_EGRE_TOS])
		p->tos = nla_get_u8(tb[IFLA_EGRE_TOS]);
	if (tb[IFLA_EGRE_PMTUDISC])
		p->pmtudisc = nla_get_u8(tb[IFLA_EGRE_PMTUDISC]);
	if (tb[IFLA_EGRE_LINK])
		p->link = nla_get_u32(tb[IFLA_EGRE_LINK]);
	if (tb[IFLA_EGRE_CSUM])
		p->csum = nla_get_u8(tb[IFLA_EGRE_CSUM]);
	if (tb[IFLA_EGRE_SEQ])
		p->seq = nla_get_u8(tb[IFLA_EGRE_SEQ]);
	if (tb[IFLA_EGRE_DIRECT])
		p->direct = nla_get_u8(tb[IFLA_EGRE_DIRECT]);
}

static int egre_link_cb(const struct dev_info *dev, struct nlattr *data, void *arg)
{
	struct link_list *list = arg;
	struct link_info *info;

	if (strcmp(dev->kind, TRELLIS_EGRE_KIND))
		return 0;	/* not an egre link */
	info = list_append((void **)&list->links, &list->n, sizeof(*info));
	if (!info)
		return -ENOMEM;
	info->dev = *dev;
	if (data)
		egre_params_parse(&info->egre, data);
	return 0;
}

int link_query_get(struct nl_conn *r, const char *name, struct link_list *list)
{
	*list = (struct link_list) { 0 };
	return dev_query_walk(r, 0, name, egre_link_cb, list);
}

int link_query_put(struct nl_conn *r, const char *name, unsigned int ifindex,
		   const struct link_opts *opts, bool create)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC, .ifi_index = (int)ifindex };
	struct nlattr *linkinfo, *data;
	struct nl_msg *msg;

	msg = nlmsg_alloc_simple(RTM_NEWLINK, create ? NLM_F_CREATE | NLM_F_EXCL : 0);
	if (!msg || nlmsg_append(msg, &ifi, sizeof(ifi), NLMSG_ALIGNTO) < 0)
		goto nomem;
	if (create && nla_put_string(msg, IFLA_IFNAME, name) < 0)
		goto nomem;
	if (opts->has_mtu && nla_put_u32(msg, IFLA_MTU, opts->mtu) < 0)
		goto nomem;
	if (opts->has_address && nla_put(msg, IFLA_ADDRESS, 6, opts->address) < 0)
		goto nomem;
	linkinfo = nla_nest_start(msg, IFLA_LINKINFO);
	if (!linkinfo || nla_put_string(msg, IFLA_INFO_KIND, TRELLIS_EGRE_KIND) < 0)
		goto nomem;
	data = nla_nest_start(msg, IFLA_INFO_DATA);
	if (!data || egre_params_put(msg, &opts->egre) < 0)
		goto nomem;
	nla_nest_end(msg, data);
	nla_nest_end(msg, linkinfo);
	return conn_talk(r, msg, NULL, NULL);
nomem:
	nlmsg_free(msg);
	return -ENOMEM;
}
