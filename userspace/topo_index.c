// SPDX-License-Identifier: GPL-2.0
/* A map from strings to positions (topo_index.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "topo_index.h"
#include "topo_model.h"

static size_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;	/* FNV-1a, 64 bits */

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return (size_t)h;
}

/* The slot of @key, or the free slot where it would go. */
static size_t slot_of(const struct topo_index *x, const char *key)
{
	size_t i = hash(key) & (x->slots - 1);

	while (x->key[i] && strcmp(x->key[i], key))
		i = (i + 1) & (x->slots - 1);
	return i;
}

static void grow(struct topo_index *x)
{
	struct topo_index bigger = { 0 };
	size_t i;

	bigger.slots = x->slots ? x->slots * 2 : 64;
	bigger.key = topo_must(calloc(bigger.slots, sizeof(*bigger.key)));
	bigger.pos = topo_must(calloc(bigger.slots, sizeof(*bigger.pos)));
	for (i = 0; i < x->slots; i++)
		if (x->key[i])
			topo_index_add(&bigger, x->key[i], x->pos[i]);
	topo_index_free(x);
	*x = bigger;
}

void topo_index_add(struct topo_index *x, const char *key, size_t pos)
{
	size_t i;

	/* at most half full: probes stay short */
	if (2 * (x->n + 1) > x->slots)
		grow(x);
	i = slot_of(x, key);
	if (x->key[i])
		return;
	x->key[i] = key;
	x->pos[i] = pos;
	x->n++;
}

bool topo_index_find(const struct topo_index *x, const char *key, size_t *pos)
{
	size_t i;

	if (!key || !x->slots)
		return false;
	i = slot_of(x, key);
	if (!x->key[i])
		return false;
	*pos = x->pos[i];
	return true;
}

void topo_index_free(struct topo_index *x)
{
	free(x->key);
	free(x->pos);
	memset(x, 0, sizeof(*x));
}
