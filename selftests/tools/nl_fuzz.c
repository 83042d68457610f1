// SPDX-License-Identifier: GPL-2.0
/*
 * nl_fuzz: a seeded netlink fuzzer for trellis. A test helper, not a test
 * (selftests/fuzz/netlink.sh runs it).
 *
 * Sends rtnetlink RTM_NEWLINK/SETLINK/DELLINK/GETLINK for the link kinds
 * egre and shortbridge, and every command of the trellis genetlink family:
 * valid requests (links, bindings, slice links and pairs, changes, deletes)
 * and the same mutated (wrong types and lengths, nested garbage, huge
 * values, flag combinations, missing and repeated attributes, truncation,
 * bit flips), or random. Namespaces are aimed at by IFLA_NET_NS_FD/PID,
 * IFLA_TARGET_NETNSID and the peer's own ifinfomsg attributes: the caller's,
 * one it makes, and those whose fds it was given (--netns FD).
 *
 *   nl_fuzz --seed S --count N [--first F] [--unpriv] [--netns FD]...
 *   nl_fuzz --seed S --only I [...]       replays message I alone (and dumps it)
 *   --slow MS: every batch, clean-up or check that took over MS ms, on stderr
 *   nl_fuzz --seed S --count N --dry-run  builds the messages, sends nothing,
 *                                         prints a hash of their bytes
 *
 * Message I depends on S and I only (the objects it names are looked up by
 * name when it is built), so `--seed S --first 0 --count I+1` replays the
 * history that led to it. Every 10000 messages everything made is deleted.
 *
 * Oracles (--unpriv: the caller is root of its own user namespace only; the
 * namespaces it owns are its own and the one it makes): a shortbridge
 * link with a device in a namespace the caller does not own, and an egre
 * link with raw GRE (the node's GRE handler needs privilege over the node).
 * Either is reported with the seed, the index and a hex dump of each
 * request of the batch that may have made it; exit status 1.
 *
 * Progress every 10000 messages on stderr; a summary on stdout: messages
 * sent, replies by errno.
 */
#include <errno.h>
#include <getopt.h>
#include <net/if.h>
#include <sched.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <fcntl.h>
#include <linux/genetlink.h>
#include <linux/if_link.h>
#include <linux/net_namespace.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>

#include <linux/trellis.h>

#define MSG_MAX		4096
#define ATTRS_MAX	256
#define BATCH_MAX	16
#define EPOCH		10000	/* messages between clean-ups */
#define PROGRESS	10000
#define TARGETS_MAX	8
#define REPORTS_MAX	10

/* ------------------------------------------------------------------ */
/* randomness: one stream per message, from the seed and the index     */

struct rng {
	uint64_t s;
};

static uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static void rng_init(struct rng *r, uint64_t seed, uint64_t index)
{
	r->s = seed * 0xd1342543de82ef95ULL ^ index;
	rng_next(r);
}

/* 0..n-1 */
static uint32_t rnd(struct rng *r, uint32_t n)
{
	return n ? rng_next(r) % n : 0;
}

/* true with probability 1/n */
static bool one_in(struct rng *r, uint32_t n)
{
	return rnd(r, n) == 0;
}

/* ------------------------------------------------------------------ */
/* a message under construction: bytes, and where its attributes are  */

enum proto { RTNL, GENL };

struct msg {
	uint8_t b[MSG_MAX];
	uint32_t len;
	uint32_t hdrlen;		/* nlmsghdr and the family header */
	int nattr;
	uint32_t off[ATTRS_MAX];	/* each attribute's header */
	int parent[ATTRS_MAX];		/* index of its nest, or -1 */
	int stack[8], depth;		/* nests still open */
	enum proto proto;
	bool ends_batch;		/* a dump, or framing that may be broken */
	bool creates;			/* NEWLINK or SETLINK: an oracle may look */
};

static struct nlmsghdr *nlh(struct msg *m)
{
	return (struct nlmsghdr *)m->b;
}

static struct nlattr *attr_at(struct msg *m, int i)
{
	return (struct nlattr *)(m->b + m->off[i]);
}

static void msg_start(struct msg *m, enum proto proto, uint16_t type, uint16_t flags,
		      const void *fam, uint32_t famlen)
{
	m->len = NLMSG_HDRLEN + NLMSG_ALIGN(famlen);
	memset(m->b, 0, m->len);
	memcpy(m->b + NLMSG_HDRLEN, fam, famlen);
	m->hdrlen = m->len;
	m->nattr = 0;
	m->depth = 0;
	m->proto = proto;
	m->ends_batch = false;
	m->creates = false;
	nlh(m)->nlmsg_type = type;
	nlh(m)->nlmsg_flags = flags;
}

/* Appends an attribute; its index, or -1 when the message is full. */
static int put(struct msg *m, uint16_t type, const void *data, uint32_t len)
{
	struct nlattr *a;
	int i = m->nattr;

	if (m->len + NLA_HDRLEN + NLA_ALIGN(len) > MSG_MAX - 64 || i == ATTRS_MAX)
		return -1;
	a = (struct nlattr *)(m->b + m->len);
	a->nla_type = type;
	a->nla_len = NLA_HDRLEN + len;
	memset(m->b + m->len + NLA_HDRLEN, 0, NLA_ALIGN(len));
	if (len)
		memcpy(m->b + m->len + NLA_HDRLEN, data, len);
	m->off[i] = m->len;
	m->parent[i] = m->depth ? m->stack[m->depth - 1] : -1;
	m->nattr++;
	m->len += NLA_HDRLEN + NLA_ALIGN(len);
	return i;
}

static void put_u8(struct msg *m, uint16_t t, uint8_t v) { put(m, t, &v, 1); }
static void put_u16(struct msg *m, uint16_t t, uint16_t v) { put(m, t, &v, 2); }
static void put_u32(struct msg *m, uint16_t t, uint32_t v) { put(m, t, &v, 4); }
static void put_str(struct msg *m, uint16_t t, const char *s) { put(m, t, s, strlen(s) + 1); }

static void nest_start(struct msg *m, uint16_t type)
{
	int i = put(m, type | NLA_F_NESTED, NULL, 0);

	if (m->depth < 8)
		m->stack[m->depth++] = i;
}

static void nest_end(struct msg *m)
{
	int i;

	if (!m->depth)
		return;
	i = m->stack[--m->depth];
	if (i >= 0)
		attr_at(m, i)->nla_len = m->len - m->off[i];
}

/* Raw bytes inside the current nest (a peer's ifinfomsg). */
static void put_raw(struct msg *m, const void *data, uint32_t len)
{
	if (m->len + NLA_ALIGN(len) > MSG_MAX - 64)
		return;
	memcpy(m->b + m->len, data, len);
	memset(m->b + m->len + len, 0, NLA_ALIGN(len) - len);
	m->len += NLA_ALIGN(len);
}

static void msg_finish(struct msg *m, uint32_t seq)
{
	while (m->depth)
		nest_end(m);
	nlh(m)->nlmsg_len = m->len;
	nlh(m)->nlmsg_seq = seq;
}

/* ------------------------------------------------------------------ */
/* the world: sockets, namespaces, the names of the objects we make    */

struct target {
	int fd;
	ino_t ino;
	bool owned;		/* the caller has CAP_NET_ADMIN over it */
};

static struct {
	uint64_t seed;
	bool unpriv;
	int rtnl, genl, own_rtnl;	/* own_rtnl: in the namespace we made */
	uint16_t family;		/* trellis genetlink id */
	struct target t[TARGETS_MAX];	/* 0: home, 1: the one we made */
	int nt;
	uint64_t sent, noreply, data, done, errs[4096], failures;
	int reports;
} w;

