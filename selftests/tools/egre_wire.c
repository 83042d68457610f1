// SPDX-License-Identifier: GPL-2.0
/*
 * egre_wire: builds EGRE frames byte by byte, right or deliberately wrong,
 * and puts them on the wire with a packet socket; or waits for an inner
 * frame on a link device and says what arrived. A test helper, not a test.
 *
 *   outer Ethernet | IPv4 or IPv6 | [UDP (GRE-in-UDP, RFC 8086)] |
 *   GRE (flags, version, protocol, [checksum], [key], [sequence]) |
 *   inner Ethernet | IPv4 | UDP | payload
 *
 * egre_wire send -i DEV --dst-mac MAC --src IP --dst IP [options]
 *   --udp [--port P]       GRE inside UDP to port P (default 4754)
 *   --key K | --no-key     GRE key (default 7)
 *   --csum | --bad-csum    checksum present (and right, or wrong)
 *   --seq N                sequence number present, N
 *   --flags HEX            more GRE flag bits, ORed in (0x4000: routing)
 *   --version V            GRE version (default 0)
 *   --proto HEX            GRE protocol (default 0x6558, Ethernet)
 *   --truncate N           cut the packet N bytes after the start of GRE
 *   --inner-len N          cut the inner Ethernet frame to N bytes
 *   --outer-ecn E          ECN bits 0-3 of the outer header
 *   --inner-ecn E          ECN bits 0-3 of the inner IPv4 header
 *   --inner-dst-mac MAC    (default ff:ff:ff:ff:ff:ff)
 *   --inner-src IP --inner-dst IP --inner-dport P --payload N
 *   --count N              send N copies (sequence number counting up)
 *
 * egre_wire recv -i DEV --inner-dport P [--timeout S]
 *   waits for an IPv4/UDP frame to port P on DEV and prints one line:
 *   "src=A dst=B tos=0xTT ecn=E len=N"; exit 1 on timeout.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>

#include "wire_bytes.h"

#define GRE_CSUM	0x8000
#define GRE_ROUTING	0x4000
#define GRE_KEY		0x2000
#define GRE_SEQ		0x1000
#define ETH_P_TEB_DEF	0x6558
#define EGRE_UDP_PORT	4754
#define FRAME_MAX	9216

struct addr {
	int family;		/* AF_INET or AF_INET6 */
	uint8_t a[16];
};

struct opts {
	const char *dev;
	uint8_t dst_mac[6], inner_dst_mac[6];
	bool have_dst_mac;
	struct addr src, dst;
	bool udp;
	uint16_t port;
	bool key;
	uint32_t key_val;
	bool csum, bad_csum, seq;
	uint32_t seq_val;
	uint16_t flags, proto;
	unsigned int version;
	long truncate, inner_len;
	unsigned int outer_ecn, inner_ecn;
	struct addr inner_src, inner_dst;
	uint16_t inner_dport;
	unsigned int payload, count, timeout;
};

static void die(const char *fmt, const char *arg)
{
	fprintf(stderr, "egre_wire: ");
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	exit(2);
}

/* The pseudo-header sum for a UDP checksum. */
static uint32_t pseudo_sum(const struct addr *src, const struct addr *dst,
			   uint8_t proto, size_t len)
{
	size_t alen = src->family == AF_INET ? 4 : 16;
	uint32_t sum = sum16(src->a, alen, 0);

	sum = sum16(dst->a, alen, sum);
	return sum + proto + (uint32_t)len;
}

static void parse_mac(const char *s, uint8_t *mac)
{
	unsigned int b[6];
	int i;

	if (sscanf(s, "%x:%x:%x:%x:%x:%x", &b[0], &b[1], &b[2], &b[3], &b[4],
		   &b[5]) != 6)
		die("malformed MAC address \"%s\"", s);
	for (i = 0; i < 6; i++)
		mac[i] = b[i];
}

