// SPDX-License-Identifier: GPL-2.0
/*
 * egrectl -batch FILE: iproute2's batch mode. Each line is run by the same
 * dispatcher as a command line; the rtnetlink and generic netlink sockets
 * stay open from one line to the next, so a file of a thousand "link add"
 * lines costs a thousand requests, not a thousand processes and sockets.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "egrectl.h"
#include "genl.h"
#include "rtnl.h"
#include "util.h"

static int push(char ***argv, size_t *cap, int argc, char *word)
{
	if ((size_t)argc + 2 > *cap) {
		size_t n = *cap ? *cap * 2 : 16;
		char **grown = realloc(*argv, n * sizeof(**argv));

		if (!grown)
			return -ENOMEM;
		*argv = grown;
		*cap = n;
	}
	(*argv)[argc] = word;
	(*argv)[argc + 1] = NULL;
	return 0;
}

int batch_split(char *line, char ***argv, size_t *cap)
{
	char *p = line;
	int argc = 0;

	if (push(argv, cap, 0, NULL))
		return -ENOMEM;
	for (;;) {
		char *word, *out;

		while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
			p++;
		if (!*p || *p == '#')
			return argc;
		/* the word is copied onto itself without its quotes */
		word = out = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n') {
			char quote = *p;

			if (quote != '"' && quote != '\'') {
				*out++ = *p++;
				continue;
			}
			for (p++; *p && *p != quote; )
				*out++ = *p++;
			if (!*p)
				return -EINVAL;
			p++;
		}
		if (*p)
			p++;
		*out = '\0';
		if (push(argv, cap, argc++, word))
			return -ENOMEM;
	}
}

/*
 * Runs one line with its stderr caught, so that a failure is reported as
 * one line that says where it came from. Returns the command's exit code.
 */
static int run_line(const char *path, unsigned long lineno, int argc, char **argv,
		    batch_run_fn run)
{
	FILE *saved = stderr;
	char *text = NULL;
	size_t len = 0;
	const char *msg;
	FILE *mem;
	int rc;

	mem = open_memstream(&text, &len);
	if (mem)
		stderr = mem;
	rc = run(argc, argv);
	if (mem) {
		stderr = saved;
		fclose(mem);
	}
	if (rc == 0) {
		if (len)
			fputs(text, stderr);	/* warnings of a line that worked */
		free(text);
		return 0;
	}
	if (len) {
		/* its first line, the error; the usage text after it is for a terminal */
		text[strcspn(text, "\n")] = '\0';
		msg = text;
		if (!strncmp(msg, "egrectl: ", 9))
			msg += 9;
		err_msg("%s:%lu: %s", path, lineno, msg);
	} else {
		err_msg("%s:%lu: failed (exit %d)", path, lineno, rc);
	}
	free(text);
	return rc;
}

int batch_run(const char *path, bool force, batch_run_fn run)
{
	struct egrectl_opts opts = egrectl_opts;
	bool from_stdin = !strcmp(path, "-");
	unsigned long lineno = 0;
	char *line = NULL, **argv = NULL;
	size_t line_cap = 0, argv_cap = 0;
	int status = 0;
	FILE *f;

	f = from_stdin ? stdin : fopen(path, "r");
	if (!f) {
		err_msg("cannot open batch file \"%s\": %s", path, strerror(errno));
		return EXIT_USAGE;
	}
	rtnl_keep_socket(true);
	trellis_genl_keep_socket(true);
	while (getline(&line, &line_cap, f) >= 0) {
		int argc, rc;

		lineno++;
		argc = batch_split(line, &argv, &argv_cap);
		if (argc == 0)
			continue;
		if (argc < 0) {
			err_msg("%s:%lu: %s", path, lineno,
				argc == -EINVAL ? "unterminated quote" : strerror(-argc));
			rc = argc == -EINVAL ? EXIT_USAGE : EXIT_RUNTIME;
		} else {
			/* a line's -j is its own: each starts from the global options */
			egrectl_opts = opts;
			rc = run_line(path, lineno, argc, argv, run);
		}
		fflush(stdout);
		if (rc && !status)
			status = rc;
		if (rc && !force)
			break;
	}
	if (ferror(f) && !status) {
		err_msg("%s: read error: %s", path, strerror(errno));
		status = EXIT_RUNTIME;
	}
	egrectl_opts = opts;
	rtnl_keep_socket(false);
	trellis_genl_keep_socket(false);
	free(argv);
	free(line);
	if (!from_stdin)
		fclose(f);
	return status;
}
