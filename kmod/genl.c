// SPDX-License-Identifier: GPL-2.0
/*
 * The "trellis" generic netlink family: what rtnetlink has no words for.
 *
 * Requests are served in the namespace of the calling socket and need
 * CAP_NET_ADMIN over that namespace (GENL_UNS_ADMIN_PERM), so a slice
 * administrator in its own user namespace reaches only its own slice.
 */
#include <net/genetlink.h>

#include "egre.h"
#include "shortbridge.h"
#include "trellis.h"
#include "netns.h"
#include "genl.h"

#define TRELLIS_OUTPUT_ONLY \
	{ .type = NLA_REJECT, .reject_message = "output-only attribute" }

/* Attributes only the kernel sends, whatever the command. */
#define TRELLIS_OUTPUT_ATTRS \
	[TRELLIS_ATTR_VERSION] = TRELLIS_OUTPUT_ONLY, \
	[TRELLIS_ATTR_GENL_VERSION] = TRELLIS_OUTPUT_ONLY, \
	[TRELLIS_ATTR_FEATURES] = TRELLIS_OUTPUT_ONLY, \
	[TRELLIS_ATTR_NETNS_COOKIE] = TRELLIS_OUTPUT_ONLY, \
	[TRELLIS_ATTR_LINKS] = TRELLIS_OUTPUT_ONLY, \
	[TRELLIS_ATTR_PAD] = TRELLIS_OUTPUT_ONLY, \
	[TRELLIS_ATTR_DROPS] = TRELLIS_OUTPUT_ONLY, \
	[TRELLIS_ATTR_BINDING_STATS] = TRELLIS_OUTPUT_ONLY, \
	[TRELLIS_ATTR_END] = TRELLIS_OUTPUT_ONLY

#define TRELLIS_NO_ATTR \
	{ .type = NLA_REJECT, .reject_message = "not an attribute of this command" }

/* GET_INFO takes no attributes. */
static const struct nla_policy trellis_get_info_policy[TRELLIS_ATTR_MAX + 1] = {
	TRELLIS_OUTPUT_ATTRS,
	[TRELLIS_ATTR_IFINDEX] = TRELLIS_OUTPUT_ONLY,
	[TRELLIS_ATTR_NAME] = TRELLIS_NO_ATTR,
	[TRELLIS_ATTR_PORT_A] = TRELLIS_NO_ATTR,
	[TRELLIS_ATTR_PORT_B] = TRELLIS_NO_ATTR,
};

