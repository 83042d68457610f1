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
#include <sys/socket.h>
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
		"Options (as ip takes them; any unique prefix, one dash or two):\n"
		"  -n, -netns SLICE  run in slice SLICE's network namespace\n"
		"                    (/run/netns/SLICE); -slice SLICE is the same\n"
		"  -j, -json         print JSON; -p, -pretty: indented\n"
		"  -br, -brief       one short line an object\n"
		"  -d, -details      every attribute\n"
		"  -s, -stats        counters; twice: drops by reason too\n"
		"  -4, -6            IPv4 or IPv6 only (routes)\n"
		"  -b, -batch FILE   the commands in FILE (\"-\": stdin), one a line;\n"
		"                    # starts a comment; stops at the first failing\n"
		"                    line (FILE:LINE: error)\n"
		"  -f, -force        with -batch: run every line, exit non-zero if\n"
		"                    any failed\n"
		"  -V, -Version      the version\n"
		"  -h, -help         this help\n"
		"\n"
		"Commands:\n");
	for (size_t i = 0; i < N_COMMANDS; i++)
		fprintf(f, "  %-12s %s\n", commands[i]->name, commands[i]->summary);
	fprintf(f, "  %-12s %s\n", "help", "this help, or a command's");
	fprintf(f, "\nCommands and keywords may be abbreviated (\"egrectl i\" is \"egrectl info\").\n");
}

/* What follows a bad word at the top: one line. */
static void usage_line(void)
{
	fprintf(stderr, "Usage: egrectl [OPTIONS] {");
	for (size_t i = 0; i < N_COMMANDS; i++)
		fprintf(stderr, " %s |", commands[i]->name);
	fprintf(stderr, " help } [ARGS] (all of it: egrectl help)\n");
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
		usage_line();
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
		usage_line();
		return EXIT_USAGE;
	}
	return cmd->run(argc - 1, argv + 1);
}

/* The global options; the words ip takes, in the order ip tries them. */
enum opt {
	OPT_NONE, OPT_NETNS, OPT_SLICE, OPT_JSON, OPT_PRETTY, OPT_BRIEF,
	OPT_DETAILS, OPT_STATS, OPT_INET, OPT_INET6, OPT_BATCH, OPT_FORCE,
	OPT_VERSION, OPT_HELP,
};

static const struct {
	const char *word;	/* without its dash */
	size_t shortest;	/* the shortest prefix taken */
	enum opt opt;
} options[] = {
	{ "stats", 1, OPT_STATS },
	{ "statistics", 1, OPT_STATS },
	{ "slice", 2, OPT_SLICE },
	{ "details", 1, OPT_DETAILS },
	{ "brief", 2, OPT_BRIEF },
	{ "batch", 1, OPT_BATCH },
	{ "json", 1, OPT_JSON },
	{ "pretty", 1, OPT_PRETTY },
	{ "netns", 1, OPT_NETNS },
	{ "force", 1, OPT_FORCE },
	{ "Version", 1, OPT_VERSION },
	{ "version", 7, OPT_VERSION },
	{ "help", 1, OPT_HELP },
	{ "4", 1, OPT_INET },
	{ "6", 1, OPT_INET6 },
};

static enum opt find_option(const char *arg)
{
	const char *word = arg + 1 + (arg[1] == '-');

	for (size_t i = 0; i < sizeof(options) / sizeof(options[0]); i++)
		if (strlen(word) >= options[i].shortest && matches(word, options[i].word))
			return options[i].opt;
	return OPT_NONE;
}

int main(int argc, char **argv)
{
	const char *batch = NULL, *slice = NULL;
	bool force = false;
	int i, err;

	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		enum opt opt = find_option(argv[i]);

		switch (opt) {
		case OPT_NETNS:
		case OPT_SLICE:
		case OPT_BATCH:
			if (++i == argc) {
				err_msg("option \"%s\" needs %s", argv[i - 1],
					opt == OPT_BATCH ? "a FILE" : "a SLICE");
				return EXIT_USAGE;
			}
			if (opt == OPT_BATCH)
				batch = argv[i];
			else
				slice = argv[i];
			break;
		case OPT_JSON:
			egrectl_opts.json = true;
			break;
		case OPT_PRETTY:
			egrectl_opts.pretty = true;
			break;
		case OPT_BRIEF:
			egrectl_opts.brief = true;
			break;
		case OPT_DETAILS:
			egrectl_opts.details = true;
			break;
		case OPT_STATS:
			egrectl_opts.stats++;
			break;
		case OPT_INET:
			egrectl_opts.family = AF_INET;
			break;
		case OPT_INET6:
			egrectl_opts.family = AF_INET6;
			break;
		case OPT_FORCE:
			force = true;
			break;
		case OPT_VERSION:
			printf("egrectl %s\n", TRELLIS_VERSION);
			return 0;
		case OPT_HELP:
			usage(stdout);
			return 0;
		case OPT_NONE:
			err_msg("unknown option \"%s\" (try: egrectl -help)", argv[i]);
			return EXIT_USAGE;
		}
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
