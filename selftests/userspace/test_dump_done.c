// SPDX-License-Identifier: GPL-2.0
/*
 * A dump the kernel cuts short ends with an NLMSG_DONE carrying the error
 * (and its extended-ack message): it must fail, not pass for the whole
 * list. Crafted replies go to the NLMSG_DONE parser, and to the netlink
 * layer (conn_talk, for rtnetlink and the trellis family, and the dumps
 * libnl runs itself) through a socket whose receive is overridden.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <linux/genetlink.h>
#include <linux/rtnetlink.h>
#include <netlink/handlers.h>
#include <netlink/socket.h>

#include "kselftest_harness.h"
#include "genl.h"
#include "nlerr.h"
#include "nl.h"
#include "tc.h"

#define DATA_TYPE 0x20		/* a reply of the request's family */

/* Appends a reply of @type with @payload bytes at @off of @buf; returns the new end. */
static size_t put(char *buf, size_t off, uint16_t type, uint16_t flags, uint32_t seq,
		  const void *payload, size_t plen)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)(buf + off);

	memset(nlh, 0, NLMSG_SPACE(plen));
	nlh->nlmsg_len = NLMSG_LENGTH(plen);
	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = flags;
	nlh->nlmsg_seq = seq;
	memcpy(NLMSG_DATA(nlh), payload, plen);
	return off + NLMSG_SPACE(plen);
}

/* Appends NLMSG_DONE with @error and, if @text, its extack message. */
static size_t put_done(char *buf, size_t off, uint32_t seq, int error, const char *text)
{
	char payload[128] = { 0 };
	size_t plen = sizeof(error);
	struct nlattr *attr;

	memcpy(payload, &error, sizeof(error));
	if (text) {
		attr = (struct nlattr *)(payload + plen);
		attr->nla_type = NLMSGERR_ATTR_MSG;
		attr->nla_len = NLA_HDRLEN + strlen(text) + 1;
		memcpy(payload + plen + NLA_HDRLEN, text, strlen(text) + 1);
		plen += NLA_ALIGN(attr->nla_len);
	}
	off = put(buf, off, NLMSG_DONE, NLM_F_MULTI, seq, payload, plen);
	if (text)
		((struct nlmsghdr *)(buf + off - NLMSG_SPACE(plen)))->nlmsg_flags |= NLM_F_ACK_TLVS;
	return off;
}

TEST(done_parse)
{
	char buf[512], msg[64] = "stale";

	put_done(buf, 0, 1, 0, NULL);
	EXPECT_EQ(0, nlerr_done_parse((struct nlmsghdr *)buf, msg, sizeof(msg)));
	EXPECT_STREQ("", msg);
	put_done(buf, 0, 1, -ENOBUFS, NULL);
	EXPECT_EQ(-ENOBUFS, nlerr_done_parse((struct nlmsghdr *)buf, msg, sizeof(msg)));
	put_done(buf, 0, 1, -EMSGSIZE, "dump too big");
	EXPECT_EQ(-EMSGSIZE, nlerr_done_parse((struct nlmsghdr *)buf, msg, sizeof(msg)));
	EXPECT_STREQ("dump too big", msg);
	/* a DONE without payload, as some old families send: a good end */
	put(buf, 0, NLMSG_DONE, NLM_F_MULTI, 1, NULL, 0);
	EXPECT_EQ(0, nlerr_done_parse((struct nlmsghdr *)buf, msg, sizeof(msg)));
}

/* What the overridden socket answers to the next request: one reply, then DONE. */
static struct {
	uint32_t seq;
	int error;
	const char *text;	/* the DONE's extack message, or NULL */
	uint16_t type;
} canned;

static int canned_send(struct nl_sock *sk, struct nl_msg *msg)
{
	(void)sk;
	canned.seq = nlmsg_hdr(msg)->nlmsg_seq;
	return 0;
}

