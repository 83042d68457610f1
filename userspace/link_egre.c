// SPDX-License-Identifier: GPL-2.0
#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/trellis.h>

#include "egrectl.h"
#include "link_args.h"
#include "link_egre.h"
#include "print.h"
#include "util.h"

int egre_parse_key(const char *s, uint32_t *key)
{
	struct in_addr a;
	unsigned long long v;

	if (strchr(s, '.')) {
		if (inet_pton(AF_INET, s, &a) != 1)
			return -EINVAL;
		*key = ntohl(a.s_addr);
		return 0;
	}
	if (!parse_uint(s, 0, 0, UINT32_MAX, &v))
		return -EINVAL;
	*key = (uint32_t)v;
	return 0;
}

static int parse_u8(const char *s, unsigned int max, uint8_t *v)
{
	unsigned long long n;

	if (!parse_uint(s, 0, 0, max, &n))
		return -EINVAL;
	*v = (uint8_t)n;
	return 0;
}

static int parse_addr(const char *what, const char *word, const char *s,
		      struct egre_addr *addr)
{
	if (inet_pton(AF_INET, s, &addr->v4) == 1) {
		addr->family = AF_INET;
		return 0;
	}
	if (inet_pton(AF_INET6, s, &addr->v6) == 1) {
		addr->family = AF_INET6;
		return 0;
	}
	err_msg("link %s: malformed address \"%s\" for %s", what, s, word);
	return EXIT_USAGE;
}

/* Every word of an egre link; any unique prefix of one is taken for it. */
static const char *const egre_words[] = {
	"type", "local", "remote", "key", "ikey", "okey", "ttl", "tos", "dev", "mtu",
	"address", "encap", "port", "csum", "nocsum", "seq", "noseq", "pmtudisc",
	"nopmtudisc", "direct", "nodirect", "index", NULL,
};