#define POOL 8	/* names of each kind of object */

static void pool_name(char *buf, const char *prefix, uint32_t i)
{
	snprintf(buf, IFNAMSIZ, "%s%u", prefix, i % POOL);
}

/*
 * An ifindex to aim at: mostly one of ours (looked up now), sometimes not.
 * @ports: our veth pairs too (not for deletes: making them again is slow).
 */
static uint32_t pick_ifindex_of(struct rng *r, bool ports)
{
	char name[IFNAMSIZ];

	switch (rnd(r, 10)) {
	case 0: case 1: case 2: case 3:
		pool_name(name, "fze", rnd(r, POOL));
		return if_nametoindex(name);
	case 4: case 5:
		if (!ports)
			return 1 + rnd(r, 64);
		snprintf(name, sizeof(name), "fzv%c%u", "ab"[rnd(r, 2)], rnd(r, 2));
		return if_nametoindex(name);
	case 6:
		return 1;
	case 7:
		return 0;
	case 8:
		return 1 + rnd(r, 64);
	}
	return (uint32_t)rng_next(r);
}

static uint32_t pick_ifindex(struct rng *r)
{
	return pick_ifindex_of(r, true);
}

/* A namespace fd: ours, or not one. */
static uint32_t pick_ns_fd(struct rng *r)
{
	switch (rnd(r, 8)) {
	case 0:
		return -1;
	case 1:
		return rnd(r, 3);		/* stdio */
	case 2:
		return w.rtnl;
	case 3:
		return (uint32_t)rng_next(r);
	}
	return w.t[rnd(r, w.nt)].fd;
}

static uint32_t pick_pid(struct rng *r)
{
	switch (rnd(r, 5)) {
	case 0: return getpid();
	case 1: return 1;
	case 2: return 0;
	case 3: return 0x7fffffff;
	}
	return (uint32_t)rng_next(r);
}

/* nsids we asked for are 1..nt-1 (see nsids_assign) */
static uint32_t pick_nsid(struct rng *r)
{
	if (one_in(r, 6))
		return (uint32_t)rng_next(r);
	return (uint32_t)rnd(r, w.nt + 1) - 1;
}

/* Where a new device goes: nowhere said, or a namespace by fd, pid or nsid. */
static void put_netns(struct msg *m, struct rng *r)
{
	switch (rnd(r, 8)) {
	case 0: case 1: case 2:
		put_u32(m, IFLA_NET_NS_FD, pick_ns_fd(r));
		break;
	case 3:
		put_u32(m, IFLA_NET_NS_PID, pick_pid(r));
		break;
	case 4:
		put_u32(m, IFLA_TARGET_NETNSID, pick_nsid(r));
		break;
	}
}

static void put_mac(struct msg *m, struct rng *r)
{
	uint8_t mac[8];
	uint64_t v = rng_next(r);

	memcpy(mac, &v, sizeof(mac));
	if (!one_in(r, 4))
		mac[0] = (mac[0] & 0xfe) | 0x02;	/* unicast, local */
	put(m, IFLA_ADDRESS, mac, one_in(r, 8) ? rnd(r, 9) : 6);
}

static void put_mtu(struct msg *m, struct rng *r)
{
	static const uint32_t mtus[] = { 0, 67, 68, 576, 1280, 1400, 1462, 1500, 9000, 65535, 0xffffffff };

	put_u32(m, IFLA_MTU, mtus[rnd(r, sizeof(mtus) / sizeof(mtus[0]))]);
}

/* ------------------------------------------------------------------ */
/* valid requests                                                      */

static void egre_data(struct msg *m, struct rng *r, bool all)
{
	static const char *const v4[] = { "10.0.0.1", "10.0.0.2", "10.0.0.3", "0.0.0.0",
					  "224.0.0.1", "255.255.255.255", "127.0.0.1" };
	static const char *const v6[] = { "fd00::1", "fd00::2", "::", "ff02::1",
					  "::ffff:10.0.0.1", "::1" };
	uint8_t a[16];
	bool six = one_in(r, 3);
	int i;

	for (i = 0; i < 2; i++) {
		if (!all && !one_in(r, 3))
			continue;
		if (six)
			inet_pton(AF_INET6, v6[rnd(r, one_in(r, 3) ? 6 : 2)], a);
		else
			inet_pton(AF_INET, v4[rnd(r, one_in(r, 3) ? 7 : 3)], a);
		put(m, i ? IFLA_EGRE_REMOTE : IFLA_EGRE_LOCAL, a, six ? 16 : 4);
	}
	if (all || one_in(r, 3))
		put_u32(m, IFLA_EGRE_IKEY, htonl(1 + rnd(r, 8)));
	if (one_in(r, 3))
		put_u32(m, IFLA_EGRE_OKEY, htonl(rnd(r, 9)));
	if (one_in(r, 4))
		put_u8(m, IFLA_EGRE_TTL, one_in(r, 2) ? 0 : rng_next(r));
	if (one_in(r, 4))
		put_u8(m, IFLA_EGRE_TOS, one_in(r, 2) ? 1 : rng_next(r));
	if (one_in(r, 4))
		put_u8(m, IFLA_EGRE_PMTUDISC, rnd(r, 3));
	if (one_in(r, 5))
		put_u32(m, IFLA_EGRE_LINK, pick_ifindex(r));
	if (one_in(r, 4))
		put_u8(m, IFLA_EGRE_CSUM, rnd(r, 3));
	if (one_in(r, 4))
		put_u8(m, IFLA_EGRE_SEQ, rnd(r, 3));
	/* mostly GRE-in-UDP: raw GRE takes the node's GRE handler */
	if (all || one_in(r, 3))
		put_u8(m, IFLA_EGRE_ENCAP, one_in(r, 4) ? TRELLIS_EGRE_ENCAP_GRE :
			    one_in(r, 10) ? 2 : TRELLIS_EGRE_ENCAP_UDP);
	if (one_in(r, 3))
		put_u16(m, IFLA_EGRE_PORT, htons(one_in(r, 2) ? 4754 : 4754 + rnd(r, 3)));
}

static void linkinfo(struct msg *m, struct rng *r, const char *kind)
{
	nest_start(m, IFLA_LINKINFO);
	if (one_in(r, 200))	/* an unknown kind makes the kernel run modprobe: rare */
		put(m, IFLA_INFO_KIND, kind, strlen(kind));
	else
		put_str(m, IFLA_INFO_KIND, kind);
	nest_start(m, IFLA_INFO_DATA);
}

static void rt_start(struct msg *m, uint16_t type, uint16_t flags, uint32_t ifindex,
		     struct rng *r)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC, .ifi_index = ifindex };

	if (one_in(r, 6)) {
		ifi.ifi_flags = IFF_UP;
		ifi.ifi_change = IFF_UP;
	}
	msg_start(m, RTNL, type, NLM_F_REQUEST | NLM_F_ACK | flags, &ifi, sizeof(ifi));
	m->creates = type == RTM_NEWLINK || type == RTM_SETLINK;
}

static void gen_egre_new(struct msg *m, struct rng *r)
{
	char name[IFNAMSIZ];

	rt_start(m, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, 0, r);
	pool_name(name, "fze", rnd(r, POOL));
	put_str(m, IFLA_IFNAME, name);
	if (one_in(r, 4))
		put_mtu(m, r);
	if (one_in(r, 5))
		put_mac(m, r);
	if (one_in(r, 5))
		put_netns(m, r);
	if (one_in(r, 10))
		put_u32(m, IFLA_LINK, pick_ifindex(r));
	linkinfo(m, r, TRELLIS_EGRE_KIND);
	egre_data(m, r, true);
}

