// SPDX-License-Identifier: GPL-2.0
/*
 * Topology files: every field parsed, every class of error reported at its
 * line and column, and what each node derives alike (placement, keys,
 * MTUs) derived the same way every time.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kselftest_harness.h"
#include "topo_check.h"
#include "topo_parse.h"
#include "topo_plan.h"

/* Parses and checks @yaml; the problems land in @e. */
static int load(const char *yaml, struct topo *t, struct topo_errors *e)
{
	int err = topo_parse_string(yaml, "t.yaml", t, e);

	return err ? err : topo_check(t, e);
}

/* Whether the only problem of @yaml is @want ("t.yaml:L:C: ..." prefix). */
static int only_error(const char *yaml, const char *want)
{
	struct topo_errors e = { 0 };
	struct topo t;
	int ok;

	load(yaml, &t, &e);
	ok = e.n == 1 && !strncmp(e.lines[0], want, strlen(want));
	if (!ok) {
		fprintf(stderr, "# want: %s\n", want);
		for (size_t i = 0; i < e.n; i++)
			fprintf(stderr, "# got:  %s\n", e.lines[i]);
	}
	topo_errors_free(&e);
	topo_free(&t);
	return ok;
}

#define NODES "name: x\nnodes:\n  n1: { underlay: 10.0.0.1 }\n  n2: { underlay: 10.0.0.2 }\n"

static const char full[] =
	"name: demo\n"
	"nodes:\n"
	"  n1:\n"
	"    underlay: [10.0.0.1, \"fd00::1\"]\n"
	"    dev: eth0\n"
	"    mtu: 9000\n"
	"    capacity: 3\n"
	"  n2: { underlay: [10.0.0.2, \"fd00::2\"], mtu: 1500 }\n"
	"placement: weighted\n"
	"slices:\n"
	"  red:\n"
	"    admin: alice\n"
	"    vnodes:\n"
	"      r1:\n"
	"        node: n2\n"
	"        loopback: [10.255.0.1/32, \"fd ff::1\"]\n"
	"        interfaces:\n"
	"          eth0: 10.1.0.1/30\n"
	"          eth1: { address: [10.1.1.1/30, \"fd01::1/64\"], mtu: 1400 }\n"
	"        routes:\n"
	"          - 10.9.0.0/16 via 10.1.0.2 metric 20\n"
	"          - default dev eth1\n"
	"        sysctl: { net.ipv4.ip_forward: 1 }\n"
	"        run: [\"bird -c r1.conf\", \"sleep 1\"]\n"
	"      r2:\n"
	"        interfaces: { eth0: 10.1.0.2/30 }\n"
	"      r3:\n"
	"        interfaces: { eth0: [10.1.1.2/30, \"fd01::2/64\"] }\n"
	"    links:\n"
	"      a:\n"
	"        ends: [r1:eth0, r2:eth0]\n"
	"        encap: udp\n"
	"        csum: true\n"
	"        seq: on\n"
	"        state: down\n"
	"        shape: { r1: { rate: 10mbit, delay: 5ms }, r2: { loss: 1% } }\n"
	"      b: { ends: [r1:eth1, r3:eth0], mtu: 1400, underlay: ipv6, key: 77 }\n"
	"    lans:\n"
	"      l: { ends: [r1:eth9, r2:eth9, r3:eth9], encap: udp }\n";

