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

TEST_HARNESS_MAIN
