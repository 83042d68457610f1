// SPDX-License-Identifier: GPL-2.0
/* Plumbing every command family shares: options, opening the family, errors. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "egrectl.h"
#include "util.h"

struct egrectl_opts egrectl_opts;

bool egrectl_json_arg(const char *arg)
{
	if (strcmp(arg, "-j") == 0 || strcmp(arg, "-json") == 0 ||
	    strcmp(arg, "--json") == 0 || strcmp(arg, "json") == 0) {
		egrectl_opts.json = true;
		return true;
	}
	return false;
}

bool egrectl_stats_arg(const char *arg)
{
	if (strcmp(arg, "-s") && strcmp(arg, "-stats"))
		return false;
	egrectl_opts.stats++;
	return true;
}

int egrectl_module_absent(void)
{
	err_msg("the trellis kernel module is not loaded (try: modprobe trellis)");
	return EXIT_RUNTIME;
}

int egrectl_genl_error(const struct trellis_genl *g, const char *cmd, int err)
{
	const char *msg = g->c.errmsg[0] ? g->c.errmsg : strerror(-err);

	switch (err) {
	case -ENOENT:
		if (g->c.errmsg[0])
			break;
		/* no family: the module is not there */
		return egrectl_module_absent();
	case -EPERM:
		err_msg("%s: permission denied (needs CAP_NET_ADMIN in this network namespace)",
			cmd);
		return EXIT_RUNTIME;
	}
	err_msg("%s: %s", cmd, msg);
	return EXIT_RUNTIME;
}

int egrectl_genl_open(struct trellis_genl *g, const char *cmd)
{
	int err = trellis_genl_open(g);

	return err ? egrectl_genl_error(g, cmd, err) : 0;
}

int egrectl_bad_arg(const struct egrectl_cmd *cmd, const char *arg)
{
	err_msg("%s: unknown argument \"%s\"", cmd->name, arg);
	egrectl_usage_line(cmd);
	return EXIT_USAGE;
}

void egrectl_usage_line(const struct egrectl_cmd *cmd)
{
	fprintf(stderr, "Usage: %s (all of it: egrectl help %s)\n", cmd->synopsis, cmd->name);
}
