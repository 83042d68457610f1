/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The live underlay against the file, before apply touches anything: the
 * node's MTU in the file is what every link's MTU was checked against, so
 * a path to another node that carries less would lose the larger frames
 * silently, the most reported failure of multi-host testbeds.
 */
#ifndef EGRECTL_TOPO_UNDERLAY_H
#define EGRECTL_TOPO_UNDERLAY_H

#include <stdbool.h>

#include "topo_model.h"
#include "topo_plan.h"

/*
 * For each remote underlay address the egre links of plan @p (node @node
 * of @t) use: the route to it here, its device's MTU and the route's own
 * MTU must carry nodes[node].mtu. 0, or EXIT_USAGE after one line for each
 * path that does not. A remote with no route yet is left alone: the link
 * comes up when it has one.
 */
int topo_underlay_check(const struct topo *t, int node, const struct topo_plan *p);

/*
 * Which nodes of @t have an underlay address configured on this machine
 * (in this namespace): @here[i] for node i. 0, or -errno.
 */
int topo_underlay_here(const struct topo *t, bool *here);

#endif