/* GET_LINK takes an ifindex (do) or nothing (dump). */
static const struct nla_policy trellis_get_link_policy[TRELLIS_ATTR_MAX + 1] = {
	TRELLIS_OUTPUT_ATTRS,
	[TRELLIS_ATTR_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[TRELLIS_ATTR_NAME] = TRELLIS_NO_ATTR,
	[TRELLIS_ATTR_PORT_A] = TRELLIS_NO_ATTR,
	[TRELLIS_ATTR_PORT_B] = TRELLIS_NO_ATTR,
};

#define TRELLIS_NAME_POLICY { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 }

/* BIND: a name and two ports. */
static const struct nla_policy trellis_bind_policy[TRELLIS_ATTR_MAX + 1] = {
	TRELLIS_OUTPUT_ATTRS,
	[TRELLIS_ATTR_IFINDEX] = TRELLIS_NO_ATTR,
	[TRELLIS_ATTR_NAME] = TRELLIS_NAME_POLICY,
	[TRELLIS_ATTR_PORT_A] = NLA_POLICY_MIN(NLA_U32, 1),
	[TRELLIS_ATTR_PORT_B] = NLA_POLICY_MIN(NLA_U32, 1),
};

/* UNBIND, GET_BINDING, GET_SLICE_LINK, DEL_SLICE_LINK: a name. */
static const struct nla_policy trellis_name_policy[TRELLIS_ATTR_MAX + 1] = {
	TRELLIS_OUTPUT_ATTRS,
	[TRELLIS_ATTR_IFINDEX] = TRELLIS_NO_ATTR,
	[TRELLIS_ATTR_NAME] = TRELLIS_NAME_POLICY,
	[TRELLIS_ATTR_PORT_A] = TRELLIS_NO_ATTR,
	[TRELLIS_ATTR_PORT_B] = TRELLIS_NO_ATTR,
};

static struct genl_family trellis_genl_family;

static int trellis_genl_fill_info(struct sk_buff *msg, struct net *net)
{
	if (nla_put_string(msg, TRELLIS_ATTR_VERSION, TRELLIS_VERSION) ||
	    nla_put_u32(msg, TRELLIS_ATTR_GENL_VERSION, TRELLIS_GENL_VERSION) ||
	    nla_put_u64_64bit(msg, TRELLIS_ATTR_FEATURES, trellis_features(),
			      TRELLIS_ATTR_PAD) ||
	    nla_put_u64_64bit(msg, TRELLIS_ATTR_NETNS_COOKIE, net->net_cookie,
			      TRELLIS_ATTR_PAD) ||
	    nla_put_u32(msg, TRELLIS_ATTR_LINKS,
			READ_ONCE(trellis_net(net)->links)))
		return -EMSGSIZE;
	return egre_net_fill_drops(msg, net);
}

static int trellis_genl_get_info(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *msg;
	void *hdr;
	int err;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;

	hdr = genlmsg_iput(msg, info);
	if (!hdr) {
		err = -EMSGSIZE;
		goto err_free;
	}
	err = trellis_genl_fill_info(msg, genl_info_net(info));
	if (err)
		goto err_free;
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

err_free:
	nlmsg_free(msg);
	return err;
}

static int trellis_genl_fill_link(struct sk_buff *msg, struct net_device *dev,
				  u32 portid, u32 seq, int flags)
{
	void *hdr;

	hdr = genlmsg_put(msg, portid, seq, &trellis_genl_family, flags,
			  TRELLIS_CMD_GET_LINK);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(msg, TRELLIS_ATTR_IFINDEX, dev->ifindex) ||
	    egre_link_fill_drops(msg, dev)) {
		genlmsg_cancel(msg, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return 0;
}

static int trellis_genl_get_link(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *attr = info->attrs[TRELLIS_ATTR_IFINDEX];
	struct net_device *dev;
	struct sk_buff *msg;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, TRELLIS_ATTR_IFINDEX)) {
		NL_SET_ERR_MSG(info->extack, "the link's ifindex is missing");
		return -EINVAL;
	}
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;

	rcu_read_lock();
	dev = dev_get_by_index_rcu(genl_info_net(info), nla_get_u32(attr));
	if (!dev) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr, "no such device");
		err = -ENODEV;
	} else if (!egre_is_link(dev)) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr, "not a trellis link");
		err = -EOPNOTSUPP;
	} else {
		err = trellis_genl_fill_link(msg, dev, info->snd_portid,
					     info->snd_seq, 0);
	}
	rcu_read_unlock();
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	return genlmsg_reply(msg, info);
}

/* Every trellis link in the namespace; resumes after the last ifindex sent. */
static int trellis_genl_dump_links(struct sk_buff *skb, struct netlink_callback *cb)
{
	unsigned long *resume = (unsigned long *)cb->ctx;
	struct net *net = sock_net(skb->sk);
	unsigned long ifindex = *resume;
	struct net_device *dev;
	int err = 0;

	rcu_read_lock();
	for_each_netdev_dump(net, dev, ifindex) {
		if (!egre_is_link(dev))
			continue;
		err = trellis_genl_fill_link(skb, dev, NETLINK_CB(cb->skb).portid,
					     cb->nlh->nlmsg_seq, NLM_F_MULTI);
		if (err)
			break;
	}
	rcu_read_unlock();
	*resume = ifindex;
	if (err == -EMSGSIZE && skb->len)
		return skb->len;
	return err ? err : skb->len;
}

static int trellis_genl_bind(struct sk_buff *skb, struct genl_info *info)
{
	int err;

	if (GENL_REQ_ATTR_CHECK(info, TRELLIS_ATTR_NAME) ||
	    GENL_REQ_ATTR_CHECK(info, TRELLIS_ATTR_PORT_A) ||
	    GENL_REQ_ATTR_CHECK(info, TRELLIS_ATTR_PORT_B))
		return -EINVAL;
	rtnl_lock();
	err = sb_bind(genl_info_net(info), nla_data(info->attrs[TRELLIS_ATTR_NAME]),
		      nla_get_u32(info->attrs[TRELLIS_ATTR_PORT_A]),
		      nla_get_u32(info->attrs[TRELLIS_ATTR_PORT_B]), info->extack);
	rtnl_unlock();
	return err;
}

