// SPDX-License-Identifier: GPL-2.0
/*
 * Malformed netlink for shortbridge: the trellis family's BIND, UNBIND,
 * GET_BINDING, GET_SLICE_LINK and DEL_SLICE_LINK with missing, mis-sized,
 * unknown or foreign attributes, and RTM_NEWLINK of kind shortbridge with
 * impossible combinations. Each is refused with the right errno and an
 * extended-ack message; nothing half-made stays.
 *
 *   [ a fresh netns per test ]  eg0 (egre), va <-> vb (veth)
 */
#include <errno.h>
#include <net/if.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <netlink/attr.h>
#include <netlink/msg.h>

#include <linux/trellis.h>

#include "kselftest_harness.h"
#include "genl.h"
#include "nl.h"

FIXTURE(sb) {
	struct trellis_genl g;
	uint32_t eg0, va, vb;
};

FIXTURE_SETUP(sb)
{
	ASSERT_EQ(0, unshare(CLONE_NEWNET));
	/* sh is busybox's, which runs its own ip applet: name iproute2's */
	ASSERT_EQ(0, system("/usr/sbin/ip link add va type veth peer name vb && "
			    "egrectl link add eg0 type egre local 10.0.0.1 remote 10.0.0.2 key 7"));
	ASSERT_EQ(0, trellis_genl_open(&self->g));
	self->eg0 = if_nametoindex("eg0");
	self->va = if_nametoindex("va");
	self->vb = if_nametoindex("vb");
	ASSERT_NE(0, self->eg0);
	ASSERT_NE(0, self->va);
	ASSERT_NE(0, self->vb);
}

FIXTURE_TEARDOWN(sb)
{
	trellis_genl_close(&self->g);
}

/* One attribute, raw: sizes can be wrong. */
struct attr {
	uint16_t type, len;
	const void *bytes;
};

/* Sends @cmd with @n attributes; 0 or -errno, the message in g->c.errmsg. */
static int genl(struct trellis_genl *g, uint8_t cmd, int n, const struct attr *a)
{
	struct nl_msg *msg = trellis_genl_start(g, cmd, 0);

	for (int i = 0; msg && i < n; i++)
		if (nla_put(msg, a[i].type, a[i].len, a[i].bytes) < 0)
			msg = trellis_genl_drop(msg);
	return trellis_genl_request(g, msg, NULL, NULL);
}

static bool has(const char *msg, const char *word)
{
	return strcasestr(msg, word) != NULL;
}

#define NAME(s)		{ TRELLIS_ATTR_NAME, sizeof(s), s }
#define PORT(t, p)	{ t, 4, p }

TEST_F(sb, bind_without_name)
{
	struct attr a[] = { PORT(TRELLIS_ATTR_PORT_A, &self->va),
			    PORT(TRELLIS_ATTR_PORT_B, &self->vb) };

	EXPECT_EQ(-EINVAL, genl(&self->g, TRELLIS_CMD_BIND, 2, a)) TH_LOG("%s", self->g.c.errmsg);
}

TEST_F(sb, bind_without_second_port)
{
	struct attr a[] = { NAME("b1"), PORT(TRELLIS_ATTR_PORT_A, &self->va) };

	EXPECT_EQ(-EINVAL, genl(&self->g, TRELLIS_CMD_BIND, 2, a));
}

TEST_F(sb, bind_port_of_2_bytes)
{
	struct attr a[] = { NAME("b1"), PORT(TRELLIS_ATTR_PORT_A, &self->va),
			    { TRELLIS_ATTR_PORT_B, 2, &self->vb } };

	EXPECT_EQ(-EINVAL, genl(&self->g, TRELLIS_CMD_BIND, 3, a));
	EXPECT_NE(0, self->g.c.errmsg[0]);
}

TEST_F(sb, bind_port_0)
{
	uint32_t zero = 0;
	struct attr a[] = { NAME("b1"), PORT(TRELLIS_ATTR_PORT_A, &self->va),
			    PORT(TRELLIS_ATTR_PORT_B, &zero) };

	EXPECT_EQ(-ERANGE, genl(&self->g, TRELLIS_CMD_BIND, 3, a));
}

TEST_F(sb, bind_nonexistent_port)
{
	uint32_t none = 0x7ffffff0;
	struct attr a[] = { NAME("b1"), PORT(TRELLIS_ATTR_PORT_A, &self->va),
			    PORT(TRELLIS_ATTR_PORT_B, &none) };

	EXPECT_EQ(-ENODEV, genl(&self->g, TRELLIS_CMD_BIND, 3, a));
	EXPECT_TRUE(has(self->g.c.errmsg, "no device")) TH_LOG("%s", self->g.c.errmsg);
}

TEST_F(sb, bind_loopback)
{
	uint32_t lo = if_nametoindex("lo");
	struct attr a[] = { NAME("b1"), PORT(TRELLIS_ATTR_PORT_A, &self->va),
			    PORT(TRELLIS_ATTR_PORT_B, &lo) };

	EXPECT_EQ(-EINVAL, genl(&self->g, TRELLIS_CMD_BIND, 3, a));
	EXPECT_TRUE(has(self->g.c.errmsg, "not an Ethernet")) TH_LOG("%s", self->g.c.errmsg);
}

TEST_F(sb, bind_name_too_long)
{
	struct attr a[] = { NAME("a-name-of-sixteen"), PORT(TRELLIS_ATTR_PORT_A, &self->va),
			    PORT(TRELLIS_ATTR_PORT_B, &self->vb) };

	EXPECT_EQ(-EINVAL, genl(&self->g, TRELLIS_CMD_BIND, 3, a));
	EXPECT_NE(0, self->g.c.errmsg[0]);
}

