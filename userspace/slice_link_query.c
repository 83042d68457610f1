// SPDX-License-Identifier: GPL-2.0
/*
 * Slice links (slice_link_query.h): as the trellis family reports them,
 * asked for by name, all at once, or by the egre link they are bound to;
 * made over rtnetlink, removed through the family; their devices read in
 * their slices.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/genetlink.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <netlink/errno.h>
#include <net/if.h>

#include <linux/trellis.h>

#include "genl.h"
#include "slice_link_query.h"
#include "slices.h"
#include "util.h"

static int end_parse(struct nlattr *nest, struct slice_end *e)
{
	static const struct nla_policy policy[TRELLIS_END_MAX + 1] = {
		[TRELLIS_END_NETNS_INODE] = { .type = NLA_U32 },
		[TRELLIS_END_IFINDEX] = { .type = NLA_U32 },
		[TRELLIS_END_IFNAME] = { .type = NLA_STRING },
	};
	struct nlattr *tb[TRELLIS_END_MAX + 1];

	if (nla_parse_nested(tb, TRELLIS_END_MAX, nest, (struct nla_policy *)policy) < 0)
		return -NLE_INVAL;
	if (tb[TRELLIS_END_NETNS_INODE])
		e->inode = nla_get_u32(tb[TRELLIS_END_NETNS_INODE]);
	if (tb[TRELLIS_END_IFINDEX])
		e->ifindex = nla_get_u32(tb[TRELLIS_END_IFINDEX]);
	if (tb[TRELLIS_END_IFNAME])
		snprintf(e->ifname, sizeof(e->ifname), "%s", nla_get_string(tb[TRELLIS_END_IFNAME]));
	return 0;
}

static int slice_link_cb(struct nl_msg *msg, void *data)
{
	static const struct nla_policy policy[TRELLIS_ATTR_MAX + 1] = {
		[TRELLIS_ATTR_NAME] = { .type = NLA_STRING },
		[TRELLIS_ATTR_IFINDEX] = { .type = NLA_U32 },
		[TRELLIS_ATTR_END] = { .type = NLA_NESTED },
	};
	struct nlattr *tb[TRELLIS_ATTR_MAX + 1], *attr;
	struct slice_link_list *list = data;
	struct slice_link *l;
	int rem;

	if (trellis_genl_parse(msg, tb, TRELLIS_ATTR_MAX, policy) < 0)
		return -NLE_INVAL;
	l = list_append((void **)&list->links, &list->n, sizeof(*l));
	if (!l)
		return -NLE_NOMEM;
	if (tb[TRELLIS_ATTR_NAME])
		snprintf(l->name, sizeof(l->name), "%s", nla_get_string(tb[TRELLIS_ATTR_NAME]));
	if (tb[TRELLIS_ATTR_IFINDEX])
		l->link = nla_get_u32(tb[TRELLIS_ATTR_IFINDEX]);
	/* the ends repeat TRELLIS_ATTR_END: walked, not looked up */
	nlmsg_for_each_attr(attr, nlmsg_hdr(msg), GENL_HDRLEN, rem) {
		if (nla_type(attr) != TRELLIS_ATTR_END || l->ends == 2)
			continue;
		if (end_parse(attr, &l->end[l->ends++]))
			return -NLE_INVAL;
	}
	return NL_OK;
}

/* GET_SLICE_LINK for @name, or all of them (NULL), into @list. */
int slice_links_get(struct trellis_genl *g, const char *name,
			   struct slice_link_list *list)
{
	struct nl_msg *msg;

	msg = trellis_genl_start(g, TRELLIS_CMD_GET_SLICE_LINK, name ? 0 : NLM_F_DUMP);
	if (msg && name && nla_put_string(msg, TRELLIS_ATTR_NAME, name) < 0)
		msg = trellis_genl_drop(msg);
	return trellis_genl_request(g, msg, slice_link_cb, list);
}

bool slice_link_exists(const char *name)
{
	struct trellis_genl g;
	struct nl_msg *msg;
	int err;

	if (trellis_genl_open(&g))
		return false;
	msg = trellis_genl_start(&g, TRELLIS_CMD_GET_SLICE_LINK, 0);
	if (msg && nla_put_string(msg, TRELLIS_ATTR_NAME, name) < 0)
		msg = trellis_genl_drop(msg);
	err = trellis_genl_request(&g, msg, NULL, NULL);
	trellis_genl_close(&g);
	return err == 0;
}

/* The first end of @l into @slice, @ifname and @ifindex. */
static void slice_link_end_device(const struct slice_link *l, char slice[SLICE_NAME_MAX],
				  char ifname[IFNAMSIZ], unsigned int *ifindex)
{
	slice_name_of(l->end[0].inode, slice, SLICE_NAME_MAX);
	snprintf(ifname, IFNAMSIZ, "%s", l->end[0].ifname);
	*ifindex = l->end[0].ifindex;
}

/*
 * The slice links made from here, or only @name: 0, 1 when there are none
 * (or no module), or -errno. The caller frees list->links.
 */
