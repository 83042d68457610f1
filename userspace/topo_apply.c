// SPDX-License-Identifier: GPL-2.0
/*
 * apply, diff and destroy: the plan of the file against the plan of the
 * file applied last (its copy in TOPO_STATE_DIR) and the identities of what
 * was made.
 *
 * An object is made when it is new, when what was made is gone or not
 * ours any more, or when what it lives in is made again in this run; it is
 * changed in place when only its spec differs and that is one call (an
 * interface's MTU and state, a sysctl, a shape); otherwise it is removed
 * and made again. Removals go first (they free names the new objects may
 * take), inside out; what lives in something removed goes with it. If a
 * step fails, every step done is undone, last first: the node is left as
 * it was.
 */
#include <errno.h>
#include <inttypes.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "egrectl.h"
#include "nl.h"
#include "print.h"
#include "topo_apply.h"
#include "topo_check.h"
#include "topo_ns.h"
#include "topo_ops.h"
#include "topo_parse.h"
#include "topo_index.h"
#include "topo_plan.h"
#include "topo_record.h"
#include "topo_remove.h"
#include "topo_underlay.h"
#include "util.h"

#define ID_LEN TOPO_ID_LEN

enum step_kind { STEP_REMOVE, STEP_MAKE, STEP_CHANGE };

struct step {
	enum step_kind kind;
	const struct topo_obj *old;	/* what was made (remove, change) */
	const struct topo_obj *obj;	/* what to make (make, change) */
	char old_id[ID_LEN];
	char *new_id;			/* where the made object's identity goes */
	bool implicit;			/* removed along with what it lives in */
	bool ensure;			/* made again over itself: nothing to undo */
	bool done;
};

static bool changes_in_place(enum topo_obj_kind kind)
{
	return kind == TOBJ_IFACE || kind == TOBJ_SYSCTL || kind == TOBJ_SHAPE;
}

static bool in_set(const struct topo_index *set, const char *key)
{
	size_t ignored;

	return topo_index_find(set, key, &ignored);
}

struct steps {
	struct step *s;
	size_t n;
};

static void add_step(struct steps *st, enum step_kind kind, const struct topo_obj *old,
		     const struct topo_obj *obj, const char *old_id, char *new_id)
{
	struct step *s;

	st->s = topo_grow(st->s, &st->n, sizeof(*st->s));
	s = &st->s[st->n - 1];
	s->kind = kind;
	s->old = old;
	s->obj = obj;
	snprintf(s->old_id, sizeof(s->old_id), "%s", old_id ? old_id : "-");
	s->new_id = new_id;
}

/*
 * The steps from the record to plan @p. @ids[i] gets the identity of
 * p->objs[i] when it is kept.
 */
static void set_add(struct topo_index *set, const char *key)
{
	topo_index_add(set, key, 0);
}

/* Whether a route of namespace @ns may have gone with an interface or address. */
static bool route_shaken(const struct topo_obj *o, const struct topo_index *ns_set)
{
	return o->kind == TOBJ_ROUTE && in_set(ns_set, o->ns);
}

/*
 * Whether removing a parent of @o in @removed removes @o too. A fast slice
 * interface outlives its egre link (the kernel unbinds it), so only its
 * namespace takes it along.
 */
static bool goes_with_parent(const struct topo_obj *o, const struct topo_index *removed)
{
	return in_set(removed, o->parent[1]) ||
	       (o->kind != TOBJ_SLIF && in_set(removed, o->parent[0]));
}

static void plan_steps(const struct topo_record *r, const struct topo_plan *p, char ids[][ID_LEN],
		       struct steps *st)
{
	struct topo_index removed = { 0 }, made = { 0 }, gone_ns = { 0 }, made_ns = { 0 };
	struct topo_index gone = { 0 };
	size_t i;

