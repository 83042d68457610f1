/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a parsed topology means as a whole, checked, and what every node
 * derives from it alike: where each virtual node runs, each tunnel's key,
 * each link's MTU and underlay family.
 */
#ifndef EGRECTL_TOPO_CHECK_H
#define EGRECTL_TOPO_CHECK_H

#include "topo_model.h"

/*
 * Resolves names (virtual nodes to physical nodes, link and LAN ends to
 * virtual nodes and interfaces), places the virtual nodes the file leaves
 * unplaced, assigns keys and MTUs, and appends each problem to @e: a name
 * that does not exist, a duplicate name, key or address, an interface on
 * no link or on two, a gateway outside every prefix of its virtual node,
 * link ends on different subnets, an MTU that does not fit the underlay
 * or that the two ends of a link would not share, shaping egrectl would
 * refuse. Returns 0 when @e gained nothing.
 */
int topo_check(struct topo *t, struct topo_errors *e);

/* Encapsulation bytes of a cross-node link, Ethernet header included. */
unsigned int topo_overhead(int family, enum topo_encap encap, bool csum, bool seq);

/* The key derived for tunnel @id ("TOPO/SLICE/LINK"): FNV-1a, never 0. */
uint32_t topo_key_of(const char *id);

#endif