TEST_F(sb, bind_with_foreign_attribute)
{
	struct attr a[] = { NAME("b1"), PORT(TRELLIS_ATTR_PORT_A, &self->va),
			    PORT(TRELLIS_ATTR_PORT_B, &self->vb),
			    { TRELLIS_ATTR_IFINDEX, 4, &self->va } };

	EXPECT_EQ(-EINVAL, genl(&self->g, TRELLIS_CMD_BIND, 4, a));
	EXPECT_TRUE(has(self->g.c.errmsg, "not an attribute")) TH_LOG("%s", self->g.c.errmsg);
	/* and nothing was bound */
	EXPECT_EQ(0, system("egrectl -j shortbridge show | grep -qx '\\[\\]'"));
}

TEST_F(sb, unbind_unknown)
{
	struct attr a[] = { NAME("nosuch") };

	EXPECT_EQ(-ENOENT, genl(&self->g, TRELLIS_CMD_UNBIND, 1, a));
	EXPECT_TRUE(has(self->g.c.errmsg, "no shortbridge nosuch")) TH_LOG("%s", self->g.c.errmsg);
}

TEST_F(sb, get_unknown_binding_and_slice_link)
{
	struct attr a[] = { NAME("nosuch") };

	EXPECT_EQ(-ENOENT, genl(&self->g, TRELLIS_CMD_GET_BINDING, 1, a));
	EXPECT_TRUE(has(self->g.c.errmsg, "nosuch")) TH_LOG("%s", self->g.c.errmsg);
	EXPECT_EQ(-ENOENT, genl(&self->g, TRELLIS_CMD_GET_SLICE_LINK, 1, a));
	EXPECT_EQ(-ENOENT, genl(&self->g, TRELLIS_CMD_DEL_SLICE_LINK, 1, a));
	EXPECT_TRUE(has(self->g.c.errmsg, "no shortbridge link")) TH_LOG("%s", self->g.c.errmsg);
}

TEST_F(sb, output_only_stats)
{
	uint64_t v = 1;
	struct attr a[] = { NAME("b1"), { TRELLIS_ATTR_BINDING_STATS, 8, &v } };

	EXPECT_EQ(-EINVAL, genl(&self->g, TRELLIS_CMD_UNBIND, 2, a));
	EXPECT_TRUE(has(self->g.c.errmsg, "output-only")) TH_LOG("%s", self->g.c.errmsg);
}

/*
 * RTM_NEWLINK of kind shortbridge in this namespace with IFLA_INFO_DATA
 * @data (n attributes, u32 or string by length 0 = string); 0 or -errno.
 */
static int sb_newlink(struct nl_conn *r, int n, const struct attr *data)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC };
	struct nlattr *li, *d;
	struct nl_msg *msg;

	msg = nlmsg_alloc_simple(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL);
	nlmsg_append(msg, &ifi, sizeof(ifi), NLMSG_ALIGNTO);
	nla_put_string(msg, IFLA_IFNAME, "sbx");
	li = nla_nest_start(msg, IFLA_LINKINFO);
	nla_put_string(msg, IFLA_INFO_KIND, TRELLIS_SHORTBRIDGE_KIND);
	d = nla_nest_start(msg, IFLA_INFO_DATA);
	for (int i = 0; i < n; i++)
		nla_put(msg, data[i].type, data[i].len, data[i].bytes);
	nla_nest_end(msg, d);
	nla_nest_end(msg, li);
	return conn_talk(r, msg, NULL, NULL);
}

#define SB_NAME(s)	{ IFLA_SHORTBRIDGE_NAME, sizeof(s), s }

TEST_F(sb, newlink_refused)
{
	struct ifinfomsg peer = { .ifi_family = AF_UNSPEC };
	const struct {
		const char *why;
		int n, err;
		struct attr a[3];
		const char *word;
	} cases[] = {
		{ "no name", 1, -EINVAL,
		  { { IFLA_SHORTBRIDGE_LINK, 4, &self->eg0 } }, "name" },
		{ "neither link nor peer", 1, -EINVAL, { SB_NAME("x") }, "either" },
		{ "both link and peer", 3, -EINVAL,
		  { SB_NAME("x"), { IFLA_SHORTBRIDGE_LINK, 4, &self->eg0 },
		    { IFLA_SHORTBRIDGE_PEER, sizeof(peer), &peer } }, "not both" },
		{ "link is not egre", 2, -EINVAL,
		  { SB_NAME("x"), { IFLA_SHORTBRIDGE_LINK, 4, &self->va } }, "not an egre" },
		{ "link of 2 bytes", 2, -EINVAL,
		  { SB_NAME("x"), { IFLA_SHORTBRIDGE_LINK, 2, &self->eg0 } }, "" },
		{ "peer shorter than ifinfomsg", 2, -EINVAL,
		  { SB_NAME("x"), { IFLA_SHORTBRIDGE_PEER, 4, &peer } }, "" },
	};
	struct nl_conn r;

	ASSERT_EQ(0, conn_open(&r, NETLINK_ROUTE));
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int err = sb_newlink(&r, cases[i].n, cases[i].a);

		/* a short attribute: EINVAL or ERANGE, as the policy checks it */
		EXPECT_TRUE(err == cases[i].err || (cases[i].err == -EINVAL && err == -ERANGE))
			TH_LOG("%s: %d, %s", cases[i].why, err, r.errmsg);
		EXPECT_TRUE(has(r.errmsg, cases[i].word))
			TH_LOG("%s: message \"%s\"", cases[i].why, r.errmsg);
		EXPECT_EQ(0, if_nametoindex("sbx")) TH_LOG("%s: sbx was made", cases[i].why);
	}
	conn_close(&r);
}

TEST_HARNESS_MAIN
