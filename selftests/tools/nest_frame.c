// SPDX-License-Identifier: GPL-2.0
/*
 * nest_frame: sends one IPv4 packet that holds N layers of EGRE, each
 * decapsulated layer addressed like the outer one, so that a link which
 * hands what it receives back to the same stack receives it again, N
 * times. A test helper for the hostile-tenant tests, not a test.
 *
 *   IPv4 | [UDP] | GRE(key) | Ethernet | IPv4 | [UDP] | GRE(key) | ...
 *        ... | Ethernet | IPv4 | UDP to port 9 | payload
 *
 * nest_frame --src A --dst B --key K --layers N --inner-mac MAC [--udp [--port P]]
 *
 * Every layer, outer and inner, goes from A to B with key K; the inner
 * Ethernet frames are addressed to MAC. The packet is sent through a raw
 * IPv4 socket (IP_HDRINCL), so A need not be a local address.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "wire_bytes.h"

#define GRE_KEY		0x2000
#define ETH_P_TEB_DEF	0x6558
#define IP_MAX		65535
#define PAYLOAD		16

static void die(const char *what, const char *arg)
{
	fprintf(stderr, "nest_frame: %s%s\n", what, arg);
	exit(2);
}

/*
 * The packet is built from the inside out: each header is put in front of
 * what is already there. @p is the start of what is built, @len its length.
 */
struct pkt {
	uint8_t buf[IP_MAX + 64];
	uint8_t *p;
	size_t len;
};

static uint8_t *push(struct pkt *k, size_t n)
{
	if (k->len + n > IP_MAX)
		die("the packet would be over 65535 bytes: fewer layers", "");
	k->p -= n;
	k->len += n;
	memset(k->p, 0, n);
	return k->p;
}

static void push_udp(struct pkt *k, uint16_t dport)
{
	uint8_t *u = push(k, 8);

	put16(u, 50000);
	put16(u + 2, dport);
	put16(u + 4, k->len);
	/* checksum 0: none, as IPv4 allows and egre sends */
}

static void push_ip(struct pkt *k, struct in_addr src, struct in_addr dst, uint8_t proto)
{
	uint8_t *ip = push(k, 20);

	ip[0] = 0x45;
	put16(ip + 2, k->len);
	put16(ip + 6, 0x4000);	/* DF */
	ip[8] = 64;
	ip[9] = proto;
	memcpy(ip + 12, &src, 4);
	memcpy(ip + 16, &dst, 4);
	put16(ip + 10, fold(sum16(ip, 20, 0)));
}

static void push_eth(struct pkt *k, const uint8_t *dst_mac)
{
	uint8_t *e = push(k, 14);

	memcpy(e, dst_mac, 6);
	memcpy(e + 6, (uint8_t[]){ 0x02, 0x00, 0x00, 0x00, 0x00, 0x01 }, 6);
	put16(e + 12, 0x0800);
}

static void push_gre(struct pkt *k, uint32_t key)
{
	uint8_t *g = push(k, 8);

	put16(g, GRE_KEY);
	put16(g + 2, ETH_P_TEB_DEF);
	put16(g + 4, key >> 16);
	put16(g + 6, key & 0xffff);
}

static unsigned long num(const char *s, unsigned long max)
{
	unsigned long v;
	char *end;

	errno = 0;
	v = strtoul(s, &end, 0);
	if (errno || *end || end == s || v > max)
		die("bad number: ", s);
	return v;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "src", required_argument, NULL, 's' },
		{ "dst", required_argument, NULL, 'd' },
		{ "key", required_argument, NULL, 'k' },
		{ "layers", required_argument, NULL, 'n' },
		{ "inner-mac", required_argument, NULL, 'm' },
		{ "udp", no_argument, NULL, 'u' },
		{ "port", required_argument, NULL, 'p' },
		{ 0 }
	};
	struct in_addr src = { 0 }, dst = { 0 };
	unsigned long layers = 0, key = 7, port = 4754, i;
	static struct pkt k;
	struct sockaddr_in to = { .sin_family = AF_INET };
	uint8_t mac[6];
	unsigned int b[6];
	int c, udp = 0, have_mac = 0, fd;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 's':
			if (inet_pton(AF_INET, optarg, &src) != 1)
				die("bad IPv4 address: ", optarg);
			break;
		case 'd':
			if (inet_pton(AF_INET, optarg, &dst) != 1)
				die("bad IPv4 address: ", optarg);
			break;
		case 'k': key = num(optarg, UINT32_MAX); break;
		case 'n': layers = num(optarg, 100000); break;
		case 'u': udp = 1; break;
		case 'p': port = num(optarg, 65535); break;
		case 'm':
			if (sscanf(optarg, "%x:%x:%x:%x:%x:%x", &b[0], &b[1], &b[2],
				   &b[3], &b[4], &b[5]) != 6)
				die("bad MAC address: ", optarg);
			for (i = 0; i < 6; i++)
				mac[i] = b[i];
			have_mac = 1;
			break;
		default:
			exit(1);
		}
	}
	if (!src.s_addr || !dst.s_addr || !layers || !have_mac || optind != argc)
		die("usage: nest_frame --src A --dst B --layers N --inner-mac MAC ",
		    "[--key K] [--udp [--port P]]");

	k.p = k.buf + sizeof(k.buf);
	/* the innermost frame: a datagram to the discard port */
	push(&k, PAYLOAD);
	memset(k.p, 'x', PAYLOAD);
	push_udp(&k, 9);
	push_ip(&k, src, dst, IPPROTO_UDP);
	push_eth(&k, mac);
	for (i = 0; i < layers; i++) {
		push_gre(&k, key);
		if (udp)
			push_udp(&k, port);
		push_ip(&k, src, dst, udp ? IPPROTO_UDP : IPPROTO_GRE);
		if (i + 1 < layers)
			push_eth(&k, mac);
	}

	fd = socket(AF_INET, SOCK_RAW, IPPROTO_RAW);
	if (fd < 0)
		die("raw socket: ", strerror(errno));
	to.sin_addr = dst;
	if (sendto(fd, k.p, k.len, 0, (struct sockaddr *)&to, sizeof(to)) != (ssize_t)k.len)
		die("sendto: ", strerror(errno));
	close(fd);
	printf("sent %zu bytes, %lu layers\n", k.len, layers);
	return 0;
}
