// SPDX-License-Identifier: GPL-2.0
/*
 * Topology files mutated at random (bytes changed, dropped and repeated,
 * lines swapped and repeated) through the parser and the checks: each
 * must end in a model or in problems, never in a crash or a problem line
 * without a position. Seeded: a failure names the seed and the round.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kselftest_harness.h"
#include "topo_check.h"
#include "topo_parse.h"

#define ROUNDS	20000

static const char base[] =
	"name: demo\n"
	"nodes:\n"
	"  n1: { underlay: [10.0.0.1, \"fd00::1\"], mtu: 9000, capacity: 2 }\n"
	"  n2: { underlay: [10.0.0.2, \"fd00::2\"], dev: eth0 }\n"
	"placement: weighted\n"
	"slices:\n"
	"  red:\n"
	"    admin: alice\n"
	"    vnodes:\n"
	"      r1:\n"
	"        node: n1\n"
	"        loopback: 10.255.0.1/32\n"
	"        interfaces:\n"
	"          eth0: 10.1.0.1/30\n"
	"          eth1: { address: [10.1.1.1/30, \"fd01::1/64\"], mtu: 1400 }\n"
	"        routes: [10.9.0.0/16 via 10.1.0.2 metric 5, default dev eth1]\n"
	"        sysctl: { net.ipv4.ip_forward: 1 }\n"
	"        run: [\"bird -c r1.conf\"]\n"
	"      r2: { interfaces: { eth0: 10.1.0.2/30 } }\n"
	"      r3: { interfaces: { eth0: [10.1.1.2/30, \"fd01::2/64\"] } }\n"
	"    links:\n"
	"      a: { ends: [r1:eth0, r2:eth0], encap: udp, csum: true, state: down,\n"
	"           shape: { r1: { rate: 10mbit, delay: 5ms, jitter: 1ms }, r2: { loss: 1% } } }\n"
	"      b: { ends: [r1:eth1, r3:eth0], mtu: 1400, underlay: ipv6, key: 77 }\n"
	"    lans:\n"
	"      l: { ends: [r1:eth9, r2:eth9, r3:eth9], encap: udp, mtu: 1300 }\n"
	"  blue:\n"
	"    vnodes: { b1: &x { node: n2 }, b2: *x }\n"
	"    links: { p: { ends: [b1:e, b2:e] } }\n";

/* xorshift64*: the same mutations for the same seed everywhere */
static uint64_t rnd_state;

static uint32_t rnd(uint32_t n)
{
	rnd_state ^= rnd_state >> 12;
	rnd_state ^= rnd_state << 25;
	rnd_state ^= rnd_state >> 27;
	return (uint32_t)((rnd_state * 2685821657736338717ULL) >> 32) % n;
}

static const char *const tokens[] = {
	":", "{", "}", "[", "]", ",", "\n", " ", "-", "&a", "*a", "\"", "'", "#", "!!str",
	"999999999999", "0", "-1", "ffff::", "10.0.0.1/33", "r1:eth0", "n1", "~", "null",
	"\t", "...", "---", "? ", "|", ">", "%YAML 1.1\n",
};

/* A mutated copy of @in (at most @cap bytes) into @out. */
static size_t mutate(const char *in, size_t len, char *out, size_t cap)
{
	size_t n = len < cap ? len : cap - 1, i, rounds = 1 + rnd(8);

	memcpy(out, in, n);
	for (i = 0; i < rounds; i++) {
		size_t at = n ? rnd((uint32_t)n) : 0, k;
		const char *tok;

		switch (rnd(5)) {
		case 0:		/* change a byte */
			if (n)
				out[at] = (char)rnd(256);
			break;
		case 1:		/* drop a run */
			k = rnd(16);
			if (at + k > n)
				k = n - at;
			memmove(out + at, out + at + k, n - at - k);
			n -= k;
			break;
		case 2:		/* repeat a run */
			k = rnd(64);
			if (at + k > n)
				k = n - at;
			if (n + k < cap) {
				memmove(out + at + k, out + at, n - at);
				n += k;
			}
			break;
		default:	/* insert a YAML token */
			tok = tokens[rnd(sizeof(tokens) / sizeof(tokens[0]))];
			k = strlen(tok);
			if (n + k < cap) {
				memmove(out + at + k, out + at, n - at);
				memcpy(out + at, tok, k);
				n += k;
			}
			break;
		}
	}
	out[n] = '\0';
	return n;
}

TEST(mutated_files)
{
	uint64_t seed = getenv("TOPO_FUZZ_SEED") ? strtoull(getenv("TOPO_FUZZ_SEED"), NULL, 0) :
			20261130;
	static char buf[8192];
	unsigned long problems = 0, clean = 0;

	rnd_state = seed * 0x9E3779B97F4A7C15ULL + 0x632BE59BD9B4E019ULL;
	if (!rnd_state)
		rnd_state = 1;
	for (int r = 0; r < ROUNDS; r++) {
		struct topo_errors e = { 0 };
		struct topo t;

		mutate(base, sizeof(base) - 1, buf, sizeof(buf));
		if (!topo_parse_string(buf, "f.yaml", &t, &e))
			topo_check(&t, &e);
		for (size_t i = 0; i < e.n; i++) {
			if (strncmp(e.lines[i], "f.yaml:", 7)) {
				TH_LOG("seed %llu round %d: a problem without a position: %s",
				       (unsigned long long)seed, r, e.lines[i]);
				ASSERT_TRUE(false);
			}
		}
		problems += e.n;
		clean += !e.n;
		topo_errors_free(&e);
		topo_free(&t);
	}
	TH_LOG("seed %llu: %d files, %lu clean, %lu problems reported",
	       (unsigned long long)seed, ROUNDS, clean, problems);
	/* the mutations must reach past the parser sometimes, and be caught often */
	EXPECT_GT(clean, 0);
	EXPECT_GT(problems, ROUNDS / 2);
}

TEST_HARNESS_MAIN
