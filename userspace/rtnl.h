/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The rtnetlink layer, over libnl-3: one request at a time, replies handed
 * to a callback, the kernel's extended-ack message kept with any error.
 */
#ifndef EGRECTL_RTNL_H
#define EGRECTL_RTNL_H

#include <netlink/netlink.h>
#include <netlink/msg.h>

struct rtnl {
	struct nl_sock *sk;
	int err;		/* -errno of the last request's failure */
	char errmsg[256];	/* its extack message, or "" */
};

int rtnl_open(struct rtnl *r);
void rtnl_close(struct rtnl *r);

/*
 * Sends @msg (and frees it), runs @cb on each reply until the ack or the
 * end of a dump. Returns 0 or -errno; r->errmsg holds the kernel's message.
 */
int rtnl_talk(struct rtnl *r, struct nl_msg *msg, nl_recvmsg_msg_cb_t cb, void *arg);

#endif
