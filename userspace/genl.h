/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The trellis generic netlink family on egrectl's netlink layer (nl.h):
 * resolve the family, build a request, send it. Replies reach a callback
 * as libnl messages; errors come back as the layer reports them, with the
 * kernel's extended-ack message in g->c.errmsg.
 */
#ifndef EGRECTL_GENL_H
#define EGRECTL_GENL_H

#include <stdint.h>
#include <netlink/attr.h>
#include <netlink/msg.h>

#include "nl.h"

struct trellis_genl {
	struct nl_conn c;
	uint16_t family_id;
	uint32_t family_version;
};

/*
 * Opens a socket in the current network namespace (the kept one, under
 * conn_keep_sockets) and resolves the family. Returns 0, -ENOENT when the
 * family is not registered (module not loaded), or another -errno.
 */
int trellis_genl_open(struct trellis_genl *g);
void trellis_genl_close(struct trellis_genl *g);

/* A request for @cmd (NULL when out of memory); add attributes, then send it. */
struct nl_msg *trellis_genl_start(struct trellis_genl *g, uint8_t cmd, int flags);

/* Frees @msg after a failed nla_put: the request then reports -ENOMEM. */
static inline struct nl_msg *trellis_genl_drop(struct nl_msg *msg)
{
	nlmsg_free(msg);
	return NULL;
}

/*
 * Sends @msg (and frees it; NULL is -ENOMEM) and runs @cb on every reply
 * until the kernel's ack or the end of a dump. Returns 0 or -errno.
 */
int trellis_genl_request(struct trellis_genl *g, struct nl_msg *msg,
			 nl_recvmsg_msg_cb_t cb, void *data);

/*
 * The attributes of @msg, a reply of a generic netlink family, into @tb
 * (@max + 1 slots) as @policy checks them; 0 or a libnl error.
 */
int trellis_genl_parse(struct nl_msg *msg, struct nlattr **tb, int max,
		       const struct nla_policy *policy);

#endif
