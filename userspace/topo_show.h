/* SPDX-License-Identifier: GPL-2.0 */
/* egrectl topo show: this node's part of a topology, made and live. */
#ifndef EGRECTL_TOPO_SHOW_H
#define EGRECTL_TOPO_SHOW_H

#include "topo_model.h"

/*
 * One line (or, with -j, one object) for each object of node @node's part
 * of checked topology @t: "KEY: STATE", STATE "ok", "not made", "gone" or
 * "differs" (with what the kernel has now), and an interface's carrier and
 * counters. Returns 0 or an exit code.
 */
int topo_show(const struct topo *t, int node);

#endif
