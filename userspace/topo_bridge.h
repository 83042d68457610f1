/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The bridge of a topology's LAN, in the LAN's own namespace on each node
 * (topo_plan.c says why), and its ports: pairs into the members' virtual
 * nodes, and the fast slice interfaces of the LAN's egre links to the
 * other nodes, isolated (a frame from one node is never sent on to a
 * third: the nodes are fully meshed, so no loop and no spanning tree).
 */
#ifndef EGRECTL_TOPO_BRIDGE_H
#define EGRECTL_TOPO_BRIDGE_H

#include <stdbool.h>
#include <stdint.h>

/* Each acts in namespace @ns; returns 0 or an egrectl exit status, after one line on error. */

/*
 * Bridge @dev of MTU @mtu, up, forwarding what a wire would (no snooping),
 * learning at most a few thousand addresses.
 */
int topo_bridge_add(const char *ns, const char *dev, uint32_t mtu);

/* Makes @dev a port of bridge @bridge (isolated: never to another isolated one), up. */
int topo_bridge_port(const char *ns, const char *dev, const char *bridge, bool isolated);

#endif
