// SPDX-License-Identifier: GPL-2.0
/* The trellis family's GET_INFO and GET_LINK, read into plain structs. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <netlink/errno.h>

#include <linux/trellis.h>

#include "family_query.h"

static int info_cb(struct nl_msg *msg, void *data)
{
	static const struct nla_policy policy[TRELLIS_ATTR_MAX + 1] = {
		[TRELLIS_ATTR_VERSION] = { .type = NLA_STRING },
		[TRELLIS_ATTR_GENL_VERSION] = { .type = NLA_U32 },
		[TRELLIS_ATTR_FEATURES] = { .type = NLA_U64 },
		[TRELLIS_ATTR_NETNS_COOKIE] = { .type = NLA_U64 },
		[TRELLIS_ATTR_LINKS] = { .type = NLA_U32 },
		[TRELLIS_ATTR_DROPS] = { .type = NLA_NESTED },
	};
	struct nlattr *tb[TRELLIS_ATTR_MAX + 1];
	struct trellis_info *info = data;

	if (trellis_genl_parse(msg, tb, TRELLIS_ATTR_MAX, policy) < 0)
		return -NLE_INVAL;
	if (tb[TRELLIS_ATTR_VERSION])
		snprintf(info->version, sizeof(info->version), "%s",
			 nla_get_string(tb[TRELLIS_ATTR_VERSION]));
	if (tb[TRELLIS_ATTR_GENL_VERSION])
		info->genl_version = nla_get_u32(tb[TRELLIS_ATTR_GENL_VERSION]);
	if (tb[TRELLIS_ATTR_FEATURES])
		info->features = nla_get_u64(tb[TRELLIS_ATTR_FEATURES]);
	if (tb[TRELLIS_ATTR_NETNS_COOKIE])
		info->netns_cookie = nla_get_u64(tb[TRELLIS_ATTR_NETNS_COOKIE]);
	if (tb[TRELLIS_ATTR_LINKS])
		info->links = nla_get_u32(tb[TRELLIS_ATTR_LINKS]);
	if (tb[TRELLIS_ATTR_DROPS] && drops_parse(tb[TRELLIS_ATTR_DROPS], &info->drops))
		return -NLE_INVAL;
	return NL_OK;
}

int trellis_info_get(struct trellis_genl *g, struct trellis_info *info)
{
	int ret;

	memset(info, 0, sizeof(*info));
	ret = trellis_genl_request(g, trellis_genl_start(g, TRELLIS_CMD_GET_INFO, 0),
				   info_cb, info);
	if (ret)
		return ret;
	return info->version[0] ? 0 : -EBADMSG;
}

static int link_cb(struct nl_msg *msg, void *data)
{
	struct nlattr *tb[TRELLIS_ATTR_MAX + 1];

	if (trellis_genl_parse(msg, tb, TRELLIS_ATTR_MAX, NULL) < 0)
		return -NLE_MSG_TOOSHORT;
	if (tb[TRELLIS_ATTR_DROPS] && drops_parse(tb[TRELLIS_ATTR_DROPS], data))
		return -NLE_INVAL;
	return NL_OK;
}

int drops_get_link(struct trellis_genl *g, unsigned int ifindex, struct trellis_drops *d)
{
	struct nl_msg *msg;
	int ret;

	memset(d, 0, sizeof(*d));
	msg = trellis_genl_start(g, TRELLIS_CMD_GET_LINK, 0);
	if (msg && nla_put_u32(msg, TRELLIS_ATTR_IFINDEX, ifindex) < 0)
		msg = trellis_genl_drop(msg);
	ret = trellis_genl_request(g, msg, link_cb, d);
	if (ret)
		return ret;
	return d->present ? 0 : -EBADMSG;
}
