// SPDX-License-Identifier: GPL-2.0
/* The record of what apply made on a node (topo_record.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "topo_check.h"
#include "topo_parse.h"
#include "topo_record.h"
#include "util.h"

static void state_path(char *buf, size_t len, const struct topo *t, int node, const char *ext)
{
	snprintf(buf, len, TOPO_STATE_DIR "/%s@%s.%s", t->name, t->nodes[node].name, ext);
}

int topo_record_lock(const struct topo *t, int node)
{
	char path[512];
	int fd;

	mkdir("/run/trellis", 0755);
	mkdir(TOPO_STATE_DIR, 0755);
	state_path(path, sizeof(path), t, node, "lock");
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0 || flock(fd, LOCK_EX) < 0) {
		err_msg("topo: cannot lock %s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

static int index_of_node(const struct topo *t, const char *name)
{
	for (size_t i = 0; i < t->n_nodes; i++)
		if (!strcmp(t->nodes[i].name, name))
			return (int)i;
	return -1;
}

/* Whether the open file @f holds exactly the bytes @t was read from. */
static bool same_bytes(FILE *f, const struct topo *t)
{
	const char *want = t->source;
	size_t left = t->source_len, n;
	char buf[8192];
	bool same = want != NULL;

	while (same && (n = fread(buf, 1, sizeof(buf), f)) > 0) {
		same = n <= left && !memcmp(buf, want, n);
		want += n;
		left -= n;
	}
	same = same && !left && !ferror(f);
	rewind(f);
	return same;
}

/* Reads the record; a missing one is an empty record. */
int topo_record_read(struct topo_record *r, const struct topo *t, int node,
		     const struct topo_plan *now)
{
	struct topo_errors e = { 0 };
	char path[512], line[1024];
	size_t n_keys = 0;
	int old_node;
	FILE *f;

	memset(r, 0, sizeof(*r));
	r->plan = &r->own_plan;
	state_path(path, sizeof(path), t, node, "yaml");
	f = fopen(path, "r");
	if (!f && errno != ENOENT)
		err_msg("topo: cannot read the record of the last apply, %s: %s", path,
			strerror(errno));
	if (!f)
		return errno == ENOENT ? 0 : -errno;
	/* the same file again (a re-apply, a destroy): reading it twice is half the work */
	r->same_file = same_bytes(f, t);
	if (r->same_file) {
		if (now)
			r->plan = now;
		else
			topo_plan_build(t, node, &r->own_plan);
	} else if (topo_parse(f, path, &r->topo, &e) || topo_check(&r->topo, &e)) {
		fclose(f);
		err_msg("topo: the record of the last apply, %s, does not read: %s", path,
			e.n ? e.lines[0] : "?");
		topo_errors_free(&e);
		topo_free(&r->topo);
		return -EINVAL;
	}
	fclose(f);
	if (!r->same_file) {
		old_node = index_of_node(&r->topo, t->nodes[node].name);
		if (old_node >= 0)
			topo_plan_build(&r->topo, old_node, &r->own_plan);
	}
	r->present = true;
	state_path(path, sizeof(path), t, node, "ids");
	f = fopen(path, "r");
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		char *tab = strchr(line, '\t');

		line[strcspn(line, "\n")] = '\0';
		if (!tab)
			continue;
		*tab = '\0';
		r->keys = topo_grow(r->keys, &n_keys, sizeof(char *));
		r->keys[n_keys - 1] = topo_strdup(line);
		r->ids = topo_grow(r->ids, &r->n, sizeof(char *));
		r->ids[r->n - 1] = topo_strdup(tab + 1);
	}
	for (size_t i = 0; i < r->n; i++)
		topo_index_add(&r->by_key, r->keys[i], i);
	fclose(f);
	return 0;
}

void topo_record_free(struct topo_record *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->keys[i]);
		free(r->ids[i]);
	}
	free(r->keys);
	free(r->ids);
	topo_index_free(&r->by_key);
	topo_plan_free(&r->own_plan);
	if (r->present && !r->same_file)
		topo_free(&r->topo);
}

const char *topo_record_id(const struct topo_record *r, const char *key)
{
	size_t i;

	return topo_index_find(&r->by_key, key, &i) ? r->ids[i] : NULL;
}

/* Writes the new record: the file's copy and the identities, each atomically. */
int topo_record_write(const struct topo *t, int node, const struct topo_plan *p,
		      char ids[][TOPO_ID_LEN])
{
	char path[512], tmp[520];
	FILE *out;

	state_path(path, sizeof(path), t, node, "ids");
	snprintf(tmp, sizeof(tmp), "%s.new", path);
	out = fopen(tmp, "w");
	if (!out)
		goto fail;
	for (size_t i = 0; i < p->n; i++)
		fprintf(out, "%s\t%s\n", p->objs[i].key, ids[i]);
	if (fclose(out) || rename(tmp, path))
		goto fail;
	state_path(path, sizeof(path), t, node, "yaml");
	snprintf(tmp, sizeof(tmp), "%s.new", path);
	out = fopen(tmp, "w");
	if (!out)
		goto fail;
	if (fwrite(t->source, 1, t->source_len, out) != t->source_len) {
		fclose(out);
		goto fail;
	}
	if (fclose(out) || rename(tmp, path))
		goto fail;
	return 0;
fail:
	err_msg("topo: cannot record the apply in %s: %s", path, strerror(errno));
	return -1;
}

/* The record's identities, after an undo made some objects again. */
void topo_record_write_ids(const struct topo_record *r, const struct topo *t, int node)
{
	char path[512], tmp[520];
	FILE *out;

	if (!r->present)
		return;
	state_path(path, sizeof(path), t, node, "ids");
	snprintf(tmp, sizeof(tmp), "%s.new", path);
	out = fopen(tmp, "w");
	if (!out)
		return;
	for (size_t i = 0; i < r->n; i++)
		fprintf(out, "%s\t%s\n", r->keys[i], r->ids[i]);
	if (fclose(out) || rename(tmp, path))
		unlink(tmp);
}

void topo_record_delete(const struct topo *t, int node)
{
	char path[512];

	state_path(path, sizeof(path), t, node, "ids");
	unlink(path);
	state_path(path, sizeof(path), t, node, "yaml");
	unlink(path);
}

void topo_record_set_id(struct topo_record *r, const char *key, const char *id)
{
	size_t i;

	if (topo_index_find(&r->by_key, key, &i)) {
		free(r->ids[i]);
		r->ids[i] = topo_strdup(id);
	}
}