static int trellis_genl_unbind(struct sk_buff *skb, struct genl_info *info)
{
	int err;

	if (GENL_REQ_ATTR_CHECK(info, TRELLIS_ATTR_NAME))
		return -EINVAL;
	rtnl_lock();
	err = sb_unbind(genl_info_net(info), nla_data(info->attrs[TRELLIS_ATTR_NAME]),
			info->extack);
	rtnl_unlock();
	return err;
}

static int trellis_genl_del_slice_link(struct sk_buff *skb, struct genl_info *info)
{
	int err;

	if (GENL_REQ_ATTR_CHECK(info, TRELLIS_ATTR_NAME))
		return -EINVAL;
	rtnl_lock();
	err = sb_slice_link_del(genl_info_net(info),
				nla_data(info->attrs[TRELLIS_ATTR_NAME]), info->extack);
	rtnl_unlock();
	return err;
}

/*
 * Bindings and slice links, one message each: @fill writes the object
 * found by @find (do) or by walking @list (dump).
 */
struct trellis_named {
	u8 cmd;
	void *(*find)(struct net *net, const char *name);
	struct list_head *(*list)(struct net *net);
	size_t list_offset;	/* of the list_head in the object */
	int (*fill)(struct sk_buff *msg, void *obj);
	const char *what;
};

static int trellis_genl_fill_named(struct sk_buff *msg, const struct trellis_named *t,
				   void *obj, u32 portid, u32 seq, int flags)
{
	void *hdr;

	hdr = genlmsg_put(msg, portid, seq, &trellis_genl_family, flags, t->cmd);
	if (!hdr)
		return -EMSGSIZE;
	if (t->fill(msg, obj)) {
		genlmsg_cancel(msg, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return 0;
}

static int trellis_genl_get_named(const struct trellis_named *t, struct genl_info *info)
{
	const char *name;
	struct sk_buff *msg;
	void *obj;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, TRELLIS_ATTR_NAME))
		return -EINVAL;
	name = nla_data(info->attrs[TRELLIS_ATTR_NAME]);
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	rtnl_lock();
	obj = t->find(genl_info_net(info), name);
	if (!obj) {
		NL_SET_ERR_MSG_FMT(info->extack, "no %s %s", t->what, name);
		err = -ENOENT;
	} else {
		err = trellis_genl_fill_named(msg, t, obj, info->snd_portid,
					      info->snd_seq, 0);
	}
	rtnl_unlock();
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	return genlmsg_reply(msg, info);
}

/* Resumes after the number of objects already sent. */
static int trellis_genl_dump_named(const struct trellis_named *t, struct sk_buff *skb,
				   struct netlink_callback *cb)
{
	unsigned long *sent = (unsigned long *)cb->ctx;
	struct list_head *head, *pos;
	unsigned long i = 0;
	int err = 0;

	rtnl_lock();
	head = t->list(sock_net(skb->sk));
	list_for_each(pos, head) {
		if (i++ < *sent)
			continue;
		err = trellis_genl_fill_named(skb, t, (void *)pos - t->list_offset,
					      NETLINK_CB(cb->skb).portid,
					      cb->nlh->nlmsg_seq, NLM_F_MULTI);
		if (err)
			break;
		(*sent)++;
	}
	rtnl_unlock();
	if (err == -EMSGSIZE && skb->len)
		return skb->len;
	return err ? err : skb->len;
}

static void *trellis_binding_find(struct net *net, const char *name)
{
	return sb_binding_find(net, name);
}

static struct list_head *trellis_bindings(struct net *net)
{
	return &trellis_net(net)->bindings;
}

static int trellis_binding_fill(struct sk_buff *msg, void *obj)
{
	return sb_binding_fill(msg, obj);
}

static const struct trellis_named trellis_binding = {
	.cmd = TRELLIS_CMD_GET_BINDING,
	.find = trellis_binding_find,
	.list = trellis_bindings,
	.list_offset = offsetof(struct sb_binding, list),
	.fill = trellis_binding_fill,
	.what = "shortbridge",
};

static void *trellis_slice_link_find(struct net *net, const char *name)
{
	return sb_slice_link_find(net, name);
}

static struct list_head *trellis_slice_links(struct net *net)
{
	return &trellis_net(net)->slice_links;
}

static int trellis_slice_link_fill(struct sk_buff *msg, void *obj)
{
	return sb_slice_link_fill(msg, obj);
}

