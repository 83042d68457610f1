/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What an experiment does to a built topology, on this node: link events
 * (down, up, flap) and commands inside a virtual node. Neither changes the
 * record: the next apply compares against the file, not against these.
 */
#ifndef EGRECTL_TOPO_EVENTS_H
#define EGRECTL_TOPO_EVENTS_H

#include "topo_model.h"

/*
 * "topo link FILE NAME down|up|flap [PERIOD COUNT]": this node's ends of
 * link NAME ("LINK" when one slice has it, or "SLICE/LINK") set down or
 * up; flap takes them down and up COUNT times (default 1), PERIOD seconds
 * (default 1, decimals allowed) each way. @argv follows NAME.
 */
int topo_link_event(const struct topo *t, int node, const char *name, int argc, char **argv);

/*
 * "topo exec FILE VNODE [--] CMD...": CMD in virtual node VNODE ("VNODE"
 * when one slice has it, or "SLICE.VNODE"), as slice exec runs it; returns
 * its exit status. @node is this node, or -1 when unknown.
 */
int topo_exec(const struct topo *t, int node, const char *vnode, int argc, char **argv);

#endif
