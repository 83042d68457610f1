// SPDX-License-Identifier: GPL-2.0
/*
 * egrectl route's command line: the words after add/del/replace/show into a
 * struct route_req, every mistake that can be seen here reported on one
 * line before anything reaches the kernel.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/rtnetlink.h>

#include "egrectl.h"
#include "route_args.h"
#include "util.h"

unsigned int route_addr_len(int family)
{
	return family == AF_INET6 ? 16 : 4;
}

static const char *family_name(int family)
{
	return family == AF_INET6 ? "IPv6" : "IPv4";
}

/* Parses ADDR of either family into @buf; returns the family or 0. */
static int parse_addr(const char *s, unsigned char *buf)
{
	if (inet_pton(AF_INET, s, buf) == 1)
		return AF_INET;
	if (inet_pton(AF_INET6, s, buf) == 1)
		return AF_INET6;
	return 0;
}

static bool parse_u32(const char *s, uint32_t *v)
{
	unsigned long long n;

	if (!parse_uint(s, 10, 0, UINT32_MAX, &n))
		return false;
	*v = (uint32_t)n;
	return true;
}

static int parse_prefix(struct route_req *q, const char *s)
{
	char addr[INET6_ADDRSTRLEN + 8];
	const char *slash = strchr(s, '/');
	unsigned int max, bits;
	uint32_t len;

	q->prefix_arg = s;
	q->has_prefix = true;
	if (!strcmp(s, "default")) {
		q->default_route = true;
		q->dst_len = 0;
		memset(q->dst, 0, sizeof(q->dst));
		return 0;
	}
	if ((slash ? (size_t)(slash - s) : strlen(s)) >= sizeof(addr))
		goto bad;
	snprintf(addr, sizeof(addr), "%.*s", slash ? (int)(slash - s) : (int)strlen(s), s);
	q->family = parse_addr(addr, q->dst);
	if (!q->family)
		goto bad;
	max = route_addr_len(q->family) * 8;
	if (slash && (!parse_u32(slash + 1, &len) || len > max))
		goto bad;
	q->dst_len = slash ? len : max;
	/* the kernel takes host bits silently for IPv6 and refuses them for IPv4 */
	for (bits = q->dst_len; bits < max; bits++) {
		if (q->dst[bits / 8] & (0x80 >> (bits % 8))) {
			err_msg("route %s: bad prefix \"%s\": host bits are set", q->verb, s);
			return EXIT_USAGE;
		}
	}
	return 0;
bad:
	err_msg("route %s: bad prefix \"%s\" (want ADDR/LEN, ADDR or default)", q->verb, s);
	return EXIT_USAGE;
}

static int parse_table(struct route_req *q, const char *s, bool all_ok)
{
	q->has_table = true;
	if (!strcmp(s, "main"))
		q->table = RT_TABLE_MAIN;
	else if (!strcmp(s, "local"))
		q->table = RT_TABLE_LOCAL;
	else if (!strcmp(s, "default"))
		q->table = RT_TABLE_DEFAULT;
	else if (all_ok && !strcmp(s, "all"))
		q->table = TABLE_ALL;
	else if (!parse_u32(s, &q->table) || q->table == 0) {
		err_msg("route %s: bad table \"%s\" (want 1..%u, main, local or default)",
			q->verb, s, UINT32_MAX);
		return EXIT_USAGE;
	}
	return 0;
}

/* One word of a route: returns 0, -1 if @word is not a route keyword, or an exit code. */
static int parse_keyword(struct route_req *q, const char *word, const char *val)
{
	static const char *const keywords[] = {
		"via", "dev", "metric", "priority", "preference", "table", NULL,
	};

	word = keyword(word, keywords);
	if (!word)
		return -1;
	if (!val) {
		err_msg("route %s: \"%s\" needs a value", q->verb, word);
		return EXIT_USAGE;
	}
	if (!strcmp(word, "via")) {
		if (q->has_gw)
			goto twice;
		q->gw_arg = val;
		q->has_gw = true;
		return 0;
	}
	if (!strcmp(word, "dev")) {
		if (q->dev_arg)
			goto twice;
		q->dev_arg = val;
		return 0;
	}
	if (!strcmp(word, "table")) {
		if (q->has_table)
			goto twice;
		return parse_table(q, val, false);
	}
	if (q->has_metric)
		goto twice;
	if (!parse_u32(val, &q->metric)) {
		err_msg("route %s: bad metric \"%s\" (want 0..%u)", q->verb, val, UINT32_MAX);
		return EXIT_USAGE;
	}
	q->has_metric = true;
	return 0;
twice:
	err_msg("route %s: \"%s\" given twice", q->verb, word);
	return EXIT_USAGE;
}

