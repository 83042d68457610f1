// SPDX-License-Identifier: GPL-2.0
/*
 * Malformed netlink for egre: RTM_NEWLINK (create and change) with crafted
 * IFLA_INFO_DATA, and the trellis family's GET_LINK with a missing, unknown
 * or foreign ifindex. Each must be refused with the right errno and an
 * extended-ack message that names the problem; nothing half-made stays.
 *
 *   [ a fresh netns per test ]  lo; links eg0.. made and refused there
 */
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <sched.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <linux/genetlink.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>

#include <linux/trellis.h>

#include "kselftest_harness.h"
#include "genl.h"

struct rtnl_req {
	struct mnl_socket *nl;
	uint32_t portid, seq;
	char *buf;
	struct nlmsghdr *nlh;
	struct nlattr *linkinfo, *data;
	char msg[256];		/* NLMSGERR_ATTR_MSG of the last error */
	int miss_type;		/* NLMSGERR_ATTR_MISS_TYPE, or -1 */
};

/* The error of an NLMSG_ERROR reply with its extack TLVs. */
static int ack_parse(const struct nlmsghdr *nlh, char *msg, size_t len, int *miss_type)
{
	const struct nlmsgerr *err = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *attr;
	size_t off;

	msg[0] = '\0';
	*miss_type = -1;
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return err->error;
	off = sizeof(*err);
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		off += err->msg.nlmsg_len - sizeof(struct nlmsghdr);
	mnl_attr_for_each(attr, nlh, off) {
		switch (mnl_attr_get_type(attr)) {
		case NLMSGERR_ATTR_MSG:
			snprintf(msg, len, "%s", mnl_attr_get_str(attr));
			break;
		case NLMSGERR_ATTR_MISS_TYPE:
			*miss_type = mnl_attr_get_u32(attr);
			break;
		}
	}
	return err->error;
}

static int rtnl_req_open(struct rtnl_req *r)
{
	int one = 1;

	memset(r, 0, sizeof(*r));
	r->buf = calloc(1, MNL_SOCKET_BUFFER_SIZE);
	r->nl = mnl_socket_open(NETLINK_ROUTE);
	if (!r->buf || !r->nl)
		return -1;
	mnl_socket_setsockopt(r->nl, NETLINK_EXT_ACK, &one, sizeof(one));
	mnl_socket_setsockopt(r->nl, NETLINK_CAP_ACK, &one, sizeof(one));
	if (mnl_socket_bind(r->nl, 0, MNL_SOCKET_AUTOPID) < 0)
		return -1;
	r->portid = mnl_socket_get_portid(r->nl);
	return 0;
}

static void rtnl_req_close(struct rtnl_req *r)
{
	if (r->nl)
		mnl_socket_close(r->nl);
	free(r->buf);
}

/*
 * Starts RTM_NEWLINK for kind egre: a new link @name (@ifindex 0), or a
 * change of the link @ifindex. Attributes added next go into
 * IFLA_INFO_DATA; without_data() leaves that out.
 */
static void newlink(struct rtnl_req *r, const char *name, int ifindex)
{
	struct ifinfomsg *ifi;

	r->nlh = mnl_nlmsg_put_header(r->buf);
	r->nlh->nlmsg_type = RTM_NEWLINK;
	r->nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK |
			      (ifindex ? 0 : NLM_F_CREATE | NLM_F_EXCL);
	ifi = mnl_nlmsg_put_extra_header(r->nlh, sizeof(*ifi));
	ifi->ifi_family = AF_UNSPEC;
	ifi->ifi_index = ifindex;
	if (name)
		mnl_attr_put_strz(r->nlh, IFLA_IFNAME, name);
	r->linkinfo = mnl_attr_nest_start(r->nlh, IFLA_LINKINFO);
	mnl_attr_put_strz(r->nlh, IFLA_INFO_KIND, TRELLIS_EGRE_KIND);
	r->data = mnl_attr_nest_start(r->nlh, IFLA_INFO_DATA);
}

