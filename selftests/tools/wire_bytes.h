/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Bytes in network order and the Internet checksum, for the test tools
 * that build packets by hand (egre_wire, wire_fuzz, nest_frame).
 */
#ifndef _TRELLIS_WIRE_BYTES_H
#define _TRELLIS_WIRE_BYTES_H

#include <stddef.h>
#include <stdint.h>

static inline void put16(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v & 0xff;
}

static inline void put32(uint8_t *p, uint32_t v)
{
	put16(p, v >> 16);
	put16(p + 2, v & 0xffff);
}

static inline uint16_t get16(const uint8_t *p)
{
	return p[0] << 8 | p[1];
}

/* The Internet checksum's running sum over @len bytes. */
static inline uint32_t sum16(const uint8_t *p, size_t len, uint32_t sum)
{
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)p[i] << 8 | p[i + 1];
	if (len & 1)
		sum += (uint32_t)p[len - 1] << 8;
	return sum;
}

/* The checksum of a running sum: folded to 16 bits, complemented. */
static inline uint16_t fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return ~sum & 0xffff;
}

#endif /* _TRELLIS_WIRE_BYTES_H */