/* A fast slice interface bound to an egre link, or a pair. */
static void gen_sb_new(struct msg *m, struct rng *r, bool pair)
{
	uint32_t slot = rnd(r, POOL);
	char name[IFNAMSIZ];

	rt_start(m, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, 0, r);
	pool_name(name, "fzd", slot);
	put_str(m, IFLA_IFNAME, name);
	put_netns(m, r);
	if (one_in(r, 4))
		put_mtu(m, r);
	if (one_in(r, 5))
		put_mac(m, r);
	linkinfo(m, r, TRELLIS_SHORTBRIDGE_KIND);
	pool_name(name, "fzs", slot);
	put_str(m, IFLA_SHORTBRIDGE_NAME, name);
	if (!pair) {
		put_u32(m, IFLA_SHORTBRIDGE_LINK, pick_ifindex(r));
		return;
	}
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC };

	if (one_in(r, 5))
		ifi.ifi_index = pick_ifindex(r);
	nest_start(m, IFLA_SHORTBRIDGE_PEER);
	put_raw(m, &ifi, sizeof(ifi));
	if (!one_in(r, 5)) {
		pool_name(name, "fzp", slot);
		put_str(m, IFLA_IFNAME, name);
	}
	put_netns(m, r);
	if (one_in(r, 5))
		put_mac(m, r);
	if (one_in(r, 6))
		put_mtu(m, r);
}

/* A change: NEWLINK without CREATE (changelink) or SETLINK, by index or name. */
static void gen_change(struct msg *m, struct rng *r)
{
	uint16_t type = one_in(r, 2) ? RTM_NEWLINK : RTM_SETLINK;
	char name[IFNAMSIZ];
	bool by_name = one_in(r, 3);

	rt_start(m, type, 0, by_name ? 0 : pick_ifindex(r), r);
	if (by_name) {
		pool_name(name, one_in(r, 3) ? "fzd" : "fze", rnd(r, POOL));
		put_str(m, IFLA_IFNAME, name);
	}
	if (one_in(r, 6))
		put_u32(m, IFLA_TARGET_NETNSID, pick_nsid(r));
	if (one_in(r, 4))
		put_mtu(m, r);
	if (one_in(r, 5))
		put_mac(m, r);
	if (one_in(r, 12))
		put_netns(m, r);	/* a move: egre and shortbridge refuse it */
	if (one_in(r, 12))
		put_u32(m, IFLA_MASTER, pick_ifindex(r));
	if (one_in(r, 3))
		return;
	linkinfo(m, r, one_in(r, 5) ? TRELLIS_SHORTBRIDGE_KIND : TRELLIS_EGRE_KIND);
	egre_data(m, r, false);
}

static void gen_del(struct msg *m, struct rng *r)
{
	char name[IFNAMSIZ];

	if (one_in(r, 3)) {
		rt_start(m, RTM_DELLINK, 0, 0, r);
		pool_name(name, one_in(r, 2) ? "fzd" : "fze", rnd(r, POOL));
		put_str(m, IFLA_IFNAME, name);
	} else {
		rt_start(m, RTM_DELLINK, 0, pick_ifindex_of(r, false), r);
	}
	if (one_in(r, 4))
		put_u32(m, IFLA_TARGET_NETNSID, pick_nsid(r));
	if (one_in(r, 6)) {
		nest_start(m, IFLA_LINKINFO);
		put_str(m, IFLA_INFO_KIND, one_in(r, 2) ? TRELLIS_EGRE_KIND :
			TRELLIS_SHORTBRIDGE_KIND);
		nest_end(m);
	}
}

static void gen_get(struct msg *m, struct rng *r)
{
	bool dump = one_in(r, 3);

	rt_start(m, RTM_GETLINK, dump ? NLM_F_DUMP : 0, dump ? 0 : pick_ifindex(r), r);
	m->creates = false;
	if (one_in(r, 3))
		put_u32(m, IFLA_EXT_MASK, RTEXT_FILTER_VF | RTEXT_FILTER_SKIP_STATS);
	if (one_in(r, 4))
		put_u32(m, IFLA_TARGET_NETNSID, pick_nsid(r));
	if (dump && one_in(r, 2)) {
		nest_start(m, IFLA_LINKINFO);
		put_str(m, IFLA_INFO_KIND, one_in(r, 2) ? TRELLIS_EGRE_KIND :
			TRELLIS_SHORTBRIDGE_KIND);
		nest_end(m);
	}
}

static void genl_start(struct msg *m, uint8_t cmd, bool dump)
{
	struct genlmsghdr g = { .cmd = cmd, .version = TRELLIS_GENL_VERSION };

	msg_start(m, GENL, w.family, NLM_F_REQUEST | NLM_F_ACK | (dump ? NLM_F_DUMP : 0),
		  &g, sizeof(g));
}

static void put_name(struct msg *m, struct rng *r, const char *prefix)
{
	char name[IFNAMSIZ];

	pool_name(name, prefix, rnd(r, POOL));
	put_str(m, TRELLIS_ATTR_NAME, name);
}

static void gen_genl(struct msg *m, struct rng *r)
{
	uint8_t cmd = 1 + rnd(r, TRELLIS_CMD_MAX);
	bool dump = false;

	if (cmd == TRELLIS_CMD_GET_LINK || cmd == TRELLIS_CMD_GET_BINDING ||
	    cmd == TRELLIS_CMD_GET_SLICE_LINK)
		dump = one_in(r, 2);
	/* deletes wait for RCU grace periods: a quarter of them are asked */
	if ((cmd == TRELLIS_CMD_UNBIND || cmd == TRELLIS_CMD_DEL_SLICE_LINK) && !one_in(r, 4))
		cmd = cmd == TRELLIS_CMD_UNBIND ? TRELLIS_CMD_GET_BINDING : TRELLIS_CMD_GET_SLICE_LINK;
	if (one_in(r, 30))
		cmd = rng_next(r);	/* unknown, or UNSPEC */
	genl_start(m, cmd, dump);
	switch (cmd) {
	case TRELLIS_CMD_GET_LINK:
		if (!dump)
			put_u32(m, TRELLIS_ATTR_IFINDEX, pick_ifindex(r));
		break;
	case TRELLIS_CMD_BIND:
		put_name(m, r, "fzb");
		put_u32(m, TRELLIS_ATTR_PORT_A, pick_ifindex(r));
		put_u32(m, TRELLIS_ATTR_PORT_B, pick_ifindex(r));
		break;
	case TRELLIS_CMD_UNBIND:
	case TRELLIS_CMD_GET_BINDING:
		if (!dump)
			put_name(m, r, "fzb");
		break;
	case TRELLIS_CMD_GET_SLICE_LINK:
	case TRELLIS_CMD_DEL_SLICE_LINK:
		if (!dump)
			put_name(m, r, "fzs");
		break;
	}
}

/* Attributes of random types, lengths and nesting. */
static void random_attrs(struct msg *m, struct rng *r, int depth)
{
	int n = rnd(r, 6), i;
	uint8_t junk[64];

	for (i = 0; i < n; i++) {
		uint16_t type = rnd(r, 64);

		if (depth < 3 && one_in(r, 3)) {
			nest_start(m, type);
			random_attrs(m, r, depth + 1);
			nest_end(m);
			continue;
		}
		for (size_t j = 0; j < sizeof(junk); j += 8) {
			uint64_t v = rng_next(r);

			memcpy(junk + j, &v, 8);
		}
		put(m, type, junk, rnd(r, sizeof(junk)));
	}
}

