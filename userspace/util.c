// SPDX-License-Identifier: GPL-2.0
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

void err_msg(const char *fmt, ...)
{
	va_list ap;

	fputs("egrectl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}
