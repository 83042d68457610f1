// SPDX-License-Identifier: GPL-2.0
/* NLMSG_ERROR parsing shared by the genetlink and rtnetlink layers. */
#include <errno.h>
#include <string.h>
#include <linux/netlink.h>

#include "kselftest_harness.h"
#include "nlerr.h"

/*
 * Builds an NLMSG_ERROR with @error, an echoed request payload of @echo
 * bytes unless @capped, and an NLMSGERR_ATTR_MSG of @text (no TLVs if NULL).
 */
static struct nlmsghdr *build(char *buf, int error, bool capped, size_t echo,
			      const char *text, size_t text_len)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	struct nlmsgerr *err = NLMSG_DATA(nlh);
	struct nlattr *attr;
	size_t off;

	memset(buf, 0, 512);
	nlh->nlmsg_type = NLMSG_ERROR;
	nlh->nlmsg_flags = capped ? NLM_F_CAPPED : 0;
	err->error = error;
	err->msg.nlmsg_len = NLMSG_HDRLEN + (capped ? 0 : echo);
	off = NLMSG_LENGTH(sizeof(*err)) + (capped ? 0 : NLMSG_ALIGN(echo));
	memset(buf + NLMSG_LENGTH(sizeof(*err)), 0x7e, off - NLMSG_LENGTH(sizeof(*err)));
	if (text) {
		nlh->nlmsg_flags |= NLM_F_ACK_TLVS;
		attr = (struct nlattr *)(buf + off);
		attr->nla_type = NLMSGERR_ATTR_MSG;
		attr->nla_len = NLA_HDRLEN + text_len;
		memcpy(buf + off + NLA_HDRLEN, text, text_len);
		off += NLA_ALIGN(attr->nla_len);
	}
	nlh->nlmsg_len = off;
	return nlh;
}

TEST(message_after_a_capped_error)
{
	char buf[512], msg[64];

	EXPECT_EQ(-EINVAL, nlerr_parse(build(buf, -EINVAL, true, 0, "bad key", 8),
				       msg, sizeof(msg)));
	EXPECT_STREQ("bad key", msg);
}

TEST(message_after_an_echoed_request)
{
	char buf[512], msg[64];

	EXPECT_EQ(-EEXIST, nlerr_parse(build(buf, -EEXIST, false, 20, "exists", 7),
				       msg, sizeof(msg)));
	EXPECT_STREQ("exists", msg);
}

TEST(ack_is_zero_without_message)
{
	char buf[512], msg[64] = "stale";

	EXPECT_EQ(0, nlerr_parse(build(buf, 0, true, 0, NULL, 0), msg, sizeof(msg)));
	EXPECT_STREQ("", msg);
}

TEST(error_without_tlvs)
{
	char buf[512], msg[64];

	EXPECT_EQ(-EPERM, nlerr_parse(build(buf, -EPERM, true, 0, NULL, 0), msg, sizeof(msg)));
	EXPECT_STREQ("", msg);
}

TEST(unterminated_message_ignored)
{
	char buf[512], msg[64];

	EXPECT_EQ(-EINVAL, nlerr_parse(build(buf, -EINVAL, true, 0, "abcd", 4),
				       msg, sizeof(msg)));
	EXPECT_STREQ("", msg);
}

TEST(truncated_error)
{
	char buf[512], msg[64];
	struct nlmsghdr *nlh = build(buf, -EINVAL, true, 0, NULL, 0);

	nlh->nlmsg_len = NLMSG_HDRLEN + 2;
	EXPECT_EQ(-EBADMSG, nlerr_parse(nlh, msg, sizeof(msg)));
}

TEST_HARNESS_MAIN
