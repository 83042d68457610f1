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
#include <libmnl/libmnl.h>
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

/* A raw socket of @protocol, asking for extended acks. */
static int req_open(struct rtnl_req *r, int protocol)
{
	int one = 1;

	memset(r, 0, sizeof(*r));
	r->buf = calloc(1, MNL_SOCKET_BUFFER_SIZE);
	r->nl = mnl_socket_open(protocol);
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
/* Sends r->nlh and reads its ack: 0 or -errno, the extack in @r. */
static int send_and_ack(struct rtnl_req *r)
{
	struct nlmsghdr *reply;
	ssize_t len;

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

static int send_req(struct rtnl_req *r)
{
	if (r->data)
		mnl_attr_nest_end(r->nlh, r->data);
	mnl_attr_nest_end(r->nlh, r->linkinfo);
	return send_and_ack(r);
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
 * A malformed request: the IFLA_INFO_DATA attributes it carries (raw bytes,
 * so sizes can be wrong), the errno it must get (or errno2) and words the
 * extack message must hold one of ("a|b").
 */
struct attr {
	uint16_t type, len;
	const char *bytes;
};

#define LOCAL4		{ IFLA_EGRE_LOCAL, 4, "\x0a\x00\x00\x01" }
#define REMOTE4		{ IFLA_EGRE_REMOTE, 4, "\x0a\x00\x00\x02" }
#define REMOTE6		{ IFLA_EGRE_REMOTE, 16, "\xfd\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x02" }
#define KEY7		{ IFLA_EGRE_IKEY, 4, "\0\0\0\x07" }
#define U8(t, v)	{ t, 1, v }
#define MAX_ATTRS	6

FIXTURE(refused) {
	struct rtnl_req r;
	int ifindex;		/* the good link a change is tried on */
	char before[1024];	/* its IFLA_INFO_DATA before */
	size_t before_len;
};

FIXTURE_VARIANT(refused) {
	bool change;		/* changelink of a good link, not newlink */
	bool no_data;		/* no IFLA_INFO_DATA at all */
	struct attr attrs[MAX_ATTRS];
	int err, err2;
	const char *words;
};

#define CREATE(name, ...) FIXTURE_VARIANT_ADD(refused, name) { __VA_ARGS__ }
#define CHANGE(name, ...) \
	FIXTURE_VARIANT_ADD(refused, change_##name) { .change = true, __VA_ARGS__ }

CREATE(no_info_data, .no_data = true, .err = EINVAL, .words = "local|remote|key");
CREATE(missing_local, .attrs = { REMOTE4, KEY7 }, .err = EINVAL, .words = "local");
CREATE(missing_remote, .attrs = { LOCAL4, KEY7 }, .err = EINVAL, .words = "remote");
CREATE(missing_key, .attrs = { LOCAL4, REMOTE4 }, .err = EINVAL, .words = "key");
CREATE(okey_without_ikey,
       .attrs = { LOCAL4, REMOTE4, { IFLA_EGRE_OKEY, 4, "\0\0\0\x07" } },
       .err = EINVAL, .words = "key");
/* the kernel's policy checks answer ERANGE for sizes and values */
CREATE(local_of_5_bytes, .attrs = { { IFLA_EGRE_LOCAL, 5, "\x0a\0\0\x01\0" }, REMOTE4, KEY7 },
       .err = EINVAL, .err2 = ERANGE, .words = "size|length|bytes|local");
CREATE(remote_of_0_bytes, .attrs = { LOCAL4, { IFLA_EGRE_REMOTE, 0, "" }, KEY7 },
       .err = EINVAL, .err2 = ERANGE, .words = "size|length|bytes|remote");
CREATE(key_of_2_bytes, .attrs = { LOCAL4, REMOTE4, { IFLA_EGRE_IKEY, 2, "\0\x07" } },
       .err = EINVAL, .err2 = ERANGE, .words = "policy|size|length|key");
CREATE(local_ipv4_remote_ipv6, .attrs = { LOCAL4, REMOTE6, KEY7 },
       .err = EINVAL, .words = "family");
CREATE(unknown_attribute,
       .attrs = { LOCAL4, REMOTE4, KEY7, { IFLA_EGRE_MAX + 1, 4, "\0\0\0\x01" } },
       .err = EINVAL, .words = "unknown|attribute");
CREATE(csum_2, .attrs = { LOCAL4, REMOTE4, KEY7, U8(IFLA_EGRE_CSUM, "\x02") },
       .err = EINVAL, .err2 = ERANGE, .words = "range|csum|checksum");
CREATE(seq_2, .attrs = { LOCAL4, REMOTE4, KEY7, U8(IFLA_EGRE_SEQ, "\x02") },
       .err = EINVAL, .err2 = ERANGE, .words = "range|seq");
CREATE(encap_7, .attrs = { LOCAL4, REMOTE4, KEY7, U8(IFLA_EGRE_ENCAP, "\x07") },
       .err = EINVAL, .err2 = ERANGE, .words = "range|encap");
CREATE(port_0_with_encap_udp,
       .attrs = { LOCAL4, REMOTE4, KEY7, U8(IFLA_EGRE_ENCAP, "\x01"),
		  { IFLA_EGRE_PORT, 2, "\0\0" } },
       .err = EINVAL, .err2 = ERANGE, .words = "port|range");
/* a port means nothing to raw GRE: refused rather than kept unused */
CREATE(port_with_encap_gre,
       .attrs = { LOCAL4, REMOTE4, KEY7, { IFLA_EGRE_PORT, 2, "\x12\x92" } },
       .err = EINVAL, .words = "port");
CREATE(multicast_remote,
       .attrs = { LOCAL4, { IFLA_EGRE_REMOTE, 4, "\xe0\0\0\x01" }, KEY7 },
       .err = EINVAL, .words = "remote|unicast");
CREATE(unknown_underlay_ifindex,
       .attrs = { LOCAL4, REMOTE4, KEY7, { IFLA_EGRE_LINK, 4, "\xf0\xff\xff\x7f" } },
       .err = ENODEV, .words = "underlay|device");
CREATE(ttl_inherit_without_pmtudisc,
       .attrs = { LOCAL4, REMOTE4, KEY7, U8(IFLA_EGRE_TTL, "\0"), U8(IFLA_EGRE_PMTUDISC, "\0") },
       .err = EINVAL, .words = "pmtudisc|ttl");
CHANGE(csum_2, .attrs = { U8(IFLA_EGRE_CSUM, "\x02") },
       .err = EINVAL, .err2 = ERANGE, .words = "range|csum|checksum");
CHANGE(local_of_5_bytes, .attrs = { { IFLA_EGRE_LOCAL, 5, "\x0a\0\0\x01\0" } },
       .err = EINVAL, .err2 = ERANGE, .words = "size|length|bytes|local");
CHANGE(remote_to_other_family, .attrs = { REMOTE6 }, .err = EINVAL, .words = "family");
CHANGE(encap_7, .attrs = { U8(IFLA_EGRE_ENCAP, "\x07") },
       .err = EINVAL, .err2 = ERANGE, .words = "range|encap");
CHANGE(unknown_underlay_ifindex, .attrs = { { IFLA_EGRE_LINK, 4, "\xf0\xff\xff\x7f" } },
       .err = ENODEV, .words = "underlay|device");
CHANGE(unknown_attribute, .attrs = { { IFLA_EGRE_MAX + 1, 4, "\0\0\0\x01" } },
       .err = EINVAL, .words = "unknown|attribute");

/* Copies @ifindex's IFLA_INFO_DATA into @buf; returns its length, or 0. */
static size_t link_info_data(struct rtnl_req *r, int ifindex, char *buf, size_t size)
{
	struct nlattr *linkinfo = NULL, *attr;
	struct nlmsghdr *nlh, *reply;
	struct ifinfomsg *ifi;
	ssize_t len;

	nlh = mnl_nlmsg_put_header(r->buf);
	nlh->nlmsg_type = RTM_GETLINK;
	nlh->nlmsg_flags = NLM_F_REQUEST;
	nlh->nlmsg_seq = ++r->seq;
	ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	ifi->ifi_index = ifindex;
	if (mnl_socket_sendto(r->nl, nlh, nlh->nlmsg_len) < 0)
		return 0;
	len = mnl_socket_recvfrom(r->nl, r->buf, MNL_SOCKET_BUFFER_SIZE);
	reply = (struct nlmsghdr *)r->buf;
	if (len <= 0 || reply->nlmsg_type != RTM_NEWLINK)
		return 0;
	mnl_attr_for_each(attr, reply, sizeof(*ifi))
		if (mnl_attr_get_type(attr) == IFLA_LINKINFO)
			linkinfo = attr;
	if (!linkinfo)
		return 0;
	mnl_attr_for_each_nested(attr, linkinfo) {
		if (mnl_attr_get_type(attr) == IFLA_INFO_DATA &&
		    mnl_attr_get_payload_len(attr) <= size) {
			memcpy(buf, mnl_attr_get_payload(attr), mnl_attr_get_payload_len(attr));
			return mnl_attr_get_payload_len(attr);
		}
	}
	return 0;
}

FIXTURE_SETUP(refused)
{
	/* each test runs in its own child: the namespace dies with it */
	ASSERT_EQ(0, unshare(CLONE_NEWNET));
	ASSERT_EQ(0, req_open(&self->r, NETLINK_ROUTE));
	if (!variant->change)
		return;
	newlink(&self->r, "eg0", 0);
	put_basics(&self->r, 7);
	ASSERT_EQ(0, send_req(&self->r)) TH_LOG("%s", self->r.msg);
	self->ifindex = if_nametoindex("eg0");
	ASSERT_NE(0, self->ifindex);
	self->before_len = link_info_data(&self->r, self->ifindex, self->before,
					  sizeof(self->before));
	ASSERT_NE(0, self->before_len);
}

FIXTURE_TEARDOWN(refused)
{
	rtnl_req_close(&self->r);
}

TEST_F(refused, with_a_message)
{
	char after[sizeof(self->before)];
	const struct attr *a;
	int err, err2 = variant->err2 ?: variant->err;

	newlink(&self->r, variant->change ? NULL : "eg1", self->ifindex);
	if (variant->no_data)
		without_data(&self->r);
	for (a = variant->attrs; a < variant->attrs + MAX_ATTRS && a->type; a++)
		mnl_attr_put(self->r.nlh, a->type, a->len, a->bytes);
	err = send_req(&self->r);
	EXPECT_TRUE(err == -variant->err || err == -err2)
		TH_LOG("errno %d, want %d or %d", -err, variant->err, err2);
	EXPECT_TRUE(has_word(self->r.msg, variant->words))
		TH_LOG("extack message \"%s\" names none of: %s", self->r.msg,
		       variant->words);
	/* nothing half-made, nothing half-changed */
	EXPECT_EQ(0, if_nametoindex("eg1"));
	if (variant->change) {
		ASSERT_EQ(self->before_len, link_info_data(&self->r, self->ifindex, after,
							   sizeof(after)));
		EXPECT_EQ(0, memcmp(self->before, after, self->before_len));
	}
}

/* Requests that must work, and refusals that need a second link. */
FIXTURE(egre) {
	struct rtnl_req r;
};

FIXTURE_SETUP(egre)
{
	ASSERT_EQ(0, unshare(CLONE_NEWNET));
	ASSERT_EQ(0, req_open(&self->r, NETLINK_ROUTE));
	newlink(&self->r, "eg0", 0);
	put_basics(&self->r, 7);
	ASSERT_EQ(0, send_req(&self->r)) TH_LOG("%s", self->r.msg);
	ASSERT_NE(0, if_nametoindex("eg0"));
}

FIXTURE_TEARDOWN(egre)
{
	rtnl_req_close(&self->r);
}

TEST_F(egre, key_change_accepted)
{
	newlink(&self->r, NULL, if_nametoindex("eg0"));
	put_key(&self->r, 9);
	EXPECT_EQ(0, send_req(&self->r)) TH_LOG("%s", self->r.msg);
}

TEST_F(egre, duplicate_triple)
{
	newlink(&self->r, "eg1", 0);
	put_basics(&self->r, 7);
	EXPECT_EQ(-EEXIST, send_req(&self->r));
	EXPECT_TRUE(has_word(self->r.msg, "exists"))
		TH_LOG("extack message \"%s\"", self->r.msg);
	EXPECT_EQ(0, if_nametoindex("eg1"));

	/* another key on the same addresses is another link */
	newlink(&self->r, "eg1", 0);
	put_basics(&self->r, 8);
	EXPECT_EQ(0, send_req(&self->r)) TH_LOG("%s", self->r.msg);
}

TEST_F(egre, change_onto_another_links_triple)
{
	newlink(&self->r, "eg1", 0);
	put_basics(&self->r, 8);
	ASSERT_EQ(0, send_req(&self->r)) TH_LOG("%s", self->r.msg);

	newlink(&self->r, NULL, if_nametoindex("eg1"));
	put_key(&self->r, 7);
	EXPECT_EQ(-EEXIST, send_req(&self->r));
	EXPECT_TRUE(has_word(self->r.msg, "exists"))
		TH_LOG("extack message \"%s\"", self->r.msg);

	/* eg1 kept its key: a third link may not take 8 either */
	newlink(&self->r, "eg2", 0);
	put_basics(&self->r, 8);
	EXPECT_EQ(-EEXIST, send_req(&self->r));
}

/* The trellis family's GET_LINK. */
FIXTURE(get_link) {
	struct trellis_genl g;
};

FIXTURE_SETUP(get_link)
{
	struct rtnl_req r;

	ASSERT_EQ(0, unshare(CLONE_NEWNET));
	ASSERT_EQ(0, req_open(&r, NETLINK_ROUTE));
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

static int link_cb(struct nl_msg *msg, void *data)
{
	struct nlattr *tb[TRELLIS_ATTR_MAX + 1];
	bool *seen = data;

	if (trellis_genl_parse(msg, tb, TRELLIS_ATTR_MAX, NULL) < 0)
		return NL_SKIP;
	seen[0] = tb[TRELLIS_ATTR_IFINDEX];
	seen[1] = tb[TRELLIS_ATTR_DROPS];
	return NL_OK;
}

TEST_F(get_link, egre_link_answered)
{
	struct nl_msg *msg = trellis_genl_start(&self->g, TRELLIS_CMD_GET_LINK, 0);
	bool seen[2] = { false, false };

	ASSERT_EQ(0, nla_put_u32(msg, TRELLIS_ATTR_IFINDEX, if_nametoindex("eg0")));
	ASSERT_EQ(0, trellis_genl_request(&self->g, msg, link_cb, seen))
		TH_LOG("%s", self->g.c.errmsg);
	EXPECT_TRUE(seen[0]) TH_LOG("no ifindex");
	EXPECT_TRUE(seen[1]) TH_LOG("no drops");
}

/*
 * Sends a GET_LINK request with @attr_type/@len/@bytes (or nothing, for
 * type 0) on a raw socket of its own, and reads its ack like send_req():
 * 0 or -errno, the message in @r->msg and a missing attribute's type in
 * @r->miss_type.
 */
static int get_link(struct trellis_genl *g, struct rtnl_req *r, uint16_t attr_type,
		    uint16_t len, const void *bytes)
{
	struct genlmsghdr *genl;
	int err;

	if (req_open(r, NETLINK_GENERIC)) {
		rtnl_req_close(r);
		return -EIO;
	}
	r->nlh = mnl_nlmsg_put_header(r->buf);
	r->nlh->nlmsg_type = g->family_id;
	r->nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	genl = mnl_nlmsg_put_extra_header(r->nlh, sizeof(*genl));
	genl->cmd = TRELLIS_CMD_GET_LINK;
	genl->version = TRELLIS_GENL_VERSION;
	if (attr_type)
		mnl_attr_put(r->nlh, attr_type, len, bytes);
	err = send_and_ack(r);
	rtnl_req_close(r);
	return err;
}

TEST_F(get_link, missing_ifindex)
{
	struct rtnl_req r;

	/* a "do" without the ifindex (a dump would need NLM_F_DUMP) */
	EXPECT_EQ(-EINVAL, get_link(&self->g, &r, 0, 0, NULL));
	/* named by the kernel's missing-attribute report and in words */
	EXPECT_TRUE(r.miss_type == TRELLIS_ATTR_IFINDEX &&
		    has_word(r.msg, "ifindex"))
		TH_LOG("extack message \"%s\", missing type %d", r.msg, r.miss_type);
}

TEST_F(get_link, nonexistent_ifindex)
{
	uint32_t ifindex = 0x7ffffff0;
	struct rtnl_req r;

	EXPECT_EQ(-ENODEV, get_link(&self->g, &r, TRELLIS_ATTR_IFINDEX, 4, &ifindex));
	EXPECT_TRUE(has_word(r.msg, "no such|device"))
		TH_LOG("extack message \"%s\"", r.msg);
}

TEST_F(get_link, not_a_trellis_link)
{
	uint32_t ifindex = if_nametoindex("lo");
	struct rtnl_req r;

	EXPECT_EQ(-EOPNOTSUPP, get_link(&self->g, &r, TRELLIS_ATTR_IFINDEX, 4, &ifindex));
	EXPECT_TRUE(has_word(r.msg, "trellis|egre"))
		TH_LOG("extack message \"%s\"", r.msg);
}

TEST_F(get_link, ifindex_0)
{
	uint32_t ifindex = 0;
	struct rtnl_req r;

	EXPECT_EQ(-ERANGE, get_link(&self->g, &r, TRELLIS_ATTR_IFINDEX, 4, &ifindex));
	EXPECT_NE(0, r.msg[0]);
}

TEST_F(get_link, ifindex_of_2_bytes)
{
	struct rtnl_req r;

	EXPECT_EQ(-EINVAL, get_link(&self->g, &r, TRELLIS_ATTR_IFINDEX, 2, "\x01\x00"));
	EXPECT_TRUE(has_word(r.msg, "length|size"))
		TH_LOG("extack message \"%s\"", r.msg);
}

TEST_F(get_link, output_only_attribute)
{
	uint32_t links = 1;
	struct rtnl_req r;

	EXPECT_EQ(-EINVAL, get_link(&self->g, &r, TRELLIS_ATTR_LINKS, 4, &links));
	EXPECT_NE(0, r.msg[0]);
}

TEST_HARNESS_MAIN
