// SPDX-License-Identifier: GPL-2.0
/* Shortbridge bindings over the trellis family (binding_query.h). */
#include <stdio.h>
#include <stdlib.h>
#include <netlink/errno.h>

#include "binding_query.h"
#include "util.h"

int binding_add(struct trellis_genl *g, const char *name, const unsigned int port[2])
{
	struct nl_msg *msg = trellis_genl_start(g, TRELLIS_CMD_BIND, 0);

	if (msg && (nla_put_string(msg, TRELLIS_ATTR_NAME, name) < 0 ||
		    nla_put_u32(msg, TRELLIS_ATTR_PORT_A, port[0]) < 0 ||
		    nla_put_u32(msg, TRELLIS_ATTR_PORT_B, port[1]) < 0))
		msg = trellis_genl_drop(msg);
	return trellis_genl_request(g, msg, NULL, NULL);
}

int binding_del(struct trellis_genl *g, const char *name)
{
	struct nl_msg *msg = trellis_genl_start(g, TRELLIS_CMD_UNBIND, 0);

	if (msg && nla_put_string(msg, TRELLIS_ATTR_NAME, name) < 0)
		msg = trellis_genl_drop(msg);
	return trellis_genl_request(g, msg, NULL, NULL);
}

static int binding_cb(struct nl_msg *msg, void *data)
{
	static const struct nla_policy policy[TRELLIS_ATTR_MAX + 1] = {
		[TRELLIS_ATTR_NAME] = { .type = NLA_STRING },
		[TRELLIS_ATTR_PORT_A] = { .type = NLA_U32 },
		[TRELLIS_ATTR_PORT_B] = { .type = NLA_U32 },
		[TRELLIS_ATTR_BINDING_STATS] = { .type = NLA_NESTED },
	};
	struct nlattr *tb[TRELLIS_ATTR_MAX + 1], *st[TRELLIS_BINDING_MAX + 1];
	struct binding_list *list = data;
	struct binding *b;

	if (trellis_genl_parse(msg, tb, TRELLIS_ATTR_MAX, policy) < 0)
		return -NLE_INVAL;
	b = list_append((void **)&list->b, &list->n, sizeof(*b));
	if (!b)
		return -NLE_NOMEM;
	if (tb[TRELLIS_ATTR_NAME])
		snprintf(b->name, sizeof(b->name), "%s", nla_get_string(tb[TRELLIS_ATTR_NAME]));
	if (tb[TRELLIS_ATTR_PORT_A])
		b->port[0] = nla_get_u32(tb[TRELLIS_ATTR_PORT_A]);
	if (tb[TRELLIS_ATTR_PORT_B])
		b->port[1] = nla_get_u32(tb[TRELLIS_ATTR_PORT_B]);
	if (tb[TRELLIS_ATTR_BINDING_STATS]) {
		if (nla_parse_nested(st, TRELLIS_BINDING_MAX, tb[TRELLIS_ATTR_BINDING_STATS],
				     NULL) < 0)
			return -NLE_INVAL;
		for (int i = 0; i <= TRELLIS_BINDING_MAX; i++)
			if (st[i] && i != TRELLIS_BINDING_PAD && nla_len(st[i]) == sizeof(uint64_t))
				b->stats[i] = nla_get_u64(st[i]);
	}
	return NL_OK;
}

int bindings_get(struct trellis_genl *g, const char *name, struct binding_list *list)
{
	struct nl_msg *msg;

	msg = trellis_genl_start(g, TRELLIS_CMD_GET_BINDING, name ? 0 : NLM_F_DUMP);
	if (msg && name && nla_put_string(msg, TRELLIS_ATTR_NAME, name) < 0)
		msg = trellis_genl_drop(msg);
	return trellis_genl_request(g, msg, binding_cb, list);
}
