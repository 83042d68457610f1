/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Removing many objects of a topology plan at once, where one at a time
 * would wait for the kernel once each: egre links and namespaces.
 */
#ifndef EGRECTL_TOPO_REMOVE_H
#define EGRECTL_TOPO_REMOVE_H

#include <stddef.h>

#include "topo_plan.h"

/*
 * Removes egre links @objs[0..n) (identities @ids) of this namespace in one
 * batch: put in a device group of their own, then deleted by group, one
 * unregister for all as namespace teardown does (one by one, each waits
 * for an RCU grace period). Non-zero, quietly, when it could not: another
 * device has that group, or the kernel refused; then none was removed and
 * each is back in the default group (0), for the caller to remove one by
 * one.
 */
int topo_remove_links(const struct topo_obj *const *objs, char *const *ids, size_t n);

/*
 * Removes the namespaces of virtual nodes and LANs @objs[0..n) together:
 * ends their processes (SIGTERM, one grace period for all, SIGKILL), then
 * takes their names off. What is in them (pairs, fast slice interfaces,
 * bridges, addresses, routes, qdiscs) goes when the kernel's namespace
 * cleanup comes round, just after: one batch for every device of every
 * namespace let go, where deleting them one by one waits for an RCU grace
 * period each. Goes on past a failure, as slice del does, one line for
 * each; 0 or an exit code, and then @failed is the position of the first
 * namespace that failed (@n: not one of them). For destroy: nothing here
 * can be undone.
 */
int topo_remove_namespaces(const struct topo_obj *const *objs, size_t n, size_t *failed);

#endif
