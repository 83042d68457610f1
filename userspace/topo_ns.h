/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The namespaces a topology command acts in, each entered once: one
 * rtnetlink socket per namespace (the node's own too), kept for the run.
 * A netlink socket serves the namespace it was made in, so after the
 * first use nothing enters the namespace again; at the scale of a
 * thousand virtual nodes, entering one per request cost more than the
 * requests. A kept socket holds its namespace: forget it before the
 * namespace is let go, and when one of that name is made again.
 */
#ifndef EGRECTL_TOPO_NS_H
#define EGRECTL_TOPO_NS_H

#include <stdbool.h>

#include "nl.h"

/*
 * rtnetlink in namespace @ns (NULL: the node's), or NULL when it is not
 * there; then, with @loud, one line says so.
 */
struct nl_conn *topo_ns_rtnl(const char *ns, bool loud);

/* The ifindex of device @dev in @ns (NULL: the node's), asked now; 0: none. */
unsigned int topo_ns_ifindex(const char *ns, const char *dev);

/* The netns cookie of @ns, or 0 when it is not there. */
unsigned long long topo_ns_cookie(const char *ns);

/* Closes what is kept of @ns: it is about to go, or was made again. */
void topo_ns_forget(const char *ns);

/* Closes all that is kept: the run is over. */
void topo_ns_forget_all(void);

/*
 * For a child about to run a command: the file descriptor limit this
 * process had before it raised it to keep sockets.
 */
void topo_ns_child_limits(void);

#endif
