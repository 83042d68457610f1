/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The record of what apply made on a node, under TOPO_STATE_DIR, per
 * experiment and node: NAME@NODE.yaml, a copy of the file applied (the
 * objects made, and how, are derived from it again), and NAME@NODE.ids,
 * each object's identity (a netns cookie, an ifindex, a pid and start
 * time), one "KEY<tab>IDENTITY" a line. NAME@NODE.lock serializes applies.
 */
#ifndef EGRECTL_TOPO_RECORD_H
#define EGRECTL_TOPO_RECORD_H

#include <stdbool.h>
#include <stddef.h>

#include "topo_index.h"
#include "topo_model.h"
#include "topo_plan.h"

#define TOPO_STATE_DIR	"/run/trellis/topo"
#define TOPO_ID_LEN	128

struct topo_record {
	struct topo topo;		/* the file applied last, unless same_file */
	const struct topo_plan *plan;	/* its objects on this node */
	struct topo_plan own_plan;	/* where plan points unless it is borrowed */
	char **keys, **ids;		/* and their identities */
	size_t n;
	struct topo_index by_key;	/* positions in keys and ids */
	bool present;
	bool same_file;			/* the file applied last is @t's, as now */
};

/* Takes the node's lock (an fd to close), or -1 after saying why. */
int topo_record_lock(const struct topo *t, int node);

/*
 * Reads the record; a missing one is empty. 0 or -errno (said why). When
 * the file applied last is byte for byte the one @t was read from, it is
 * not parsed again: its objects are @now (@t's plan for @node; NULL:
 * derived here from @t), which must outlive the record.
 */
int topo_record_read(struct topo_record *r, const struct topo *t, int node,
		     const struct topo_plan *now);
void topo_record_free(struct topo_record *r);

/* The identity recorded for @key, or NULL. */
const char *topo_record_id(const struct topo_record *r, const char *key);
void topo_record_set_id(struct topo_record *r, const char *key, const char *id);

/* A new record: the bytes @t was read from, and @ids[i] for each of @p's objects. */
int topo_record_write(const struct topo *t, int node, const struct topo_plan *p,
		      char ids[][TOPO_ID_LEN]);
/* The identities of @r again, after an undo made some objects anew. */
void topo_record_write_ids(const struct topo_record *r, const struct topo *t, int node);
void topo_record_delete(const struct topo *t, int node);

#endif
