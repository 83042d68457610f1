// SPDX-License-Identifier: GPL-2.0
/* Argument matching (iproute2-style abbreviations), lists, numbers. */
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

TEST(numbers_in_range)
{
	unsigned long long v = 7;

	EXPECT_TRUE(parse_uint("0", 10, 0, 10, &v));
	EXPECT_EQ(0ULL, v);
	EXPECT_TRUE(parse_uint("4294967295", 10, 0, 4294967295ULL, &v));
	EXPECT_EQ(4294967295ULL, v);
	EXPECT_TRUE(parse_uint("0x10", 0, 0, 255, &v));
	EXPECT_EQ(16ULL, v);
	EXPECT_TRUE(parse_uint("010", 0, 0, 255, &v));
	EXPECT_EQ(8ULL, v);
	EXPECT_TRUE(parse_uint("010", 10, 0, 255, &v));
	EXPECT_EQ(10ULL, v);
}

TEST(numbers_refused_leave_the_value)
{
	static const char *const bad[] = {
		"", "-1", " 1", "+1", "1 ", "1x", "x", "4294967296",
		"18446744073709551616", "0x", NULL,
	};
	unsigned long long v = 7;

	for (const char *const *s = bad; *s; s++) {
		EXPECT_FALSE(parse_uint(*s, 0, 0, 4294967295ULL, &v)) {
			TH_LOG("accepted \"%s\"", *s);
		}
		EXPECT_EQ(7ULL, v);
	}
	EXPECT_FALSE(parse_uint("9", 10, 10, 20, &v));
	EXPECT_FALSE(parse_uint("21", 10, 10, 20, &v));
	EXPECT_EQ(7ULL, v);
}

TEST_HARNESS_MAIN
