// SPDX-License-Identifier: GPL-2.0
/*
 * paged_frame: Ethernet frames whose linear part ends inside a tunnelled
 * UDP header, sent from a packet socket as a tenant in a slice can send
 * them: frames GRO would have to pull headers into the head for. A test
 * helper, not a test.
 *
 *   Ethernet | IPv4 | GRE (TEB) | Ethernet | IPv6 | [dest. options] |
 *   UDP | payload, in all --size bytes
 *
 * With PACKET_VNET_HDR the kernel keeps the first hdr_len bytes of a
 * frame longer than a page in the head and the rest in page fragments.
 * Frames are sent for every split point inside the UDP header and for
 * option lengths from 0 to --sweep eight-byte units.
 *
 * paged_frame -i DEV --dst-mac MAC [--size BYTES] [--sweep N]
 */
#include <arpa/inet.h>
#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <linux/if_packet.h>
#include <linux/virtio_net.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include "wire_bytes.h"

#define ETH_LEN		14
#define IP4_LEN		20
#define GRE_LEN		4
#define IP6_LEN		40
#define UDP_LEN		8
#define ETH_P_TEB_DEF	0x6558
#define NEXTHDR_DEST	60
#define FRAME_MAX	9000

static long number(const char *s, long min, long max, const char *what)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 0);
	if (errno || *end || end == s || v < min || v > max)
		errx(2, "bad number for %s: \"%s\"", what, s);
	return v;
}

static void put_mac(uint8_t *p, const char *s, const char *what)
{
	unsigned int b[6];
	int i;

	if (sscanf(s, "%x:%x:%x:%x:%x:%x", &b[0], &b[1], &b[2], &b[3],
		   &b[4], &b[5]) != 6)
		errx(2, "bad MAC for %s: \"%s\"", what, s);
	for (i = 0; i < 6; i++)
		p[i] = b[i];
}

/* Builds one frame of @size bytes whose inner UDP header is after @opt. */
static size_t build(uint8_t *f, size_t size, const uint8_t *dst, size_t opt,
		    size_t *udp_off)
{
	uint8_t *ip4 = f + ETH_LEN, *gre = ip4 + IP4_LEN;
	uint8_t *eth = gre + GRE_LEN, *ip6 = eth + ETH_LEN;
	uint8_t *udp = ip6 + IP6_LEN + opt;
	size_t udp_len = f + size - udp;
	uint32_t sum;

	memset(f, 0, size);
	memcpy(f, dst, 6);
	f[6] = 0x02;			/* a local unicast source */
	put16(f + 12, ETH_P_IP);
	ip4[0] = 0x45;
	put16(ip4 + 2, size - ETH_LEN);
	ip4[8] = 64;
	ip4[9] = IPPROTO_GRE;
	put32(ip4 + 12, 0x0a090001);	/* 10.9.0.1 > 10.9.0.2 */
	put32(ip4 + 16, 0x0a090002);
	put16(ip4 + 10, fold(sum16(ip4, IP4_LEN, 0)));
	put16(gre + 2, ETH_P_TEB_DEF);
	memcpy(eth, dst, 6);
	eth[6] = 0x02;
	eth[11] = 0x01;
	put16(eth + 12, ETH_P_IPV6);
	ip6[0] = 0x60;
	put16(ip6 + 4, udp_len + opt);
	ip6[6] = opt ? NEXTHDR_DEST : IPPROTO_UDP;
	ip6[7] = 64;
	ip6[8] = 0xfd;			/* fd09::1 > fd09::2 */
	ip6[9] = 0x09;
	ip6[23] = 1;
	ip6[24] = 0xfd;
	ip6[25] = 0x09;
	ip6[39] = 2;
	if (opt) {
		/* one PadN option fills the header */
		ip6[IP6_LEN] = IPPROTO_UDP;
		ip6[IP6_LEN + 1] = opt / 8 - 1;
		ip6[IP6_LEN + 2] = 1;
		ip6[IP6_LEN + 3] = opt - 4;
	}
	put16(udp, 40000);
	put16(udp + 2, 4754);
	put16(udp + 4, udp_len);
	sum = sum16(ip6 + 8, 32, 0) + udp_len + IPPROTO_UDP;
	put16(udp + 6, fold(sum16(udp, udp_len, sum)) ?: 0xffff);
	*udp_off = udp - f;
	return size;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "dst-mac", required_argument, NULL, 'm' },
		{ "size", required_argument, NULL, 's' },
		{ "sweep", required_argument, NULL, 'w' },
		{ NULL, 0, NULL, 0 },
	};
	static uint8_t frame[FRAME_MAX];
	struct virtio_net_hdr vh = { 0 };
	long size = 5000, sweep = 32, sent = 0, n;
	struct sockaddr_ll sll = { 0 };
	const char *dev = NULL;
	uint8_t dst[6] = { 0 };
	bool have_dst = false;
	size_t udp_off, len;
	int one = 1, fd, opt;
	long units, split;

	while ((opt = getopt_long(argc, argv, "i:", opts, NULL)) != -1) {
		switch (opt) {
		case 'i': dev = optarg; break;
		case 'm': put_mac(dst, optarg, "--dst-mac"); have_dst = true; break;
		case 's': size = number(optarg, 4200, FRAME_MAX, "--size"); break;
		case 'w': sweep = number(optarg, 0, 255, "--sweep"); break;
		default: errx(2, "usage: paged_frame -i DEV --dst-mac MAC [--size BYTES] [--sweep N]");
		}
	}
	if (!dev || !have_dst)
		errx(2, "-i DEV and --dst-mac MAC are required");
	sll.sll_family = AF_PACKET;
	sll.sll_ifindex = if_nametoindex(dev);
	if (!sll.sll_ifindex)
		errx(2, "no such device \"%s\"", dev);
	/* protocol 0: this socket sends and never receives */
	fd = socket(AF_PACKET, SOCK_RAW, 0);
	if (fd < 0)
		err(2, "socket");
	if (setsockopt(fd, SOL_PACKET, PACKET_VNET_HDR, &one, sizeof(one)))
		err(2, "PACKET_VNET_HDR");
	for (units = 0; units <= sweep; units++) {
		len = build(frame, size, dst, units * 8, &udp_off);
		for (split = 1; split < UDP_LEN; split++) {
			struct iovec iov[2] = {
				{ .iov_base = &vh, .iov_len = sizeof(vh) },
				{ .iov_base = frame, .iov_len = len },
			};
			struct msghdr msg = {
				.msg_name = &sll, .msg_namelen = sizeof(sll),
				.msg_iov = iov, .msg_iovlen = 2,
			};

			vh.hdr_len = udp_off + split;
			n = sendmsg(fd, &msg, 0);
			if (n < 0)
				err(2, "sendmsg");
			sent++;
		}
	}
	printf("%ld\n", sent);
	close(fd);
	return 0;
}
