// SPDX-License-Identifier: GPL-2.0
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

bool matches(const char *arg, const char *word)
{
	size_t len = strlen(arg);

	return len > 0 && len <= strlen(word) && strncmp(arg, word, len) == 0;
}

const char *keyword(const char *arg, const char *const *words)
{
	const char *found = NULL;

	for (const char *const *w = words; *w; w++)
		if (!strcmp(arg, *w))
			return *w;
	for (const char *const *w = words; *w; w++) {
		if (matches(arg, *w)) {
			if (found)
				return NULL;	/* ambiguous */
			found = *w;
		}
	}
	return found;
}

void *list_append(void **array, size_t *n, size_t size)
{
	char *grown = realloc(*array, (*n + 1) * size);

	if (!grown)
		return NULL;
	*array = grown;
	memset(grown + *n * size, 0, size);
	return grown + (*n)++ * size;
}

bool parse_uint(const char *s, int base, unsigned long long min,
		unsigned long long max, unsigned long long *v)
{
	unsigned long long n;
	char *end;

	if (!isdigit((unsigned char)s[0]))
		return false;	/* strtoull would take "-1" and " 1" */
	errno = 0;
	n = strtoull(s, &end, base);
	if (errno || *end || n < min || n > max)
		return false;
	*v = n;
	return true;
}

void err_msg(const char *fmt, ...)
{
	va_list ap;

	fputs("egrectl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}