static void parse_addr(const char *s, struct addr *a)
{
	if (inet_pton(AF_INET, s, a->a) == 1)
		a->family = AF_INET;
	else if (inet_pton(AF_INET6, s, a->a) == 1)
		a->family = AF_INET6;
	else
		die("malformed address \"%s\"", s);
}

static unsigned long parse_num(const char *s, unsigned long max)
{
	unsigned long v;
	char *end;

	errno = 0;
	v = strtoul(s, &end, 0);
	if (errno || *end || end == s || v > max)
		die("bad number \"%s\"", s);
	return v;
}

/* Writes an IPv4 header for @len bytes of @proto payload; returns its size. */
static size_t put_ip4(uint8_t *p, const struct addr *src, const struct addr *dst,
		      uint8_t proto, uint8_t tos, size_t len)
{
	memset(p, 0, 20);
	p[0] = 0x45;
	p[1] = tos;
	put16(p + 2, 20 + len);
	put16(p + 6, 0x4000);	/* DF */
	p[8] = 64;
	p[9] = proto;
	memcpy(p + 12, src->a, 4);
	memcpy(p + 16, dst->a, 4);
	put16(p + 10, fold(sum16(p, 20, 0)));
	return 20;
}

static size_t put_ip6(uint8_t *p, const struct addr *src, const struct addr *dst,
		      uint8_t proto, uint8_t tclass, size_t len)
{
	put32(p, 6u << 28 | (uint32_t)tclass << 20);
	put16(p + 4, len);
	p[6] = proto;
	p[7] = 64;
	memcpy(p + 8, src->a, 16);
	memcpy(p + 24, dst->a, 16);
	return 40;
}

/* The inner frame: Ethernet, IPv4, UDP, payload. Returns its length. */
static size_t build_inner(uint8_t *p, const struct opts *o)
{
	size_t udp_len = 8 + o->payload;
	uint8_t *ip = p + 14, *udp = ip + 20;
	uint32_t sum;

	memcpy(p, o->inner_dst_mac, 6);
	memcpy(p + 6, (uint8_t[]){ 0x02, 0x00, 0x00, 0x00, 0x00, 0x01 }, 6);
	put16(p + 12, ETH_P_IP);
	put_ip4(ip, &o->inner_src, &o->inner_dst, IPPROTO_UDP, o->inner_ecn, udp_len);
	put16(udp, 40000);
	put16(udp + 2, o->inner_dport);
	put16(udp + 4, udp_len);
	put16(udp + 6, 0);
	memset(udp + 8, 'x', o->payload);
	sum = pseudo_sum(&o->inner_src, &o->inner_dst, IPPROTO_UDP, udp_len);
	put16(udp + 6, fold(sum16(udp, udp_len, sum)) ?: 0xffff);
	return 14 + 20 + udp_len;
}

/* GRE header and inner frame at @p; returns their length. */
static size_t build_gre(uint8_t *p, const struct opts *o, uint32_t seq)
{
	uint16_t flags = o->flags | (o->version & 7);
	size_t hlen = 4, inner_len, csum_off = 0;

	if (o->csum)
		flags |= GRE_CSUM;
	if (o->key)
		flags |= GRE_KEY;
	if (o->seq)
		flags |= GRE_SEQ;
	put16(p, flags);
	put16(p + 2, o->proto);
	if (o->csum) {
		csum_off = hlen;
		put32(p + hlen, 0);	/* checksum, reserved1 */
		hlen += 4;
	}
	if (o->key) {
		put32(p + hlen, o->key_val);
		hlen += 4;
	}
	if (o->seq) {
		put32(p + hlen, seq);
		hlen += 4;
	}
	inner_len = build_inner(p + hlen, o);
	if (o->inner_len >= 0 && (size_t)o->inner_len < inner_len)
		inner_len = o->inner_len;
	if (o->csum) {
		uint16_t c = fold(sum16(p, hlen + inner_len, 0));

		put16(p + csum_off, o->bad_csum ? c ^ 0x5a5a : c);
	}
	return hlen + inner_len;
}