TEST(every_field)
{
	struct topo_errors e = { 0 };
	const struct topo_vnode *r1;
	const struct topo_link *a;
	struct topo t;

	/* "fd ff::1" is no address: one error, the rest still parsed */
	ASSERT_NE(0, topo_parse_string(full, "t.yaml", &t, &e));
	ASSERT_EQ(1, e.n);
	EXPECT_STREQ("t.yaml:16:35: loopback address \"fd ff::1\" is not an IPv4 or IPv6 address, with or without /LENGTH",
		     e.lines[0]);
	EXPECT_STREQ("demo", t.name);
	ASSERT_EQ(2, t.n_nodes);
	EXPECT_EQ(2, t.nodes[0].n_underlay);
	EXPECT_EQ(AF_INET6, t.nodes[0].underlay[1].family);
	EXPECT_STREQ("eth0", t.nodes[0].dev);
	EXPECT_EQ(9000, t.nodes[0].mtu);
	EXPECT_EQ(3, t.nodes[0].capacity);
	EXPECT_EQ(1500, t.nodes[1].mtu);
	EXPECT_EQ(1, t.nodes[1].capacity);
	EXPECT_EQ(TOPO_WEIGHTED, t.placement);
	ASSERT_EQ(1, t.n_slices);
	EXPECT_STREQ("alice", t.slices[0].admin);
	ASSERT_EQ(3, t.slices[0].n_vnodes);
	r1 = &t.slices[0].vnodes[0];
	EXPECT_STREQ("n2", r1->node_name);
	EXPECT_EQ(1, r1->n_loopback);
	ASSERT_EQ(2, r1->n_ifaces);
	EXPECT_EQ(30, r1->ifaces[0].addrs[0].prefix);
	EXPECT_EQ(2, r1->ifaces[1].n_addrs);
	EXPECT_EQ(1400, r1->ifaces[1].mtu);
	ASSERT_EQ(2, r1->n_routes);
	EXPECT_TRUE(r1->routes[0].has_via);
	EXPECT_EQ(20, r1->routes[0].metric);
	EXPECT_EQ(16, r1->routes[0].dst.prefix);
	EXPECT_EQ(0, r1->routes[1].dst.prefix);
	EXPECT_STREQ("eth1", r1->routes[1].dev);
	ASSERT_EQ(1, r1->n_sysctls);
	EXPECT_STREQ("net.ipv4.ip_forward", r1->sysctls[0].key);
	EXPECT_STREQ("1", r1->sysctls[0].value);
	ASSERT_EQ(2, r1->n_run);
	EXPECT_STREQ("sleep 1", r1->run[1].line);
	ASSERT_EQ(2, t.slices[0].n_links);
	a = &t.slices[0].links[0];
	EXPECT_STREQ("r2", a->end[1].vnode_name);
	EXPECT_STREQ("eth0", a->end[1].ifname);
	EXPECT_EQ(TOPO_ENCAP_UDP, a->encap);
	EXPECT_TRUE(a->csum);
	EXPECT_TRUE(a->seq);
	EXPECT_FALSE(a->up);
	ASSERT_EQ(4, a->shape[0].n_words);
	EXPECT_STREQ("rate", a->shape[0].words[0]);
	EXPECT_STREQ("5ms", a->shape[0].words[3]);
	ASSERT_EQ(2, a->shape[1].n_words);
	EXPECT_EQ(AF_INET6, t.slices[0].links[1].family);
	EXPECT_EQ(77, t.slices[0].links[1].key);
	EXPECT_TRUE(t.slices[0].links[1].key_given);
	ASSERT_EQ(1, t.slices[0].n_lans);
	EXPECT_EQ(3, t.slices[0].lans[0].n_ends);
	topo_errors_free(&e);
	topo_free(&t);
}

TEST(derived_alike)
{
	char *yaml = strdup(full);
	struct topo_errors e = { 0 };
	struct topo t, u;

	/* make the loopback an address, and the file is right */
	memcpy(strstr(yaml, "fd ff::1"), "fdff::01", 8);
	ASSERT_EQ(0, load(yaml, &t, &e));
	ASSERT_EQ(0, load(yaml, &u, &e));
	/* r1 on n2 as the file says; r2, r3: n1 has thrice n2's capacity */
	EXPECT_EQ(1, t.slices[0].vnodes[0].node);
	EXPECT_EQ(0, t.slices[0].vnodes[1].node);
	EXPECT_EQ(0, t.slices[0].vnodes[2].node);
	/* a: n2 - n1, IPv4 and UDP with csum and seq: 1500 - 20 - 8 - 16 - 14 */
	EXPECT_EQ(1442, t.slices[0].links[0].mtu);
	EXPECT_EQ(AF_INET, t.slices[0].links[0].family);
	EXPECT_EQ(topo_key_of("demo/red/a"), t.slices[0].links[0].key);
	EXPECT_EQ(t.slices[0].links[0].key, u.slices[0].links[0].key);
	/* the LAN: one tunnel n1 - n2, 1500 - 20 - 8 - 8 - 14 */
	ASSERT_EQ(2, t.slices[0].lans[0].n_nodes);
	EXPECT_EQ(1450, t.slices[0].lans[0].mtu);
	EXPECT_EQ(topo_key_of("demo/red/l/n1/n2"), t.slices[0].lans[0].keys[1]);
	topo_free(&t);
	topo_free(&u);
	free(yaml);
}

