/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One print layer for every command, in the manner of iproute2: one call
 * prints a field both ways, as text through a printf format and as a typed
 * JSON member under a key. Which of the two is chosen once, by -j (and -p
 * for indented JSON). Text is one line per object, as `ip` prints it;
 * print_nl() ends the line. A value that is absent is not printed at all.
 */
#ifndef EGRECTL_PRINT_H
#define EGRECTL_PRINT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "counters.h"

/* Which output a call is for: both, or only one of them. */
enum print_to {
	PRINT_ANY,
	PRINT_TEXT,
	PRINT_JSON,
};

void print_start(FILE *f, bool json, bool pretty);
/* Ends the document (JSON's closing newline) and flushes. */
void print_finish(void);

/*
 * Objects and arrays exist in JSON only; @key is NULL at the top level
 * and for the elements of an array.
 */
void print_open_object(const char *key);
void print_close_object(void);
void print_open_array(const char *key);
void print_close_array(void);

/* @fmt is the text form (one %s, or the number's conversion); NULL: none. */
void print_string(enum print_to to, const char *key, const char *fmt,
		  const char *value);
void print_u64(enum print_to to, const char *key, const char *fmt, uint64_t value);
void print_double(enum print_to to, const char *key, const char *fmt, double value);
/* JSON true or false; in text, @word when true, nothing when false. */
void print_flag(enum print_to to, const char *key, const char *word, bool value);
/* Text only: a literal, and the end of a line. */
void print_text(const char *text);
void print_nl(void);

/*
 * A device's counters: "stats" in JSON, an RX and a TX line in text (-s),
 * each after @label when there is one.
 */
void print_dev_counters(enum print_to to, const char *label, const struct dev_counters *c);

#endif
