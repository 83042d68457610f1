// SPDX-License-Identifier: GPL-2.0
/* netns-tools: which slice names are refused, and why. */
#include <string.h>

#include "kselftest_harness.h"
#include "nstools.h"

TEST(good_names)
{
	char longest[NST_NAME_MAX + 1];

	memset(longest, 'x', NST_NAME_MAX);
	longest[NST_NAME_MAX] = '\0';
	EXPECT_EQ(NULL, nst_name_invalid("s1"));
	EXPECT_EQ(NULL, nst_name_invalid("a.b_c-D9"));
	EXPECT_EQ(NULL, nst_name_invalid("..."));
	EXPECT_EQ(NULL, nst_name_invalid(longest));
}

TEST(bad_names)
{
	char too_long[NST_NAME_MAX + 2];

	memset(too_long, 'x', NST_NAME_MAX + 1);
	too_long[NST_NAME_MAX + 1] = '\0';
	EXPECT_STREQ("is empty", nst_name_invalid(""));
	EXPECT_NE(NULL, strstr(nst_name_invalid("."), "not a name"));
	EXPECT_NE(NULL, strstr(nst_name_invalid(".."), "not a name"));
	EXPECT_NE(NULL, strstr(nst_name_invalid(too_long), "longer than 64"));
	EXPECT_NE(NULL, strstr(nst_name_invalid("a/b"), "character"));
	EXPECT_NE(NULL, strstr(nst_name_invalid("a b"), "character"));
	EXPECT_NE(NULL, strstr(nst_name_invalid("a\nb"), "character"));
}

TEST(paths)
{
	char buf[16];

	EXPECT_TRUE(nst_path(buf, sizeof(buf), "/run/netns", "s1"));
	EXPECT_STREQ("/run/netns/s1", buf);
	EXPECT_FALSE(nst_path(buf, sizeof(buf), "/run/netns", "longer-name"));
}

TEST_HARNESS_MAIN