TEST(round_robin_in_file_order)
{
	struct topo_errors e = { 0 };
	struct topo t;

	ASSERT_EQ(0, load("name: x\nnodes:\n  n1: { underlay: 10.0.0.1 }\n"
			  "  n2: { underlay: 10.0.0.2 }\n  n3: { underlay: 10.0.0.3 }\n"
			  "slices:\n  s:\n    vnodes: { a: , b: { node: n1 }, c: , d: , e: }\n"
			  "  t:\n    vnodes: { f: }\n", &t, &e));
	EXPECT_EQ(0, t.slices[0].vnodes[0].node);
	EXPECT_EQ(0, t.slices[0].vnodes[1].node);
	EXPECT_EQ(1, t.slices[0].vnodes[2].node);
	EXPECT_EQ(2, t.slices[0].vnodes[3].node);
	EXPECT_EQ(0, t.slices[0].vnodes[4].node);
	EXPECT_EQ(1, t.slices[1].vnodes[0].node);
	topo_free(&t);
}

TEST(a_taken_key_moves_the_derived_one_on)
{
	struct topo_errors e = { 0 };
	char yaml[512];
	struct topo t;
	uint32_t k = topo_key_of("x/s/l2");

	snprintf(yaml, sizeof(yaml), NODES
		 "slices:\n  s:\n    vnodes: { a: { node: n1 }, b: { node: n2 } }\n"
		 "    links:\n      l1: { ends: [a:e1, b:e1], key: %u }\n"
		 "      l2: { ends: [a:e2, b:e2] }\n", k);
	ASSERT_EQ(0, load(yaml, &t, &e));
	EXPECT_EQ(k, t.slices[0].links[0].key);
	EXPECT_EQ(k + 1, t.slices[0].links[1].key);
	topo_free(&t);
}

TEST(the_mtu_fits_the_smaller_underlay)
{
	struct topo_errors e = { 0 };
	struct topo t;

	ASSERT_EQ(0, load("name: x\nnodes:\n  n1: { underlay: \"fd00::1\", mtu: 9000 }\n"
			  "  n2: { underlay: \"fd00::2\", mtu: 1400 }\n"
			  "slices:\n  s:\n    vnodes: { a: { node: n1 }, b: { node: n2 }, c: { node: n2 } }\n"
			  "    links:\n      l: { ends: [a:e, b:e] }\n      p: { ends: [b:f, c:f] }\n",
			  &t, &e));
	/* 1400 - 40 - 8 (GRE with key) - 14 */
	EXPECT_EQ(1338, t.slices[0].links[0].mtu);
	EXPECT_EQ(AF_INET6, t.slices[0].links[0].family);
	/* same node: a pair, no key */
	EXPECT_EQ(0, t.slices[0].links[1].family);
	EXPECT_EQ(1500, t.slices[0].links[1].mtu);
	EXPECT_EQ(0, t.slices[0].links[1].key);
	topo_free(&t);
}

TEST(yaml_syntax)
{
	EXPECT_TRUE(only_error("name: x\nnodes: [a\n", "t.yaml:3:1: YAML: did not find expected"));
	EXPECT_TRUE(only_error("", "t.yaml:1:1: the file is empty"));
}

/* Only the bytes given are read: what follows them is not the file. */
TEST(bytes_end_where_told)
{
	static const char buf[] = NODES "slices: {}\n: this is not YAML [";
	struct topo_errors e = { 0 };
	struct topo t;

	EXPECT_EQ(0, topo_parse_bytes(buf, strlen(NODES "slices: {}\n"), "t.yaml", &t, &e));
	EXPECT_EQ(0, e.n);
	EXPECT_EQ(2, t.n_nodes);
	topo_errors_free(&e);
	topo_free(&t);
	EXPECT_NE(0, topo_parse_bytes(buf, strlen(buf), "t.yaml", &t, &e));
	EXPECT_NE(0, e.n);
	topo_errors_free(&e);
	topo_free(&t);
}

TEST(wrong_type)
{
	EXPECT_TRUE(only_error("name: x\nnodes: [n1]\nslices: {}\n",
			       "t.yaml:2:8: nodes must be a mapping of names, not a list"));
	EXPECT_TRUE(only_error(NODES "slices:\n  s:\n    vnodes: { a: { routes: { x: 1 } } }\n",
			       "t.yaml:7:28: a route must be a value, not a mapping"));
	EXPECT_TRUE(only_error(NODES "slices:\n  s:\n    vnodes: { a: , b: }\n"
			       "    links: { l: { ends: [a:e, b:e], csum: maybe } }\n",
			       "t.yaml:8:43: csum \"maybe\" is not true or false"));
}

