// SPDX-License-Identifier: GPL-2.0
/*
 * wire_fuzz: seeded random EGRE frames, right and wrong, injected at an
 * underlay device with a packet socket, as fast as sendmmsg takes them.
 * A test helper: a failure is a kernel crash or WARN, which the VM rig
 * catches; the progress lines say which frames to replay.
 *
 * Each frame is nested tunnel layers around an innermost frame:
 *
 *   Ethernet | IPv4 [options] or IPv6 [ext. header] | [UDP] |
 *   GRE [csum] [key] [seq] | Ethernet | IP | [UDP] | GRE | ... |
 *   Ethernet | IPv4/UDP, IPv4/ICMP, ARP, IPv6/UDP or random bytes
 *
 * mostly one layer, sometimes a few, now and then hundreds, each for a link
 * of --link (or an unknown key, address, port), with its fields mutated at
 * a rate drawn per frame (0 for about a third of the frames: those are
 * right), the outer packet sometimes cut in IP fragments, and last a few
 * random bit flips or a truncation. Frame I depends only on the seed and I:
 * `--seed S --first I --count 1 -v` sends frame I alone and describes it.
 *
 * wire_fuzz -i DEV --dst-mac MAC --src4 A --dst4 B [--src6 A --dst6 B]
 *           --link SPEC [--link SPEC...] [--inner-mac MAC...] [--port P]
 *           --seed S [--count N] [--first I] [--progress N] [--kmsg] [-v]
 *
 *   SPEC         raw4|udp4|raw6|udp6:KEY[:csum][:seq][,MAC], a link on the
 *                far side whose local is --dst4/6 and remote --src4/6, and
 *                its device's MAC (inner frames go to it, or to broadcast)
 *   --inner-mac  another MAC inner frames may go to (a slice's device)
 *   --progress N "wire_fuzz: seed S frame I" on stderr every N frames
 *                (default 1000), and with --kmsg in the kernel log too
 *   --heat H     every frame with H percent odd fields (0: all right)
 *   --layers N   every frame N layers deep (1 to 400)
 *   -v           one line per frame: the innermost frame, then its layers
 *                from the inside out
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdarg.h>
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
#define GRE_PROTO_TEB	0x6558
#define IPPROTO_GRE_NR	47
#define EGRE_UDP_PORT	4754

#define LINKS_MAX	16
#define MACS_MAX	16
#define LAYERS_MAX	400
#define PACKET_MAX	16000	/* a whole nested packet, before fragmenting */
#define BATCH		64	/* frames per sendmmsg */
#define FRAGS_MAX	48

struct link_spec {
	bool v6, udp, csum, seq, have_mac;
	uint32_t key;
	uint8_t mac[6];		/* the link device's, for its inner frames */
};

struct cfg {
	const char *dev;
	int fd, ifindex, kmsg;
	unsigned int mtu;
	uint8_t dst_mac[6], src_mac[6];
	uint8_t src4[4], dst4[4], src6[16], dst6[16];
	bool have4, have6;
	struct link_spec links[LINKS_MAX];
	unsigned int nlinks;
	uint8_t inner_macs[MACS_MAX][6];
	unsigned int nmacs;
	uint16_t port;
	uint64_t seed, first, count, progress;
	int heat, layers;	/* -1: drawn per frame */
	bool verbose;
};

static void die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "wire_fuzz: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

/* --- randomness: splitmix64, one stream per frame ------------------------- */

struct rng {
	uint64_t s;
};

