/* SPDX-License-Identifier: GPL-2.0 */
/* A topology file's YAML, read into the model of topo_model.h. */
#ifndef EGRECTL_TOPO_PARSE_H
#define EGRECTL_TOPO_PARSE_H

#include <stdio.h>

#include "topo_model.h"

/*
 * Parses the YAML text of @f into @t (@file names it in messages). Every
 * problem of form (syntax, a wrong type, an unknown or missing field, a
 * repeated key, a bad name, number or address) is appended to @e; what
 * the file means as a whole is topo_check's. Returns 0 when @e gained
 * nothing. @t is filled as far as it could be and must be freed either way.
 */
int topo_parse(FILE *f, const char *file, struct topo *t, struct topo_errors *e);

/* The same from the @len bytes at @buf, and from a string (the unit tests). */
int topo_parse_bytes(const char *buf, size_t len, const char *file, struct topo *t,
		     struct topo_errors *e);
int topo_parse_string(const char *yaml, const char *file, struct topo *t,
		      struct topo_errors *e);

#endif
