/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A slice's interfaces, over rtnetlink from inside its namespace: how many
 * there are, and deleting them all (a veth's peer, a fast slice
 * interface's node registration and its qdiscs go with it).
 */
#ifndef EGRECTL_SLICE_IFACES_H
#define EGRECTL_SLICE_IFACES_H

#include <stddef.h>

/* Interfaces of the namespace @netfd but loopback, or -errno. */
int slice_ifaces_count(int netfd);

/*
 * Deletes every deletable interface of namespace @netfd (those the kernel
 * cannot delete, such as a physical NIC, go home when the namespace ends).
 * Returns how many were deleted, or -errno with what failed in @msg.
 */
int slice_ifaces_delete(int netfd, char *msg, size_t len);

#endif