static const struct trellis_named trellis_slice_link = {
	.cmd = TRELLIS_CMD_GET_SLICE_LINK,
	.find = trellis_slice_link_find,
	.list = trellis_slice_links,
	.list_offset = offsetof(struct sb_dev, home_list),
	.fill = trellis_slice_link_fill,
	.what = "shortbridge link",
};

static int trellis_genl_get_binding(struct sk_buff *skb, struct genl_info *info)
{
	return trellis_genl_get_named(&trellis_binding, info);
}

static int trellis_genl_dump_bindings(struct sk_buff *skb, struct netlink_callback *cb)
{
	return trellis_genl_dump_named(&trellis_binding, skb, cb);
}

static int trellis_genl_get_slice_link(struct sk_buff *skb, struct genl_info *info)
{
	return trellis_genl_get_named(&trellis_slice_link, info);
}

static int trellis_genl_dump_slice_links(struct sk_buff *skb, struct netlink_callback *cb)
{
	return trellis_genl_dump_named(&trellis_slice_link, skb, cb);
}

static const struct genl_split_ops trellis_genl_ops[] = {
	{
		.cmd = TRELLIS_CMD_GET_INFO,
		.doit = trellis_genl_get_info,
		.policy = trellis_get_info_policy,
		.maxattr = TRELLIS_ATTR_MAX,
		.flags = GENL_CMD_CAP_DO | GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = TRELLIS_CMD_GET_LINK,
		.doit = trellis_genl_get_link,
		.policy = trellis_get_link_policy,
		.maxattr = TRELLIS_ATTR_MAX,
		.flags = GENL_CMD_CAP_DO | GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = TRELLIS_CMD_GET_LINK,
		.dumpit = trellis_genl_dump_links,
		.policy = trellis_get_link_policy,
		.maxattr = TRELLIS_ATTR_MAX,
		.flags = GENL_CMD_CAP_DUMP | GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = TRELLIS_CMD_BIND,
		.doit = trellis_genl_bind,
		.policy = trellis_bind_policy,
		.maxattr = TRELLIS_ATTR_MAX,
		.flags = GENL_CMD_CAP_DO | GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = TRELLIS_CMD_UNBIND,
		.doit = trellis_genl_unbind,
		.policy = trellis_name_policy,
		.maxattr = TRELLIS_ATTR_MAX,
		.flags = GENL_CMD_CAP_DO | GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = TRELLIS_CMD_GET_BINDING,
		.doit = trellis_genl_get_binding,
		.policy = trellis_name_policy,
		.maxattr = TRELLIS_ATTR_MAX,
		.flags = GENL_CMD_CAP_DO | GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = TRELLIS_CMD_GET_BINDING,
		.dumpit = trellis_genl_dump_bindings,
		.policy = trellis_name_policy,
		.maxattr = TRELLIS_ATTR_MAX,
		.flags = GENL_CMD_CAP_DUMP | GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = TRELLIS_CMD_GET_SLICE_LINK,
		.doit = trellis_genl_get_slice_link,
		.policy = trellis_name_policy,
		.maxattr = TRELLIS_ATTR_MAX,
		.flags = GENL_CMD_CAP_DO | GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = TRELLIS_CMD_GET_SLICE_LINK,
		.dumpit = trellis_genl_dump_slice_links,
		.policy = trellis_name_policy,
		.maxattr = TRELLIS_ATTR_MAX,
		.flags = GENL_CMD_CAP_DUMP | GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = TRELLIS_CMD_DEL_SLICE_LINK,
		.doit = trellis_genl_del_slice_link,
		.policy = trellis_name_policy,
		.maxattr = TRELLIS_ATTR_MAX,
		.flags = GENL_CMD_CAP_DO | GENL_UNS_ADMIN_PERM,
	},
};

static struct genl_family trellis_genl_family __ro_after_init = {
	.name = TRELLIS_GENL_NAME,
	.version = TRELLIS_GENL_VERSION,
	.netnsok = true,
	.parallel_ops = true,
	.module = THIS_MODULE,
	.split_ops = trellis_genl_ops,
	.n_split_ops = ARRAY_SIZE(trellis_genl_ops),
	/* strict validation of every command, present and future */
	.resv_start_op = TRELLIS_CMD_UNSPEC + 1,
};

int __init trellis_genl_init(void)
{
	return genl_register_family(&trellis_genl_family);
}

void trellis_genl_uninit(void)
{
	genl_unregister_family(&trellis_genl_family);
}