	/*
	 * Removed: what the record has and the plan does not, or not like
	 * this; and what lives in something removed (in the plan's order, so
	 * parents come first). A route may go with an interface or address
	 * of its namespace.
	 */
	for (i = 0; i < r->plan->n; i++) {
		const struct topo_obj *old = &r->plan->objs[i], *now = topo_plan_find(p, old->key);
		const char *id = topo_record_id(r, old->key);
		bool with_parent = in_set(&removed, old->parent[0]) ||
				   in_set(&removed, old->parent[1]) ||
				   route_shaken(old, &gone_ns);

		if (!with_parent) {
			if (now && (!strcmp(now->spec, old->spec) || changes_in_place(old->kind)))
				continue;
			/* gone already, or never ours; and so is what lived in it */
			if (!id || in_set(&gone, old->parent[0]) || in_set(&gone, old->parent[1]) ||
			    !topo_op_alive(old, id)) {
				set_add(&gone, old->key);
				continue;
			}
		}
		set_add(&removed, old->key);
		if (old->ns && (old->kind == TOBJ_IFACE || old->kind == TOBJ_ADDR))
			set_add(&gone_ns, old->ns);
	}
	/*
	 * Inside out. What goes along with something removed is a step all
	 * the same (done by its parent), so that an undo makes it again.
	 */
	for (i = r->plan->n; i-- > 0;) {
		const struct topo_obj *old = &r->plan->objs[i];

		if (!in_set(&removed, old->key))
			continue;
		add_step(st, STEP_REMOVE, old, NULL, topo_record_id(r, old->key), NULL);
		st->s[st->n - 1].implicit = goes_with_parent(old, &removed) ||
					    route_shaken(old, &gone_ns);
	}
	/*
	 * Made: what is new, gone, removed above, or in something made; a
	 * route again (replaced) when an interface or address of its
	 * namespace is made. Changed: the rest whose spec differs.
	 */
	for (i = 0; i < p->n; i++) {
		const struct topo_obj *o = &p->objs[i], *old = topo_plan_find(r->plan, o->key);
		const char *id = old ? topo_record_id(r, o->key) : NULL;
		bool make = !old || !id || in_set(&removed, o->key) ||
			    !topo_op_alive(old, id) || in_set(&made, o->parent[0]) ||
			    in_set(&made, o->parent[1]);

		snprintf(ids[i], ID_LEN, "%s", id ? id : "-");
		if (make) {
			add_step(st, STEP_MAKE, NULL, o, NULL, ids[i]);
			set_add(&made, o->key);
			if (o->ns && (o->kind == TOBJ_IFACE || o->kind == TOBJ_ADDR))
				set_add(&made_ns, o->ns);
		} else if (strcmp(o->spec, old->spec)) {
			add_step(st, STEP_CHANGE, old, o, id, ids[i]);
		} else if (route_shaken(o, &made_ns)) {
			/* it was there and stays: an undo leaves it */
			add_step(st, STEP_MAKE, NULL, o, NULL, ids[i]);
			st->s[st->n - 1].ensure = true;
		}
	}
	topo_index_free(&removed);
	topo_index_free(&gone);
	topo_index_free(&made);
	topo_index_free(&gone_ns);
	topo_index_free(&made_ns);
}

/*
 * A step as a line: "+ KEY: SPEC" made, "~ KEY: OLD -> NEW" changed in
 * place, "- KEY" removed; in JSON an object of the "changes" array.
 */
static void print_step(const struct step *s)
{
	static const char *const ops[] = {
		[STEP_REMOVE] = "remove", [STEP_MAKE] = "make", [STEP_CHANGE] = "change",
	};
	static const char *const marks[] = {
		[STEP_REMOVE] = "- ", [STEP_MAKE] = "+ ", [STEP_CHANGE] = "~ ",
	};

	print_open_object(NULL);
	print_string(PRINT_JSON, "op", NULL, ops[s->kind]);
	print_text(marks[s->kind]);
	print_string(PRINT_ANY, "key", "%s", s->kind == STEP_REMOVE ? s->old->key : s->obj->key);
	if (s->kind == STEP_MAKE && s->obj->spec[0])
		print_string(PRINT_ANY, "spec", ": %s", s->obj->spec);
	if (s->kind == STEP_CHANGE) {
		print_string(PRINT_ANY, "from", ": %s", s->old->spec);
		print_string(PRINT_ANY, "to", " -> %s", s->obj->spec);
	}
	print_nl();
	print_close_object();
}