TEST(unknown_field)
{
	EXPECT_TRUE(only_error(NODES "slices: {}\ncolour: red\n",
			       "t.yaml:6:1: unknown field \"colour\" in the file (it takes name, nodes, placement, slices)"));
}

TEST(missing_field)
{
	EXPECT_TRUE(only_error("name: x\nslices: {}\n", "t.yaml:1:1: the file has no \"nodes\""));
	EXPECT_TRUE(only_error(NODES "slices:\n  s: { admin: bob }\n",
			       "t.yaml:6:6: slice s has no \"vnodes\""));
}

TEST(unknown_node_and_vnode)
{
	EXPECT_TRUE(only_error(NODES "slices:\n  s:\n    vnodes: { a: { node: n9 } }\n",
			       "t.yaml:7:15: virtual node a: no node \"n9\" in nodes"));
	EXPECT_TRUE(only_error(NODES "slices:\n  s:\n    vnodes: { a: }\n"
			       "    links: { l: { ends: [a:e, z:e] } }\n",
			       "t.yaml:8:31: link l: no virtual node \"z\" in slice s"));
}

TEST(duplicate_name_key_address)
{
	EXPECT_TRUE(only_error(NODES "slices:\n  s:\n    vnodes: { a: , a: }\n",
			       "t.yaml:7:20: \"a\" appears twice in vnodes"));
	EXPECT_TRUE(only_error(NODES "slices:\n  s:\n    vnodes: { a: { node: n1 }, b: { node: n2 } }\n"
			       "    links:\n      l: { ends: [a:e, b:e], key: 5 }\n"
			       "      m: { ends: [a:f, b:f], key: 5 }\n",
			       "t.yaml:10:35: key 5 is also link l's (line 9)"));
	EXPECT_TRUE(only_error(NODES "slices:\n  s:\n    vnodes:\n      a: { interfaces: { e: 10.1.0.1/24 } }\n"
			       "      b: { interfaces: { e: 10.1.0.1/24 } }\n"
			       "    links: { l: { ends: [a:e, b:e] } }\n",
			       "t.yaml:9:29: address 10.1.0.1 is also a:e's (line 8) in slice s"));
	EXPECT_TRUE(only_error("name: x\nnodes:\n  n1: { underlay: 10.0.0.1 }\n  n2: { underlay: 10.0.0.1 }\nslices: {}\n",
			       "t.yaml:4:19: node n2: underlay address 10.0.0.1 is also node n1's (line 3)"));
}

TEST(addresses)
{
	EXPECT_TRUE(only_error(NODES "slices:\n  s:\n    vnodes: { a: { interfaces: { e: 10.1.0.1 } } }\n",
			       "t.yaml:7:37: interface address \"10.1.0.1\" is not an IPv4 or IPv6 address with its /LENGTH"));
	EXPECT_TRUE(only_error(NODES "slices:\n  s:\n    vnodes:\n"
			       "      a: { interfaces: { e: 10.1.0.1/24 }, routes: [10.9.0.0/16 via 10.2.0.1] }\n"
			       "      b: { interfaces: { e: 10.1.0.2/24 } }\n"
			       "    links: { l: { ends: [a:e, b:e] } }\n",
			       "t.yaml:8:53: route \"10.9.0.0/16 via 10.2.0.1\": gateway 10.2.0.1 is in no prefix of a's interfaces"));
	EXPECT_TRUE(only_error(NODES "slices:\n  s:\n    vnodes:\n"
			       "      a: { interfaces: { e: 10.1.0.1/24 } }\n"
			       "      b: { interfaces: { e: 10.2.0.2/24 } }\n"
			       "    links: { l: { ends: [a:e, b:e] } }\n",
			       "t.yaml:10:31: link l: a:e and b:e have no IPv4 prefix in common"));
}

