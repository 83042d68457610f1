/* SPDX-License-Identifier: GPL-2.0 */
/* The words of a shape, parsed and checked without touching the kernel. */
#ifndef EGRECTL_SHAPE_ARGS_H
#define EGRECTL_SHAPE_ARGS_H

#include <stdbool.h>

#include "tc.h"

enum { EGRESS, INGRESS, DIRS };

struct shape_req {
	bool none, dir[DIRS];
	bool has_burst, has_delay, has_jitter;
	struct tc_shape s;
	char err[160];		/* why parsing failed, one line */
};

/*
 * "[none] [dir egress|ingress|both] [rate R [burst B]] [delay D [jitter J]]
 * [loss P%] [corrupt P%] [duplicate P%] [reorder P%] [limit N]": 0 and
 * @q filled in (defaults included), or -EINVAL and why in @q->err.
 */
int shape_args_parse(int argc, char **argv, struct shape_req *q);

#endif
