/* SPDX-License-Identifier: GPL-2.0 */
/* Drop counters by reason (TRELLIS_ATTR_DROPS): decoded, and printed by name. */
#ifndef EGRECTL_DROPS_H
#define EGRECTL_DROPS_H

#include <stdbool.h>
#include <stdint.h>
#include <netlink/attr.h>

#include <linux/trellis.h>

struct trellis_drops {
	bool present;
	uint64_t count[TRELLIS_DROP_MAX + 1];
};

/* Parses a TRELLIS_ATTR_DROPS nest; returns 0 or -EBADMSG. */
int drops_parse(struct nlattr *nest, struct trellis_drops *d);

/*
 * A "drops" object in JSON, one value a reason; in text a line of them
 * when @text (-s -s).
 */
void drops_print(const struct trellis_drops *d, bool text);

#endif
