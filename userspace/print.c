// SPDX-License-Identifier: GPL-2.0
/* Text and JSON from one set of calls (print.h). */
#include <inttypes.h>
#include <stdarg.h>
#include <string.h>

#include "print.h"

#define PRINT_MAX_DEPTH 16

static struct {
	FILE *f;
	bool json;
	bool pretty;
	int depth;
	bool first[PRINT_MAX_DEPTH];	/* nothing in this container yet */
	bool array[PRINT_MAX_DEPTH];
} pr = { .f = NULL };

void print_start(FILE *f, bool json, bool pretty)
{
	memset(&pr, 0, sizeof(pr));
	pr.f = f;
	pr.json = json;
	pr.pretty = json && pretty;
}

void print_finish(void)
{
	fflush(pr.f);
}

/* A JSON string with its quotes and escapes. */
static void print_json_string(FILE *f, const char *s)
{
	const unsigned char *p;

	fputc('"', f);
	for (p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"':
			fputs("\\\"", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		case '\r':
			fputs("\\r", f);
			break;
		default:
			if (*p < 0x20)
				fprintf(f, "\\u%04x", *p);
			else
				fputc(*p, f);
		}
	}
	fputc('"', f);
}

static void newline_indent(void)
{
	fputc('\n', pr.f);
	for (int i = 0; i < pr.depth; i++)
		fputs("    ", pr.f);
}

/* The separator and key before a JSON value. */
static void member(const char *key)
{
	if (pr.depth > 0) {
		if (!pr.first[pr.depth])
			fputc(',', pr.f);
		pr.first[pr.depth] = false;
		if (pr.pretty)
			newline_indent();
	}
	if (key && pr.depth > 0 && !pr.array[pr.depth]) {
		print_json_string(pr.f, key);
		fputs(pr.pretty ? ": " : ":", pr.f);
	}
}

static void container_open(const char *key, bool array)
{
	if (!pr.json)
		return;
	member(key);
	fputc(array ? '[' : '{', pr.f);
	if (pr.depth + 1 < PRINT_MAX_DEPTH)
		pr.depth++;
	pr.first[pr.depth] = true;
	pr.array[pr.depth] = array;
}

static void container_close(bool array)
{
	bool empty;

	if (!pr.json)
		return;
	empty = pr.first[pr.depth];
	if (pr.depth > 0)
		pr.depth--;
	if (pr.pretty && !empty)
		newline_indent();
	fputc(array ? ']' : '}', pr.f);
	if (pr.depth == 0)
		fputc('\n', pr.f);
}

void print_open_object(const char *key)
{
	container_open(key, false);
}

void print_close_object(void)
{
	container_close(false);
}

void print_open_array(const char *key)
{
	container_open(key, true);
}

void print_close_array(void)
{
	container_close(true);
}

/*
 * Whether this call prints in this run's mode. In JSON, a value needs a
 * key inside an object: one without (a text-only word) is not printed.
 */
static bool wanted(enum print_to to)
{
	return to == PRINT_ANY || (to == PRINT_JSON) == pr.json;
}

static bool wanted_value(enum print_to to, const char *key)
{
	if (!wanted(to))
		return false;
	return !pr.json || key || pr.depth == 0 || pr.array[pr.depth];
}

void print_string(enum print_to to, const char *key, const char *fmt,
		  const char *value)
{
	if (!wanted_value(to, key) || !value)
		return;
	if (pr.json) {
		member(key);
		print_json_string(pr.f, value);
	} else if (fmt) {
		fprintf(pr.f, fmt, value);
	}
}

/* A number: @json_fmt in JSON, @fmt in text, of the one variadic value. */
static void print_number(enum print_to to, const char *key, const char *fmt,
			 const char *json_fmt, ...)
{
	va_list ap;

	if (!wanted_value(to, key))
		return;
	va_start(ap, json_fmt);
	if (pr.json) {
		member(key);
		vfprintf(pr.f, json_fmt, ap);
	} else if (fmt) {
		vfprintf(pr.f, fmt, ap);
	}
	va_end(ap);
}

void print_u64(enum print_to to, const char *key, const char *fmt, uint64_t value)
{
	print_number(to, key, fmt, "%" PRIu64, value);
}

void print_double(enum print_to to, const char *key, const char *fmt, double value)
{
	print_number(to, key, fmt, "%.6g", value);
}

void print_flag(enum print_to to, const char *key, const char *word, bool value)
{
	if (!wanted_value(to, key))
		return;
	if (pr.json) {
		member(key);
		fputs(value ? "true" : "false", pr.f);
	} else if (value && word) {
		fputs(word, pr.f);
	}
}

void print_text(const char *text)
{
	if (!pr.json)
		fputs(text, pr.f);
}

void print_nl(void)
{
	if (!pr.json)
		fputc('\n', pr.f);
}

void print_dev_counters(enum print_to to, const char *label, const struct dev_counters *c)
{
	const char *line = label ? "\n    %s " : "\n    %s";

	if (!wanted(to))
		return;
	if (!label)
		label = "";
	print_open_object("stats");
	print_string(PRINT_TEXT, NULL, line, label);
	print_u64(to, "rx_packets", "RX: packets %" PRIu64, c->rx_packets);
	print_u64(to, "rx_bytes", " bytes %" PRIu64, c->rx_bytes);
	print_u64(to, "rx_errors", " errors %" PRIu64, c->rx_errors);
	print_u64(to, "rx_dropped", " dropped %" PRIu64, c->rx_dropped);
	print_string(PRINT_TEXT, NULL, line, label);
	print_u64(to, "tx_packets", "TX: packets %" PRIu64, c->tx_packets);
	print_u64(to, "tx_bytes", " bytes %" PRIu64, c->tx_bytes);
	print_u64(to, "tx_errors", " errors %" PRIu64, c->tx_errors);
	print_u64(to, "tx_dropped", " dropped %" PRIu64, c->tx_dropped);
	print_close_object();
}
