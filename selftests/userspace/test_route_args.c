// SPDX-License-Identifier: GPL-2.0
/* egrectl route's command line: what is taken, and what is refused before the kernel. */
#include <net/if.h>
#include <stdio.h>
#include <sys/socket.h>
#include <linux/rtnetlink.h>

#include "kselftest_harness.h"
#include "route_args.h"
#include "util.h"

/* Splits @words on blanks into @argv (at most 16); returns the count. */
static int split(const char *words, char **argv)
{
	static char buf[256];
	int argc = 0;

	snprintf(buf, sizeof(buf), "%s", words);
	for (char *w = strtok(buf, " "); w && argc < 16; w = strtok(NULL, " "))
		argv[argc++] = w;
	return argc;
}

/* "route add WORDS" */
static int change(struct route_req *q, const char *words)
{
	char *argv[16];
	int argc = split(words, argv);

	return route_args_change(q, "add", argc, argv);
}

/* "route show WORDS" */
static int show(struct route_req *q, const char *words)
{
	char *argv[16];
	int argc = split(words, argv);

	return route_args_show(q, argc, argv);
}

TEST(prefixes)
{
	struct route_req q;

	ASSERT_EQ(0, change(&q, "10.1.0.0/24 dev lo"));
	EXPECT_EQ(AF_INET, q.family);
	EXPECT_EQ(24, q.dst_len);
	EXPECT_EQ(10, q.dst[0]);
	EXPECT_EQ(if_nametoindex("lo"), q.ifindex);
	EXPECT_EQ(RT_TABLE_MAIN, q.table);
	ASSERT_EQ(0, change(&q, "10.1.0.1 dev lo"));
	EXPECT_EQ(32, q.dst_len);
	ASSERT_EQ(0, change(&q, "to fd00:1::/64 dev lo"));
	EXPECT_EQ(AF_INET6, q.family);
	EXPECT_EQ(64, q.dst_len);
	ASSERT_EQ(0, change(&q, "0.0.0.0/0 dev lo"));
	EXPECT_EQ(0, q.dst_len);
}

TEST(default_takes_the_gateways_family)
{
	struct route_req q;

	ASSERT_EQ(0, change(&q, "default via fd00::1"));
	EXPECT_EQ(AF_INET6, q.family);
	EXPECT_EQ(0, q.dst_len);
	ASSERT_EQ(0, change(&q, "default dev lo"));
	EXPECT_EQ(AF_INET, q.family);
	ASSERT_EQ(0, change(&q, "-6 default dev lo"));
	EXPECT_EQ(AF_INET6, q.family);
}

TEST(tables)
{
	struct route_req q;

	ASSERT_EQ(0, change(&q, "10.1.0.0/24 dev lo table 4294967295"));
	EXPECT_EQ(4294967295u, q.table);
	ASSERT_EQ(0, change(&q, "10.1.0.0/24 dev lo table local"));
	EXPECT_EQ(RT_TABLE_LOCAL, q.table);
	ASSERT_EQ(0, change(&q, "10.1.0.0/24 dev lo table default"));
	EXPECT_EQ(RT_TABLE_DEFAULT, q.table);
	ASSERT_EQ(0, show(&q, "table all"));
	EXPECT_EQ(TABLE_ALL, q.table);
	/* keywords by any unique prefix, as ip takes them */
	ASSERT_EQ(0, change(&q, "10.1.0.0/24 de lo tab 5 met 9"));
	EXPECT_EQ(5, q.table);
	EXPECT_EQ(9, q.metric);
	ASSERT_EQ(0, show(&q, "t 6"));
	EXPECT_EQ(6, q.table);
	EXPECT_EQ(EXIT_USAGE, change(&q, "10.1.0.0/24 dev lo p 5"));	/* priority or preference */
}

TEST(metrics)
{
	struct route_req q;

	ASSERT_EQ(0, change(&q, "10.1.0.0/24 dev lo metric 4294967295"));
	EXPECT_TRUE(q.has_metric);
	EXPECT_EQ(4294967295u, q.metric);
	ASSERT_EQ(0, change(&q, "10.1.0.0/24 dev lo preference 0"));
	EXPECT_TRUE(q.has_metric);
}