/* The whole frame for sequence number @seq; returns its length. */
static size_t build_frame(uint8_t *f, const struct opts *o, const uint8_t *src_mac,
			  uint32_t seq)
{
	bool v6 = o->dst.family == AF_INET6;
	size_t iphlen = v6 ? 40 : 20, l4hlen = o->udp ? 8 : 0;
	uint8_t *ip = f + 14, *l4 = ip + iphlen, *gre = l4 + l4hlen;
	uint8_t proto = o->udp ? IPPROTO_UDP : 47;
	size_t gre_len = build_gre(gre, o, seq);

	if (o->truncate >= 0 && (size_t)o->truncate < gre_len)
		gre_len = o->truncate;
	memcpy(f, o->dst_mac, 6);
	memcpy(f + 6, src_mac, 6);
	put16(f + 12, v6 ? ETH_P_IPV6 : ETH_P_IP);
	if (v6)
		put_ip6(ip, &o->src, &o->dst, proto, o->outer_ecn, l4hlen + gre_len);
	else
		put_ip4(ip, &o->src, &o->dst, proto, o->outer_ecn, l4hlen + gre_len);
	if (o->udp) {
		size_t udp_len = 8 + gre_len;
		uint32_t sum = pseudo_sum(&o->src, &o->dst, IPPROTO_UDP, udp_len);

		put16(l4, 50000 + (seq & 0xff));
		put16(l4 + 2, o->port);
		put16(l4 + 4, udp_len);
		put16(l4 + 6, 0);
		put16(l4 + 6, fold(sum16(l4, udp_len, sum)) ?: 0xffff);
	}
	return 14 + iphlen + l4hlen + gre_len;
}

static int packet_socket(const char *dev, struct sockaddr_ll *sll, uint8_t *mac)
{
	struct ifreq ifr = { 0 };
	int fd = socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL));

	if (fd < 0)
		die("packet socket: %s", strerror(errno));
	memset(sll, 0, sizeof(*sll));
	sll->sll_family = AF_PACKET;
	sll->sll_protocol = htons(ETH_P_ALL);
	sll->sll_ifindex = if_nametoindex(dev);
	if (!sll->sll_ifindex)
		die("no such device \"%s\"", dev);
	if (mac) {
		snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", dev);
		if (ioctl(fd, SIOCGIFHWADDR, &ifr))
			die("SIOCGIFHWADDR: %s", strerror(errno));
		memcpy(mac, ifr.ifr_hwaddr.sa_data, 6);
	}
	if (bind(fd, (struct sockaddr *)sll, sizeof(*sll)))
		die("bind: %s", strerror(errno));
	return fd;
}

