/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Making, changing and removing the objects of a topology plan on this
 * node, one at a time, and telling whether a recorded one is still the one
 * that was made. Each call reports its own failure on one line (the
 * object, and the kernel's message) and returns non-zero.
 */
#ifndef EGRECTL_TOPO_OPS_H
#define EGRECTL_TOPO_OPS_H

#include <stddef.h>

#include "topo_plan.h"

/*
 * Makes @o (or brings it to its spec, where that is one call: an
 * interface's MTU and state, a sysctl, a shape, an address, a route) and
 * writes what identifies it into @id ("-" when it has nothing of its own).
 * For a sysctl, @id keeps the value it replaced.
 */
int topo_op_make(const struct topo_obj *o, char *id, size_t len);

/* Removes @o, made earlier with identity @id. */
int topo_op_remove(const struct topo_obj *o, const char *id);

/* Whether @o, recorded with identity @id, is still there and the same. */
bool topo_op_alive(const struct topo_obj *o, const char *id);

/* Sets device @dev of namespace @ns up or down; 0 or an exit code. */
int topo_iface_state(const char *ns, const char *dev, bool up);

#endif