static void gen_random(struct msg *m, struct rng *r)
{
	static const uint16_t types[] = { RTM_NEWLINK, RTM_SETLINK, RTM_DELLINK, RTM_GETLINK };

	if (one_in(r, 2)) {
		struct ifinfomsg ifi = {
			.ifi_family = rnd(r, 12), .ifi_type = rng_next(r),
			.ifi_index = pick_ifindex(r), .ifi_flags = rng_next(r),
			.ifi_change = rng_next(r),
		};

		msg_start(m, RTNL, types[rnd(r, 4)], NLM_F_REQUEST | NLM_F_ACK |
			  (rng_next(r) & 0x0f00), &ifi, sizeof(ifi));
		m->creates = true;
	} else {
		genl_start(m, rng_next(r), false);
	}
	random_attrs(m, r, 0);
}

/* ------------------------------------------------------------------ */
/* mutations                                                           */

/* The aligned size an attribute had when it was built (or last resized). */
static uint32_t attr_size(struct msg *m, int i)
{
	return NLA_ALIGN(attr_at(m, i)->nla_len);
}

/* Drops attribute i's descendants from the table (their bytes stay). */
static void forget_children(struct msg *m, int i)
{
	uint32_t end = m->off[i] + attr_size(m, i);
	int j = i + 1, k;

	while (j < m->nattr && m->off[j] < end)
		j++;
	for (k = j; k < m->nattr; k++) {
		m->off[i + 1 + k - j] = m->off[k];
		m->parent[i + 1 + k - j] = m->parent[k] > i ? m->parent[k] - (j - i - 1) :
							     m->parent[k];
	}
	m->nattr -= j - i - 1;
}

/* Moves the bytes from @at by @delta, fixing offsets and the nests around @i. */
static bool shift(struct msg *m, int i, uint32_t at, int delta)
{
	int k, p;

	if ((int)m->len + delta > MSG_MAX - 64)
		return false;
	memmove(m->b + at + delta, m->b + at, m->len - at);
	m->len += delta;
	for (k = 0; k < m->nattr; k++)
		if (m->off[k] >= at && k != i)
			m->off[k] += delta;
	for (p = m->parent[i]; p >= 0; p = m->parent[p])
		attr_at(m, p)->nla_len += delta;
	return true;
}

/* Gives attribute i a payload of @len bytes (random). */
static void resize(struct msg *m, struct rng *r, int i, uint32_t len)
{
	uint32_t old = attr_size(m, i), off = m->off[i];
	int delta = (int)NLA_ALIGN(NLA_HDRLEN + len) - (int)old;

	forget_children(m, i);
	if (!shift(m, i, off + old, delta))
		return;
	attr_at(m, i)->nla_len = NLA_HDRLEN + len;
	for (uint32_t j = 0; j < NLA_ALIGN(len); j++)
		m->b[off + NLA_HDRLEN + j] = j < len ? rng_next(r) : 0;
}

static void remove_attr(struct msg *m, int i)
{
	uint32_t size = attr_size(m, i), off = m->off[i];
	int k;

	forget_children(m, i);
	shift(m, i, off + size, -(int)size);
	for (k = i; k + 1 < m->nattr; k++) {
		m->off[k] = m->off[k + 1];
		m->parent[k] = m->parent[k + 1] > i ? m->parent[k + 1] - 1 : m->parent[k + 1];
	}
	m->nattr--;
}

/* Repeats attribute i right after itself (the copy's children untracked). */
static void repeat_attr(struct msg *m, int i)
{
	uint32_t size = attr_size(m, i), off = m->off[i];
	int j = i + 1, k;

	if (m->nattr == ATTRS_MAX || !shift(m, i, off + size, size))
		return;
	memcpy(m->b + off + size, m->b + off, size);
	while (j < m->nattr && m->off[j] < off + size)
		j++;		/* past i's children */
	for (k = m->nattr; k > j; k--) {
		m->off[k] = m->off[k - 1];
		m->parent[k] = m->parent[k - 1] >= j ? m->parent[k - 1] + 1 : m->parent[k - 1];
	}
	m->off[j] = off + size;
	m->parent[j] = m->parent[i];
	m->nattr++;
}

/* Payload values at the edges: 0, all ones, sign bits, huge. */
static void edge_value(struct msg *m, struct rng *r, int i)
{
	struct nlattr *a = attr_at(m, i);
	uint32_t len = a->nla_len > NLA_HDRLEN ? a->nla_len - NLA_HDRLEN : 0;
	uint8_t *p = m->b + m->off[i] + NLA_HDRLEN;
	static const uint8_t fills[] = { 0x00, 0xff, 0x80, 0x7f, 0x01 };

	if (m->off[i] + a->nla_len > m->len)
		return;
	forget_children(m, i);	/* a nest's children are overwritten */
	memset(p, fills[rnd(r, sizeof(fills))], len);
	if (len && one_in(r, 2))
		p[len - 1] = 0;		/* keeps strings terminated */
}

static void mutate_structure(struct msg *m, struct rng *r)
{
	int i;

	if (!m->nattr)
		return;
	i = rnd(r, m->nattr);
	switch (rnd(r, 5)) {
	case 0:
		remove_attr(m, i);
		break;
	case 1:
		repeat_attr(m, i);
		break;
	case 2: {	/* wrong size: 0, 1, 2, 3, 5, 8, 16, ... */
		static const uint32_t sizes[] = { 0, 1, 2, 3, 5, 7, 8, 15, 16, 17, 20, 64, 300 };

		resize(m, r, i, sizes[rnd(r, sizeof(sizes) / sizeof(sizes[0]))]);
		break;
	}
	case 3: {	/* nested garbage: the payload becomes random attributes */
		static struct msg junk;
		uint32_t off = m->off[i], old = attr_size(m, i);

		junk.len = 0;
		junk.nattr = 0;
		junk.depth = 0;
		random_attrs(&junk, r, 1);
		forget_children(m, i);
		if (!shift(m, i, off + old, (int)(NLA_HDRLEN + junk.len) - (int)old))
			break;
		memcpy(m->b + off + NLA_HDRLEN, junk.b, junk.len);
		attr_at(m, i)->nla_len = NLA_HDRLEN + junk.len;
		attr_at(m, i)->nla_type |= NLA_F_NESTED;
		break;
	}
	case 4:
		edge_value(m, r, i);
		break;
	}
}