static int slice_links_fetch(const char *name, struct slice_link_list *list)
{
	struct trellis_genl g;
	int err;

	if (trellis_genl_open(&g))
		return 1;	/* no module: no slice links */
	err = slice_links_get(&g, name, list);
	trellis_genl_close(&g);
	if (!err && !list->n)
		err = -ENOENT;
	return err == -ENOENT ? 1 : err;
}

int slice_link_device(const char *name, char slice[SLICE_NAME_MAX], char ifname[IFNAMSIZ],
		      unsigned int *ifindex)
{
	struct slice_link_list list = { 0 };
	int err = slice_links_fetch(name, &list);

	if (!err && !list.links[0].ends)
		err = 1;
	if (!err)
		slice_link_end_device(&list.links[0], slice, ifname, ifindex);
	free(list.links);
	return err;
}

struct slice_links {
	struct slice_link_list list;
};

struct slice_links *slice_links_fetch_all(void)
{
	struct slice_links *all = calloc(1, sizeof(*all));

	if (all && slice_links_fetch(NULL, &all->list) < 0) {
		free(all->list.links);
		free(all);
		all = NULL;
	}
	return all;
}

void slice_links_free(struct slice_links *all)
{
	if (!all)
		return;
	free(all->list.links);
	free(all);
}

int slice_links_on_egre(const struct slice_links *all, unsigned int egre,
			char slice[SLICE_NAME_MAX], char ifname[IFNAMSIZ], unsigned int *ifindex)
{
	for (size_t i = 0; all && i < all->list.n; i++) {
		const struct slice_link *l = &all->list.links[i];

		if (l->link == egre && l->ends) {
			slice_link_end_device(l, slice, ifname, ifindex);
			return 0;
		}
	}
	return 1;
}

int slice_link_on_egre(unsigned int egre, char slice[SLICE_NAME_MAX], char ifname[IFNAMSIZ],
		       unsigned int *ifindex)
{
	struct slice_links *all = slice_links_fetch_all();
	int err;

	if (!all)
		return -EIO;
	err = slice_links_on_egre(all, egre, slice, ifname, ifindex);
	slice_links_free(all);
	return err;
}

int slice_link_create(struct nl_conn *r, const struct slice_link_new *n)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC };
	struct nlattr *linkinfo, *data, *peer;
	struct nl_msg *msg;

	msg = nlmsg_alloc_simple(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL);
	if (!msg || nlmsg_append(msg, &ifi, sizeof(ifi), NLMSG_ALIGNTO) < 0 ||
	    nla_put_string(msg, IFLA_IFNAME, n->ifname) < 0 ||
	    nla_put_u32(msg, IFLA_NET_NS_FD, (uint32_t)n->slice_fd) < 0 ||
	    (n->has_mtu && nla_put_u32(msg, IFLA_MTU, n->mtu) < 0) ||
	    (n->has_address && nla_put(msg, IFLA_ADDRESS, 6, n->address) < 0))
		goto nomem;
	linkinfo = nla_nest_start(msg, IFLA_LINKINFO);
	if (!linkinfo || nla_put_string(msg, IFLA_INFO_KIND, TRELLIS_SHORTBRIDGE_KIND) < 0)
		goto nomem;
	data = nla_nest_start(msg, IFLA_INFO_DATA);
	if (!data || nla_put_string(msg, IFLA_SHORTBRIDGE_NAME, n->name) < 0)
		goto nomem;
	if (n->peer_fd < 0) {
		if (nla_put_u32(msg, IFLA_SHORTBRIDGE_LINK, n->link) < 0)
			goto nomem;
	} else {
		peer = nla_nest_start(msg, IFLA_SHORTBRIDGE_PEER);
		if (!peer || nlmsg_append(msg, &ifi, sizeof(ifi), NLMSG_ALIGNTO) < 0 ||
		    nla_put_string(msg, IFLA_IFNAME, n->peer_ifname) < 0 ||
		    nla_put_u32(msg, IFLA_NET_NS_FD, (uint32_t)n->peer_fd) < 0)
			goto nomem;
		nla_nest_end(msg, peer);
	}
	nla_nest_end(msg, data);
	nla_nest_end(msg, linkinfo);
	return conn_talk(r, msg, NULL, NULL);
nomem:
	nlmsg_free(msg);
	return -ENOMEM;
}

int slice_link_remove(struct trellis_genl *g, const char *name)
{
	struct nl_msg *msg = trellis_genl_start(g, TRELLIS_CMD_DEL_SLICE_LINK, 0);

	if (msg && nla_put_string(msg, TRELLIS_ATTR_NAME, name) < 0)
		msg = trellis_genl_drop(msg);
	return trellis_genl_request(g, msg, NULL, NULL);
}

int slice_end_read(const struct slice_end *e, struct dev_info *dev)
{
	struct nl_conn r;
	int fd, err;

	memset(dev, 0, sizeof(*dev));
	fd = e->slice[0] ? slice_open(e->slice) : -ENOENT;
	if (fd < 0)
		return fd;
	/* a socket of the slice's namespace: the ifindex is the slice's */
	err = conn_open_netns(&r, NETLINK_ROUTE, fd);
	if (!err) {
		err = dev_query_get(&r, e->ifindex, NULL, dev);
		conn_close(&r);
	}
	close(fd);
	return err;
}