static void without_data(struct rtnl_req *r)
{
	mnl_attr_nest_cancel(r->nlh, r->data);
	r->data = NULL;
}

/* An address attribute, 4 or 16 bytes by its text. */
static void put_addr(struct rtnl_req *r, uint16_t type, const char *text)
{
	unsigned char a[16];

	if (inet_pton(AF_INET, text, a) == 1)
		mnl_attr_put(r->nlh, type, 4, a);
	else if (inet_pton(AF_INET6, text, a) == 1)
		mnl_attr_put(r->nlh, type, 16, a);
}

static void put_key(struct rtnl_req *r, uint32_t key)
{
	mnl_attr_put_u32(r->nlh, IFLA_EGRE_IKEY, htonl(key));
}

/* local 10.0.0.1, remote 10.0.0.2, key @key: a complete link. */
static void put_basics(struct rtnl_req *r, uint32_t key)
{
	put_addr(r, IFLA_EGRE_LOCAL, "10.0.0.1");
	put_addr(r, IFLA_EGRE_REMOTE, "10.0.0.2");
	put_key(r, key);
}

/* Sends the request; returns 0 or -errno, with r->msg the kernel's message. */
static int send_req(struct rtnl_req *r)
{
	struct nlmsghdr *reply;
	ssize_t len;

	if (r->data)
		mnl_attr_nest_end(r->nlh, r->data);
	mnl_attr_nest_end(r->nlh, r->linkinfo);
	r->nlh->nlmsg_seq = ++r->seq;
	r->msg[0] = '\0';
	if (mnl_socket_sendto(r->nl, r->nlh, r->nlh->nlmsg_len) < 0)
		return -errno;
	for (;;) {
		len = mnl_socket_recvfrom(r->nl, r->buf, MNL_SOCKET_BUFFER_SIZE);
		if (len < 0)
			return -errno;
		reply = (struct nlmsghdr *)r->buf;
		if (reply->nlmsg_seq == r->seq && reply->nlmsg_type == NLMSG_ERROR)
			return ack_parse(reply, r->msg, sizeof(r->msg), &r->miss_type);
	}
}

/* True when @msg holds any of the "|"-separated words, in any case. */
static bool has_word(const char *msg, const char *words)
{
	char buf[128], *w, *save;

	snprintf(buf, sizeof(buf), "%s", words);
	for (w = strtok_r(buf, "|", &save); w; w = strtok_r(NULL, "|", &save))
		if (strcasestr(msg, w))
			return true;
	return false;
}

/*
 * Refused with @_errno (or @_errno2: the kernel's own policy checks answer
 * ERANGE for a value or size out of range) and a message naming the problem.
 */
#define EXPECT_REFUSED2(_r, _errno, _errno2, _words) do {		\
	int _err = send_req(_r);					\
									\
	EXPECT_TRUE(_err == -(_errno) || _err == -(_errno2))		\
		TH_LOG("errno %d, want %d or %d", -_err, _errno, _errno2); \
	EXPECT_TRUE(has_word((_r)->msg, _words))			\
		TH_LOG("extack message \"%s\" names none of: %s",	\
		       (_r)->msg, _words);				\
} while (0)
#define EXPECT_REFUSED(_r, _errno, _words) \
	EXPECT_REFUSED2(_r, _errno, _errno, _words)
#define EXPECT_OUT_OF_RANGE(_r, _words) \
	EXPECT_REFUSED2(_r, EINVAL, ERANGE, _words)

FIXTURE(egre) {
	struct rtnl_req r;
};

FIXTURE_SETUP(egre)
{
	/* each test runs in its own child: the namespace dies with it */
	ASSERT_EQ(0, unshare(CLONE_NEWNET));
	ASSERT_EQ(0, rtnl_req_open(&self->r));
}

FIXTURE_TEARDOWN(egre)
{
	rtnl_req_close(&self->r);
}

static bool link_exists(const char *name)
{
	return if_nametoindex(name) != 0;
}

