/* SPDX-License-Identifier: GPL-2.0 */
/*
 * egrectl's one netlink layer, over libnl-3, for both of its conversations
 * with the kernel: rtnetlink (links, routes, addresses, qdiscs) and the
 * trellis generic netlink family (genl.c builds its requests on this). A
 * socket serves one namespace, this one or a slice's; one request at a
 * time, its replies handed to a callback; the kernel's errors handled here
 * once: an NLMSG_ERROR's errno and extended-ack message, and a dump that
 * ends with an error failing as a whole rather than passing for the list.
 */
#ifndef EGRECTL_NL_H
#define EGRECTL_NL_H

#include <stdbool.h>
#include <sys/stat.h>
#include <netlink/netlink.h>
#include <netlink/msg.h>

struct nl_conn {
	struct nl_sock *sk;
	int protocol;		/* NETLINK_ROUTE or NETLINK_GENERIC */
	int err;		/* -errno of the last request's failure */
	char errmsg[256];	/* its extack message, or "" */
	bool dirty;		/* replies may be left unread: do not reuse */
	bool foreign;		/* another namespace's socket: never kept */
	struct stat ns;		/* the namespace it serves (its nsfs inode) */
};

/* A socket of @protocol in this thread's namespace; 0 or -errno. */
int conn_open(struct nl_conn *c, int protocol);

/* A new socket in the namespace of @nsfd (a slice's); 0 or -errno. */
int conn_open_netns(struct nl_conn *c, int protocol, int nsfd);
void conn_close(struct nl_conn *c);

/*
 * While on, conn_close keeps one clean socket of each protocol and the next
 * conn_open of it in the namespace it serves takes it again: a process
 * running many commands (egrectl -batch, topo apply) opens one socket, not
 * one per command. Turning it off closes the kept ones. Returns whether it
 * was on.
 */
bool conn_keep_sockets(bool on);

/*
 * Sends @msg (and frees it), runs @cb on each reply until the ack or the
 * end of a dump. Returns 0 or -errno; c->errmsg holds the kernel's message.
 */
int conn_talk(struct nl_conn *c, struct nl_msg *msg, nl_recvmsg_msg_cb_t cb, void *arg);

/* A device's operational state (IF_OPER_*) as ip prints it: "UP", "DOWN"... */
const char *link_operstate_name(unsigned int operstate);

#endif /* EGRECTL_NL_H */
