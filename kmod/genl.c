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
	[TRELLIS_ATTR_DROPS] = TRELLIS_OUTPUT_ONLY

/* GET_INFO takes no attributes. */
static const struct nla_policy trellis_get_info_policy[TRELLIS_ATTR_MAX + 1] = {
	TRELLIS_OUTPUT_ATTRS,
	[TRELLIS_ATTR_IFINDEX] = TRELLIS_OUTPUT_ONLY,
};

/* GET_LINK takes an ifindex (do) or nothing (dump). */
static const struct nla_policy trellis_get_link_policy[TRELLIS_ATTR_MAX + 1] = {
	TRELLIS_OUTPUT_ATTRS,
	[TRELLIS_ATTR_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
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

	if (GENL_REQ_ATTR_CHECK(info, TRELLIS_ATTR_IFINDEX))
		return -EINVAL;
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
