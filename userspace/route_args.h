/* SPDX-License-Identifier: GPL-2.0 */
/* egrectl route's command line, parsed and checked: what route.c sends. */
#ifndef EGRECTL_ROUTE_ARGS_H
#define EGRECTL_ROUTE_ARGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Table 0 is "unspecified" to the kernel: show uses it for "all tables". */
#define TABLE_ALL 0

/* What the command line asked for. */
struct route_req {
	const char *verb;		/* "add", "del", ... for messages */
	const char *prefix_arg;		/* as typed, for messages */
	const char *gw_arg;
	const char *dev_arg;
	int family;			/* AF_INET, AF_INET6 or AF_UNSPEC (not yet known) */
	bool has_prefix, has_gw, has_metric, has_table, default_route;
	unsigned char dst[16], gw[16];
	unsigned int dst_len;
	unsigned int ifindex;
	uint32_t metric;
	uint32_t table;			/* TABLE_ALL: show every table */
};

/* 4 or 16: the bytes of an address of @family. */
unsigned int route_addr_len(int family);

/*
 * "PREFIX [via GW] [dev IF] [metric M] [table T] [-4|-6]" for @verb (add,
 * del, replace): every word checked, the families against each other and
 * IF against this namespace's devices. Returns 0, or prints one line and
 * returns the exit code (EXIT_USAGE; EXIT_RUNTIME for a missing device).
 */
int route_args_change(struct route_req *q, const char *verb, int argc, char **argv);

/* "[-4|-6] [PREFIX] [table T|all] [-j]" of show; returns 0 or an exit code. */
int route_args_show(struct route_req *q, int argc, char **argv);

/* main, local, default or the number. */
void route_table_name(uint32_t table, char *buf, size_t len);

#endif
