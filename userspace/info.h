/* SPDX-License-Identifier: GPL-2.0 */
/* The module's info header: egrectl info prints what family_query.h reads. */
#ifndef EGRECTL_INFO_H
#define EGRECTL_INFO_H

#include "family_query.h"

/* The name of feature bit @bit, or NULL for a bit this egrectl does not know. */
const char *trellis_feature_name(unsigned int bit);

/* Emits @info through the output layer. */
void trellis_info_print(const struct trellis_info *info);

#endif