static uint64_t rnd(struct rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint32_t below(struct rng *r, uint32_t n)
{
	return n ? rnd(r) % n : 0;
}

static bool chance(struct rng *r, unsigned int percent)
{
	return below(r, 100) < percent;
}

/* A value at the edges of a 16-bit field, or anywhere. */
static uint16_t odd16(struct rng *r, uint16_t right)
{
	static const uint16_t edges[] = { 0, 1, 7, 8, 0x7fff, 0x8000, 0xffff };

	switch (below(r, 4)) {
	case 0: return edges[below(r, sizeof(edges) / sizeof(edges[0]))];
	case 1: return right + 1 + below(r, 64);
	case 2: return right - 1 - below(r, 64);
	default: return rnd(r);
	}
}

/* --- random bytes ----------------------------------------------------------- */

static void random_bytes(struct rng *r, uint8_t *p, size_t len)
{
	while (len--)
		*p++ = rnd(r);
}

/*
 * A packet built from the inside out: each layer is pushed in front of
 * what is there. Space runs out at PACKET_MAX; push returns NULL then.
 */
struct pkt {
	uint8_t buf[PACKET_MAX + 256];
	size_t head, len;	/* data is buf[head .. head + len) */
};

static uint8_t *push(struct pkt *p, size_t n)
{
	if (n > p->head)
		return NULL;
	p->head -= n;
	p->len += n;
	return p->buf + p->head;
}

static uint8_t *data(struct pkt *p)
{
	return p->buf + p->head;
}

static void cut(struct pkt *p, size_t len)
{
	if (len < p->len)
		p->len = len;
}

/* What one frame is made of, for -v. */
struct story {
	char text[256];
	size_t used;
};

static void tell(struct story *s, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (s->used >= sizeof(s->text) - 1)
		return;
	va_start(ap, fmt);
	n = vsnprintf(s->text + s->used, sizeof(s->text) - s->used, fmt, ap);
	va_end(ap);
	if (n > 0)
		s->used += n;
	if (s->used > sizeof(s->text) - 1)
		s->used = sizeof(s->text) - 1;
}

/* --- the innermost frame ---------------------------------------------------- */

/*
 * The destination of an inner frame that @l delivers: its device's MAC or
 * broadcast, both taken; with @heat percent, another device's or any.
 */
static void pick_mac(struct rng *r, unsigned int heat, const struct cfg *c,
		     const struct link_spec *l, uint8_t *mac)
{
	if (chance(r, heat) && c->nmacs && chance(r, 50))
		memcpy(mac, c->inner_macs[below(r, c->nmacs)], 6);
	else if (chance(r, heat))
		random_bytes(r, mac, 6);
	else if (l->have_mac && chance(r, 70))
		memcpy(mac, l->mac, 6);
	else
		memset(mac, 0xff, 6);
}

static bool push_eth(struct pkt *p, const uint8_t *dst, const uint8_t *src, uint16_t type)
{
	uint8_t *e = push(p, 14);

	if (!e)
		return false;
	memcpy(e, dst, 6);
	memcpy(e + 6, src, 6);
	put16(e + 12, type);
	return true;
}

/* An IPv4 header with @heat percent odd fields, in front of the payload. */
static bool push_ip4(struct pkt *p, struct rng *r, unsigned int heat, const uint8_t *src,
		     const uint8_t *dst, uint8_t proto)
{
	size_t opts = chance(r, heat) ? 4 * (1 + below(r, 10)) : 0;
	size_t payload = p->len;
	uint8_t *ip = push(p, 20 + opts);

	if (!ip)
		return false;
	ip[0] = 0x40 | (20 + opts) / 4;
	ip[1] = chance(r, heat) ? rnd(r) : 0;	/* tos: CE drops a non-ECT inner packet */
	put16(ip + 2, 20 + opts + payload);
	put16(ip + 4, rnd(r));
	put16(ip + 6, chance(r, 50) ? 0x4000 : 0);
	ip[8] = 1 + below(r, 255);
	ip[9] = proto;
	put16(ip + 10, 0);
	memcpy(ip + 12, src, 4);
	memcpy(ip + 16, dst, 4);
	if (opts) {	/* NOPs, or anything */
		memset(ip + 20, 1, opts);
		if (chance(r, 50))
			random_bytes(r, ip + 20, opts);
	}
	if (chance(r, heat))
		ip[0] = (ip[0] & 0x0f) | (below(r, 16) << 4);	/* version */
	if (chance(r, heat))
		ip[0] = (ip[0] & 0xf0) | below(r, 16);		/* IHL */
	if (chance(r, heat))
		put16(ip + 2, odd16(r, get16(ip + 2)));
	if (chance(r, heat))		/* MF, offsets: a lone fragment */
		put16(ip + 6, rnd(r));
	if (chance(r, heat))
		ip[9] = chance(r, 50) ? rnd(r) : (proto == 17 ? 47 : 17);
	if (chance(r, heat / 2))
		ip[8] = 0;
	put16(ip + 10, fold(sum16(ip, 20 + opts, 0)));
	if (chance(r, heat / 2))
		put16(ip + 10, rnd(r));
	return true;
}

static bool push_ip6(struct pkt *p, struct rng *r, unsigned int heat, const uint8_t *src,
		     const uint8_t *dst, uint8_t proto)
{
	uint8_t next = proto, *ip, *ext;

	if (chance(r, heat)) {	/* hop-by-hop or destination options, padded */
		size_t len = 8 * (1 + below(r, 4));

		ext = push(p, len);
		if (!ext)
			return false;
		memset(ext, 0, len);
		ext[0] = chance(r, 80) ? proto : rnd(r);
		ext[1] = chance(r, 80) ? len / 8 - 1 : rnd(r);
		ext[2] = 1;		/* PadN over the rest */
		ext[3] = len - 4;
		if (chance(r, 30))
			random_bytes(r, ext + 2, len - 2);
		next = chance(r, 50) ? 0 : 60;
	}
	ip = push(p, 40);
	if (!ip)
		return false;
	put32(ip, 6u << 28 | (chance(r, heat) ? rnd(r) & 0xfffffff : 0));
	put16(ip + 4, p->len - 40);
	ip[6] = next;
	ip[7] = 1 + below(r, 255);
	memcpy(ip + 8, src, 16);
	memcpy(ip + 24, dst, 16);
	if (chance(r, heat))
		ip[0] = (ip[0] & 0x0f) | (below(r, 16) << 4);
	if (chance(r, heat))
		put16(ip + 4, odd16(r, get16(ip + 4)));
	if (chance(r, heat))
		ip[6] = chance(r, 50) ? rnd(r) : 44;	/* a fragment header that is not */
	return true;
}

/* UDP header and checksum over what follows; @csum false leaves it 0. */
static bool push_udp(struct pkt *p, struct rng *r, unsigned int heat, bool v6,
		     const uint8_t *src, const uint8_t *dst, uint16_t dport, bool csum)
{
	size_t alen = v6 ? 16 : 4, len = p->len + 8;
	uint8_t *u = push(p, 8);
	uint32_t sum;

	if (!u)
		return false;
	put16(u, 1024 + below(r, 64000));
	put16(u + 2, chance(r, heat) ? odd16(r, dport) : dport);
	put16(u + 4, len);
	put16(u + 6, 0);
	if (csum) {
		sum = sum16(src, alen, sum16(dst, alen, 0)) + 17 + (uint32_t)len;
		put16(u + 6, fold(sum16(u, len, sum)) ?: 0xffff);
	}
	if (chance(r, heat))
		put16(u + 4, odd16(r, len));
	if (chance(r, heat / 2))
		put16(u + 6, rnd(r));
	return true;
}

static const uint8_t inner_src4[4] = { 192, 168, 7, 1 };
static const uint8_t inner_src6[16] = { 0xfd, 0x07, [15] = 1 };

/*
 * The innermost frame, less its Ethernet header (the layer around it puts
 * one on); *@type is its EtherType.
 */
static bool innermost(struct pkt *p, struct rng *r, unsigned int heat, uint16_t *type,
		      struct story *s)
{
	uint8_t src[6] = { 0x02, 0, 0, 0, 0, 1 }, to4[4] = { 192, 168, 7 };
	uint8_t to6[16] = { 0xfd, 0x07, [15] = 2 }, *b;
	size_t n = below(r, chance(r, 10) ? 1400 : 120);

	to4[3] = below(r, 256);
	b = push(p, n);
	random_bytes(r, b, n);
	switch (below(r, 6)) {
	case 0:
		tell(s, "udp4");
		*type = ETH_P_IP;
		if (!push_udp(p, r, heat, false, inner_src4, to4, 9999, true) ||
		    !push_ip4(p, r, heat, inner_src4, to4, IPPROTO_UDP))
			return false;
		break;
	case 1:
		tell(s, "icmp4");
		*type = ETH_P_IP;
		b = push(p, 8);
		if (!b)
			return false;
		put32(b, 0x08000000);		/* echo request */
		put32(b + 4, rnd(r));
		put16(b + 2, fold(sum16(b, p->len, 0)));
		if (!push_ip4(p, r, heat, inner_src4, to4, IPPROTO_ICMP))
			return false;
		break;
	case 2:
		tell(s, "arp");
		*type = ETH_P_ARP;
		b = push(p, 28);
		if (!b)
			return false;
		put32(b, 0x00010800);
		put32(b + 4, 0x06040000 | (chance(r, 90) ? 1 + below(r, 2) : rnd(r) & 0xffff));
		memcpy(b + 8, src, 6);
		memcpy(b + 14, inner_src4, 4);
		memset(b + 18, 0, 6);
		memcpy(b + 24, to4, 4);
		break;
	case 3:
		tell(s, "udp6");
		*type = ETH_P_IPV6;
		if (!push_udp(p, r, heat, true, inner_src6, to6, 9999, true) ||
		    !push_ip6(p, r, heat, inner_src6, to6, IPPROTO_UDP))
			return false;
		break;
	case 4:
		tell(s, "vlan");
		*type = ETH_P_8021Q;
		b = push(p, 4);
		if (!b)
			return false;
		put32(b, rnd(r));
		break;
	default:
		tell(s, "raw");
		*type = rnd(r);
		break;
	}
	return true;
}

/* --- one tunnel layer --------------------------------------------------------- */

/*
 * A tunnel layer around what @p holds (an Ethernet payload of EtherType
 * *@type): its Ethernet header, then GRE, [UDP] and IP for a link of the
 * configuration (or, now and then, for none); *@type becomes the IP's.
 */
static bool wrap(struct pkt *p, struct rng *r, unsigned int heat, const struct cfg *c,
		 uint16_t *type, struct story *s)
{
	struct link_spec l = c->links[below(r, c->nlinks)];
	uint16_t flags = GRE_KEY;
	const uint8_t *src, *dst;
	uint8_t rsrc[16], mac[6], *g, *csum = NULL;

	if (chance(r, heat))
		cut(p, below(r, p->len + 1));
	pick_mac(r, heat, c, &l, mac);
	if (!push_eth(p, mac, (const uint8_t[]){ 0x02, 0, 0, 0, 0, 2 },
		      chance(r, heat) ? (uint16_t)rnd(r) : *type))
		return false;
	if (chance(r, heat))	/* shorter than an Ethernet header, even */
		cut(p, below(r, p->len + 1));

	if (l.v6 && !c->have6)
		l.v6 = false;
	if (!l.v6 && !c->have4)
		l.v6 = true;
	if (chance(r, heat ? 5 + heat : 0))
		l.key = chance(r, 50) ? rnd(r) : l.key + 1;	/* most likely no link */
	if (chance(r, heat))
		l.csum = !l.csum;
	if (chance(r, heat))
		l.seq = !l.seq;
	if (chance(r, heat / 2))
		flags = 0;
	flags |= (l.csum ? GRE_CSUM : 0) | (l.seq ? GRE_SEQ : 0);
	if (chance(r, heat / 2))
		flags |= chance(r, 50) ? GRE_ROUTING : rnd(r) & 0x0ff8;	/* reserved */
	if (chance(r, heat / 2))
		flags |= 1 + below(r, 7);				/* version */
	tell(s, " %s%s:%u%s%s", l.udp ? "udp" : "raw", l.v6 ? "6" : "4", l.key,
	     l.csum ? ":csum" : "", l.seq ? ":seq" : "");

	if (flags & GRE_SEQ) {
		g = push(p, 4);
		if (!g)
			return false;
		put32(g, rnd(r));
	}
	if (flags & GRE_KEY) {
		g = push(p, 4);
		if (!g)
			return false;
		put32(g, l.key);
	}
	if (flags & GRE_CSUM) {
		csum = push(p, 4);
		if (!csum)
			return false;
		put32(csum, 0);
	}
	g = push(p, 4);
	if (!g)
		return false;
	put16(g, flags);
	put16(g + 2, chance(r, heat) ? odd16(r, GRE_PROTO_TEB) : GRE_PROTO_TEB);
	if (csum) {
		put16(csum, fold(sum16(g, p->len, 0)));
		if (chance(r, heat))
			put16(csum, rnd(r));
	}

	src = l.v6 ? c->src6 : c->src4;
	dst = l.v6 ? c->dst6 : c->dst4;
	if (chance(r, heat)) {	/* from a neighbour no link knows */
		memcpy(rsrc, src, 16);
		rsrc[l.v6 ? 15 : 3] ^= 1 + below(r, 255);
		src = rsrc;
	}
	if (l.udp && !push_udp(p, r, heat, l.v6, src, dst, c->port, l.v6 || chance(r, 50)))
		return false;
	*type = l.v6 ? ETH_P_IPV6 : ETH_P_IP;
	return l.v6 ? push_ip6(p, r, heat, src, dst, l.udp ? IPPROTO_UDP : IPPROTO_GRE_NR)
		    : push_ip4(p, r, heat, src, dst, l.udp ? IPPROTO_UDP : IPPROTO_GRE_NR);
}

/* How many layers: mostly one, sometimes a few, now and then hundreds. */
static unsigned int layers(struct rng *r)
{
	unsigned int roll = below(r, 100);

	if (roll < 70)
		return 1;
	if (roll < 90)
		return 2 + below(r, 3);
	if (roll < 99)
		return 5 + below(r, 20);
	return 25 + below(r, LAYERS_MAX - 25);
}

/* --- sending ----------------------------------------------------------------- */

struct batch {
	uint8_t frames[BATCH][PACKET_MAX + 256];
	struct iovec iov[BATCH];
	struct mmsghdr msgs[BATCH];
	unsigned int n;
	uint64_t sent, errors;
};

static void flush(struct batch *b, const struct cfg *c)
{
	unsigned int done = 0;
	int ret;

	while (done < b->n) {
		ret = sendmmsg(c->fd, b->msgs + done, b->n - done, 0);
		if (ret <= 0) {
			if (ret < 0 && errno == ENOBUFS)
				continue;	/* the device queue is full: again */
			b->errors++;		/* EMSGSIZE and the like: skip one */
			done++;
			continue;
		}
		done += ret;
		b->sent += ret;
	}
	b->n = 0;
}

static void queue(struct batch *b, const struct cfg *c, const uint8_t *f, size_t len)
{
	if (b->n == BATCH)
		flush(b, c);
	memcpy(b->frames[b->n], f, len);
	b->iov[b->n] = (struct iovec){ b->frames[b->n], len };
	b->msgs[b->n].msg_hdr = (struct msghdr){ .msg_iov = &b->iov[b->n], .msg_iovlen = 1 };
	b->n++;
}

/* The last touch on a finished frame: bit flips, or a cut. */
static void damage(uint8_t *f, size_t *len, struct rng *r, unsigned int heat)
{
	unsigned int i, flips;

	if (*len > 14 && chance(r, heat)) {
		flips = 1 + below(r, 8);
		for (i = 0; i < flips; i++)
			f[14 + below(r, *len - 14)] ^= 1 << below(r, 8);
	}
	if (*len > 14 && chance(r, heat / 2))
		*len = 14 + below(r, *len - 13);
}

/*
 * The outer IP packet of @p (after its 14-byte Ethernet header) in
 * fragments of @size bytes (a multiple of 8), in order or reversed, each a
 * frame of its own.
 */
static void fragment(struct pkt *p, struct rng *r, unsigned int heat, size_t size,
		     struct batch *b, const struct cfg *c)
{
	static uint8_t f[PACKET_MAX + 256];
	const uint8_t *pk = data(p);
	bool v6 = get16(pk + 12) == ETH_P_IPV6, reverse = chance(r, 30);
	size_t hlen = v6 ? 40 : (pk[14] & 0xf) * 4, body;
	unsigned int nfrags, k;
	uint32_t id = rnd(r);

	if (hlen < 20 || 14 + hlen > p->len)	/* a mutated IHL: take 20 */
		hlen = 20;
	body = p->len - 14 - hlen;
	nfrags = (body + size - 1) / size;
	for (k = 0; k < nfrags; k++) {
		unsigned int i = reverse ? nfrags - 1 - k : k;
		size_t off = i * size, n = body - off < size ? body - off : size, len;
		bool more = i + 1 < nfrags;
		uint8_t *ip = f + 14;

		memcpy(f, pk, 14 + hlen);
		if (v6) {	/* a fragment header after the fixed one */
			uint8_t *fh = ip + 40;

			fh[0] = ip[6];
			fh[1] = 0;
			put16(fh + 2, off | more);
			put32(fh + 4, id);
			ip[6] = 44;
			memcpy(fh + 8, pk + 14 + 40 + off, n);
			put16(ip + 4, 8 + n);
			len = 14 + 48 + n;
		} else {
			memcpy(ip + hlen, pk + 14 + hlen + off, n);
			put16(ip + 2, hlen + n);
			put16(ip + 6, (more ? 0x2000 : 0) | off / 8);
			if (chance(r, heat))
				put16(ip + 6, get16(ip + 6) + below(r, 4));	/* overlap */
			put16(ip + 10, 0);
			put16(ip + 10, fold(sum16(ip, hlen, 0)));
			len = 14 + hlen + n;
		}
		damage(f, &len, r, heat / 2);
		queue(b, c, f, len);
	}
}

/* Frame @index: built, mutated, queued (in fragments, or whole). */
static void one_frame(const struct cfg *c, uint64_t index, struct batch *b)
{
	static struct pkt p;
	static const unsigned int heats[] = { 0, 0, 0, 2, 5, 10, 20, 50 };
	struct rng r = { c->seed * 0x2545f4914f6cdd1dULL ^ index };
	unsigned int heat, want, made = 0;
	struct story s = { .used = 0 };
	size_t room = c->mtu + 14, size, head, len;
	uint16_t type;

	rnd(&r);
	heat = heats[below(&r, sizeof(heats) / sizeof(heats[0]))];
	want = layers(&r);
	if (c->heat >= 0)
		heat = c->heat;
	if (c->layers >= 0)
		want = c->layers;
	p.head = sizeof(p.buf);
	p.len = 0;
	tell(&s, "heat %u ", heat);
	if (!innermost(&p, &r, heat, &type, &s))
		return;
	/* the nesting ends where a layer no longer fits: what fits is sent */
	for (made = 0; made < want; made++) {
		head = p.head;
		len = p.len;
		if (!wrap(&p, &r, heat, c, &type, &s)) {
			p.head = head;	/* push only writes in front of head */
			p.len = len;
			break;
		}
	}
	if (!made || !push_eth(&p, c->dst_mac, c->src_mac, type))
		return;
	/* too big for the wire, or one in ten: in fragments */
	if (p.len > room || chance(&r, 10)) {
		size_t hlen = type == ETH_P_IPV6 ? 48 : 60;
		size_t most = (room - 14 - hlen) & ~7UL, least = (p.len / FRAGS_MAX + 8) & ~7UL;
		size_t half = ((p.len - 14 - hlen / 2) / 2 + 7) & ~7UL;	/* two at least */

		if (most > half)
			most = half;
		if (most < least)
			most = least;
		size = least + 8 * below(&r, (most - least) / 8 + 1);
		if (c->verbose)
			fprintf(stderr, "frame %llu: %s (%u layers, %zu bytes, fragments of %zu)\n",
				(unsigned long long)index, s.text, made, p.len, size);
		fragment(&p, &r, heat, size, b, c);
		return;
	}
	if (c->verbose)
		fprintf(stderr, "frame %llu: %s (%u layers, %zu bytes)\n",
			(unsigned long long)index, s.text, made, p.len);
	damage(data(&p), &p.len, &r, heat);
	queue(b, c, data(&p), p.len);
}

/* --- set-up ------------------------------------------------------------------- */

static void progress(const struct cfg *c, const char *fmt, ...)
{
	char line[160];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	fprintf(stderr, "%s\n", line);
	/* in the console log too, which outlives a crashed guest */
	if (c->kmsg >= 0 && n > 0 && write(c->kmsg, line, n) < 0)
		fprintf(stderr, "wire_fuzz: /dev/kmsg: %s\n", strerror(errno));
}

static void open_device(struct cfg *c)
{
	struct sockaddr_ll sll = { .sll_family = AF_PACKET };
	struct ifreq ifr = { 0 };

	/* protocol 0: sends, and receives nothing to fill a queue with */
	c->fd = socket(AF_PACKET, SOCK_RAW, 0);
	if (c->fd < 0)
		die("packet socket: %s", strerror(errno));
	c->ifindex = if_nametoindex(c->dev);
	if (!c->ifindex)
		die("no such device \"%s\"", c->dev);
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", c->dev);
	if (ioctl(c->fd, SIOCGIFHWADDR, &ifr))
		die("SIOCGIFHWADDR: %s", strerror(errno));
	memcpy(c->src_mac, ifr.ifr_hwaddr.sa_data, 6);
	if (ioctl(c->fd, SIOCGIFMTU, &ifr))
		die("SIOCGIFMTU: %s", strerror(errno));
	c->mtu = ifr.ifr_mtu < PACKET_MAX - 14 ? ifr.ifr_mtu : PACKET_MAX - 14;
	if (c->mtu < 576)
		die("MTU %u of %s: too small", c->mtu, c->dev);
	sll.sll_ifindex = c->ifindex;
	if (bind(c->fd, (struct sockaddr *)&sll, sizeof(sll)))
		die("bind: %s", strerror(errno));
}

static void parse_mac(const char *s, uint8_t *mac)
{
	unsigned int b[6], i;

	if (sscanf(s, "%x:%x:%x:%x:%x:%x", &b[0], &b[1], &b[2], &b[3], &b[4], &b[5]) != 6)
		die("malformed MAC address \"%s\"", s);
	for (i = 0; i < 6; i++)
		mac[i] = b[i];
}

static void parse_ip(const char *s, int family, uint8_t *a)
{
	if (inet_pton(family, s, a) != 1)
		die("malformed IPv%c address \"%s\"", family == AF_INET ? '4' : '6', s);
}

static uint64_t parse_num(const char *s)
{
	unsigned long long v;
	char *end;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || *end || end == s)
		die("bad number \"%s\"", s);
	return v;
}