static int canned_recv(struct nl_sock *sk, struct sockaddr_nl *nla, unsigned char **bufp,
		       struct ucred **creds)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC, .ifi_index = 1 };
	char *buf = calloc(1, 1024);
	size_t len;

	(void)sk;
	if (!buf)
		return -NLE_NOMEM;
	memset(nla, 0, sizeof(*nla));
	nla->nl_family = AF_NETLINK;
	if (creds)
		*creds = NULL;
	len = canned.type ? put(buf, 0, canned.type, NLM_F_MULTI, canned.seq, &ifi, sizeof(ifi)) : 0;
	len = put_done(buf, len, canned.seq, canned.error, canned.text);
	*bufp = (unsigned char *)buf;
	return (int)len;
}

/* The netlink layer's own socket, answering with canned replies. */
static int canned_open_proto(struct nl_conn *r, int protocol, uint16_t type, int error,
			     const char *text)
{
	struct nl_cb *cb;

	if (conn_open(r, protocol))
		return -1;
	canned.type = type;
	canned.error = error;
	canned.text = text;
	cb = nl_socket_get_cb(r->sk);
	nl_cb_overwrite_send(cb, canned_send);
	nl_cb_overwrite_recv(cb, canned_recv);
	nl_cb_put(cb);
	return 0;
}

static int canned_open(struct nl_conn *r, uint16_t type, int error)
{
	return canned_open_proto(r, NETLINK_ROUTE, type, error, NULL);
}

static int valid_cb(struct nl_msg *msg, void *arg)
{
	(void)msg;
	(*(int *)arg)++;
	return NL_OK;
}

static struct nl_msg *getlink_dump(void)
{
	struct rtgenmsg gen = { .rtgen_family = AF_UNSPEC };
	struct nl_msg *msg = nlmsg_alloc_simple(RTM_GETLINK, NLM_F_DUMP);

	nlmsg_append(msg, &gen, sizeof(gen), NLMSG_ALIGNTO);
	return msg;
}

TEST(rtnl_dump_ending_in_error_fails)
{
	struct nl_conn r;
	int replies = 0;

	ASSERT_EQ(0, canned_open(&r, RTM_NEWLINK, -ENOBUFS));
	EXPECT_EQ(-ENOBUFS, conn_talk(&r, getlink_dump(), valid_cb, &replies));
	EXPECT_EQ(1, replies);
	conn_close(&r);

	replies = 0;
	ASSERT_EQ(0, canned_open(&r, RTM_NEWLINK, 0));
	EXPECT_EQ(0, conn_talk(&r, getlink_dump(), valid_cb, &replies));
	EXPECT_EQ(1, replies);
	conn_close(&r);
}

/* The trellis family's dumps go through the same layer. */
TEST(genl_dump_ending_in_error_fails)
{
	struct trellis_genl g = { .family_id = DATA_TYPE };
	int replies = 0;

	ASSERT_EQ(0, canned_open_proto(&g.c, NETLINK_GENERIC, DATA_TYPE, -EMSGSIZE,
				       "dump cut short"));
	EXPECT_EQ(-EMSGSIZE, trellis_genl_request(&g, trellis_genl_start(&g, 1, NLM_F_DUMP),
						  valid_cb, &replies));
	EXPECT_EQ(1, replies);
	EXPECT_STREQ("dump cut short", g.c.errmsg);
	trellis_genl_close(&g);

	replies = 0;
	ASSERT_EQ(0, canned_open_proto(&g.c, NETLINK_GENERIC, DATA_TYPE, 0, NULL));
	EXPECT_EQ(0, trellis_genl_request(&g, trellis_genl_start(&g, 1, NLM_F_DUMP),
					  valid_cb, &replies));
	EXPECT_EQ(1, replies);
	trellis_genl_close(&g);
}

/* libnl's own dumps (the qdisc cache of shaping) fail too. */
TEST(libnl_dump_ending_in_error_fails)
{
	struct tc_snapshot *snap;
	struct nl_conn r;

	ASSERT_EQ(0, canned_open(&r, 0, -ENOBUFS));
	snap = tc_snapshot_take(&r);
	EXPECT_EQ(NULL, snap);
	tc_snapshot_free(snap);
	conn_close(&r);

	ASSERT_EQ(0, canned_open(&r, 0, 0));
	snap = tc_snapshot_take(&r);
	EXPECT_NE(NULL, snap);
	tc_snapshot_free(snap);
	conn_close(&r);
}

TEST_HARNESS_MAIN
