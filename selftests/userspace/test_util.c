// SPDX-License-Identifier: GPL-2.0
/* Argument matching: iproute2-style abbreviations. */
#include <stdlib.h>

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
	static const char *const words[] = { "keys", "keyx", "key", NULL };

	EXPECT_STREQ("key", keyword("key", words));
	EXPECT_EQ(NULL, keyword("ke", words));
}

TEST(list_append_grows_by_one_zeroed)
{
	struct item { int a; long b; } *items = NULL, *it;
	size_t n = 0;

	for (int i = 0; i < 100; i++) {
		it = list_append((void **)&items, &n, sizeof(*items));
		ASSERT_NE(NULL, it);
		EXPECT_EQ(0, it->a);
		EXPECT_EQ(0, it->b);
		it->a = i;
	}
	ASSERT_EQ(100, n);
	for (int i = 0; i < 100; i++)
		EXPECT_EQ(i, items[i].a);
	free(items);
}

TEST_HARNESS_MAIN