/* raw4|udp4|raw6|udp6:KEY[:csum][:seq][,MAC] */
static void parse_link(const char *s, struct link_spec *l)
{
	char kind[8], rest[64], *word, *save, *mac;

	if (sscanf(s, "%4[a-z0-9]:%63s", kind, rest) != 2)
		die("bad link \"%s\" (want raw4|udp4|raw6|udp6:KEY[:csum][:seq])", s);
	l->udp = !strncmp(kind, "udp", 3);
	l->v6 = kind[3] == '6';
	if ((strncmp(kind, "raw", 3) && !l->udp) || (kind[3] != '4' && kind[3] != '6'))
		die("bad link kind \"%s\"", kind);
	mac = strchr(rest, ',');
	if (mac) {
		*mac++ = 0;
		parse_mac(mac, l->mac);
		l->have_mac = true;
	}
	word = strtok_r(rest, ":", &save);
	l->key = parse_num(word);
	while ((word = strtok_r(NULL, ":", &save))) {
		if (!strcmp(word, "csum"))
			l->csum = true;
		else if (!strcmp(word, "seq"))
			l->seq = true;
		else
			die("bad link flag \"%s\"", word);
	}
}

enum {
	OPT_DST_MAC = 256, OPT_SRC4, OPT_DST4, OPT_SRC6, OPT_DST6, OPT_LINK,
	OPT_INNER_MAC, OPT_PORT, OPT_SEED, OPT_COUNT, OPT_FIRST, OPT_PROGRESS, OPT_KMSG,
	OPT_HEAT, OPT_LAYERS,
};

