/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the parts of trellis.ko share: the version and the feature mask.
 */
#ifndef _TRELLIS_H
#define _TRELLIS_H

#include <linux/types.h>
#include <uapi/linux/trellis.h>

#ifndef TRELLIS_VERSION
#error "TRELLIS_VERSION comes from the top-level VERSION file (see Kbuild)"
#endif

void trellis_feature_add(enum trellis_feature feature);
u64 trellis_features(void);

#endif /* _TRELLIS_H */
