// SPDX-License-Identifier: GPL-2.0
/* The MTU and Ethernet address every link kind parses the same way. */
#include <stdint.h>
#include <string.h>

#include "kselftest_harness.h"
#include "link_args.h"

TEST(mtus_in_range)
{
	uint32_t mtu = 0;

	EXPECT_TRUE(link_parse_mtu("1500", &mtu));
	EXPECT_EQ(1500, mtu);
	EXPECT_TRUE(link_parse_mtu("68", &mtu));
	EXPECT_EQ(68, mtu);
	EXPECT_TRUE(link_parse_mtu("65535", &mtu));
	EXPECT_EQ(65535, mtu);
}

/* Once taken modulo 2^32: 4294967297 as 1, -1 as 4294967295. */
TEST(mtus_out_of_range_or_signed)
{
	const char *bad[] = {
		"4294967297", "4294967295", "18446744073709551617", "-1", "-4294967295",
		"65536", "67", "0", "", " 1500", "+1500", "1500 ", "1500b", "x", "1e3",
	};
	uint32_t mtu = 42;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		EXPECT_FALSE(link_parse_mtu(bad[i], &mtu)) TH_LOG("mtu \"%s\"", bad[i]);
		EXPECT_EQ(42, mtu);
	}
}

TEST(macs)
{
	const uint8_t want[6] = { 0x02, 0x00, 0x0a, 0xbc, 0xde, 0xf1 };
	uint8_t mac[6];

	EXPECT_TRUE(link_parse_mac("02:00:0a:bc:de:f1", mac));
	EXPECT_EQ(0, memcmp(mac, want, 6));
	EXPECT_TRUE(link_parse_mac("2:0:A:BC:de:F1", mac));
	EXPECT_EQ(0, memcmp(mac, want, 6));
}

TEST(bad_macs)
{
	const char *bad[] = {
		"", "02:00:0a:bc:de", "02:00:0a:bc:de:f1:00", "02:00:0a:bc:de:f1:",
		"002:00:0a:bc:de:f1", "02:00:0a:bc:de:g1", "-2:00:0a:bc:de:f1",
		"02-00-0a-bc-de-f1", "02:00:0a:bc:de:f1 ", " 02:00:0a:bc:de:f1",
		"0x2:00:0a:bc:de:f1", "02::0a:bc:de:f1",
	};
	uint8_t mac[6];

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		EXPECT_FALSE(link_parse_mac(bad[i], mac)) TH_LOG("address \"%s\"", bad[i]);
	}
}

TEST_HARNESS_MAIN