TEST(gateways_and_devices)
{
	struct route_req q;

	ASSERT_EQ(0, change(&q, "10.1.0.0/24 via 10.0.0.1"));
	EXPECT_TRUE(q.has_gw);
	EXPECT_EQ(0, q.ifindex);
}

TEST(show_filters)
{
	struct route_req q;

	ASSERT_EQ(0, show(&q, ""));
	EXPECT_EQ(AF_UNSPEC, q.family);
	EXPECT_FALSE(q.has_prefix);
	EXPECT_EQ(RT_TABLE_MAIN, q.table);
	ASSERT_EQ(0, show(&q, "-6"));
	EXPECT_EQ(AF_INET6, q.family);
	ASSERT_EQ(0, show(&q, "default"));
	EXPECT_EQ(AF_UNSPEC, q.family);	/* the default routes of both families */
	ASSERT_EQ(0, show(&q, "10.1.0.0/16 table 7"));
	EXPECT_EQ(AF_INET, q.family);
	EXPECT_EQ(7, q.table);
	EXPECT_EQ(EXIT_USAGE, show(&q, "-4 fd00::/8"));
	EXPECT_EQ(EXIT_USAGE, show(&q, "table"));
	EXPECT_EQ(EXIT_USAGE, show(&q, "-x"));
}

TEST(table_names)
{
	char buf[16];

	route_table_name(RT_TABLE_MAIN, buf, sizeof(buf));
	EXPECT_STREQ("main", buf);
	route_table_name(RT_TABLE_LOCAL, buf, sizeof(buf));
	EXPECT_STREQ("local", buf);
	route_table_name(4294967295u, buf, sizeof(buf));
	EXPECT_STREQ("4294967295", buf);
}

/* Refused before the kernel: a usage error, or a device not in this namespace. */
static const struct {
	const char *words;
	int status;
} refusals[] = {
	{ "dev lo", EXIT_USAGE },		/* no prefix */
	{ "10.0.0.0/0 dev lo", EXIT_USAGE },	/* all host bits */
	{ "10.1.0.1/24 dev lo", EXIT_USAGE },	/* host bits */
	{ "fd00::1/64 dev lo", EXIT_USAGE },
	{ "10.1.0.0/33 dev lo", EXIT_USAGE },
	{ "10.1.0.0/ dev lo", EXIT_USAGE },
	{ "10.1.0.0/-1 dev lo", EXIT_USAGE },
	{ "10.1.0 dev lo", EXIT_USAGE },
	{ "10.1.0.0/24 10.2.0.0/24 dev lo", EXIT_USAGE },
	{ "-6 10.1.0.0/24 dev lo", EXIT_USAGE },
	{ "10.1.0.0/24 dev lo table 0", EXIT_USAGE },
	{ "10.1.0.0/24 dev lo table 4294967296", EXIT_USAGE },
	{ "10.1.0.0/24 dev lo table -1", EXIT_USAGE },
	{ "10.1.0.0/24 dev lo table 1x", EXIT_USAGE },
	{ "10.1.0.0/24 dev lo table all", EXIT_USAGE },
	{ "10.1.0.0/24 dev lo table 5 table 6", EXIT_USAGE },
	{ "10.1.0.0/24 dev lo metric 4294967296", EXIT_USAGE },
	{ "10.1.0.0/24 dev lo metric -1", EXIT_USAGE },
	{ "10.1.0.0/24 dev lo metric", EXIT_USAGE },
	{ "10.1.0.0/24 via fd00::1", EXIT_USAGE },	/* families mixed */
	{ "fd01::/64 via 10.0.0.1", EXIT_USAGE },
	{ "10.1.0.0/24 via 10.0.0", EXIT_USAGE },
	{ "10.1.0.0/24 via 10.0.0.1 via 10.0.0.2", EXIT_USAGE },
	{ "10.1.0.0/24 dev nosuch0", EXIT_RUNTIME },
	{ "10.1.0.0/24 dev a-name-longer-than-ifnamsiz", EXIT_RUNTIME },
	{ "10.1.0.0/24 dev lo bogus 1", EXIT_USAGE },
};

TEST(refused)
{
	struct route_req q;

	for (size_t i = 0; i < sizeof(refusals) / sizeof(refusals[0]); i++) {
		EXPECT_EQ(refusals[i].status, change(&q, refusals[i].words)) {
			TH_LOG("route add %s", refusals[i].words);
		}
	}
}

TEST_HARNESS_MAIN