TEST_F(egre, complete_request_accepted)
{
	newlink(&self->r, "eg0", 0);
	put_basics(&self->r, 7);
	ASSERT_EQ(0, send_req(&self->r)) TH_LOG("%s", self->r.msg);
	EXPECT_TRUE(link_exists("eg0"));
}

TEST_F(egre, no_info_data)
{
	newlink(&self->r, "eg0", 0);
	without_data(&self->r);
	EXPECT_REFUSED(&self->r, EINVAL, "local|remote|key");
	EXPECT_FALSE(link_exists("eg0"));
}

TEST_F(egre, missing_local)
{
	newlink(&self->r, "eg0", 0);
	put_addr(&self->r, IFLA_EGRE_REMOTE, "10.0.0.2");
	put_key(&self->r, 7);
	EXPECT_REFUSED(&self->r, EINVAL, "local");
	EXPECT_FALSE(link_exists("eg0"));
}

TEST_F(egre, missing_remote)
{
	newlink(&self->r, "eg0", 0);
	put_addr(&self->r, IFLA_EGRE_LOCAL, "10.0.0.1");
	put_key(&self->r, 7);
	EXPECT_REFUSED(&self->r, EINVAL, "remote");
	EXPECT_FALSE(link_exists("eg0"));
}

TEST_F(egre, missing_key)
{
	newlink(&self->r, "eg0", 0);
	put_addr(&self->r, IFLA_EGRE_LOCAL, "10.0.0.1");
	put_addr(&self->r, IFLA_EGRE_REMOTE, "10.0.0.2");
	EXPECT_REFUSED(&self->r, EINVAL, "key");
	EXPECT_FALSE(link_exists("eg0"));
}

TEST_F(egre, okey_without_ikey)
{
	newlink(&self->r, "eg0", 0);
	put_addr(&self->r, IFLA_EGRE_LOCAL, "10.0.0.1");
	put_addr(&self->r, IFLA_EGRE_REMOTE, "10.0.0.2");
	mnl_attr_put_u32(self->r.nlh, IFLA_EGRE_OKEY, htonl(7));
	EXPECT_REFUSED(&self->r, EINVAL, "key");
	EXPECT_FALSE(link_exists("eg0"));
}

TEST_F(egre, local_of_5_bytes)
{
	newlink(&self->r, "eg0", 0);
	mnl_attr_put(self->r.nlh, IFLA_EGRE_LOCAL, 5, "\x0a\x00\x00\x01\x00");
	put_addr(&self->r, IFLA_EGRE_REMOTE, "10.0.0.2");
	put_key(&self->r, 7);
	EXPECT_OUT_OF_RANGE(&self->r, "size|length|bytes|local");
	EXPECT_FALSE(link_exists("eg0"));
}

TEST_F(egre, remote_of_0_bytes)
{
	newlink(&self->r, "eg0", 0);
	put_addr(&self->r, IFLA_EGRE_LOCAL, "10.0.0.1");
	mnl_attr_put(self->r.nlh, IFLA_EGRE_REMOTE, 0, NULL);
	put_key(&self->r, 7);
	EXPECT_OUT_OF_RANGE(&self->r, "size|length|bytes|remote");
	EXPECT_FALSE(link_exists("eg0"));
}

TEST_F(egre, key_of_2_bytes)
{
	newlink(&self->r, "eg0", 0);
	put_addr(&self->r, IFLA_EGRE_LOCAL, "10.0.0.1");
	put_addr(&self->r, IFLA_EGRE_REMOTE, "10.0.0.2");
	mnl_attr_put_u16(self->r.nlh, IFLA_EGRE_IKEY, 7);
	EXPECT_OUT_OF_RANGE(&self->r, "policy|size|length|key");
	EXPECT_FALSE(link_exists("eg0"));
}

TEST_F(egre, local_ipv4_remote_ipv6)
{
	newlink(&self->r, "eg0", 0);
	put_addr(&self->r, IFLA_EGRE_LOCAL, "10.0.0.1");
	put_addr(&self->r, IFLA_EGRE_REMOTE, "fd00::2");
	put_key(&self->r, 7);
	EXPECT_REFUSED(&self->r, EINVAL, "family");
	EXPECT_FALSE(link_exists("eg0"));
}

