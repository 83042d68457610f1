/* SPDX-License-Identifier: GPL-2.0 */
/* egrectl topo test: every link of this node's part, pinged across. */
#ifndef EGRECTL_TOPO_TEST_H
#define EGRECTL_TOPO_TEST_H

#include "topo_model.h"

/*
 * One line a link with an end on node @node: reachability, loss and round
 * trip, against the file's delay and loss; "N links tested, N failed".
 * Returns 0, or EXIT_RUNTIME if a link failed.
 */
int topo_test(const struct topo *t, int node);

#endif
