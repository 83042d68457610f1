/* SPDX-License-Identifier: GPL-2.0 */
/* Small helpers every egrectl command uses: argument matching and errors. */
#ifndef EGRECTL_UTIL_H
#define EGRECTL_UTIL_H

#include <stdbool.h>
#include <stddef.h>

/* Exit codes: usage errors are the caller's, runtime errors the system's. */
#define EXIT_USAGE	1
#define EXIT_RUNTIME	2

/*
 * iproute2-style abbreviation: true when @arg is a non-empty prefix of
 * @word ("i" and "inf" match "info").
 */
bool matches(const char *arg, const char *word);

/*
 * The keyword of NULL-terminated @words that @arg names: the one it
 * equals, else the only one it is a prefix of ("tab" is "table"); NULL
 * when none or several.
 */
const char *keyword(const char *arg, const char *const *words);

/*
 * Grows the array *@array of *@n elements of @size bytes by one, zeroed:
 * returns the new element, or NULL (and the array as it was) when out of
 * memory.
 */
void *list_append(void **array, size_t *n, size_t size);

/*
 * A whole number from @min to @max in @base (0: decimal, 0x hex or 0
 * octal, as strtoull reads them), the whole of @s: no sign, blank or
 * trailing text. False, and *@v untouched, for anything else.
 */
bool parse_uint(const char *s, int base, unsigned long long min,
		unsigned long long max, unsigned long long *v);

/* Prints "egrectl: " and the message on one line to stderr. */
void err_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
