/* SPDX-License-Identifier: GPL-2.0 */
/* What the egrectl dispatcher and its command families share. */
#ifndef EGRECTL_H
#define EGRECTL_H

#include <stdbool.h>
#include <stdio.h>

#include "genl.h"

struct egrectl_opts {
	bool json;	/* -j: print JSON instead of text */
};

extern struct egrectl_opts egrectl_opts;

/* A command family: "egrectl NAME ARGS...". */
struct egrectl_cmd {
	const char *name;
	const char *summary;
	int (*run)(int argc, char **argv);	/* argv[0] is the first argument */
	void (*usage)(FILE *f);
};

/* Per-command option: true (and consumed) for -j / -json / json. */
bool egrectl_json_arg(const char *arg);

/*
 * Opens the trellis family or reports why not on one line; returns 0 or
 * the exit code to leave with (the module-not-loaded line is exit 2).
 */
int egrectl_genl_open(struct trellis_genl *g, const char *cmd);

/* Reports a failed request on one line; returns the exit code. */
int egrectl_genl_error(const struct trellis_genl *g, const char *cmd, int err);

/* An unknown argument: one line naming it, then the command's usage. */
int egrectl_bad_arg(const struct egrectl_cmd *cmd, const char *arg);

extern const struct egrectl_cmd egrectl_cmd_info;
extern const struct egrectl_cmd egrectl_cmd_link;
extern const struct egrectl_cmd egrectl_cmd_shortbridge;
extern const struct egrectl_cmd egrectl_cmd_slice;
extern const struct egrectl_cmd egrectl_cmd_route;
extern const struct egrectl_cmd egrectl_cmd_topo;

#endif
