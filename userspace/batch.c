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
#include "nl.h"
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
 * The line running now, its stderr caught, so that a failure is reported
 * as one line that says where it came from; also when the line ends the
 * process (exit, as in_slice does when it cannot leave a slice).
 */
static struct {
	const char *path;
	unsigned long lineno;
	FILE *saved, *mem;
	char *text;
	size_t len;
} line_now;

/* Ends the catch; a failure's first line goes out as FILE:LINE: error. */
static void line_report(int rc)
{
	const char *msg;

	if (line_now.mem) {
		stderr = line_now.saved;
		fclose(line_now.mem);
		line_now.mem = NULL;
	}
	if (rc == 0) {
		if (line_now.len)
			fputs(line_now.text, stderr);	/* warnings of a line that worked */
	} else if (line_now.len) {
		/* its first line, the error; the usage text after it is for a terminal */
		line_now.text[strcspn(line_now.text, "\n")] = '\0';
		msg = line_now.text;
		if (!strncmp(msg, "egrectl: ", 9))
			msg += 9;
		err_msg("%s:%lu: %s", line_now.path, line_now.lineno, msg);
	} else {
		err_msg("%s:%lu: failed (exit %d)", line_now.path, line_now.lineno, rc);
	}
	free(line_now.text);
	line_now.text = NULL;
	line_now.len = 0;
	line_now.path = NULL;
}

/* atexit: a line that exits the process still says where it failed. */
static bool at_exit_set;

static void line_report_at_exit(void)
{
	if (line_now.path)
		line_report(EXIT_RUNTIME);
}

/* Runs one line; returns the command's exit code. */
static int run_line(const char *path, unsigned long lineno, int argc, char **argv,
		    batch_run_fn run)
{
	int rc;

	line_now.path = path;
	line_now.lineno = lineno;
	line_now.saved = stderr;
	line_now.mem = open_memstream(&line_now.text, &line_now.len);
	if (line_now.mem)
		stderr = line_now.mem;
	rc = run(argc, argv);
	line_report(rc);
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
	if (!at_exit_set)
		at_exit_set = atexit(line_report_at_exit) == 0;
	conn_keep_sockets(true);
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
	conn_keep_sockets(false);
	free(argv);
	free(line);
	if (!from_stdin)
		fclose(f);
	return status;
}
