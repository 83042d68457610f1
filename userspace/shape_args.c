// SPDX-License-Identifier: GPL-2.0
/*
 * The words of a shape ("rate 10mbit delay 5ms loss 1% dir egress"),
 * parsed and checked: what egrectl link set ... shape and a topology
 * file's shaping both take. Nothing here touches the kernel.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "shape_args.h"
#include "util.h"

#define DEFAULT_LIMIT		1000		/* netem packets, as tc */
#define MIN_BURST		1600		/* one full frame */
#define MAX_TIME_NS		100000000000ULL	/* 100 s */

/* A number and the rest of the word: no sign, no blanks, finite. */
static int parse_number(const char *s, double *v, char **unit)
{
	if (!isdigit((unsigned char)s[0]) && s[0] != '.')
		return -EINVAL;
	errno = 0;
	*v = strtod(s, unit);
	if (errno || !isfinite(*v) || *unit == s)
		return -EINVAL;
	return 0;
}

/* values are checked non-negative and in range before this */
static uint64_t round_u64(double v)
{
	return (uint64_t)(v + 0.5);
}

struct unit {
	const char *name;
	double scale;
};

static int parse_unit(const char *s, const struct unit *units, double *v)
{
	char *unit;

	if (parse_number(s, v, &unit))
		return -EINVAL;
	for (; units->name; units++) {
		if (!strcasecmp(unit, units->name)) {
			*v *= units->scale;
			return 0;
		}
	}
	return -EINVAL;
}

/* in bits per second; a bare number is bits, as in tc */
static const struct unit rate_units[] = {
	{ "", 1 }, { "bit", 1 }, { "kbit", 1e3 }, { "mbit", 1e6 }, { "gbit", 1e9 },
	{ "kibit", 1024.0 }, { "mibit", 1024.0 * 1024 }, { "gibit", 1024.0 * 1024 * 1024 },
	{ "bps", 8 }, { "kbps", 8e3 }, { "mbps", 8e6 }, { "gbps", 8e9 },
	{ "kibps", 8 * 1024.0 }, { "mibps", 8 * 1024.0 * 1024 }, { NULL, 0 },
};

/* in bytes; k, m, g are binary, as in tc */
static const struct unit size_units[] = {
	{ "", 1 }, { "b", 1 }, { "k", 1024 }, { "kb", 1024 }, { "m", 1024 * 1024 },
	{ "mb", 1024 * 1024 }, { "g", 1024.0 * 1024 * 1024 }, { "gb", 1024.0 * 1024 * 1024 },
	{ "kbit", 1024 / 8.0 }, { "mbit", 1024 * 1024 / 8.0 }, { NULL, 0 },
};

/* in nanoseconds; a bare number is microseconds, as in tc */
static const struct unit time_units[] = {
	{ "", 1e3 }, { "s", 1e9 }, { "sec", 1e9 }, { "secs", 1e9 }, { "ms", 1e6 },
	{ "msec", 1e6 }, { "msecs", 1e6 }, { "us", 1e3 }, { "usec", 1e3 },
	{ "usecs", 1e3 }, { "ns", 1 }, { "nsec", 1 }, { "nsecs", 1 }, { NULL, 0 },
};

static const struct unit percent_units[] = { { "", 1 }, { "%", 1 }, { NULL, 0 } };

__attribute__((format(printf, 2, 3)))
static int shape_err(struct shape_req *q, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(q->err, sizeof(q->err), fmt, ap);
	va_end(ap);
	return -EINVAL;
}

static int bad_value(struct shape_req *q, const char *word, const char *val, const char *want)
{
	return shape_err(q, "%s \"%s\" is not %s", word, val, want);
}

static int parse_percent(struct shape_req *q, const char *word, const char *val, uint32_t *prob)
{
	double v;

	if (parse_unit(val, percent_units, &v) || v > 100)
		return bad_value(q, word, val, "a percentage 0..100% (e.g. 20%, 0.5%)");
	*prob = (uint32_t)round_u64(v / 100 * UINT32_MAX);
	return 0;
}

static int parse_time(struct shape_req *q, const char *word, const char *val, uint64_t *ns)
{
	double v;

	if (parse_unit(val, time_units, &v) || v > MAX_TIME_NS)
		return bad_value(q, word, val, "a time up to 100s (e.g. 100ms, 1s, 500us)");
	*ns = (uint64_t)round_u64(v);
	return 0;
}