/* Mutations that may break the framing: done last, after every resize. */
static void mutate_bytes(struct msg *m, struct rng *r)
{
	int i = m->nattr ? (int)rnd(r, m->nattr) : -1;
	struct nlattr *a;

	switch (rnd(r, 7)) {
	case 0:		/* the attribute's length, inconsistent with its nest */
		if (i < 0)
			break;
		a = attr_at(m, i);
		switch (rnd(r, 5)) {
		case 0: a->nla_len = rnd(r, 4); break;
		case 1: a->nla_len -= a->nla_len > 0 ? 1 : 0; break;
		case 2: a->nla_len += 1 + rnd(r, 8); break;
		case 3: a->nla_len = 0xffff; break;
		default: a->nla_len = rng_next(r); break;
		}
		break;
	case 1:		/* the attribute's type and its flag bits */
		if (i < 0)
			break;
		a = attr_at(m, i);
		switch (rnd(r, 4)) {
		case 0: a->nla_type ^= NLA_F_NESTED; break;
		case 1: a->nla_type ^= NLA_F_NET_BYTEORDER; break;
		case 2: a->nla_type = (a->nla_type & ~NLA_TYPE_MASK) | rnd(r, 64); break;
		default: a->nla_type = rng_next(r); break;
		}
		break;
	case 2: {	/* bit flips after the netlink header */
		int n = 1 + rnd(r, 4);

		while (n-- && m->len > NLMSG_HDRLEN) {
			uint32_t at = NLMSG_HDRLEN + rnd(r, m->len - NLMSG_HDRLEN);

			m->b[at] ^= 1u << rnd(r, 8);
		}
		break;
	}
	case 3:		/* truncated: the message ends early */
		if (m->len > NLMSG_HDRLEN)
			m->len = NLMSG_HDRLEN + rnd(r, m->len - NLMSG_HDRLEN);
		m->nattr = 0;
		break;
	case 4:		/* a length that promises more than there is */
		nlh(m)->nlmsg_len = m->len + 1 + rnd(r, 64);
		m->ends_batch = true;
		return;
	case 5:		/* every flag combination */
		nlh(m)->nlmsg_flags = one_in(r, 4) ? (uint16_t)rng_next(r) :
				      (NLM_F_REQUEST | (rng_next(r) & 0x0ffe));
		break;
	case 6:		/* the family header: ifinfomsg or genlmsghdr */
		if (m->proto == GENL) {
			m->b[NLMSG_HDRLEN + rnd(r, 2)] = rng_next(r);
		} else {
			struct ifinfomsg *ifi = (struct ifinfomsg *)(m->b + NLMSG_HDRLEN);

			if (one_in(r, 2))
				ifi->ifi_family = rnd(r, 12);
			else
				ifi->ifi_flags ^= 1u << rnd(r, 32);
			if (one_in(r, 3))
				ifi->ifi_change = rng_next(r);
		}
		break;
	}
	nlh(m)->nlmsg_len = m->len;
}

/* Message @index of the run: built from the seed and the index alone. */
static void generate(struct msg *m, uint64_t index)
{
	struct rng r;
	int k, n, bytes;

	rng_init(&r, w.seed, index);
	switch (rnd(&r, 20)) {
	case 0: case 1: case 2: case 3:
		gen_egre_new(m, &r);
		break;
	case 4: case 5:
		gen_sb_new(m, &r, false);
		break;
	case 6: case 7:
		gen_sb_new(m, &r, true);
		break;
	case 8: case 9: case 10:
		gen_change(m, &r);
		break;
	case 11: case 12:
		/* a delete waits for RCU grace periods (tens of ms in the VM) */
		if (one_in(&r, 4))
			gen_del(m, &r);
		else
			gen_genl(m, &r);
		break;
	case 13:
		gen_get(m, &r);
		break;
	case 14: case 15: case 16: case 17:
		gen_genl(m, &r);
		break;
	default:
		if (one_in(&r, 2))
			gen_genl(m, &r);
		else
			gen_random(m, &r);
	}
	msg_finish(m, (uint32_t)index);
	/* a quarter as built, most mutated a little, some a lot */
	n = rnd(&r, 4) == 0 ? 0 : one_in(&r, 8) ? 4 + rnd(&r, 5) : 1 + rnd(&r, 3);
	bytes = rnd(&r, n + 1);
	/* sizes are trusted while the structure changes: bytes last */
	for (k = 0; k < n - bytes; k++)
		mutate_structure(m, &r);
	nlh(m)->nlmsg_len = m->len;
	for (k = 0; k < bytes; k++)
		mutate_bytes(m, &r);
	/* a dump goes on as its replies are read: nothing may follow it */
	if (m->proto == RTNL ? nlh(m)->nlmsg_type == RTM_GETLINK &&
			       (nlh(m)->nlmsg_flags & NLM_F_DUMP) :
	    (nlh(m)->nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP)
		m->ends_batch = true;
	if (nlh(m)->nlmsg_len != m->len)
		m->ends_batch = true;
}

/* ------------------------------------------------------------------ */
/* netlink I/O                                                         */

static int conn_open(int proto)
{
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, proto);
	int one = 1, rcvbuf = 1 << 20;

	if (fd < 0) {
		perror("nl_fuzz: netlink socket");
		exit(2);
	}
	setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
	/* errors without a copy of the request: less to read */
	setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	return fd;
}

static bool nl_send(int fd, const void *buf, size_t len)
{
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };

	return sendto(fd, buf, len, 0, (struct sockaddr *)&kernel, sizeof(kernel)) >= 0;
}

typedef void (*reply_fn)(const struct nlmsghdr *h, void *arg);

/*
 * A request of our own (set-up, checks, clean-up), not fuzzed: 0 or -errno;
 * @fn sees each data reply.
 */
