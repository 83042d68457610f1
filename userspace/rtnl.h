/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The rtnetlink layer, over libnl-3: one request at a time, replies handed
 * to a callback, the kernel's extended-ack message kept with any error.
 */
#ifndef EGRECTL_RTNL_H
#define EGRECTL_RTNL_H

#include <stdbool.h>
#include <sys/stat.h>
#include <netlink/netlink.h>
#include <netlink/msg.h>
#include <netlink/route/link.h>

#include "counters.h"

struct rtnl {
	struct nl_sock *sk;
	int err;		/* -errno of the last request's failure */
	char errmsg[256];	/* its extack message, or "" */
	bool dirty;		/* replies may be left unread: do not reuse */
	bool foreign;		/* another namespace's socket: never kept */
	struct stat ns;		/* the namespace it serves (its nsfs inode) */
};

int rtnl_open(struct rtnl *r);

/* A new socket in the namespace of @nsfd (a slice's); 0 or -errno. */
int rtnl_open_netns(struct rtnl *r, int nsfd);
void rtnl_close(struct rtnl *r);

/*
 * While on, rtnl_close keeps one clean socket and the next rtnl_open in
 * the namespace it serves takes it again: a process running many commands
 * (egrectl -batch, topo apply) opens one socket, not one per command.
 * Turning it off closes the kept one. Returns whether it was on.
 */
bool rtnl_keep_socket(bool on);

/*
 * Sends @msg (and frees it), runs @cb on each reply until the ack or the
 * end of a dump. Returns 0 or -errno; r->errmsg holds the kernel's message.
 */
int rtnl_talk(struct rtnl *r, struct nl_msg *msg, nl_recvmsg_msg_cb_t cb, void *arg);

/*
 * Makes the dumps libnl runs on @sk (rtnl_*_alloc_cache) fail when the
 * kernel ends them with an error, rather than return a partial list. The
 * sockets of rtnl_open and rtnl_open_netns have it already.
 */
void rtnl_check_dumps(struct nl_sock *sk);

/* The counters libnl read of @link into @c. */
void rtnl_link_counters(struct rtnl_link *link, struct dev_counters *c);

#endif
