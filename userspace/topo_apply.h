/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Bringing this node to its part of a topology file: apply, diff, destroy.
 *
 * What apply made is recorded (topo_record.h). An object is ours only when
 * both its name and its identity match: one of the same name that someone
 * made with ip, tc or egrectl is never changed or removed.
 */
#ifndef EGRECTL_TOPO_APPLY_H
#define EGRECTL_TOPO_APPLY_H

#include <stdbool.h>

#include "topo_model.h"
#include "topo_record.h"

enum topo_mode {
	TOPO_APPLY,	/* make, change and remove until the node matches */
	TOPO_DIFF,	/* print what apply would do */
	TOPO_DESTROY,	/* remove everything apply made */
};

/*
 * Runs @mode for node @node (an index into @t->nodes) of checked topology
 * @t. Prints one line a change ("+ KEY", "~ KEY",
 * "- KEY") and "N changes". A failure half-way undoes what this run did,
 * says so, and returns EXIT_RUNTIME.
 */
int topo_apply(struct topo *t, int node, enum topo_mode mode);

#endif
