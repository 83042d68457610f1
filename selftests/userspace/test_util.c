// SPDX-License-Identifier: GPL-2.0
/* Argument matching: iproute2-style abbreviations. */
#include "kselftest_harness.h"
#include "util.h"

TEST(prefixes_match)
{
	EXPECT_TRUE(matches("i", "info"));
	EXPECT_TRUE(matches("inf", "info"));
	EXPECT_TRUE(matches("info", "info"));
}

TEST(non_prefixes_do_not_match)
{
	EXPECT_FALSE(matches("", "info"));
	EXPECT_FALSE(matches("infos", "info"));
	EXPECT_FALSE(matches("nfo", "info"));
	EXPECT_FALSE(matches("Info", "info"));
}

TEST(keywords_by_unique_prefix)
{
	static const char *const words[] = { "table", "ttl", "tos", "via", "dev", NULL };

	EXPECT_STREQ("table", keyword("tab", words));
	EXPECT_STREQ("table", keyword("table", words));
	EXPECT_STREQ("via", keyword("v", words));
	EXPECT_STREQ("tos", keyword("to", words));
	EXPECT_EQ(NULL, keyword("t", words));		/* table, ttl or tos */
	EXPECT_EQ(NULL, keyword("tables", words));
	EXPECT_EQ(NULL, keyword("x", words));
	EXPECT_EQ(NULL, keyword("", words));
}

/* An exact word wins over the longer words it is a prefix of. */
TEST(keywords_exact_first)
{
	static const char *const words[] = { "keys", "key", NULL };

	EXPECT_STREQ("key", keyword("key", words));
	EXPECT_EQ(NULL, keyword("ke", words));
}

TEST_HARNESS_MAIN
