/* SPDX-License-Identifier: GPL-2.0 */
/*
 * egrectl -batch FILE: one command a line, run in this process with the
 * netlink sockets kept open between lines.
 */
#ifndef EGRECTL_BATCH_H
#define EGRECTL_BATCH_H

#include <stdbool.h>
#include <stddef.h>

/* Runs one command: argv[0] is the command word ("link"); returns its exit code. */
typedef int (*batch_run_fn)(int argc, char **argv);

/*
 * Runs each line of @path ("-" is stdin) through @run. Blank lines and
 * lines starting with # are skipped. The first failing line stops the run
 * and is reported as "egrectl: FILE:LINE: <its one-line error>"; with
 * @force every line runs. Returns 0, or the exit code of the first failing
 * line (EXIT_USAGE when @path cannot be read).
 */
int batch_run(const char *path, bool force, batch_run_fn run);

/*
 * Splits @line in place into words: blanks separate, "..." and '...' quote,
 * a word starting with # ends the line. Returns the number of words (0 for
 * an empty line) with *argv pointing into @line and NULL-terminated, -EINVAL
 * for an unterminated quote, -ENOMEM. *argv and *cap are reused between
 * calls; free(*argv) when done.
 */
int batch_split(char *line, char ***argv, size_t *cap);

#endif
