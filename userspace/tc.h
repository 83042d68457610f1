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

#include "nl.h"

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
int tc_shape_apply(struct nl_conn *r, unsigned int ifindex, const struct tc_shape *s);

/* Gives @ifindex its default root qdisc back if the root is ours. */
int tc_shape_clear(struct nl_conn *r, unsigned int ifindex);

/* Reads the shaping on @ifindex's root: 1 and @s, 0 when none, or -errno. */
int tc_shape_read(struct nl_conn *r, unsigned int ifindex, struct tc_shape *s);

/*
 * Every qdisc of a namespace, read in one dump: showing the shaping of
 * many devices reads it once, not once a device (the kernel dumps them
 * all each time). NULL if it could not be read.
 */
struct tc_snapshot;
struct tc_snapshot *tc_snapshot_take(struct nl_conn *r);
void tc_snapshot_free(struct tc_snapshot *snap);

/* tc_shape_read from a snapshot: 1 and @s, or 0 when none. */
int tc_shape_read_in(const struct tc_snapshot *snap, unsigned int ifindex, struct tc_shape *s);

/*
 * Shapes what @ifindex receives through ifb @ifb, made if missing. On
 * failure, what this call made is removed again. 0 or -errno.
 */
int tc_ingress_apply(struct nl_conn *r, unsigned int ifindex, const char *ifb,
		     const struct tc_shape *s);

/*
 * Whether shaping may take @ifindex's root: 1 when a qdisc there was made
 * by someone else (neither egrectl's netem 1: nor the kernel's default,
 * handle 0), "KIND HANDLE" in @what; 0 when it may; -errno.
 */
int tc_root_foreign(struct nl_conn *r, unsigned int ifindex, char *what, size_t len);

enum { TC_INGRESS_NONE, TC_INGRESS_OURS, TC_INGRESS_FOREIGN };

/*
 * Who holds @ifindex's ingress: nobody (no ingress or clsact qdisc),
 * egrectl (an ingress qdisc with its redirect to ifb @ifb; *@others: how
 * many other filters were added to it), or someone else (@what names their
 * qdisc, or the filter in the redirect's place). Returns TC_INGRESS_* or -errno.
 */
int tc_ingress_state(struct nl_conn *r, unsigned int ifindex, unsigned int ifb, int *others,
		     char *what, size_t len);

/*
 * Removes egrectl's redirect from @ifindex's ingress (the qdisc too, unless
 * others' filters are on it) and ifb @ifb, when that ifb exists; leaves
 * someone else's ingress alone. 0 or -errno.
 */
int tc_ingress_clear(struct nl_conn *r, unsigned int ifindex, const char *ifb);

/* The ifindex of device @name here, 0 if there is none. */
unsigned int tc_dev_index(struct nl_conn *r, const char *name);

/* True when device @ifindex here is of kind @kind. */
bool tc_dev_is(struct nl_conn *r, unsigned int ifindex, const char *kind);

#endif