TEST_F(egre, unknown_attribute)
{
	newlink(&self->r, "eg0", 0);
	put_basics(&self->r, 7);
	mnl_attr_put_u32(self->r.nlh, IFLA_EGRE_MAX + 1, 1);
	EXPECT_REFUSED(&self->r, EINVAL, "unknown|attribute");
	EXPECT_FALSE(link_exists("eg0"));
}

TEST_F(egre, csum_2)
{
	newlink(&self->r, "eg0", 0);
	put_basics(&self->r, 7);
	mnl_attr_put_u8(self->r.nlh, IFLA_EGRE_CSUM, 2);
	EXPECT_OUT_OF_RANGE(&self->r, "range|csum|checksum");
	EXPECT_FALSE(link_exists("eg0"));
}

TEST_F(egre, encap_7)
{
	newlink(&self->r, "eg0", 0);
	put_basics(&self->r, 7);
	mnl_attr_put_u8(self->r.nlh, IFLA_EGRE_ENCAP, 7);
	EXPECT_OUT_OF_RANGE(&self->r, "range|encap");
	EXPECT_FALSE(link_exists("eg0"));
}

TEST_F(egre, port_0_with_encap_udp)
{
	newlink(&self->r, "eg0", 0);
	put_basics(&self->r, 7);
	mnl_attr_put_u8(self->r.nlh, IFLA_EGRE_ENCAP, TRELLIS_EGRE_ENCAP_UDP);
	mnl_attr_put_u16(self->r.nlh, IFLA_EGRE_PORT, 0);
	EXPECT_OUT_OF_RANGE(&self->r, "port|range");
	EXPECT_FALSE(link_exists("eg0"));
}

/* A port means nothing to raw GRE: refused rather than kept unused. */
TEST_F(egre, port_with_encap_gre)
{
	newlink(&self->r, "eg0", 0);
	put_basics(&self->r, 7);
	mnl_attr_put_u16(self->r.nlh, IFLA_EGRE_PORT, htons(4754));
	EXPECT_REFUSED(&self->r, EINVAL, "port");
	EXPECT_FALSE(link_exists("eg0"));
}

TEST_F(egre, multicast_remote)
{
	newlink(&self->r, "eg0", 0);
	put_addr(&self->r, IFLA_EGRE_LOCAL, "10.0.0.1");
	put_addr(&self->r, IFLA_EGRE_REMOTE, "224.0.0.1");
	put_key(&self->r, 7);
	EXPECT_REFUSED(&self->r, EINVAL, "remote|unicast");
	EXPECT_FALSE(link_exists("eg0"));
}

TEST_F(egre, unknown_underlay_ifindex)
{
	newlink(&self->r, "eg0", 0);
	put_basics(&self->r, 7);
	mnl_attr_put_u32(self->r.nlh, IFLA_EGRE_LINK, 0x7ffffff0);
	EXPECT_REFUSED(&self->r, ENODEV, "underlay|device");
	EXPECT_FALSE(link_exists("eg0"));
}

TEST_F(egre, ttl_inherit_without_pmtudisc)
{
	newlink(&self->r, "eg0", 0);
	put_basics(&self->r, 7);
	mnl_attr_put_u8(self->r.nlh, IFLA_EGRE_TTL, 0);
	mnl_attr_put_u8(self->r.nlh, IFLA_EGRE_PMTUDISC, 0);
	EXPECT_REFUSED(&self->r, EINVAL, "pmtudisc|ttl");
	EXPECT_FALSE(link_exists("eg0"));
}