int link_opts_parse(struct link_opts *opts, int argc, char **argv, bool create)
{
	const char *what = create ? "add" : "set";
	struct egre_params *p = &opts->egre;
	bool typed = false;

	memset(opts, 0, sizeof(*opts));
	for (int i = 0; i < argc; i++) {
		const char *word = keyword(argv[i], egre_words);
		const char *val = i + 1 < argc ? argv[i + 1] : NULL;
		bool takes_value = true;

		if (!word)
			return egrectl_bad_arg(&egrectl_cmd_link, argv[i]);
		if (!strcmp(word, "csum") || !strcmp(word, "nocsum")) {
			p->has_csum = true;
			p->csum = word[0] == 'c';
			takes_value = false;
		} else if (!strcmp(word, "seq") || !strcmp(word, "noseq")) {
			p->has_seq = true;
			p->seq = word[0] == 's';
			takes_value = false;
		} else if (!strcmp(word, "pmtudisc") || !strcmp(word, "nopmtudisc")) {
			p->has_pmtudisc = true;
			p->pmtudisc = word[0] == 'p';
			takes_value = false;
		} else if (!strcmp(word, "direct") || !strcmp(word, "nodirect")) {
			p->has_direct = true;
			p->direct = word[0] == 'd';
			takes_value = false;
		} else if (strcmp(word, "type") && strcmp(word, "local") &&
			   strcmp(word, "remote") && strcmp(word, "key") &&
			   strcmp(word, "ikey") && strcmp(word, "okey") &&
			   strcmp(word, "ttl") && strcmp(word, "tos") &&
			   strcmp(word, "dev") && strcmp(word, "mtu") &&
			   strcmp(word, "address") && strcmp(word, "encap") &&
			   strcmp(word, "port") && strcmp(word, "index")) {
			return egrectl_bad_arg(&egrectl_cmd_link, word);
		}
		if (!takes_value)
			continue;
		if (!val) {
			err_msg("link %s: \"%s\" needs a value", what, word);
			return EXIT_USAGE;
		}
		i++;
		if (!strcmp(word, "type")) {
			if (strcmp(val, TRELLIS_EGRE_KIND)) {
				err_msg("link %s: unknown link type \"%s\" (known: egre)", what, val);
				return EXIT_USAGE;
			}
			typed = true;
		} else if (!strcmp(word, "local")) {
			if (parse_addr(what, word, val, &p->local))
				return EXIT_USAGE;
			p->has_local = true;
		} else if (!strcmp(word, "remote")) {
			if (parse_addr(what, word, val, &p->remote))
				return EXIT_USAGE;
			p->has_remote = true;
		} else if (!strcmp(word, "key") || !strcmp(word, "ikey") ||
			   !strcmp(word, "okey")) {
			uint32_t key;

			if (egre_parse_key(val, &key)) {
				err_msg("link %s: key \"%s\" is out of range (0..4294967295 or A.B.C.D)",
					what, val);
				return EXIT_USAGE;
			}
			if (word[0] != 'o') {
				p->has_ikey = true;
				p->ikey = key;
			}
			if (word[0] != 'i') {
				p->has_okey = true;
				p->okey = key;
			}
		} else if (!strcmp(word, "ttl")) {
			p->has_ttl = true;
			if (!strcmp(val, "inherit")) {
				p->ttl = 0;
			} else if (parse_u8(val, 255, &p->ttl) || p->ttl == 0) {
				err_msg("link %s: ttl \"%s\" is not 1..255 or inherit", what, val);
				return EXIT_USAGE;
			}
		} else if (!strcmp(word, "tos")) {
			p->has_tos = true;
			if (!strcmp(val, "inherit")) {
				p->tos = TRELLIS_EGRE_TOS_INHERIT;
			} else if (parse_u8(val, 255, &p->tos) || p->tos & 3) {
				err_msg("link %s: tos \"%s\" is not a DSCP value (0..252, multiple of 4) or inherit",
					what, val);
				return EXIT_USAGE;
			}
		} else if (!strcmp(word, "dev")) {
			p->link = if_nametoindex(val);
			if (!p->link) {
				err_msg("link %s: no such underlay device \"%s\"", what, val);
				return EXIT_RUNTIME;
			}
			p->has_link = true;
		} else if (!strcmp(word, "encap")) {
			if (!strcmp(val, "gre")) {
				p->encap = TRELLIS_EGRE_ENCAP_GRE;
			} else if (!strcmp(val, "udp")) {
				p->encap = TRELLIS_EGRE_ENCAP_UDP;
			} else {
				err_msg("link %s: unknown encap \"%s\" (known: gre, udp)", what, val);
				return EXIT_USAGE;
			}
			p->has_encap = true;
		} else if (!strcmp(word, "port")) {
			unsigned long long port;

			if (!parse_uint(val, 10, 1, 65535, &port)) {
				err_msg("link %s: port \"%s\" is not 1..65535", what, val);
				return EXIT_USAGE;
			}
			p->port = (uint16_t)port;
			p->has_port = true;
		} else if (!strcmp(word, "mtu")) {
			if (!link_parse_mtu(val, &opts->mtu)) {
				err_msg("link %s: mtu \"%s\" is not %d..%d", what, val,
					LINK_MTU_MIN, LINK_MTU_MAX);
				return EXIT_USAGE;
			}
			opts->has_mtu = true;
		} else if (!strcmp(word, "index")) {
			unsigned long long num;

			if (!create) {
				err_msg("link set: index cannot change (it is given at add)");
				return EXIT_USAGE;
			}
			if (!parse_uint(val, 10, 1, INT32_MAX, &num)) {
				err_msg("link add: index \"%s\" is not 1..%d", val, INT32_MAX);
				return EXIT_USAGE;
			}
			opts->index = (uint32_t)num;
		} else if (!strcmp(word, "address")) {
			if (!link_parse_mac(val, opts->address)) {
				err_msg("link %s: malformed Ethernet address \"%s\" (want xx:xx:xx:xx:xx:xx)",
					what, val);
				return EXIT_USAGE;
			}
			opts->has_address = true;
		}
	}

	if (p->has_local && p->has_remote && p->local.family != p->remote.family) {
		err_msg("link %s: local and remote must be the same address family", what);
		return EXIT_USAGE;
	}
	if (p->has_port && p->has_encap && p->encap != TRELLIS_EGRE_ENCAP_UDP) {
		err_msg("link %s: a port needs encap udp", what);
		return EXIT_USAGE;
	}
	if (create && p->has_port && !p->has_encap) {
		err_msg("link add: a port needs encap udp (encap udp port P)");
		return EXIT_USAGE;
	}
	if (!create)
		return 0;
	if (!typed) {
		err_msg("link add: \"type egre\" is needed");
		return EXIT_USAGE;
	}
	if (!p->has_local || !p->has_remote) {
		err_msg("link add: %s is needed", p->has_local ? "remote" : "local");
		return EXIT_USAGE;
	}
	if (!p->has_ikey) {
		err_msg("link add: a key is needed (key K, or ikey K okey K)");
		return EXIT_USAGE;
	}
	return 0;
}