static int do_send(const struct opts *o)
{
	static uint8_t frame[FRAME_MAX + 256];
	struct sockaddr_ll sll;
	uint8_t src_mac[6];
	unsigned int i;
	int fd;

	if (!o->have_dst_mac || !o->src.family || !o->dst.family)
		die("send needs %s", "-i, --dst-mac, --src and --dst");
	if (o->src.family != o->dst.family)
		die("%s", "--src and --dst must be the same family");
	fd = packet_socket(o->dev, &sll, src_mac);
	for (i = 0; i < o->count; i++) {
		size_t len = build_frame(frame, o, src_mac, o->seq_val + i);

		if (send(fd, frame, len, 0) != (ssize_t)len)
			die("send: %s", strerror(errno));
	}
	close(fd);
	return 0;
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The IPv4 header of an inner UDP frame to @dport in @f, or NULL. */
static const uint8_t *match_inner(const uint8_t *f, ssize_t len, uint16_t dport)
{
	const uint8_t *ip = f + 14, *udp;
	size_t ihl;

	if (len < 14 + 20 + 8 || (f[12] << 8 | f[13]) != ETH_P_IP || ip[0] >> 4 != 4)
		return NULL;
	ihl = (ip[0] & 0xf) * 4;
	if (ip[9] != IPPROTO_UDP || len < (ssize_t)(14 + ihl + 8))
		return NULL;
	udp = ip + ihl;
	return (udp[2] << 8 | udp[3]) == dport ? ip : NULL;
}

static int do_recv(const struct opts *o)
{
	static uint8_t frame[FRAME_MAX];
	long deadline = now_ms() + o->timeout * 1000L;
	struct sockaddr_ll sll;
	int fd = packet_socket(o->dev, &sll, NULL);
	struct pollfd pfd = { .fd = fd, .events = POLLIN };

	/* the caller starts sending once this line is out */
	fprintf(stderr, "egre_wire: listening on %s\n", o->dev);
	for (;;) {
		long left = deadline - now_ms();
		char src[INET_ADDRSTRLEN], dst[INET_ADDRSTRLEN];
		const uint8_t *ip;
		ssize_t len;

		if (left <= 0)
			break;
		if (poll(&pfd, 1, left) <= 0)
			continue;
		len = recv(fd, frame, sizeof(frame), 0);
		if (len < 0)
			die("recv: %s", strerror(errno));
		ip = match_inner(frame, len, o->inner_dport);
		if (!ip)
			continue;
		inet_ntop(AF_INET, ip + 12, src, sizeof(src));
		inet_ntop(AF_INET, ip + 16, dst, sizeof(dst));
		printf("src=%s dst=%s tos=0x%02x ecn=%u len=%zd\n", src, dst, ip[1],
		       ip[1] & 3, len);
		close(fd);
		return 0;
	}
	fprintf(stderr, "egre_wire: nothing to port %u on %s\n", o->inner_dport, o->dev);
	close(fd);
	return 1;
}

enum {
	OPT_DST_MAC = 256, OPT_SRC, OPT_DST, OPT_UDP, OPT_PORT, OPT_KEY, OPT_NO_KEY,
	OPT_CSUM, OPT_BAD_CSUM, OPT_SEQ, OPT_FLAGS, OPT_VERSION, OPT_PROTO,
	OPT_TRUNCATE, OPT_INNER_LEN, OPT_OUTER_ECN, OPT_INNER_ECN,
	OPT_INNER_DST_MAC, OPT_INNER_SRC, OPT_INNER_DST, OPT_INNER_DPORT,
	OPT_PAYLOAD, OPT_COUNT, OPT_TIMEOUT,
};

static const struct option long_opts[] = {
	{ "dev", required_argument, NULL, 'i' },
	{ "dst-mac", required_argument, NULL, OPT_DST_MAC },
	{ "src", required_argument, NULL, OPT_SRC },
	{ "dst", required_argument, NULL, OPT_DST },
	{ "udp", no_argument, NULL, OPT_UDP },
	{ "port", required_argument, NULL, OPT_PORT },
	{ "key", required_argument, NULL, OPT_KEY },
	{ "no-key", no_argument, NULL, OPT_NO_KEY },
	{ "csum", no_argument, NULL, OPT_CSUM },
	{ "bad-csum", no_argument, NULL, OPT_BAD_CSUM },
	{ "seq", required_argument, NULL, OPT_SEQ },
	{ "flags", required_argument, NULL, OPT_FLAGS },
	{ "version", required_argument, NULL, OPT_VERSION },
	{ "proto", required_argument, NULL, OPT_PROTO },
	{ "truncate", required_argument, NULL, OPT_TRUNCATE },
	{ "inner-len", required_argument, NULL, OPT_INNER_LEN },
	{ "outer-ecn", required_argument, NULL, OPT_OUTER_ECN },
	{ "inner-ecn", required_argument, NULL, OPT_INNER_ECN },
	{ "inner-dst-mac", required_argument, NULL, OPT_INNER_DST_MAC },
	{ "inner-src", required_argument, NULL, OPT_INNER_SRC },
	{ "inner-dst", required_argument, NULL, OPT_INNER_DST },
	{ "inner-dport", required_argument, NULL, OPT_INNER_DPORT },
	{ "payload", required_argument, NULL, OPT_PAYLOAD },
	{ "count", required_argument, NULL, OPT_COUNT },
	{ "timeout", required_argument, NULL, OPT_TIMEOUT },
	{ 0 }
};

int main(int argc, char **argv)
{
	struct opts o = {
		.port = EGRE_UDP_PORT, .key = true, .key_val = 7,
		.proto = ETH_P_TEB_DEF, .truncate = -1, .inner_len = -1,
		.inner_dport = 9999, .payload = 32, .count = 1, .timeout = 5,
	};
	const char *mode;
	int c;

	if (argc < 2 || (strcmp(argv[1], "send") && strcmp(argv[1], "recv")))
		die("usage: egre_wire send|recv -i DEV [options] (see %s)", __FILE__);
	mode = argv[1];
	memset(o.inner_dst_mac, 0xff, 6);
	parse_addr("192.168.7.1", &o.inner_src);
	parse_addr("192.168.7.2", &o.inner_dst);
	optind = 2;
	while ((c = getopt_long(argc, argv, "i:", long_opts, NULL)) != -1) {
		switch (c) {
		case 'i': o.dev = optarg; break;
		case OPT_DST_MAC: parse_mac(optarg, o.dst_mac); o.have_dst_mac = true; break;
		case OPT_SRC: parse_addr(optarg, &o.src); break;
		case OPT_DST: parse_addr(optarg, &o.dst); break;
		case OPT_UDP: o.udp = true; break;
		case OPT_PORT: o.port = parse_num(optarg, 65535); break;
		case OPT_KEY: o.key_val = parse_num(optarg, UINT32_MAX); break;
		case OPT_NO_KEY: o.key = false; break;
		case OPT_CSUM: o.csum = true; break;
		case OPT_BAD_CSUM: o.csum = o.bad_csum = true; break;
		case OPT_SEQ: o.seq = true; o.seq_val = parse_num(optarg, UINT32_MAX); break;
		case OPT_FLAGS: o.flags = parse_num(optarg, 0xffff); break;
		case OPT_VERSION: o.version = parse_num(optarg, 7); break;
		case OPT_PROTO: o.proto = parse_num(optarg, 0xffff); break;
		case OPT_TRUNCATE: o.truncate = parse_num(optarg, FRAME_MAX); break;
		case OPT_INNER_LEN: o.inner_len = parse_num(optarg, FRAME_MAX); break;
		case OPT_OUTER_ECN: o.outer_ecn = parse_num(optarg, 3); break;
		case OPT_INNER_ECN: o.inner_ecn = parse_num(optarg, 3); break;
		case OPT_INNER_DST_MAC: parse_mac(optarg, o.inner_dst_mac); break;
		case OPT_INNER_SRC: parse_addr(optarg, &o.inner_src); break;
		case OPT_INNER_DST: parse_addr(optarg, &o.inner_dst); break;
		case OPT_INNER_DPORT: o.inner_dport = parse_num(optarg, 65535); break;
		case OPT_PAYLOAD: o.payload = parse_num(optarg, FRAME_MAX - 128); break;
		case OPT_COUNT: o.count = parse_num(optarg, 1000000); break;
		case OPT_TIMEOUT: o.timeout = parse_num(optarg, 3600); break;
		default: exit(1);
		}
	}
	if (optind != argc)
		die("unexpected argument \"%s\"", argv[optind]);
	if (!o.dev)
		die("%s", "-i DEV is needed");
	if (o.inner_src.family != AF_INET || o.inner_dst.family != AF_INET)
		die("%s", "the inner addresses are IPv4");
	return strcmp(mode, "send") == 0 ? do_send(&o) : do_recv(&o);
}
