// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <string.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#include <linux/trellis.h>

#include "genl.h"

static struct nl_msg *msg_start(uint16_t type, uint8_t cmd, uint8_t version, int flags)
{
	struct genlmsghdr hdr = { .cmd = cmd, .version = version };
	struct nl_msg *msg = nlmsg_alloc_simple(type, flags);

	if (msg && nlmsg_append(msg, &hdr, sizeof(hdr), NLMSG_ALIGNTO) < 0) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

struct nl_msg *trellis_genl_start(struct trellis_genl *g, uint8_t cmd, int flags)
{
	return msg_start(g->family_id, cmd, TRELLIS_GENL_VERSION, flags);
}

int trellis_genl_request(struct trellis_genl *g, struct nl_msg *msg,
			 nl_recvmsg_msg_cb_t cb, void *data)
{
	if (!msg)
		return -ENOMEM;
	return conn_talk(&g->c, msg, cb, data);
}

int trellis_genl_parse(struct nl_msg *msg, struct nlattr **tb, int max,
		       const struct nla_policy *policy)
{
	return nlmsg_parse(nlmsg_hdr(msg), GENL_HDRLEN, tb, max,
			   (struct nla_policy *)policy);
}

static int family_cb(struct nl_msg *msg, void *data)
{
	static const struct nla_policy policy[CTRL_ATTR_MAX + 1] = {
		[CTRL_ATTR_FAMILY_ID] = { .type = NLA_U16 },
		[CTRL_ATTR_VERSION] = { .type = NLA_U32 },
	};
	struct nlattr *tb[CTRL_ATTR_MAX + 1];
	struct trellis_genl *g = data;

	if (trellis_genl_parse(msg, tb, CTRL_ATTR_MAX, policy) < 0)
		return -NLE_PARSE_ERR;	/* not "no such family" */
	if (tb[CTRL_ATTR_FAMILY_ID])
		g->family_id = nla_get_u16(tb[CTRL_ATTR_FAMILY_ID]);
	if (tb[CTRL_ATTR_VERSION])
		g->family_version = nla_get_u32(tb[CTRL_ATTR_VERSION]);
	return NL_OK;
}

static int resolve_family(struct trellis_genl *g)
{
	struct nl_msg *msg = msg_start(GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1, 0);
	int err;

	if (msg && nla_put_string(msg, CTRL_ATTR_FAMILY_NAME, TRELLIS_GENL_NAME) < 0) {
		nlmsg_free(msg);
		msg = NULL;
	}
	err = trellis_genl_request(g, msg, family_cb, g);
	if (err)
		return err;
	return g->family_id ? 0 : -ENOENT;
}

int trellis_genl_open(struct trellis_genl *g)
{
	int err;

	memset(g, 0, sizeof(*g));
	err = conn_open(&g->c, NETLINK_GENERIC);
	/* resolved each time: the module may have been reloaded since */
	if (!err)
		err = resolve_family(g);
	/* the kernel's message stays in g->c.errmsg for the caller */
	if (err)
		trellis_genl_close(g);
	return err;
}

void trellis_genl_close(struct trellis_genl *g)
{
	conn_close(&g->c);
}