/*
 * Undoes the steps done, last first; best effort. What it makes again
 * gets a new identity, which the record takes.
 */
static void undo(struct steps *st, struct topo_record *r)
{
	char id[ID_LEN];

	for (size_t i = st->n; i-- > 0;) {
		struct step *s = &st->s[i];

		if (!s->done)
			continue;
		switch (s->kind) {
		case STEP_REMOVE:
			if (!topo_op_make(s->old, id, sizeof(id)) && s->old->kind != TOBJ_SYSCTL)
				topo_record_set_id(r, s->old->key, id);
			break;
		case STEP_MAKE:
			if (!s->ensure)
				topo_op_remove(s->obj, s->new_id);
			break;
		case STEP_CHANGE:
			topo_op_make(s->old, id, sizeof(id));
			break;
		}
	}
}

/*
 * Removals done in batches (topo_remove.h): egre links, and in destroy
 * the namespaces. Apply takes namespaces one by one, each with its
 * devices before the next step, since it may make their names again
 * right after.
 */
enum batch { BATCH_NONE, BATCH_LINKS, BATCH_NAMESPACES };

static enum batch batch_of(const struct step *s, enum topo_mode mode)
{
	if (s->kind != STEP_REMOVE || s->implicit)
		return BATCH_NONE;
	if (s->old->kind == TOBJ_EGRE)
		return BATCH_LINKS;
	if (mode == TOPO_DESTROY && (s->old->kind == TOBJ_VNODE || s->old->kind == TOBJ_LAN))
		return BATCH_NAMESPACES;
	return BATCH_NONE;
}

/*
 * Steps @first... of one batch (they are next to each other: the steps go
 * kind by kind), printed, done, marked done; egre links one by one where
 * the batch could not be. Returns the last step done or failed; @ret gets
 * the status, and @bad the step that failed.
 */
static size_t remove_batch(struct steps *st, size_t first, enum topo_mode mode, int *ret,
			   size_t *bad)
{
	enum batch b = batch_of(&st->s[first], mode);
	size_t last = first, i, done = 0, failed;
	const struct topo_obj **objs;
	char **ids;

	while (last + 1 < st->n && batch_of(&st->s[last + 1], mode) == b)
		print_step(&st->s[++last]);
	fflush(stdout);
	objs = topo_must(calloc(last - first + 1, sizeof(*objs)));
	ids = topo_must(calloc(last - first + 1, sizeof(*ids)));
	for (i = first; i <= last; i++) {
		objs[i - first] = st->s[i].old;
		ids[i - first] = st->s[i].old_id;
	}
	if (b == BATCH_LINKS) {
		*ret = topo_remove_links(objs, ids, last - first + 1);
		done = *ret ? 0 : last - first + 1;
	} else {
		*ret = topo_remove_namespaces(objs, last - first + 1, &failed);
		done = last - first + 1;	/* tried, each: destroy is not undone */
		*bad = first + (failed < done ? failed : 0);
	}
	free(objs);
	free(ids);
	for (i = first; i < first + done; i++)
		st->s[i].done = true;
	if (!*ret || b != BATCH_LINKS)
		return last;
	for (i = first; i <= last; i++) {
		*ret = topo_op_remove(st->s[i].old, st->s[i].old_id);
		st->s[i].done = *ret == 0;
		*bad = i;
		if (*ret)
			return i;
	}
	return last;
}

