// SPDX-License-Identifier: GPL-2.0
/*
 * egrectl: builds trellis slices, links, routes and shaping.
 *
 * The dispatcher only: global options, then "egrectl OBJECT [ARGS]" with
 * iproute2-style abbreviations (the first command in the table that the
 * word is a prefix of wins), or with -batch FILE the same for each line.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "batch.h"
#include "egrectl.h"
#include "slices.h"
#include "util.h"

#ifndef TRELLIS_VERSION
#error "TRELLIS_VERSION comes from the top-level VERSION file (see Makefile)"
#endif

static const struct egrectl_cmd *const commands[] = {
	&egrectl_cmd_link,
	&egrectl_cmd_info,
	&egrectl_cmd_shortbridge,
	&egrectl_cmd_slice,
	&egrectl_cmd_route,
	&egrectl_cmd_topo,
};

#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: egrectl [OPTIONS] COMMAND [ARGS]\n"
		"       egrectl [OPTIONS] -batch FILE\n"
		"       egrectl help [COMMAND]\n"
		"\n"
		"Options:\n"
		"  -j, -json      print JSON\n"
		"  -b, -batch FILE\n"
		"                 run the commands in FILE (\"-\": stdin), one a line as\n"
		"                 after \"egrectl\" (\"link add l1 type egre ...\"); # starts a\n"
		"                 comment; stops at the first failing line (FILE:LINE: error)\n"
		"  -f, -force     with -batch: run every line, exit non-zero if any failed\n"
		"  -s, -slice SLICE\n"
		"                 run in slice SLICE's network namespace (/run/netns/SLICE),\n"
		"                 as \"ip -n\" does; with -batch, every line\n"
		"  -V, -Version   print the version and exit\n"
		"  -h, -help      print this help and exit\n"
		"\n"
		"Commands:\n");
	for (size_t i = 0; i < N_COMMANDS; i++)
		fprintf(f, "  %-12s %s\n", commands[i]->name, commands[i]->summary);
	fprintf(f, "  %-12s %s\n", "help", "this help, or a command's");
	fprintf(f, "\nCommands and keywords may be abbreviated (\"egrectl i\" is \"egrectl info\").\n");
}

static const struct egrectl_cmd *find_command(const char *word)
{
	for (size_t i = 0; i < N_COMMANDS; i++)
		if (matches(word, commands[i]->name))
			return commands[i];
	return NULL;
}

static int help(int argc, char **argv)
{
	const struct egrectl_cmd *cmd;

	if (argc == 0) {
		usage(stdout);
		return 0;
	}
	cmd = find_command(argv[0]);
	if (!cmd || argc > 1) {
		err_msg("help: unknown command \"%s\"", cmd ? argv[1] : argv[0]);
		usage(stderr);
		return EXIT_USAGE;
	}
	cmd->usage(stdout);
	return 0;
}

/*
 * Moves this process into slice @name's network namespace for good: every
 * socket opened afterwards, for any command or batch line, is the slice's.
 */
static int enter_slice(const char *name)
{
	int fd = slice_open(name);

	if (fd == -ENOENT || fd == -ESTALE) {
		err_msg("no such slice \"%s\"%s", name,
			fd == -ESTALE ? " (its name is left, its namespace is gone)" : "");
		return EXIT_RUNTIME;
	}
	if (fd == -ENAMETOOLONG) {
		err_msg("slice name \"%s\" is longer than %d characters", name,
			SLICE_NAME_LEN_MAX);
		return EXIT_USAGE;
	}
	if (fd < 0) {
		err_msg("cannot open slice \"%s\": %s", name, strerror(-fd));
		return EXIT_RUNTIME;
	}
	if (setns(fd, CLONE_NEWNET) < 0) {
		err_msg("cannot enter slice \"%s\": %s", name, strerror(errno));
		close(fd);
		return EXIT_RUNTIME;
	}
	close(fd);
	return 0;
}

/* Runs "COMMAND [ARGS]": argv[0] is the command word. */
static int run_command(int argc, char **argv)
{
	const struct egrectl_cmd *cmd;

	if (matches(argv[0], "help"))
		return help(argc - 1, argv + 1);
	cmd = find_command(argv[0]);
	if (!cmd) {
		err_msg("unknown command \"%s\"", argv[0]);
		usage(stderr);
		return EXIT_USAGE;
	}
	return cmd->run(argc - 1, argv + 1);
}

int main(int argc, char **argv)
{
	const char *batch = NULL, *slice = NULL;
	bool force = false;
	int i, err;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		const char *opt = argv[i] + 1 + (argv[i][1] == '-');

		if (egrectl_json_arg(argv[i]))
			continue;
		if (strcmp(argv[i], "-V") == 0 || (opt[0] && matches(opt, "Version")) ||
		    strcmp(opt, "version") == 0) {
			printf("egrectl %s\n", TRELLIS_VERSION);
			return 0;
		}
		if (strcmp(argv[i], "-h") == 0 || (opt[0] && matches(opt, "help"))) {
			usage(stdout);
			return 0;
		}
		if (opt[0] && matches(opt, "batch")) {
			if (++i == argc) {
				err_msg("option \"%s\" needs a FILE", argv[i - 1]);
				return EXIT_USAGE;
			}
			batch = argv[i];
			continue;
		}
		if (opt[0] && matches(opt, "force")) {
			force = true;
			continue;
		}
		if (opt[0] && matches(opt, "slice")) {
			if (++i == argc) {
				err_msg("option \"%s\" needs a SLICE", argv[i - 1]);
				return EXIT_USAGE;
			}
			slice = argv[i];
			continue;
		}
		err_msg("unknown option \"%s\"", argv[i]);
		usage(stderr);
		return EXIT_USAGE;
	}
	if (slice && (batch || i < argc)) {
		err = enter_slice(slice);
		if (err)
			return err;
	}
	if (batch) {
		if (i < argc) {
			err_msg("-batch takes its commands from \"%s\", not \"%s\"", batch, argv[i]);
			return EXIT_USAGE;
		}
		return batch_run(batch, force, run_command);
	}
	if (i == argc) {
		usage(stderr);
		return EXIT_USAGE;
	}
	return run_command(argc - i, argv + i);
}
