/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The qdisc layer of shaping, over libnl-route: what one direction of a
 * link is given, put on a device as real tc qdiscs and read back from them.
 *
 * A shaped device has netem as its root qdisc (handle 1:) and, when a rate
 * is set, tbf under it (handle 2:, parent 1:1). Ingress is shaped on an
 * ifb device: the link device gets an ingress qdisc whose matchall filter
 * redirects every frame to the ifb, and the ifb gets the same two qdiscs.
 */
#ifndef EGRECTL_TC_H
#define EGRECTL_TC_H

#include <stdbool.h>
#include <stdint.h>
#include <net/if.h>

#include "rtnl.h"

/* One direction's shaping; probabilities are scaled to 0..UINT32_MAX. */
struct tc_shape {
	bool has_rate;
	uint64_t rate;		/* bytes per second */
	uint32_t burst;		/* tbf bucket, bytes */
	uint32_t queue;		/* tbf queue, bytes */
	uint64_t delay_ns, jitter_ns;
	uint32_t loss, corrupt, duplicate, reorder;
	uint32_t limit;		/* netem queue, packets */
};

/* The ifb that carries ingress shaping of device @dev (@ifindex). */
void tc_ifb_name(char buf[IFNAMSIZ], const char *dev, unsigned int ifindex);

/* Puts @s on @ifindex's root (replacing what is there). 0 or -errno. */
int tc_shape_apply(struct rtnl *r, unsigned int ifindex, const struct tc_shape *s);

/* Gives @ifindex its default root qdisc back if the root is ours. */
int tc_shape_clear(struct rtnl *r, unsigned int ifindex);

/* Reads the shaping on @ifindex's root: 1 and @s, 0 when none, or -errno. */
int tc_shape_read(struct rtnl *r, unsigned int ifindex, struct tc_shape *s);

/*
 * Every qdisc of a namespace, read in one dump: showing the shaping of
 * many devices reads it once, not once a device (the kernel dumps them
 * all each time). NULL if it could not be read.
 */
struct tc_snapshot;
struct tc_snapshot *tc_snapshot_take(struct rtnl *r);
void tc_snapshot_free(struct tc_snapshot *snap);

/* tc_shape_read from a snapshot: 1 and @s, or 0 when none. */
int tc_shape_read_in(const struct tc_snapshot *snap, unsigned int ifindex, struct tc_shape *s);

/*
 * Shapes what @ifindex receives through ifb @ifb, made if missing. On
 * failure, what this call made is removed again. 0 or -errno.
 */
int tc_ingress_apply(struct rtnl *r, unsigned int ifindex, const char *ifb,
		     const struct tc_shape *s);

/* Removes @ifindex's ingress qdisc and ifb @ifb, when that ifb exists. 0 or -errno. */
int tc_ingress_clear(struct rtnl *r, unsigned int ifindex, const char *ifb);

/* The ifindex of device @name here, 0 if there is none. */
unsigned int tc_dev_index(struct rtnl *r, const char *name);

/* True when device @ifindex here is of kind @kind. */
bool tc_dev_is(struct rtnl *r, unsigned int ifindex, const char *kind);

#endif