TEST(interfaces_and_ends)
{
	EXPECT_TRUE(only_error(NODES "slices:\n  s:\n    vnodes: { a: { interfaces: { e: } } }\n",
			       "t.yaml:7:34: interface e of virtual node a is the end of no link or LAN"));
	EXPECT_TRUE(only_error(NODES "slices:\n  s:\n    vnodes: { a: , b: , c: }\n"
			       "    links: { l: { ends: [a:e, b:e] }, m: { ends: [a:e, c:e] } }\n",
			       "t.yaml:8:51: a:e is already an end of l (line 8)"));
	EXPECT_TRUE(only_error(NODES "slices:\n  s:\n    vnodes: { a: }\n"
			       "    links: { l: { ends: [a:e, a:f] } }\n",
			       "t.yaml:8:14: link l: both ends are on virtual node a"));
	EXPECT_TRUE(only_error(NODES "slices:\n  s:\n    vnodes: { a: }\n"
			       "    links: { l: { ends: [a:e] } }\n",
			       "t.yaml:8:25: link l: a link has two ends"));
	EXPECT_TRUE(only_error(NODES "slices:\n  s:\n    vnodes: { a: }\n"
			       "    links: { l: { ends: [a:this-name-is-too-long, a:e] } }\n",
			       "t.yaml:8:26: end's interface \"this-name-is-too-long\" is not an interface name"));
}

TEST(impossible_shaping_and_mtu)
{
	EXPECT_TRUE(only_error(NODES "slices:\n  s:\n    vnodes: { a: , b: }\n"
			       "    links: { l: { ends: [a:e, b:e], shape: { a: { jitter: 5ms } } } }\n",
			       "t.yaml:8:46: link l: shape of a: jitter needs a delay"));
	EXPECT_TRUE(only_error(NODES "slices:\n  s:\n    vnodes: { a: , b: }\n"
			       "    links: { l: { ends: [a:e, b:e], shape: { a: { rate: fast } } } }\n",
			       "t.yaml:8:46: link l: shape of a: rate \"fast\" is not a rate"));
	EXPECT_TRUE(only_error(NODES "slices:\n  s:\n    vnodes: { a: { node: n1 }, b: { node: n2 } }\n"
			       "    links: { l: { ends: [a:e, b:e], mtu: 1500 } }\n",
			       "t.yaml:8:42: link l: mtu 1500 does not fit the underlay: at most 1458"));
	EXPECT_TRUE(only_error(NODES "slices:\n  s:\n    vnodes:\n"
			       "      a: { node: n1, interfaces: { e: { mtu: 9000 } } }\n"
			       "      b: { node: n2 }\n"
			       "    links: { l: { ends: [a:e, b:e] } }\n",
			       "t.yaml:8:36: link l: interface a:e has mtu 9000, but the link carries 1458"));
	EXPECT_TRUE(only_error("name: x\nnodes:\n  n1: { underlay: 10.0.0.1 }\n  n2: { underlay: \"fd00::2\" }\n"
			       "slices:\n  s:\n    vnodes: { a: { node: n1 }, b: { node: n2 } }\n"
			       "    links: { l: { ends: [a:e, b:e] } }\n",
			       "t.yaml:8:14: link l: its nodes share no underlay family"));
}

TEST(sysctls_are_the_namespace_s_own)
{
	EXPECT_TRUE(only_error(NODES "slices:\n  s:\n    vnodes: { a: { sysctl: { kernel.panic: 1 } } }\n",
			       "t.yaml:7:30: sysctl \"kernel.panic\" is not a net.* setting"));
}

