/* SPDX-License-Identifier: GPL-2.0 */
/* What the egrectl dispatcher and its command families share. */
#ifndef EGRECTL_H
#define EGRECTL_H

#include <stdbool.h>
#include <stdio.h>

#include "genl.h"

/* The global options, as ip has them. */
struct egrectl_opts {
	bool json;	/* -j: print JSON instead of text */
	bool pretty;	/* -p: JSON indented */
	bool brief;	/* -br: one short line an object */
	bool details;	/* -d: every attribute */
	int stats;	/* -s: counters; -s -s: drops by reason too */
	int family;	/* -4, -6: AF_INET or AF_INET6; AF_UNSPEC: both */
};

extern struct egrectl_opts egrectl_opts;

/* A command family: "egrectl NAME ARGS...". */
struct egrectl_cmd {
	const char *name;
	const char *summary;
	const char *synopsis;	/* one line: what follows a bad word */
	int (*run)(int argc, char **argv);	/* argv[0] is the first argument */
	void (*usage)(FILE *f);
};

/* Per-command option: true (and consumed) for -j / -json / json. */
bool egrectl_json_arg(const char *arg);

/* Per-command option: true (and counted into egrectl_opts.stats) for -s / -stats. */
bool egrectl_stats_arg(const char *arg);

/*
 * Opens the trellis family or reports why not on one line; returns 0 or
 * the exit code to leave with (the module-not-loaded line is exit 2).
 */
int egrectl_genl_open(struct trellis_genl *g, const char *cmd);

/* The one line for a kernel without the module; returns its exit code. */
int egrectl_module_absent(void);

/* Reports a failed request on one line; returns the exit code. */
int egrectl_genl_error(const struct trellis_genl *g, const char *cmd, int err);

/* An unknown argument: one line naming it, then the command's one-line usage. */
int egrectl_bad_arg(const struct egrectl_cmd *cmd, const char *arg);

/* The one-line usage of @cmd on stderr, and where the rest is. */
void egrectl_usage_line(const struct egrectl_cmd *cmd);

extern const struct egrectl_cmd egrectl_cmd_info;
extern const struct egrectl_cmd egrectl_cmd_link;
extern const struct egrectl_cmd egrectl_cmd_shortbridge;
extern const struct egrectl_cmd egrectl_cmd_slice;
extern const struct egrectl_cmd egrectl_cmd_route;
extern const struct egrectl_cmd egrectl_cmd_topo;

#endif
