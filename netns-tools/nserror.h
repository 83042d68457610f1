/* SPDX-License-Identifier: GPL-2.0 */
/* Inside netns-tools: filling an nst_error. */
#ifndef NETNS_TOOLS_ERROR_H
#define NETNS_TOOLS_ERROR_H

#include "nstools.h"

#define NST_STR_(x) #x
#define NST_STR(x) NST_STR_(x)

/* "@fmt: strerror(-@err)" into @e; returns @err. */
int nst_fail(struct nst_error *e, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