TEST(one_node_s_part)
{
	static const char lab[] = NODES
		"slices:\n  red:\n    vnodes:\n"
		"      a: { node: n1, interfaces: { e0: 10.1.0.1/30, e1: 10.1.1.1/30 }, sysctl: { net.ipv4.ip_forward: 1 } }\n"
		"      b: { node: n1, interfaces: { e0: 10.1.0.2/30 } }\n"
		"      c: { node: n2, interfaces: { e0: 10.1.1.2/30 }, routes: [10.9.0.0/16 via 10.1.1.1], run: bird -f }\n"
		"    links:\n"
		"      ab: { ends: [a:e0, b:e0], shape: { b: { delay: 5ms } } }\n"
		"      ac: { ends: [a:e1, c:e0], key: 7, encap: udp, state: down }\n";
	struct topo_errors e = { 0 };
	struct topo_plan p1, p2;
	struct topo t;
	size_t i;

	ASSERT_EQ(0, load(lab, &t, &e));
	topo_plan_build(&t, 0, &p1);
	topo_plan_build(&t, 1, &p2);
	/* n1: two namespaces, the egre link and its fast interface, the pair */
	ASSERT_EQ(13, p1.n);
	EXPECT_STREQ("vnode red.a", p1.objs[0].key);
	EXPECT_STREQ("vnode red.b", p1.objs[1].key);
	EXPECT_STREQ("egre red/ac", p1.objs[2].key);
	EXPECT_STREQ("tr00000007", p1.objs[2].dev);
	EXPECT_STREQ("type egre local 10.0.0.1 remote 10.0.0.2 key 7 encap udp", p1.objs[2].spec);
	EXPECT_STREQ("pair red/ab", p1.objs[3].key);
	EXPECT_STREQ("slif red/ac", p1.objs[4].key);
	EXPECT_STREQ("ts00000007", p1.objs[4].dev);
	EXPECT_STREQ("egre red/ac", p1.objs[4].parent[0]);
	EXPECT_STREQ("vnode red.a", p1.objs[4].parent[1]);
	/* ends of ab (up), of ac (down, at the UDP link's MTU) */
	EXPECT_STREQ("iface red.a e0", p1.objs[5].key);
	EXPECT_STREQ("mtu 1500 up", p1.objs[5].spec);
	EXPECT_STREQ("iface red.a e1", p1.objs[7].key);
	EXPECT_STREQ("mtu 1450 down", p1.objs[7].spec);
	EXPECT_STREQ("addr red.a e0 10.1.0.1/30", p1.objs[8].key);
	EXPECT_STREQ("sysctl red.a net.ipv4.ip_forward", p1.objs[11].key);
	EXPECT_STREQ("1", p1.objs[11].spec);
	/* what b sends is what a's end of the pair receives */
	EXPECT_STREQ("shape pair red/ab b", p1.objs[12].key);
	EXPECT_STREQ(p1.objs[3].dev, p1.objs[12].dev);
	EXPECT_EQ(0, strncmp(p1.objs[12].dev, "tp", 2));
	EXPECT_TRUE(strstr(p1.objs[12].spec, "shape delay 5ms dir ingress") != NULL);
	for (i = 0; i < p1.n; i++)
		EXPECT_TRUE(strncmp(p1.objs[i].key, "run", 3) != 0);
	/* n2: c, the far end of ac, its route and command */
	ASSERT_EQ(7, p2.n);
	EXPECT_STREQ("type egre local 10.0.0.2 remote 10.0.0.1 key 7 encap udp", p2.objs[1].spec);
	EXPECT_STREQ("route red.c 10.9.0.0/16 via 10.1.1.1", p2.objs[5].key);
	EXPECT_STREQ("run red.c 0", p2.objs[6].key);
	EXPECT_STREQ("bird -f", p2.objs[6].spec);
	topo_plan_free(&p1);
	topo_plan_free(&p2);
	topo_free(&t);
}

