// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>

#include "link_args.h"
#include "util.h"

bool link_parse_mtu(const char *s, uint32_t *mtu)
{
	unsigned long long n;

	if (!parse_uint(s, 10, LINK_MTU_MIN, LINK_MTU_MAX, &n))
		return false;
	*mtu = (uint32_t)n;
	return true;
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

bool link_parse_mac(const char *s, uint8_t mac[6])
{
	for (int i = 0; i < 6; i++) {
		int hi = hex_digit(*s), lo;

		if (hi < 0)
			return false;
		s++;
		lo = hex_digit(*s);
		if (lo >= 0)
			s++;
		mac[i] = (uint8_t)(lo >= 0 ? hi << 4 | lo : hi);
		if (*s != (i < 5 ? ':' : '\0'))
			return false;
		s++;
	}
	return true;
}

void link_mac_text(const uint8_t mac[6], char buf[LINK_MAC_TEXT])
{
	snprintf(buf, LINK_MAC_TEXT, "%02x:%02x:%02x:%02x:%02x:%02x", mac[0], mac[1], mac[2],
		 mac[3], mac[4], mac[5]);
}
