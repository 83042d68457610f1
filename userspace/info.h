/* SPDX-License-Identifier: GPL-2.0 */
#ifndef EGRECTL_INFO_H
#define EGRECTL_INFO_H

#include <stdint.h>

#include "drops.h"
#include "genl.h"

struct trellis_info {
	char version[64];
	uint32_t genl_version;
	uint64_t features;
	uint64_t netns_cookie;
	uint32_t links;
	struct trellis_drops drops;	/* packets that reached no link */
};

/* GET_INFO in the current namespace; returns 0 or -errno. */
int trellis_info_get(struct trellis_genl *g, struct trellis_info *info);

/* The name of feature bit @bit, or NULL for a bit this egrectl does not know. */
const char *trellis_feature_name(unsigned int bit);

/* Emits @info through the output layer. */
void trellis_info_print(const struct trellis_info *info);

#endif