static int parse_dir(const char *val, struct shape_req *q)
{
	if (matches(val, "egress")) {
		q->dir[EGRESS] = true;
	} else if (matches(val, "ingress")) {
		q->dir[INGRESS] = true;
	} else if (matches(val, "both")) {
		q->dir[EGRESS] = q->dir[INGRESS] = true;
	} else
		return shape_err(q, "unknown dir \"%s\" (egress, ingress or both)", val);
	return 0;
}

static int parse_value(const char *word, const char *val, struct shape_req *q)
{
	struct tc_shape *s = &q->s;
	double v;

	if (!strcmp(word, "dir"))
		return parse_dir(val, q);
	if (!strcmp(word, "rate")) {
		/* libnl's tbf takes bytes per second as an int */
		if (parse_unit(val, rate_units, &v) || v < 8 || v / 8 > INT32_MAX)
			return bad_value(q, word, val, "a rate from 8bit to 17gbit (e.g. 10mbit, 500kbps)");
		s->has_rate = true;
		s->rate = (uint64_t)round_u64(v / 8);
		return 0;
	}
	if (!strcmp(word, "burst")) {
		if (parse_unit(val, size_units, &v) || v < MIN_BURST || v > INT32_MAX)
			return bad_value(q, word, val, "a size from 1600 bytes to 2gb (e.g. 32kb)");
		q->has_burst = true;
		s->burst = (uint32_t)round_u64(v);
		return 0;
	}
	if (!strcmp(word, "delay")) {
		q->has_delay = true;
		return parse_time(q, word, val, &s->delay_ns);
	}
	if (!strcmp(word, "jitter")) {
		q->has_jitter = true;
		return parse_time(q, word, val, &s->jitter_ns);
	}
	if (!strcmp(word, "loss"))
		return parse_percent(q, word, val, &s->loss);
	if (!strcmp(word, "corrupt"))
		return parse_percent(q, word, val, &s->corrupt);
	if (!strcmp(word, "duplicate"))
		return parse_percent(q, word, val, &s->duplicate);
	if (!strcmp(word, "reorder"))
		return parse_percent(q, word, val, &s->reorder);
	/* limit */
	if (parse_unit(val, percent_units, &v) || v != (double)(uint64_t)v || v < 1 || v > INT32_MAX ||
	    strchr(val, '%'))
		return bad_value(q, word, val, "a number of packets (1 or more)");
	s->limit = (uint32_t)v;
	return 0;
}

static const char *const value_words[] = {
	"dir", "rate", "burst", "delay", "jitter", "loss", "corrupt", "duplicate",
	"reorder", "limit", NULL,
};

int shape_args_parse(int argc, char **argv, struct shape_req *q)
{
	bool params = false;
	int i = 0, err;

	memset(q, 0, sizeof(*q));
	if (argc > 0 && !strcmp(argv[0], "none")) {
		q->none = true;
		i = 1;
	}
	for (; i < argc; i += 2) {
		const char *word = keyword(argv[i], value_words);

		if (!word)
			return shape_err(q, "unknown argument \"%s\"", argv[i]);
		if (i + 1 == argc)
			return shape_err(q, "\"%s\" needs a value", word);
		params |= strcmp(word, "dir") != 0;
		err = parse_value(word, argv[i + 1], q);
		if (err)
			return err;
	}
	if (!q->dir[EGRESS] && !q->dir[INGRESS])
		q->dir[EGRESS] = q->dir[INGRESS] = true;
	if (q->none && params)
		return shape_err(q, "\"none\" takes only dir");
	if (!q->none && !params)
		return shape_err(q, "give none, or one or more of rate, delay, loss, corrupt, duplicate, reorder, limit");
	if (q->has_jitter && !q->has_delay)
		return shape_err(q, "jitter needs a delay");
	if (q->has_burst && !q->s.has_rate)
		return shape_err(q, "burst needs a rate");
	if (q->s.reorder && !q->s.delay_ns)
		return shape_err(q, "reorder needs a delay (the others are held back by it)");
	if (!q->s.limit)
		q->s.limit = DEFAULT_LIMIT;
	if (q->s.has_rate) {
		/*
		 * 50 ms at the rate: tokens beyond the burst are lost, so a
		 * timer that wakes tbf late (a busy host, a VM) must not cost rate
		 */
		if (!q->has_burst)
			q->s.burst = q->s.rate / 20 > MIN_BURST ? (uint32_t)(q->s.rate / 20) :
				     MIN_BURST;
		/* the queue holds another 100 ms */
		q->s.queue = q->s.burst + (q->s.rate / 10 > 16384 ? (uint32_t)(q->s.rate / 10) : 16384);
	}
	return 0;
}
