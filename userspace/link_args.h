/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Values every link kind takes on its command line (egre links and slice
 * links alike): the MTU and the Ethernet address, parsed (and the address
 * printed) in one place.
 */
#ifndef EGRECTL_LINK_ARGS_H
#define EGRECTL_LINK_ARGS_H

#include <stdbool.h>
#include <stdint.h>

/* The kernel's bounds for an Ethernet device (ETH_MIN_MTU, ETH_MAX_MTU). */
#define LINK_MTU_MIN	68
#define LINK_MTU_MAX	65535

/*
 * A decimal MTU from LINK_MTU_MIN to LINK_MTU_MAX; false for anything else
 * (a sign, blanks, a unit, a number out of range however large).
 */
bool link_parse_mtu(const char *s, uint32_t *mtu);

/* "xx:xx:xx:xx:xx:xx", each byte one or two hex digits; false otherwise. */
bool link_parse_mac(const char *s, uint8_t mac[6]);

/* @mac as ip prints it: "xx:xx:xx:xx:xx:xx". */
#define LINK_MAC_TEXT 18
void link_mac_text(const uint8_t mac[6], char buf[LINK_MAC_TEXT]);

#endif