/* @a as text in @buf (INET6_ADDRSTRLEN), or NULL when the link has none. */
static const char *addr_text(bool has, const struct egre_addr *a, char *buf)
{
	return has ? inet_ntop(a->family, &a->v6, buf, INET6_ADDRSTRLEN) : NULL;
}

/* The words ip would take to make this link again; -d: all of them. */
void egre_params_print(const struct egre_params *p, bool details)
{
	enum print_to more = details ? PRINT_ANY : PRINT_JSON;
	char addr[INET6_ADDRSTRLEN], dev[IF_NAMESIZE];

	print_string(PRINT_ANY, "local", "local %s ", addr_text(p->has_local, &p->local, addr));
	print_string(PRINT_ANY, "remote", "remote %s ", addr_text(p->has_remote, &p->remote, addr));
	if (p->ikey == p->okey) {
		print_u64(PRINT_TEXT, NULL, "key %" PRIu64 " ", p->ikey);
		print_u64(PRINT_JSON, "ikey", NULL, p->ikey);
		print_u64(PRINT_JSON, "okey", NULL, p->okey);
	} else {
		print_u64(PRINT_ANY, "ikey", "ikey %" PRIu64 " ", p->ikey);
		print_u64(PRINT_ANY, "okey", "okey %" PRIu64 " ", p->okey);
	}
	print_string(PRINT_ANY, "encap", "encap %s ",
		     p->encap == TRELLIS_EGRE_ENCAP_UDP ? "udp" : "gre");
	if (p->encap == TRELLIS_EGRE_ENCAP_UDP)
		print_u64(PRINT_ANY, "port", "port %" PRIu64 " ", p->port);
	if (p->link) {
		if (!if_indextoname(p->link, dev))
			snprintf(dev, sizeof(dev), "if%u", p->link);
		print_string(PRINT_ANY, "dev", "dev %s ", dev);
	}
	/* JSON: 0 is inherit, as ip prints gre's ttl; 1 is tos inherit, as in ip_gre */
	print_u64(PRINT_JSON, "ttl", NULL, p->ttl);
	print_u64(PRINT_JSON, "tos", NULL, p->tos);
	if (details) {
		if (p->ttl)
			print_u64(PRINT_TEXT, NULL, "ttl %" PRIu64 " ", p->ttl);
		else
			print_text("ttl inherit ");
		if (p->tos == TRELLIS_EGRE_TOS_INHERIT)
			print_text("tos inherit ");
		else
			print_u64(PRINT_TEXT, NULL, "tos %" PRIu64 " ", p->tos);
	}
	print_flag(more, "pmtudisc", p->pmtudisc ? "pmtudisc " : NULL, p->pmtudisc);
	if (!p->pmtudisc)
		print_text(details ? "nopmtudisc " : "");
	print_flag(PRINT_ANY, "csum", "csum ", p->csum);
	print_flag(PRINT_ANY, "seq", "seq ", p->seq);
	print_flag(PRINT_ANY, "direct", "direct ", p->direct);
}

/* -br: where the link goes, and its key. */
void egre_params_brief(const struct egre_params *p)
{
	char addr[INET6_ADDRSTRLEN];

	print_string(PRINT_ANY, "local", "%s -> ", addr_text(p->has_local, &p->local, addr));
	print_string(PRINT_ANY, "remote", "%s ", addr_text(p->has_remote, &p->remote, addr));
	print_u64(PRINT_ANY, "ikey", "key %" PRIu64, p->ikey);
	print_u64(PRINT_JSON, "okey", NULL, p->okey);
}