static int request(int fd, struct msg *m, reply_fn fn, void *arg)
{
	static uint32_t seq = 0x80000000;	/* apart from the fuzzed messages' */
	static uint8_t buf[1 << 16];
	bool dump = (nlh(m)->nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP;
	ssize_t n;

	msg_finish(m, ++seq);
	if (!nl_send(fd, m->b, m->len))
		return -errno;
	for (;;) {
		n = recv(fd, buf, sizeof(buf), 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		for (struct nlmsghdr *h = (void *)buf; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
			if (h->nlmsg_seq != seq)
				continue;
			if (h->nlmsg_type == NLMSG_ERROR) {
				int err = ((struct nlmsgerr *)NLMSG_DATA(h))->error;

				if (err || !dump)
					return err;
			} else if (h->nlmsg_type == NLMSG_DONE) {
				return 0;
			} else if (fn) {
				fn(h, arg);
			}
		}
	}
}

/* Attributes of @len bytes at @data into tb[0..max] (the last of a type wins). */
static void parse(const void *data, int len, const struct nlattr **tb, int max)
{
	const struct nlattr *a = data;

	memset(tb, 0, sizeof(*tb) * (max + 1));
	while (len >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN && a->nla_len <= len) {
		if ((a->nla_type & NLA_TYPE_MASK) <= max)
			tb[a->nla_type & NLA_TYPE_MASK] = a;
		len -= NLA_ALIGN(a->nla_len);
		a = (const void *)((const uint8_t *)a + NLA_ALIGN(a->nla_len));
	}
}

static const void *payload(const struct nlattr *a) { return (const uint8_t *)a + NLA_HDRLEN; }
static int payload_len(const struct nlattr *a) { return a->nla_len - NLA_HDRLEN; }

static void family_reply(const struct nlmsghdr *h, void *arg)
{
	const struct nlattr *tb[CTRL_ATTR_MAX + 1];

	parse((const uint8_t *)NLMSG_DATA(h) + GENL_HDRLEN,
	      h->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN, tb, CTRL_ATTR_MAX);
	if (tb[CTRL_ATTR_FAMILY_ID])
		*(uint16_t *)arg = *(const uint16_t *)payload(tb[CTRL_ATTR_FAMILY_ID]);
}

static uint16_t family_id(void)
{
	struct genlmsghdr g = { .cmd = CTRL_CMD_GETFAMILY, .version = 1 };
	static struct msg m;
	uint16_t id = 0;

	msg_start(&m, GENL, GENL_ID_CTRL, NLM_F_REQUEST | NLM_F_ACK, &g, sizeof(g));
	put_str(&m, CTRL_ATTR_FAMILY_NAME, TRELLIS_GENL_NAME);
	request(w.genl, &m, family_reply, &id);
	return id;
}

/* ------------------------------------------------------------------ */
/* set-up and clean-up                                                 */

/* Two veth pairs in the caller's namespace, ports for bindings. */
static void fixtures(void)
{
	static struct msg m;
	char a[IFNAMSIZ], b[IFNAMSIZ];
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC };

	for (int i = 0; i < 2; i++) {
		snprintf(a, sizeof(a), "fzva%d", i);
		snprintf(b, sizeof(b), "fzvb%d", i);
		if (if_nametoindex(a) && if_nametoindex(b))
			continue;
		msg_start(&m, RTNL, RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE |
			  NLM_F_EXCL, &ifi, sizeof(ifi));
		put_str(&m, IFLA_IFNAME, a);
		nest_start(&m, IFLA_LINKINFO);
		put_str(&m, IFLA_INFO_KIND, "veth");
		nest_start(&m, IFLA_INFO_DATA);
		nest_start(&m, VETH_INFO_PEER);
		put_raw(&m, &ifi, sizeof(ifi));
		put_str(&m, IFLA_IFNAME, b);
		/* one end gone: the other goes, and the pair is made again */
		if (if_nametoindex(a) || if_nametoindex(b)) {
			static struct msg del;

			msg_start(&del, RTNL, RTM_DELLINK, NLM_F_REQUEST | NLM_F_ACK, &ifi,
				  sizeof(ifi));
			put_str(&del, IFLA_IFNAME, if_nametoindex(a) ? a : b);
			request(w.rtnl, &del, NULL, NULL);
		}
		request(w.rtnl, &m, NULL, NULL);
	}
}

/* nsids 1.. for the namespaces we know, so IFLA_TARGET_NETNSID can name them. */
static void nsids_assign(void)
{
	static struct msg m;
	struct rtgenmsg g = { .rtgen_family = AF_UNSPEC };

	for (int i = 1; i < w.nt; i++) {
		msg_start(&m, RTNL, RTM_NEWNSID, NLM_F_REQUEST | NLM_F_ACK, &g, sizeof(g));
		put_u32(&m, NETNSA_FD, w.t[i].fd);
		put_u32(&m, NETNSA_NSID, i);
		request(w.rtnl, &m, NULL, NULL);	/* refused where not ours: fine */
	}
}

struct names {
	char name[64][IFNAMSIZ];
	int n;
};

static void name_reply(const struct nlmsghdr *h, void *arg)
{
	const struct nlattr *tb[TRELLIS_ATTR_MAX + 1];
	struct names *names = arg;

	parse((const uint8_t *)NLMSG_DATA(h) + GENL_HDRLEN,
	      h->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN, tb, TRELLIS_ATTR_MAX);
	if (tb[TRELLIS_ATTR_NAME] && names->n < 64)
		snprintf(names->name[names->n++], IFNAMSIZ, "%.*s",
			 payload_len(tb[TRELLIS_ATTR_NAME]), (const char *)payload(tb[TRELLIS_ATTR_NAME]));
}

/* Every binding, or every slice link, of the caller's namespace deleted. */
static void genl_flush(uint8_t dump_cmd, uint8_t del_cmd)
{
	static struct msg m;
	struct names names = { .n = 0 };

	genl_start(&m, dump_cmd, true);
	request(w.genl, &m, name_reply, &names);
	for (int i = 0; i < names.n; i++) {
		genl_start(&m, del_cmd, false);
		put_str(&m, TRELLIS_ATTR_NAME, names.name[i]);
		request(w.genl, &m, NULL, NULL);
	}
}

struct link_info {
	int ifindex;
	char name[IFNAMSIZ];
	char kind[16];
	int encap;		/* IFLA_EGRE_ENCAP, -1 if absent */
};

struct links {
	struct link_info l[256];
	int n;
};

static void link_reply(const struct nlmsghdr *h, void *arg)
{
	const struct ifinfomsg *ifi = NLMSG_DATA(h);
	const struct nlattr *tb[IFLA_MAX + 1], *li[IFLA_INFO_MAX + 1], *data[IFLA_EGRE_MAX + 1];
	struct links *links = arg;
	struct link_info *l;

	if (h->nlmsg_type != RTM_NEWLINK || links->n == 256)
		return;
	l = &links->l[links->n++];
	memset(l, 0, sizeof(*l));
	l->ifindex = ifi->ifi_index;
	l->encap = -1;
	parse((const uint8_t *)ifi + NLMSG_ALIGN(sizeof(*ifi)),
	      h->nlmsg_len - NLMSG_LENGTH(sizeof(*ifi)), tb, IFLA_MAX);
	if (tb[IFLA_IFNAME])
		snprintf(l->name, sizeof(l->name), "%s", (const char *)payload(tb[IFLA_IFNAME]));
	if (!tb[IFLA_LINKINFO])
		return;
	parse(payload(tb[IFLA_LINKINFO]), payload_len(tb[IFLA_LINKINFO]), li, IFLA_INFO_MAX);
	if (li[IFLA_INFO_KIND])
		snprintf(l->kind, sizeof(l->kind), "%s", (const char *)payload(li[IFLA_INFO_KIND]));
	if (!li[IFLA_INFO_DATA] || strcmp(l->kind, TRELLIS_EGRE_KIND))
		return;
	parse(payload(li[IFLA_INFO_DATA]), payload_len(li[IFLA_INFO_DATA]), data, IFLA_EGRE_MAX);
	if (data[IFLA_EGRE_ENCAP])
		l->encap = *(const uint8_t *)payload(data[IFLA_EGRE_ENCAP]);
}

static void links_dump(int fd, struct links *links)
{
	static struct msg m;
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC };

	links->n = 0;
	msg_start(&m, RTNL, RTM_GETLINK, NLM_F_REQUEST | NLM_F_DUMP, &ifi, sizeof(ifi));
	put_u32(&m, IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
	request(fd, &m, link_reply, links);
}

static void link_del(int fd, int ifindex)
{
	static struct msg m;
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC, .ifi_index = ifindex };

	msg_start(&m, RTNL, RTM_DELLINK, NLM_F_REQUEST | NLM_F_ACK, &ifi, sizeof(ifi));
	request(fd, &m, NULL, NULL);
}

/* Deletes every egre and shortbridge device, and our veths, on socket @fd. */
static void sweep(int fd)
{
	static struct links links;

	links_dump(fd, &links);
	for (int i = 0; i < links.n; i++) {
		struct link_info *l = &links.l[i];

		if (!strcmp(l->kind, TRELLIS_EGRE_KIND) ||
		    !strcmp(l->kind, TRELLIS_SHORTBRIDGE_KIND) || !strncmp(l->name, "fzv", 3))
			link_del(fd, l->ifindex);
	}
}

/* Everything made so far, in every namespace we may enter. */
static void cleanup_all(void)
{
	genl_flush(TRELLIS_CMD_GET_BINDING, TRELLIS_CMD_UNBIND);
	genl_flush(TRELLIS_CMD_GET_SLICE_LINK, TRELLIS_CMD_DEL_SLICE_LINK);
	sweep(w.rtnl);
	sweep(w.own_rtnl);
	for (int i = 2; i < w.nt && !w.unpriv; i++) {
		int fd;

		if (setns(w.t[i].fd, CLONE_NEWNET))
			continue;
		fd = conn_open(NETLINK_ROUTE);
		sweep(fd);
		close(fd);
		if (setns(w.t[0].fd, CLONE_NEWNET)) {
			perror("nl_fuzz: back to our namespace");
			exit(2);
		}
	}
}

/* ------------------------------------------------------------------ */
/* oracles, and what a failure prints                                  */

static void hexdump(const uint8_t *b, uint32_t len)
{
	for (uint32_t i = 0; i < len; i += 16) {
		fprintf(stderr, "  %04x:", i);
		for (uint32_t j = i; j < i + 16 && j < len; j++)
			fprintf(stderr, " %02x", b[j]);
		fputc('\n', stderr);
	}
}

