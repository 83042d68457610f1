// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <linux/netlink.h>

#include "nlerr.h"
#include "nl.h"
#include "slices.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

/*
 * The kept sockets (one a protocol) serve the namespace where keeping was
 * turned on, and only that one: a socket made inside a slice (a command run
 * there) is never kept, so that nothing kept holds a slice's namespace.
 */
static const int protocols[] = { NETLINK_ROUTE, NETLINK_GENERIC };
#define NPROTO (sizeof(protocols) / sizeof(protocols[0]))
static bool keep;
static struct nl_sock *kept[NPROTO];
static struct stat keep_ns;

static struct nl_sock **kept_slot(int protocol)
{
	for (size_t i = 0; i < NPROTO; i++)
		if (protocols[i] == protocol)
			return &kept[i];
	return NULL;
}

/* This thread's network namespace, as its nsfs inode. */
static bool netns_here(struct stat *st)
{
	return stat("/proc/thread-self/ns/net", st) == 0;
}

static bool same_ns(const struct stat *a, const struct stat *b)
{
	return a->st_ino && a->st_ino == b->st_ino && a->st_dev == b->st_dev;
}

bool conn_keep_sockets(bool on)
{
	bool was = keep;
	struct stat here;

	keep = on && netns_here(&here);
	/* ones kept for another namespace are of no use any more */
	for (size_t i = 0; i < NPROTO; i++) {
		if (kept[i] && (!keep || !same_ns(&here, &keep_ns))) {
			nl_socket_free(kept[i]);
			kept[i] = NULL;
		}
	}
	if (keep)
		keep_ns = here;
	return was;
}

/*
 * NL_CB_FINISH for the dumps libnl runs itself on a socket of this layer
 * (rtnl_*_alloc_cache): a dump that ended with an error fails, where libnl
 * alone would take what came for the whole list.
 */
static int dump_done_cb(struct nl_msg *msg, void *arg)
{
	char ignored[1];
	int err = nlerr_done_parse(nlmsg_hdr(msg), ignored, sizeof(ignored));

	(void)arg;
	return err ? -nl_syserr2nlerr(-err) : NL_STOP;
}

static void check_dumps(struct nl_sock *sk)
{
	nl_socket_modify_cb(sk, NL_CB_FINISH, NL_CB_CUSTOM, dump_done_cb, NULL);
}

static int connect_here(void *arg)
{
	struct nl_conn *r = arg;
	int one = 1;
	int err;

	r->sk = nl_socket_alloc();
	if (!r->sk)
		return -ENOMEM;
	err = nl_connect(r->sk, r->protocol);
	if (err) {
		nl_socket_free(r->sk);
		r->sk = NULL;
		return -EIO;
	}
	check_dumps(r->sk);
	/* the kernel's error messages, without the echoed request */
	setsockopt(nl_socket_get_fd(r->sk), SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(nl_socket_get_fd(r->sk), SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	/* which namespace it serves: a kept socket is reused only there */
	if (!netns_here(&r->ns))
		memset(&r->ns, 0, sizeof(r->ns));
	return 0;
}

int conn_open(struct nl_conn *r, int protocol)
{
	struct nl_sock **slot = kept_slot(protocol);
	struct stat here;

	memset(r, 0, sizeof(*r));
	r->protocol = protocol;
	/* a socket serves the namespace it was made in: not one this thread has left */
	if (slot && *slot && netns_here(&here) && same_ns(&here, &keep_ns)) {
		r->sk = *slot;
		r->ns = keep_ns;
		*slot = NULL;
		return 0;
	}
	return connect_here(r);
}

int conn_open_netns(struct nl_conn *r, int protocol, int nsfd)
{
	memset(r, 0, sizeof(*r));
	r->protocol = protocol;
	r->foreign = true;
	/* a netlink socket serves the namespace it was made in */
	return in_slice(nsfd, connect_here, r);
}

void conn_close(struct nl_conn *r)
{
	struct nl_sock **slot = kept_slot(r->protocol);

	if (r->sk && keep && slot && !*slot && !r->dirty && !r->foreign &&
	    same_ns(&r->ns, &keep_ns)) {
		*slot = r->sk;
	} else if (r->sk) {
		nl_socket_free(r->sk);
	}
	r->sk = NULL;
}

struct talk {
	struct nl_conn *r;
	bool done;
};

static int error_cb(struct sockaddr_nl *nla, struct nlmsgerr *err, void *arg)
{
	/* libnl hands over the payload: the header sits just before it */
	const struct nlmsghdr *nlh = (const struct nlmsghdr *)((char *)err - NLMSG_HDRLEN);
	struct talk *t = arg;

	(void)nla;
	t->done = true;
	t->r->err = nlerr_parse(nlh, t->r->errmsg, sizeof(t->r->errmsg));
	return NL_STOP;
}

static int ack_cb(struct nl_msg *msg, void *arg)
{
	struct talk *t = arg;

	(void)msg;
	t->done = true;
	return NL_STOP;
}

/* The end of a dump: it may carry the error that cut it short. */
static int finish_cb(struct nl_msg *msg, void *arg)
{
	struct talk *t = arg;

	t->done = true;
	t->r->err = nlerr_done_parse(nlmsg_hdr(msg), t->r->errmsg, sizeof(t->r->errmsg));
	return NL_STOP;
}

/* The errno for a libnl error a reply callback stopped the receive with. */
static int errno_of(int nlerr)
{
	switch (-nlerr) {
	case NLE_NOMEM:
		return -ENOMEM;
	case NLE_INVAL:
	case NLE_MSG_TOOSHORT:
	case NLE_PARSE_ERR:
		return -EBADMSG;	/* a reply this egrectl cannot read */
	default:
		return -EIO;
	}
}

int conn_talk(struct nl_conn *r, struct nl_msg *msg, nl_recvmsg_msg_cb_t cb, void *arg)
{
	struct talk t = { .r = r };
	struct nl_cb *callbacks, *sock_cb;
	int err;

	r->err = 0;
	r->errmsg[0] = '\0';
	/* the socket's own settings (how it sends and receives) carry over */
	sock_cb = nl_socket_get_cb(r->sk);
	callbacks = sock_cb ? nl_cb_clone(sock_cb) : NULL;
	if (sock_cb)
		nl_cb_put(sock_cb);
	if (!callbacks) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	if (cb)
		nl_cb_set(callbacks, NL_CB_VALID, NL_CB_CUSTOM, cb, arg);
	nl_cb_set(callbacks, NL_CB_FINISH, NL_CB_CUSTOM, finish_cb, &t);
	nl_cb_set(callbacks, NL_CB_ACK, NL_CB_CUSTOM, ack_cb, &t);
	nl_cb_err(callbacks, NL_CB_CUSTOM, error_cb, &t);

	err = nl_send_auto(r->sk, msg);
	nlmsg_free(msg);
	while (err >= 0 && !t.done)
		err = nl_recvmsgs(r->sk, callbacks);
	nl_cb_put(callbacks);
	/* stopped before the ack or the end of the dump: replies may follow */
	r->dirty |= !t.done;
	if (r->err)
		return r->err;
	return err < 0 ? errno_of(err) : 0;
}

const char *link_operstate_name(unsigned int operstate)
{
	static const char *const names[] = {
		"UNKNOWN", "NOTPRESENT", "DOWN", "LOWERLAYERDOWN", "TESTING", "DORMANT", "UP",
	};

	return operstate < sizeof(names) / sizeof(names[0]) ? names[operstate] : "UNKNOWN";
}
