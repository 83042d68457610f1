// SPDX-License-Identifier: GPL-2.0
/*
 * egrectl: builds trellis slices, links, routes and shaping.
 *
 * The dispatcher only: global options, then "egrectl OBJECT [ARGS]" with
 * iproute2-style abbreviations (the first command in the table that the
 * word is a prefix of wins).
 */
#include <stdio.h>
#include <string.h>

#include "egrectl.h"
#include "util.h"

#ifndef TRELLIS_VERSION
#error "TRELLIS_VERSION comes from the top-level VERSION file (see Makefile)"
#endif

static const struct egrectl_cmd *const commands[] = {
	&egrectl_cmd_link,
	&egrectl_cmd_info,
};

#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: egrectl [OPTIONS] COMMAND [ARGS]\n"
		"       egrectl help [COMMAND]\n"
		"\n"
		"Options:\n"
		"  -j, -json      print JSON\n"
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

int main(int argc, char **argv)
{
	const struct egrectl_cmd *cmd;
	int i;

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
		err_msg("unknown option \"%s\"", argv[i]);
		usage(stderr);
		return EXIT_USAGE;
	}
	if (i == argc) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (matches(argv[i], "help"))
		return help(argc - i - 1, argv + i + 1);
	cmd = find_command(argv[i]);
	if (!cmd) {
		err_msg("unknown command \"%s\"", argv[i]);
		usage(stderr);
		return EXIT_USAGE;
	}
	return cmd->run(argc - i - 1, argv + i + 1);
}