static const struct option long_opts[] = {
	{ "dev", required_argument, NULL, 'i' },
	{ "dst-mac", required_argument, NULL, OPT_DST_MAC },
	{ "src4", required_argument, NULL, OPT_SRC4 },
	{ "dst4", required_argument, NULL, OPT_DST4 },
	{ "src6", required_argument, NULL, OPT_SRC6 },
	{ "dst6", required_argument, NULL, OPT_DST6 },
	{ "link", required_argument, NULL, OPT_LINK },
	{ "inner-mac", required_argument, NULL, OPT_INNER_MAC },
	{ "port", required_argument, NULL, OPT_PORT },
	{ "seed", required_argument, NULL, OPT_SEED },
	{ "count", required_argument, NULL, OPT_COUNT },
	{ "first", required_argument, NULL, OPT_FIRST },
	{ "progress", required_argument, NULL, OPT_PROGRESS },
	{ "kmsg", no_argument, NULL, OPT_KMSG },
	{ "heat", required_argument, NULL, OPT_HEAT },
	{ "layers", required_argument, NULL, OPT_LAYERS },
	{ "verbose", no_argument, NULL, 'v' },
	{ 0 }
};

static void parse_args(struct cfg *c, int argc, char **argv)
{
	bool have_seed = false, have_mac = false, src4 = false, src6 = false;
	int opt;

	while ((opt = getopt_long(argc, argv, "i:v", long_opts, NULL)) != -1) {
		switch (opt) {
		case 'i': c->dev = optarg; break;
		case 'v': c->verbose = true; break;
		case OPT_DST_MAC: parse_mac(optarg, c->dst_mac); have_mac = true; break;
		case OPT_SRC4: parse_ip(optarg, AF_INET, c->src4); src4 = true; break;
		case OPT_DST4: parse_ip(optarg, AF_INET, c->dst4); c->have4 = true; break;
		case OPT_SRC6: parse_ip(optarg, AF_INET6, c->src6); src6 = true; break;
		case OPT_DST6: parse_ip(optarg, AF_INET6, c->dst6); c->have6 = true; break;
		case OPT_LINK:
			if (c->nlinks == LINKS_MAX)
				die("at most %d links", LINKS_MAX);
			parse_link(optarg, &c->links[c->nlinks++]);
			break;
		case OPT_INNER_MAC:
			if (c->nmacs == MACS_MAX)
				die("at most %d inner MACs", MACS_MAX);
			parse_mac(optarg, c->inner_macs[c->nmacs++]);
			break;
		case OPT_PORT: c->port = parse_num(optarg); break;
		case OPT_SEED: c->seed = parse_num(optarg); have_seed = true; break;
		case OPT_COUNT: c->count = parse_num(optarg); break;
		case OPT_FIRST: c->first = parse_num(optarg); break;
		case OPT_PROGRESS: c->progress = parse_num(optarg); break;
		case OPT_KMSG: c->kmsg = open("/dev/kmsg", O_WRONLY); break;
		case OPT_HEAT: c->heat = parse_num(optarg) % 101; break;
		case OPT_LAYERS: c->layers = 1 + (parse_num(optarg) - 1) % LAYERS_MAX; break;
		default: exit(1);
		}
	}
	if (optind != argc)
		die("unexpected argument \"%s\"", argv[optind]);
	if (!c->dev || !have_mac || !have_seed || !c->nlinks)
		die("needs -i DEV, --dst-mac, --seed and a --link (see %s)", __FILE__);
	if (c->have4 != src4 || c->have6 != src6 || !(c->have4 || c->have6))
		die("needs --src4 with --dst4, --src6 with --dst6, one pair at least");
	if (!c->progress)
		c->progress = 1000;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	static struct cfg c = {
		.port = EGRE_UDP_PORT, .count = 100000, .kmsg = -1, .heat = -1, .layers = -1,
	};
	static struct batch b;
	double t0;
	uint64_t i;

	parse_args(&c, argc, argv);
	open_device(&c);
	t0 = now_s();
	progress(&c, "wire_fuzz: seed %llu frames %llu..%llu on %s",
		 (unsigned long long)c.seed, (unsigned long long)c.first,
		 (unsigned long long)(c.first + c.count - 1), c.dev);
	for (i = c.first; i < c.first + c.count; i++) {
		if ((i - c.first) % c.progress == 0 && i != c.first) {
			flush(&b, &c);
			progress(&c, "wire_fuzz: seed %llu frame %llu",
				 (unsigned long long)c.seed, (unsigned long long)i);
		}
		one_frame(&c, i, &b);
	}
	flush(&b, &c);
	progress(&c, "wire_fuzz: seed %llu: %llu frames, %llu sent, %llu refused, %.1f s",
		 (unsigned long long)c.seed, (unsigned long long)c.count,
		 (unsigned long long)b.sent, (unsigned long long)b.errors, now_s() - t0);
	close(c.fd);
	return 0;
}