TEST_F(egre, duplicate_triple)
{
	newlink(&self->r, "eg0", 0);
	put_basics(&self->r, 7);
	ASSERT_EQ(0, send_req(&self->r)) TH_LOG("%s", self->r.msg);

	newlink(&self->r, "eg1", 0);
	put_basics(&self->r, 7);
	EXPECT_REFUSED(&self->r, EEXIST, "exists|key");
	EXPECT_FALSE(link_exists("eg1"));

	/* another key on the same addresses is another link */
	newlink(&self->r, "eg1", 0);
	put_basics(&self->r, 8);
	EXPECT_EQ(0, send_req(&self->r)) TH_LOG("%s", self->r.msg);
}

/* Changes: a refused change leaves the link as it was. */
FIXTURE(change) {
	struct rtnl_req r;
	int ifindex;
};

FIXTURE_SETUP(change)
{
	ASSERT_EQ(0, unshare(CLONE_NEWNET));
	ASSERT_EQ(0, rtnl_req_open(&self->r));
	newlink(&self->r, "eg0", 0);
	put_basics(&self->r, 7);
	ASSERT_EQ(0, send_req(&self->r)) TH_LOG("%s", self->r.msg);
	self->ifindex = if_nametoindex("eg0");
	ASSERT_NE(0, self->ifindex);
}

FIXTURE_TEARDOWN(change)
{
	rtnl_req_close(&self->r);
}

TEST_F(change, key_accepted)
{
	newlink(&self->r, NULL, self->ifindex);
	put_key(&self->r, 9);
	EXPECT_EQ(0, send_req(&self->r)) TH_LOG("%s", self->r.msg);
}

TEST_F(change, csum_2)
{
	newlink(&self->r, NULL, self->ifindex);
	mnl_attr_put_u8(self->r.nlh, IFLA_EGRE_CSUM, 2);
	EXPECT_OUT_OF_RANGE(&self->r, "range|csum|checksum");
}

TEST_F(change, local_of_5_bytes)
{
	newlink(&self->r, NULL, self->ifindex);
	mnl_attr_put(self->r.nlh, IFLA_EGRE_LOCAL, 5, "\x0a\x00\x00\x01\x00");
	EXPECT_OUT_OF_RANGE(&self->r, "size|length|bytes|local");
}

TEST_F(change, remote_to_other_family)
{
	newlink(&self->r, NULL, self->ifindex);
	put_addr(&self->r, IFLA_EGRE_REMOTE, "fd00::2");
	EXPECT_REFUSED(&self->r, EINVAL, "family");
}

TEST_F(change, encap_7)
{
	newlink(&self->r, NULL, self->ifindex);
	mnl_attr_put_u8(self->r.nlh, IFLA_EGRE_ENCAP, 7);
	EXPECT_OUT_OF_RANGE(&self->r, "range|encap");
}

TEST_F(change, unknown_underlay_ifindex)
{
	newlink(&self->r, NULL, self->ifindex);
	mnl_attr_put_u32(self->r.nlh, IFLA_EGRE_LINK, 0x7ffffff0);
	EXPECT_REFUSED(&self->r, ENODEV, "underlay|device");
}

TEST_F(change, unknown_attribute)
{
	newlink(&self->r, NULL, self->ifindex);
	mnl_attr_put_u32(self->r.nlh, IFLA_EGRE_MAX + 1, 1);
	EXPECT_REFUSED(&self->r, EINVAL, "unknown|attribute");
}

TEST_F(change, onto_another_links_triple)
{
	newlink(&self->r, "eg1", 0);
	put_basics(&self->r, 8);
	ASSERT_EQ(0, send_req(&self->r)) TH_LOG("%s", self->r.msg);

	newlink(&self->r, NULL, if_nametoindex("eg1"));
	put_key(&self->r, 7);
	EXPECT_REFUSED(&self->r, EEXIST, "exists|key");

	/* eg1 kept its key: a third link may not take 8 either */
	newlink(&self->r, "eg2", 0);
	put_basics(&self->r, 8);
	EXPECT_REFUSED(&self->r, EEXIST, "exists|key");
}

/* The trellis family's GET_LINK. */
FIXTURE(get_link) {
	struct trellis_genl g;
};

