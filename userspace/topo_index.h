/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A map from strings to positions (an array's indices), for the keys of a
 * topology's objects: a node's part has tens of thousands of them, and
 * apply looks each up several times. Open addressing; the strings are the
 * caller's and must outlive the index.
 */
#ifndef EGRECTL_TOPO_INDEX_H
#define EGRECTL_TOPO_INDEX_H

#include <stdbool.h>
#include <stddef.h>

struct topo_index {
	const char **key;	/* NULL: a free slot */
	size_t *pos;
	size_t slots, n;
};

/* Adds @key at @pos (a key added twice keeps its first position). */
void topo_index_add(struct topo_index *x, const char *key, size_t pos);

/* The position of @key, or false. @key may be NULL (not found). */
bool topo_index_find(const struct topo_index *x, const char *key, size_t *pos);

void topo_index_free(struct topo_index *x);

#endif