int topo_apply(struct topo *t, int node, enum topo_mode mode)
{
	struct topo_plan plan = { 0 };
	struct steps st = { 0 };
	char (*ids)[ID_LEN] = NULL;
	struct topo_record r;
	const char *failed = NULL;
	int lock, ret = 0;
	size_t i, bad;
	bool kept;

	lock = topo_record_lock(t, node);
	if (lock < 0)
		return EXIT_RUNTIME;
	if (mode != TOPO_DESTROY)
		topo_plan_build(t, node, &plan);
	ret = mode == TOPO_DESTROY ? 0 : topo_underlay_check(t, node, &plan);
	if (ret) {
		topo_ns_forget_all();
		topo_plan_free(&plan);
		close(lock);
		return ret;
	}
	if (topo_record_read(&r, t, node, mode == TOPO_DESTROY ? NULL : &plan)) {
		topo_ns_forget_all();
		topo_plan_free(&plan);
		close(lock);
		return EXIT_RUNTIME;
	}
	ids = topo_must(calloc(plan.n + 1, sizeof(*ids)));
	plan_steps(&r, &plan, ids, &st);
	/* the commands of many steps (link add ...) share one socket */
	kept = conn_keep_sockets(true);
	print_start(stdout, egrectl_opts.json, egrectl_opts.pretty);
	print_open_object(NULL);
	print_open_array("changes");
	/* apply stops at the first failure and undoes; destroy goes on past it */
	for (i = 0; i < st.n && (ret == 0 || mode == TOPO_DESTROY); i++) {
		struct step *s = &st.s[i];
		int err;

		print_step(s);
		fflush(stdout);
		if (mode == TOPO_DIFF)
			continue;
		bad = i;
		if (batch_of(s, mode) != BATCH_NONE) {
			i = remove_batch(&st, i, mode, &err, &bad);
		} else {
			if (s->kind == STEP_REMOVE)
				err = s->implicit ? 0 : topo_op_remove(s->old, s->old_id);
			else
				err = topo_op_make(s->obj, s->new_id, ID_LEN);
			/* a sysctl keeps the value it had before the first apply */
			if (!err && s->kind == STEP_CHANGE && s->obj->kind == TOBJ_SYSCTL)
				snprintf(s->new_id, ID_LEN, "%s", s->old_id);
			s->done = err == 0;
		}
		if (err && !ret) {
			ret = err;
			failed = st.s[bad].obj ? st.s[bad].obj->key : st.s[bad].old->key;
		}
	}
	if (ret && mode == TOPO_DESTROY) {
		/* the record stays: a second destroy removes what is left */
		err_msg("topo destroy: %s failed, and what failed is left: run destroy again",
			failed);
		ret = EXIT_RUNTIME;
	} else if (ret) {
		undo(&st, &r);
		topo_record_write_ids(&r, t, node);
		err_msg("topo apply: %s failed: undone, the node is as it was", failed);
		ret = EXIT_RUNTIME;
	} else if (mode == TOPO_DESTROY) {
		topo_record_delete(t, node);
	} else if (mode == TOPO_APPLY && (st.n || !r.same_file) &&
		   topo_record_write(t, node, &plan, ids)) {
		ret = EXIT_RUNTIME;	/* (no change from the same file: the record holds) */
		failed = "record";
	}
	conn_keep_sockets(kept);
	topo_ns_forget_all();
	print_close_array();
	if (!ret) {
		print_u64(PRINT_ANY, "count", "%" PRIu64, st.n);
		print_text(st.n == 1 ? " change" : " changes");
		print_text(mode == TOPO_DIFF ? " to make\n" : "\n");
	} else {
		print_string(PRINT_JSON, "failed", NULL, failed);
	}
	print_close_object();
	print_finish();
	free(st.s);
	free(ids);
	topo_record_free(&r);
	topo_plan_free(&plan);
	close(lock);
	return ret;
}
