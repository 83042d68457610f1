/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A topology file, as parsed: physical nodes, slices with their virtual
 * nodes, links and LANs. Every object keeps where the file wrote it, so
 * that each problem found later can be reported as FILE:LINE:COL.
 *
 * topo_parse.c fills it from YAML; topo_check.c validates it and derives
 * what the file leaves to every node to compute alike (placement, keys,
 * MTUs, the underlay addresses of each link).
 */
#ifndef EGRECTL_TOPO_MODEL_H
#define EGRECTL_TOPO_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct topo_pos {
	int line, col;		/* 1-based; 0 when not from the file */
};

/* An address, with its prefix length when it was given one (else -1). */
struct topo_addr {
	int family;		/* AF_INET or AF_INET6 */
	uint8_t addr[16];
	int prefix;
	struct topo_pos pos;
};

struct topo_node {
	char *name;
	struct topo_addr *underlay;	/* IPv4 and/or IPv6, at least one */
	size_t n_underlay;
	char *dev;			/* underlay device, or NULL */
	uint32_t mtu;			/* underlay MTU */
	uint32_t capacity;		/* weight for placement */
	struct topo_pos pos;
};

struct topo_iface {
	char *name;
	struct topo_addr *addrs;
	size_t n_addrs;
	uint32_t mtu;			/* 0: the link's or LAN's */
	bool used;			/* a link or LAN has it (topo_check) */
	struct topo_pos pos;
};

/* "PREFIX via GW [metric N]" or "PREFIX dev IFNAME [metric N]" */
struct topo_route {
	struct topo_addr dst;		/* dst.prefix is always set */
	bool has_via;
	struct topo_addr via;
	char *dev;
	uint32_t metric;
	char *text;			/* as written, for messages and diffs */
	struct topo_pos pos;
};

struct topo_kv {
	char *key, *value;
	struct topo_pos pos;
};

struct topo_cmd {
	char *line;			/* run by /bin/sh -c inside the vnode */
	struct topo_pos pos;
};

struct topo_vnode {
	char *name;
	char *node_name;		/* as written, or NULL: placed */
	int node;			/* index into topo.nodes (topo_check) */
	struct topo_addr *loopback;
	size_t n_loopback;
	struct topo_iface *ifaces;
	size_t n_ifaces;
	struct topo_route *routes;
	size_t n_routes;
	struct topo_kv *sysctls;
	size_t n_sysctls;
	struct topo_cmd *run;
	size_t n_run;
	struct topo_pos pos;
};

/* One end of a link or member of a LAN: "VNODE:IFNAME". */
struct topo_end {
	char *vnode_name, *ifname;
	int vnode;			/* index into the slice's vnodes (topo_check) */
	int iface;			/* index into its ifaces, or -1 (topo_check) */
	struct topo_pos pos;
};

enum topo_dir { TOPO_EGRESS, TOPO_INGRESS };

/*
 * Shaping of one end's traffic as egrectl link set ... shape takes it
 * ("rate 10mbit delay 5ms ..."), one word an element.
 */
struct topo_shape {
	char **words;
	size_t n_words;
	struct topo_pos pos;
};

enum topo_encap { TOPO_ENCAP_GRE, TOPO_ENCAP_UDP };

struct topo_link {
	char *name;
	struct topo_end end[2];
	enum topo_encap encap;
	bool key_given;
	uint32_t key;			/* given, or derived (topo_check) */
	bool csum, seq;
	uint32_t mtu;			/* given, or derived (topo_check); 0 unknown */
	bool up;
	struct topo_shape shape[2];	/* what leaves end[i] (n_words 0: none) */
	int family;			/* underlay family (topo_check), cross-node */
	struct topo_pos pos, key_pos, mtu_pos;
};

struct topo_lan {
	char *name;
	struct topo_end *ends;
	size_t n_ends;
	enum topo_encap encap;
	uint32_t mtu;			/* given, or derived (topo_check) */
	int family;			/* underlay family (topo_check) */
	/*
	 * The physical nodes its ends are on, in the file's order of nodes,
	 * and the key of the link between nodes[i] and nodes[j] (i < j) at
	 * keys[i * n_nodes + j] (topo_check).
	 */
	int *nodes;
	size_t n_nodes;
	uint32_t *keys;
	struct topo_pos pos, mtu_pos;
};

struct topo_slice {
	char *name;
	char *admin;			/* a user name, or NULL */
	struct topo_vnode *vnodes;
	size_t n_vnodes;
	struct topo_link *links;
	size_t n_links;
	struct topo_lan *lans;
	size_t n_lans;
	struct topo_pos pos;
};

enum topo_placement { TOPO_ROUND_ROBIN, TOPO_WEIGHTED };

struct topo {
	char *file;			/* as given, for messages */
	char *name;			/* the experiment: what apply owns */
	struct topo_node *nodes;
	size_t n_nodes;
	enum topo_placement placement;
	struct topo_slice *slices;
	size_t n_slices;
	struct topo_pos name_pos;
	/* the bytes read (topo_load): what apply compares and records */
	char *source;
	size_t source_len;
};

/* Problems found in a file, each one line "FILE:LINE:COL: what". */
struct topo_errors {
	char **lines;
	size_t n;
};

void topo_error(struct topo_errors *e, const char *file, struct topo_pos pos,
		const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void topo_errors_free(struct topo_errors *e);

void topo_free(struct topo *t);

/* @p, or exits on one line when an allocation failed. */
void *topo_must(void *p);
char *topo_strdup(const char *s);
/* A new string, formatted as printf does. */
char *topo_strdupf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Grows array @arr of *@n elements of @size by one zeroed element. The
 * array must have been made by topo_grow alone (from NULL, with *@n 0):
 * its room is implied by *@n.
 */
void *topo_grow(void *arr, size_t *n, size_t size);

#endif
