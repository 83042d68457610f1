// SPDX-License-Identifier: GPL-2.0
/*
 * The "trellis" generic netlink family: what rtnetlink has no words for.
 *
 * Requests are served in the namespace of the calling socket and need
 * CAP_NET_ADMIN over that namespace (GENL_UNS_ADMIN_PERM), so a slice
 * administrator in its own user namespace reaches only its own slice.
 */
#include <net/genetlink.h>

#include "trellis.h"
#include "netns.h"
#include "genl.h"

#define TRELLIS_OUTPUT_ONLY \
	{ .type = NLA_REJECT, .reject_message = "output-only attribute" }

/* GET_INFO takes no attributes: every one is output-only. */
static const struct nla_policy trellis_get_info_policy[TRELLIS_ATTR_MAX + 1] = {
	[TRELLIS_ATTR_VERSION] = TRELLIS_OUTPUT_ONLY,
	[TRELLIS_ATTR_GENL_VERSION] = TRELLIS_OUTPUT_ONLY,
	[TRELLIS_ATTR_FEATURES] = TRELLIS_OUTPUT_ONLY,
	[TRELLIS_ATTR_NETNS_COOKIE] = TRELLIS_OUTPUT_ONLY,
	[TRELLIS_ATTR_LINKS] = TRELLIS_OUTPUT_ONLY,
	[TRELLIS_ATTR_PAD] = TRELLIS_OUTPUT_ONLY,
};

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
	return 0;
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

static const struct genl_split_ops trellis_genl_ops[] = {
	{
		.cmd = TRELLIS_CMD_GET_INFO,
		.doit = trellis_genl_get_info,
		.policy = trellis_get_info_policy,
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