struct batch {
	struct msg m[BATCH_MAX];
	uint64_t index[BATCH_MAX];
	int err[BATCH_MAX];		/* -errno, 0, or 1: no reply */
	int n;
	enum proto proto;
};

/* One oracle's finding: the requests of the batch that may have caused it. */
static void report(struct batch *b, const char *what)
{
	w.failures++;
	if (w.reports++ >= REPORTS_MAX)
		return;
	fprintf(stderr, "nl_fuzz: FAIL seed %llu: %s\n", (unsigned long long)w.seed, what);
	for (int i = 0; i < b->n; i++) {
		if (!b->m[i].creates || b->err[i] < 0)
			continue;
		fprintf(stderr, "nl_fuzz: seed %llu index %llu (%u bytes, %s); replay: nl_fuzz --seed %llu --only %llu%s\n",
			(unsigned long long)w.seed, (unsigned long long)b->index[i], b->m[i].len,
			b->err[i] ? "no reply" : "acknowledged", (unsigned long long)w.seed,
			(unsigned long long)b->index[i], w.unpriv ? " --unpriv" : "");
		hexdump(b->m[i].b, b->m[i].len);
	}
}

static bool ino_owned(ino_t ino)
{
	for (int i = 0; i < w.nt; i++)
		if (w.t[i].ino == ino)
			return w.t[i].owned;
	return false;
}

struct ends {
	struct names foreign;	/* slice links with a device where we are not admin */
	uint32_t ino[64];
};

static void ends_reply(const struct nlmsghdr *h, void *arg)
{
	const struct nlattr *tb[TRELLIS_ATTR_MAX + 1], *end[TRELLIS_END_MAX + 1], *a;
	const uint8_t *p = (const uint8_t *)NLMSG_DATA(h) + GENL_HDRLEN;
	int len = h->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN;
	struct ends *e = arg;

	parse(p, len, tb, TRELLIS_ATTR_MAX);
	if (!tb[TRELLIS_ATTR_NAME])
		return;
	/* every END, not just the last: walk them */
	for (a = (const void *)p; len >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN && a->nla_len <= len;
	     len -= NLA_ALIGN(a->nla_len), a = (const void *)((const uint8_t *)a + NLA_ALIGN(a->nla_len))) {
		uint32_t ino;

		if ((a->nla_type & NLA_TYPE_MASK) != TRELLIS_ATTR_END)
			continue;
		parse(payload(a), payload_len(a), end, TRELLIS_END_MAX);
		if (!end[TRELLIS_END_NETNS_INODE])
			continue;
		ino = *(const uint32_t *)payload(end[TRELLIS_END_NETNS_INODE]);
		/* a pair is listed once per device: the name once is enough */
		if (e->foreign.n &&
		    !strcmp(e->foreign.name[e->foreign.n - 1], (const char *)payload(tb[TRELLIS_ATTR_NAME])))
			return;
		if (!ino_owned(ino) && e->foreign.n < 64) {
			e->ino[e->foreign.n] = ino;
			snprintf(e->foreign.name[e->foreign.n++], IFNAMSIZ, "%s",
				 (const char *)payload(tb[TRELLIS_ATTR_NAME]));
			return;
		}
	}
}

/* A slice link made by us with a device in a namespace we are not admin of. */
static void check_slice_ends(struct batch *b)
{
	static struct msg m;
	struct ends e = { .foreign.n = 0 };
	char what[160];

	genl_start(&m, TRELLIS_CMD_GET_SLICE_LINK, true);
	request(w.genl, &m, ends_reply, &e);
	for (int i = 0; i < e.foreign.n; i++) {
		snprintf(what, sizeof(what),
			 "shortbridge link %s has a device in netns %u, which the caller does not own",
			 e.foreign.name[i], e.ino[i]);
		report(b, what);
		genl_start(&m, TRELLIS_CMD_DEL_SLICE_LINK, false);
		put_str(&m, TRELLIS_ATTR_NAME, e.foreign.name[i]);
		request(w.genl, &m, NULL, NULL);
	}
}

/* An egre link with raw GRE (the node's GRE handler) made without privilege. */
static void check_raw_gre(struct batch *b, int fd)
{
	static struct links links;
	char what[160];

	links_dump(fd, &links);
	for (int i = 0; i < links.n; i++) {
		struct link_info *l = &links.l[i];

		if (strcmp(l->kind, TRELLIS_EGRE_KIND) || l->encap == TRELLIS_EGRE_ENCAP_UDP)
			continue;
		snprintf(what, sizeof(what),
			 "egre link %s (ifindex %d) has raw GRE, made without privilege over the node",
			 l->name, l->ifindex);
		report(b, what);
		link_del(fd, l->ifindex);
	}
}

/* ------------------------------------------------------------------ */
/* the run                                                             */

static bool verbose;
static double slow_ms;	/* --slow MS: say which batches took longer */

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* --slow: a batch's or a clean-up's time, and what it was. */
static void slow_note(double t, const char *what, struct batch *b)
{
	double ms = (now() - t) * 1e3;

	if (!slow_ms || ms < slow_ms)
		return;
	fprintf(stderr, "nl_fuzz: slow: %.0f ms: %s", ms, what);
	for (int i = 0; b && i < b->n; i++)
		fprintf(stderr, " %llu:%s%u/%d", (unsigned long long)b->index[i],
			b->m[i].proto == RTNL ? "rt" : "genl",
			b->m[i].proto == RTNL ? nlh(&b->m[i])->nlmsg_type : b->m[i].b[NLMSG_HDRLEN],
			b->err[i]);
	fputc('\n', stderr);
}