TEST(a_lan_s_part_on_each_node)
{
	static const char lab[] =
		"name: x\nnodes:\n  n1: { underlay: 10.0.0.1 }\n  n2: { underlay: 10.0.0.2 }\n"
		"  n3: { underlay: 10.0.0.3 }\n"
		"slices:\n  s:\n    vnodes:\n"
		"      a: { node: n1, interfaces: { l: 10.3.0.1/24 } }\n"
		"      b: { node: n1, interfaces: { l: 10.3.0.2/24 } }\n"
		"      c: { node: n2, interfaces: { l: 10.3.0.3/24 } }\n"
		"      d: { node: n3 }\n"
		"    lans: { lan: { ends: [a:l, b:l, c:l] } }\n";
	struct topo_errors e = { 0 };
	struct topo_plan p1, p2, p3;
	const struct topo_obj *o;
	struct topo t;

	ASSERT_EQ(0, load(lab, &t, &e));
	topo_plan_build(&t, 0, &p1);
	topo_plan_build(&t, 1, &p2);
	topo_plan_build(&t, 2, &p3);
	/* n1: the LAN's namespace and bridge, one egre link (to n2), two members */
	o = topo_plan_find(&p1, "lan s/lan");
	ASSERT_TRUE(o != NULL);
	EXPECT_STREQ("s..lan.n1", o->ns);
	EXPECT_EQ(0, strncmp(o->dev, "tb", 2));
	EXPECT_TRUE(strstr(o->spec, " mtu 1458") != NULL);
	ASSERT_TRUE(topo_plan_find(&p1, "egre s/lan/n2") != NULL);
	EXPECT_TRUE(topo_plan_find(&p1, "egre s/lan/n3") == NULL);
	o = topo_plan_find(&p1, "slif s/lan/n2");
	ASSERT_TRUE(o != NULL);
	EXPECT_STREQ(topo_plan_find(&p1, "lan s/lan")->dev, o->arg);
	EXPECT_TRUE(strstr(o->spec, " isolated") != NULL);
	o = topo_plan_find(&p1, "pair s/lan/a:l");
	ASSERT_TRUE(o != NULL);
	EXPECT_STREQ("lan s/lan", o->parent[0]);
	EXPECT_STREQ("vnode s.a", o->parent[1]);
	EXPECT_TRUE(strstr(o->spec, "s..lan.n1 tp") == o->spec);
	EXPECT_TRUE(strstr(o->spec, " s.a l port tb") != NULL);
	EXPECT_TRUE(topo_plan_find(&p1, "pair s/lan/b:l") != NULL);
	EXPECT_STREQ("mtu 1458 up", topo_plan_find(&p1, "iface s.a l")->spec);
	EXPECT_TRUE(topo_plan_find(&p1, "addr s.b l 10.3.0.2/24") != NULL);
	/* both ends of the n1-n2 link agree on its key */
	EXPECT_STREQ(topo_plan_find(&p1, "egre s/lan/n2")->dev,
		     topo_plan_find(&p2, "egre s/lan/n1")->dev);
	EXPECT_STREQ("s..lan.n2", topo_plan_find(&p2, "lan s/lan")->ns);
	/* n3 has a virtual node but no member: nothing of the LAN */
	EXPECT_TRUE(topo_plan_find(&p3, "lan s/lan") == NULL);
	EXPECT_EQ(1, p3.n);
	topo_plan_free(&p1);
	topo_plan_free(&p2);
	topo_plan_free(&p3);
	topo_free(&t);
}

TEST(a_lan_has_each_vnode_once)
{
	EXPECT_TRUE(only_error(NODES "slices:\n  s:\n    vnodes: { a: , b: }\n"
			       "    lans: { l: { ends: [a:e, b:e, a:f] } }\n",
			       "t.yaml:8:35: LAN l: virtual node a has two ends on it"));
}

TEST(namespace_names_fit)
{
	EXPECT_TRUE(only_error(NODES "slices:\n"
			       "  aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa:\n"
			       "    vnodes: { bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb: }\n",
			       "t.yaml:7:15: namespace name aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb is longer than 64 characters"));
	EXPECT_TRUE(only_error("name: x\nnodes:\n  nodenamenodename: { underlay: 10.0.0.1 }\n"
			       "slices:\n  ssssssssssssssssssss:\n    vnodes: { a: , b: }\n"
			       "    lans: { llllllllllllllllllllllllll: { ends: [a:e, b:e] } }\n",
			       "t.yaml:7:13: namespace name ssssssssssssssssssss..llllllllllllllllllllllllll.nodenamenodename (the LAN's on node nodenamenodename) is longer than 64 characters"));
}

/* Lists grow with room to spare, and keep every element where it was. */
TEST(grow_keeps_every_element)
{
	size_t *a = NULL, n = 0;

	for (size_t i = 0; i < 5000; i++) {
		a = topo_grow(a, &n, sizeof(*a));
		ASSERT_EQ(i + 1, n);
		ASSERT_EQ(0, a[i]);	/* zeroed */
		a[i] = i * 7;
	}
	for (size_t i = 0; i < n; i++)
		ASSERT_EQ(i * 7, a[i]);
	free(a);
}

/* Keys made with "%s" alone, or with other conversions, read the same. */
TEST(strdupf_as_printf)
{
	char *s = topo_strdupf("iface %s %s", "red.a", "e0");

	ASSERT_STREQ("iface red.a e0", s);
	free(s);
	s = topo_strdupf("%s", "");
	ASSERT_STREQ("", s);
	free(s);
	s = topo_strdupf("mtu %u %s, 100%%", 1400u, "up");
	ASSERT_STREQ("mtu 1400 up, 100%", s);
	free(s);
	s = topo_strdupf("tr%08x %s", 0xabcu, "x");
	ASSERT_STREQ("tr00000abc x", s);
	free(s);
}

TEST_HARNESS_MAIN
