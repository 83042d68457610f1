// SPDX-License-Identifier: GPL-2.0
#include <inttypes.h>
#include <string.h>

#include "output.h"

#define OUT_MAX_DEPTH 16

/*
 * Text mode prints objects as indented "key: value" lines and arrays of
 * scalars on one line ("features: egre shortbridge", or "none" when empty).
 */
static struct {
	FILE *f;
	bool json;
	int depth;
	bool first[OUT_MAX_DEPTH];	/* no element printed yet at this depth */
	bool in_array[OUT_MAX_DEPTH];
} out;

void out_init(FILE *f, bool json)
{
	memset(&out, 0, sizeof(out));
	out.f = f;
	out.json = json;
}

void out_finish(void)
{
	fflush(out.f);
}

static void json_string(const char *s)
{
	const unsigned char *p;

	fputc('"', out.f);
	for (p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"':
			fputs("\\\"", out.f);
			break;
		case '\\':
			fputs("\\\\", out.f);
			break;
		case '\n':
			fputs("\\n", out.f);
			break;
		case '\t':
			fputs("\\t", out.f);
			break;
		case '\r':
			fputs("\\r", out.f);
			break;
		default:
			if (*p < 0x20)
				fprintf(out.f, "\\u%04x", *p);
			else
				fputc(*p, out.f);
		}
	}
	fputc('"', out.f);
}

static void text_indent(void)
{
	int objects = 0;

	/* one step per enclosing object but the outermost; lists add none */
	for (int i = 1; i <= out.depth; i++)
		objects += !out.in_array[i];
	for (int i = 1; i < objects; i++)
		fputs("    ", out.f);
}

/* Starts one element: separator, key, and for text the indent. */
static void element_begin(const char *key)
{
	bool array = out.depth > 0 && out.in_array[out.depth];
	bool first = out.depth > 0 ? out.first[out.depth] : true;

	if (out.depth > 0)
		out.first[out.depth] = false;
	if (out.json) {
		if (!first)
			fputc(',', out.f);
		if (key && !array) {
			json_string(key);
			fputc(':', out.f);
		}
		return;
	}
	if (array) {
		if (!first)
			fputc(' ', out.f);
		return;
	}
	if (key) {
		text_indent();
		fprintf(out.f, "%s: ", key);
	}
}

static void element_end(void)
{
	bool array = out.depth > 0 && out.in_array[out.depth];

	if (!out.json && !array)
		fputc('\n', out.f);
}

static void push(bool array)
{
	if (out.depth + 1 < OUT_MAX_DEPTH)
		out.depth++;
	out.first[out.depth] = true;
	out.in_array[out.depth] = array;
}

void out_object_begin(const char *key)
{
	if (out.json) {
		element_begin(key);
		fputc('{', out.f);
	} else if (key) {
		text_indent();
		fprintf(out.f, "%s:\n", key);
	} else if (out.depth > 0 && !out.first[out.depth]) {
		fputc('\n', out.f);	/* a blank line between listed objects */
	}
	if (out.depth > 0)
		out.first[out.depth] = false;
	push(false);
}

void out_object_end(void)
{
	if (out.depth > 0)
		out.depth--;
	if (out.json) {
		fputc('}', out.f);
		if (out.depth == 0)
			fputc('\n', out.f);
	}
}

void out_array_begin(const char *key)
{
	element_begin(key);
	if (out.json)
		fputc('[', out.f);
	push(true);
}

void out_array_end(void)
{
	bool empty = out.first[out.depth];

	if (out.depth > 0)
		out.depth--;
	if (out.json) {
		fputc(']', out.f);
		if (out.depth == 0)
			fputc('\n', out.f);
		return;
	}
	if (out.depth == 0)
		return;	/* a top-level list: its objects said it all */
	if (empty)
		fputs("none", out.f);
	element_end();
}

void out_string(const char *key, const char *value)
{
	element_begin(key);
	if (out.json)
		json_string(value);
	else
		fputs(value, out.f);
	element_end();
}

void out_u64(const char *key, uint64_t value)
{
	element_begin(key);
	fprintf(out.f, "%" PRIu64, value);
	element_end();
}

void out_bool(const char *key, bool value)
{
	element_begin(key);
	if (out.json)
		fputs(value ? "true" : "false", out.f);
	else
		fputs(value ? "yes" : "no", out.f);
	element_end();
}

void out_double(const char *key, double value)
{
	element_begin(key);
	fprintf(out.f, "%.6g", value);
	element_end();
}
