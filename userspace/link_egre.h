/* SPDX-License-Identifier: GPL-2.0 */
/* The egre link kind's parameters: parsed from the command line, printed. */
#ifndef EGRECTL_LINK_EGRE_H
#define EGRECTL_LINK_EGRE_H

#include <stdbool.h>
#include <stdint.h>
#include <netinet/in.h>

/* An underlay address: IPv4 or IPv6. */
struct egre_addr {
	int family;			/* AF_INET or AF_INET6 */
	union {
		struct in_addr v4;
		struct in6_addr v6;
	};
};

/* Each value goes to the kernel only when its has_ flag is set. */
struct egre_params {
	bool has_local, has_remote, has_ikey, has_okey, has_ttl, has_tos;
	bool has_pmtudisc, has_link, has_csum, has_seq, has_encap, has_port, has_direct;
	struct egre_addr local, remote;
	uint8_t encap;			/* TRELLIS_EGRE_ENCAP_* */
	uint16_t port;			/* host order */
	uint32_t ikey, okey;		/* host order */
	uint8_t ttl, tos;
	bool pmtudisc, csum, seq, direct;
	uint32_t link;			/* underlay ifindex */
};

struct link_opts {
	struct egre_params egre;
	bool has_mtu, has_address;
	uint32_t mtu;
	uint32_t index;			/* at add: the ifindex asked for, or 0 */
	uint8_t address[6];
};

/*
 * Parses "type egre local A remote B key K ..." (@create: the add form, with
 * its required words). Returns 0, or prints one line naming what is wrong
 * and returns the exit code.
 */
int link_opts_parse(struct link_opts *opts, int argc, char **argv, bool create);

/* Parses a key: a number 0..4294967295 or a dotted quad. */
int egre_parse_key(const char *s, uint32_t *key);

/* Prints the link's words (print.h); @details: every one of them. */
void egre_params_print(const struct egre_params *p, bool details);
/* -br: local -> remote, and the key. */
void egre_params_brief(const struct egre_params *p);

#endif
