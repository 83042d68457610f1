/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One output layer for every command: the command emits its data once, as
 * named values inside objects and arrays, and this prints it either as
 * JSON (-j) or as indented "key: value" text.
 */
#ifndef EGRECTL_OUTPUT_H
#define EGRECTL_OUTPUT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

void out_init(FILE *f, bool json);
/* Flushes what is pending (the closing newline of a JSON document). */
void out_finish(void);

/* @key is NULL for the top-level object and for elements of an array. */
void out_object_begin(const char *key);
void out_object_end(void);
void out_array_begin(const char *key);
void out_array_end(void);

void out_string(const char *key, const char *value);
void out_u64(const char *key, uint64_t value);
void out_bool(const char *key, bool value);
/* A number with a fraction (percentages): at most six significant digits. */
void out_double(const char *key, double value);

#endif