/* The family flags -4 / -6; true (and *family set) when @arg is one. */
static bool family_arg(const char *arg, int *family)
{
	if (!strcmp(arg, "-4") || !strcmp(arg, "-inet")) {
		*family = AF_INET;
		return true;
	}
	if (!strcmp(arg, "-6") || !strcmp(arg, "-inet6")) {
		*family = AF_INET6;
		return true;
	}
	return false;
}

static int unknown_arg(const struct route_req *q, const char *arg)
{
	err_msg("route %s: unknown argument \"%s\"", q->verb, arg);
	egrectl_usage_line(&egrectl_cmd_route);
	return EXIT_USAGE;
}

/* The PREFIX word at argv[*i], after iproute2's optional "to"; only one. */
static int prefix_word(struct route_req *q, int argc, char **argv, int *i)
{
	if (!strcmp(argv[*i], "to") && *i + 1 < argc)
		(*i)++;
	else if (argv[*i][0] == '-')
		return unknown_arg(q, argv[*i]);
	if (q->has_prefix)
		return unknown_arg(q, argv[*i]);
	return parse_prefix(q, argv[*i]);
}

/*
 * Parses the words after add/del/replace and checks them against each
 * other and against this namespace's devices. Returns 0 or an exit code
 * (its one line printed).
 */
int route_args_change(struct route_req *q, const char *verb, int argc, char **argv)
{
	int flag_family = egrectl_opts.family, gw_family;
	int err;

	memset(q, 0, sizeof(*q));
	q->verb = verb;
	for (int i = 0; i < argc; i++) {
		const char *val = i + 1 < argc ? argv[i + 1] : NULL;

		if (family_arg(argv[i], &flag_family))
			continue;
		err = parse_keyword(q, argv[i], val);
		if (err == 0) {
			i++;
			continue;
		}
		if (err > 0)
			return err;
		err = prefix_word(q, argc, argv, &i);
		if (err)
			return err;
	}
	if (!q->has_prefix) {
		err_msg("route %s: a PREFIX is needed (ADDR/LEN, ADDR or default)", q->verb);
		return EXIT_USAGE;
	}
	if (q->has_gw) {
		gw_family = parse_addr(q->gw_arg, q->gw);
		if (!gw_family) {
			err_msg("route %s: bad gateway \"%s\"", q->verb, q->gw_arg);
			return EXIT_USAGE;
		}
		if (q->default_route && !q->family)
			q->family = gw_family;
		if (gw_family != q->family) {
			err_msg("route %s: gateway %s is %s but prefix %s is %s", q->verb,
				q->gw_arg, family_name(gw_family), q->prefix_arg,
				family_name(q->family));
			return EXIT_USAGE;
		}
	}
	if (q->default_route && !q->family)
		q->family = flag_family ? flag_family : AF_INET;
	if (flag_family && flag_family != q->family) {
		err_msg("route %s: prefix %s is not %s", q->verb, q->prefix_arg,
			family_name(flag_family));
		return EXIT_USAGE;
	}
	if (q->dev_arg) {
		q->ifindex = strlen(q->dev_arg) < IFNAMSIZ ? if_nametoindex(q->dev_arg) : 0;
		if (!q->ifindex) {
			err_msg("route %s %s: no such device \"%s\"", q->verb, q->prefix_arg,
				q->dev_arg);
			return EXIT_RUNTIME;
		}
	}
	if (!q->has_table)
		q->table = RT_TABLE_MAIN;
	return 0;
}

int route_args_show(struct route_req *q, int argc, char **argv)
{
	static const char *const show_words[] = { "table", NULL };
	int flag_family = egrectl_opts.family;	/* -4/-6 before the command too */
	int err;

	memset(q, 0, sizeof(*q));
	q->verb = "show";
	q->table = RT_TABLE_MAIN;
	for (int i = 0; i < argc; i++) {
		if (egrectl_json_arg(argv[i]) || family_arg(argv[i], &flag_family))
			continue;
		if (keyword(argv[i], show_words)) {
			if (i + 1 == argc) {
				err_msg("route show: \"table\" needs a value");
				return EXIT_USAGE;
			}
			err = parse_table(q, argv[++i], true);
			if (err)
				return err;
			continue;
		}
		err = prefix_word(q, argc, argv, &i);
		if (err)
			return err;
	}
	if (flag_family && q->family && flag_family != q->family) {
		err_msg("route show: prefix %s is not %s", q->prefix_arg, family_name(flag_family));
		return EXIT_USAGE;
	}
	if (!q->family)
		q->family = flag_family;	/* also "default": of either family unless -4/-6 */
	return 0;
}

void route_table_name(uint32_t table, char *buf, size_t len)
{
	if (table == RT_TABLE_MAIN)
		snprintf(buf, len, "main");
	else if (table == RT_TABLE_LOCAL)
		snprintf(buf, len, "local");
	else if (table == RT_TABLE_DEFAULT)
		snprintf(buf, len, "default");
	else
		snprintf(buf, len, "%u", table);
}