FIXTURE_SETUP(get_link)
{
	struct rtnl_req r;

	ASSERT_EQ(0, unshare(CLONE_NEWNET));
	ASSERT_EQ(0, rtnl_req_open(&r));
	newlink(&r, "eg0", 0);
	put_basics(&r, 7);
	ASSERT_EQ(0, send_req(&r)) TH_LOG("%s", r.msg);
	rtnl_req_close(&r);
	ASSERT_EQ(0, trellis_genl_open(&self->g));
}

FIXTURE_TEARDOWN(get_link)
{
	trellis_genl_close(&self->g);
}

struct drops_seen {
	bool ifindex, drops;
};

static int link_attr_cb(const struct nlattr *attr, void *data)
{
	struct drops_seen *seen = data;

	if (mnl_attr_get_type(attr) == TRELLIS_ATTR_IFINDEX)
		seen->ifindex = true;
	if (mnl_attr_get_type(attr) == TRELLIS_ATTR_DROPS)
		seen->drops = true;
	return MNL_CB_OK;
}

static int link_cb(const struct nlmsghdr *nlh, void *data)
{
	return mnl_attr_parse(nlh, sizeof(struct genlmsghdr), link_attr_cb, data);
}

TEST_F(get_link, egre_link_answered)
{
	struct nlmsghdr *nlh = trellis_genl_start(&self->g, TRELLIS_CMD_GET_LINK, 0);
	struct drops_seen seen = { 0 };

	mnl_attr_put_u32(nlh, TRELLIS_ATTR_IFINDEX, if_nametoindex("eg0"));
	ASSERT_EQ(0, trellis_genl_request(&self->g, nlh, link_cb, &seen))
		TH_LOG("%s", self->g.errmsg);
	EXPECT_TRUE(seen.ifindex);
	EXPECT_TRUE(seen.drops);
}

TEST_F(get_link, missing_ifindex)
{
	struct nlmsghdr *nlh = trellis_genl_start(&self->g, TRELLIS_CMD_GET_LINK, 0);

	/* a "do" without the ifindex (a dump would need NLM_F_DUMP) */
	EXPECT_EQ(-EINVAL, trellis_genl_request(&self->g, nlh, NULL, NULL));
	EXPECT_TRUE(has_word(self->g.errmsg, "ifindex|missing|required"))
		TH_LOG("extack message \"%s\"", self->g.errmsg);
}

TEST_F(get_link, nonexistent_ifindex)
{
	struct nlmsghdr *nlh = trellis_genl_start(&self->g, TRELLIS_CMD_GET_LINK, 0);

	mnl_attr_put_u32(nlh, TRELLIS_ATTR_IFINDEX, 0x7ffffff0);
	EXPECT_EQ(-ENODEV, trellis_genl_request(&self->g, nlh, NULL, NULL));
	EXPECT_TRUE(has_word(self->g.errmsg, "no such|device"))
		TH_LOG("extack message \"%s\"", self->g.errmsg);
}

TEST_F(get_link, not_a_trellis_link)
{
	struct nlmsghdr *nlh = trellis_genl_start(&self->g, TRELLIS_CMD_GET_LINK, 0);

	mnl_attr_put_u32(nlh, TRELLIS_ATTR_IFINDEX, if_nametoindex("lo"));
	EXPECT_EQ(-EINVAL, trellis_genl_request(&self->g, nlh, NULL, NULL));
	EXPECT_TRUE(has_word(self->g.errmsg, "trellis|egre"))
		TH_LOG("extack message \"%s\"", self->g.errmsg);
}

TEST_F(get_link, ifindex_of_2_bytes)
{
	struct nlmsghdr *nlh = trellis_genl_start(&self->g, TRELLIS_CMD_GET_LINK, 0);

	mnl_attr_put_u16(nlh, TRELLIS_ATTR_IFINDEX, 1);
	EXPECT_EQ(-EINVAL, trellis_genl_request(&self->g, nlh, NULL, NULL));
	EXPECT_NE(0, self->g.errmsg[0]);
}

TEST_HARNESS_MAIN