/* Sends the batch in one sendmsg and reads every reply there is. */
static void batch_run(struct batch *b)
{
	static uint8_t out[BATCH_MAX * (MSG_MAX + 4)], in[1 << 16];
	int fd = b->proto == RTNL ? w.rtnl : w.genl;
	uint64_t first = b->index[0];
	size_t len = 0;
	bool check = false;
	double t = now();
	ssize_t n;

	if (!b->n)
		return;
	for (int i = 0; i < b->n; i++) {
		memcpy(out + len, b->m[i].b, b->m[i].len);
		memset(out + len + b->m[i].len, 0, NLMSG_ALIGN(b->m[i].len) - b->m[i].len);
		len += NLMSG_ALIGN(b->m[i].len);
		b->err[i] = 1;
	}
	w.sent += b->n;
	if (!nl_send(fd, out, len))
		w.errs[errno < 4096 ? errno : 0]++;	/* the whole batch refused */
	/* the kernel handled it in sendmsg: the replies are queued (dumps go on as we read) */
	while ((n = recv(fd, in, sizeof(in), MSG_DONTWAIT)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			break;
		if (n < 0)
			continue;	/* ENOBUFS: replies lost, counted as none */
		for (struct nlmsghdr *h = (void *)in; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
			uint64_t i = h->nlmsg_seq - (uint32_t)first;
			int err;

			if (h->nlmsg_type == NLMSG_ERROR || h->nlmsg_type == NLMSG_DONE) {
				err = *(int *)NLMSG_DATA(h);
				if (err > 0 || err <= -4096)
					err = -4095;
				w.errs[-err]++;
				if (h->nlmsg_type == NLMSG_DONE)
					w.done++;
				if (i < (uint64_t)b->n && b->err[i] == 1)
					b->err[i] = err;
			} else {
				w.data++;
			}
		}
	}
	for (int i = 0; i < b->n; i++) {
		if (b->err[i] == 1)
			w.noreply++;
		if (b->m[i].creates && b->err[i] >= 0)
			check = true;
		if (verbose) {
			fprintf(stderr, "nl_fuzz: index %llu (%u bytes): %s\n",
				(unsigned long long)b->index[i], b->m[i].len,
				b->err[i] == 1 ? "no reply" : strerror(-b->err[i]));
			hexdump(b->m[i].b, b->m[i].len);
		}
	}
	slow_note(t, "batch", b);
	if (w.unpriv && check) {
		t = now();
		check_slice_ends(b);
		check_raw_gre(b, w.rtnl);
		check_raw_gre(b, w.own_rtnl);
		slow_note(t, "oracles", NULL);
	}
	b->n = 0;
}

static void summary(uint64_t count, double secs)
{
	printf("nl_fuzz: seed %llu: %llu messages in %.1f s (%.0f/s)%s\n",
	       (unsigned long long)w.seed, (unsigned long long)w.sent, secs,
	       secs > 0 ? w.sent / secs : 0.0, w.unpriv ? ", unprivileged" : "");
	printf("nl_fuzz: replies: ok %llu", (unsigned long long)w.errs[0]);
	for (int e = 1; e < 4096; e++) {
		const char *name = strerrorname_np(e);

		if (w.errs[e])
			printf(", %s %llu", name ? name : "?", (unsigned long long)w.errs[e]);
	}
	printf(", no reply %llu, data %llu (dumps ended %llu)\n", (unsigned long long)w.noreply,
	       (unsigned long long)w.data, (unsigned long long)w.done);
	printf("nl_fuzz: failures %llu\n", (unsigned long long)w.failures);
	(void)count;
}

/* The messages alone, hashed (FNV-1a): the same seed gives the same hash. */
static int dry_run(uint64_t first, uint64_t count)
{
	static struct msg m;
	uint64_t h = 0xcbf29ce484222325ULL, bytes = 0;

	for (uint64_t i = first; i < first + count; i++) {
		generate(&m, i);
		for (uint32_t j = 0; j < m.len; j++)
			h = (h ^ m.b[j]) * 0x100000001b3ULL;
		bytes += m.len;
		if (verbose) {
			fprintf(stderr, "nl_fuzz: index %llu (%u bytes)\n", (unsigned long long)i, m.len);
			hexdump(m.b, m.len);
		}
	}
	printf("nl_fuzz: seed %llu: %llu messages, %llu bytes, hash %016llx\n",
	       (unsigned long long)w.seed, (unsigned long long)count,
	       (unsigned long long)bytes, (unsigned long long)h);
	return 0;
}

static void usage(void)
{
	fprintf(stderr, "usage: nl_fuzz --seed S (--count N [--first F] | --only I) [--unpriv] [--netns FD]...\n");
	exit(2);
}

static ino_t fd_ino(int fd)
{
	struct stat st;

	if (fstat(fd, &st)) {
		perror("nl_fuzz: namespace fd");
		exit(2);
	}
	return st.st_ino;
}

/* --unpriv means what it says: not root of the initial user namespace. */
static bool fully_privileged(void)
{
	FILE *f = fopen("/proc/self/uid_map", "r");
	unsigned long in, out, len;
	bool full = false;

	if (f && fscanf(f, "%lu %lu %lu", &in, &out, &len) == 3)
		full = in == 0 && out == 0 && len == 4294967295UL;
	if (f)
		fclose(f);
	return full;
}

/* The caller's namespace, and one it makes (its own either way). */
static void namespaces_open(void)
{
	w.t[0].fd = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	if (w.t[0].fd < 0 || unshare(CLONE_NEWNET)) {
		perror("nl_fuzz: a namespace of our own");
		exit(2);
	}
	w.t[1].fd = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	w.own_rtnl = conn_open(NETLINK_ROUTE);
	if (w.t[1].fd < 0 || setns(w.t[0].fd, CLONE_NEWNET)) {
		perror("nl_fuzz: back to our namespace");
		exit(2);
	}
	for (int i = 0; i < 2; i++) {
		w.t[i].ino = fd_ino(w.t[i].fd);
		w.t[i].owned = true;
	}
	if (w.nt < 2)
		w.nt = 2;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "seed", required_argument, NULL, 's' },
		{ "count", required_argument, NULL, 'c' },
		{ "first", required_argument, NULL, 'f' },
		{ "only", required_argument, NULL, 'o' },
		{ "unpriv", no_argument, NULL, 'u' },
		{ "netns", required_argument, NULL, 'n' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "dry-run", no_argument, NULL, 'd' },
		{ "slow", required_argument, NULL, 'S' },
		{ NULL, 0, NULL, 0 },
	};
	static struct batch b;
	uint64_t first = 0, count = 0, end;
	bool seeded = false, dry = false;
	int fds[TARGETS_MAX], nfds = 0, c;
	double t0, t;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 's': w.seed = strtoull(optarg, NULL, 0); seeded = true; break;
		case 'c': count = strtoull(optarg, NULL, 0); break;
		case 'f': first = strtoull(optarg, NULL, 0); break;
		case 'o': first = strtoull(optarg, NULL, 0); count = 1; verbose = true; break;
		case 'u': w.unpriv = true; break;
		case 'v': verbose = true; break;
		case 'd': dry = true; break;
		case 'S': slow_ms = atof(optarg); break;
		case 'n':
			if (nfds == TARGETS_MAX - 2)
				usage();
			fds[nfds++] = atoi(optarg);
			break;
		default: usage();
		}
	}
	if (!seeded || !count || optind != argc)
		usage();
	if (w.unpriv && fully_privileged()) {
		fprintf(stderr, "nl_fuzz: --unpriv, but this is root of the initial user namespace\n");
		return 2;
	}
	w.nt = 2;
	if (dry)
		return dry_run(first, count);
	namespaces_open();
	for (int i = 0; i < nfds; i++) {
		struct target *t = &w.t[w.nt++];

		t->fd = fds[i];
		t->ino = fd_ino(t->fd);
		t->owned = !w.unpriv;
	}
	w.rtnl = conn_open(NETLINK_ROUTE);
	w.genl = conn_open(NETLINK_GENERIC);
	w.family = family_id();
	if (!w.family) {
		fprintf(stderr, "nl_fuzz: no %s genetlink family (module not loaded?)\n",
			TRELLIS_GENL_NAME);
		return 2;
	}
	nsids_assign();
	fixtures();

	t0 = now();
	end = first + count;
	for (uint64_t i = first; i < end; i++) {
		struct msg *m;

		/* clean-ups and fixtures at fixed indexes: part of the history */
		if (i % EPOCH == 0 && i != first) {
			batch_run(&b);
			t = now();
			cleanup_all();
			slow_note(t, "clean-up", NULL);
		}
		if (i % 100 == 0) {
			batch_run(&b);
			t = now();
			fixtures();
			slow_note(t, "fixtures", NULL);
		}
		if (i % PROGRESS == 0 && i != first)
			fprintf(stderr, "nl_fuzz: seed %llu: %llu/%llu messages, %.1f s, failures %llu\n",
				(unsigned long long)w.seed, (unsigned long long)(i - first),
				(unsigned long long)count, now() - t0, (unsigned long long)w.failures);
		m = &b.m[b.n];
		generate(m, i);
		if (b.n && b.proto != m->proto) {
			struct msg tmp = *m;	/* another socket: send what is pending */

			batch_run(&b);
			b.m[0] = tmp;
			m = &b.m[0];
		}
		b.proto = m->proto;
		b.index[b.n++] = i;
		if (m->ends_batch || b.n == BATCH_MAX)
			batch_run(&b);
	}
	batch_run(&b);
	cleanup_all();
	summary(count, now() - t0);
	return w.failures ? 1 : 0;
}
