// SPDX-License-Identifier: GPL-2.0
/*
 * egrectl topo show: this node's part of a topology, object by object,
 * against what apply recorded and what the kernel has now: whether each
 * is made and still apply's, its interfaces' MTU, state and counters, and
 * where the live state differs from the file.
 */
#include <errno.h>
#include <inttypes.h>
#include <net/if.h>	/* before linux/if.h, which then adds IFF_LOWER_UP */
#include <linux/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dev_query.h"
#include "egrectl.h"
#include "print.h"
#include "nl.h"
#include "topo_ns.h"
#include "topo_ops.h"
#include "topo_record.h"
#include "topo_show.h"
#include "util.h"

struct live_iface {
	bool found, up, lower_up;
	uint32_t mtu;
	struct dev_counters c;
};

/* @dev of namespace @ns as the kernel has it now. */
static void read_iface(const char *ns, const char *dev, struct live_iface *l)
{
	struct nl_conn *r = topo_ns_rtnl(ns, false);
	struct dev_info d;

	memset(l, 0, sizeof(*l));
	if (r && !dev_query_get(r, 0, dev, &d)) {
		l->found = true;
		l->mtu = d.mtu;
		l->up = d.flags & IFF_UP;
		l->lower_up = d.flags & IFF_LOWER_UP;
		l->c = d.stats;
	}
}

/* Whether address @text (ADDR/LEN) is on @dev of namespace @ns. */
static bool addr_present(const char *ns, const char *dev, const char *text)
{
	unsigned int ifindex = topo_ns_ifindex(ns, dev);
	struct nl_conn *r = topo_ns_rtnl(ns, false);

	return r && ifindex && dev_query_has_addr(r, ifindex, text) == 1;
}

/*
 * The state of object @o: "ok", "not made" (apply has not made it),
 * "gone" (made, and not there or not apply's any more), or "differs".
 * @diff says how it differs.
 */
static const char *state_of(const struct topo_record *rec, const struct topo_obj *o,
			    struct live_iface *l, char *diff, size_t len)
{
	const struct topo_obj *made = rec->present ? topo_plan_find(rec->plan, o->key) : NULL;
	const char *id = made ? topo_record_id(rec, o->key) : NULL;
	uint32_t mtu = 0;

	diff[0] = '\0';
	if (!made || !id)
		return "not made";
	if (!topo_op_alive(made, id))
		return "gone";
	if (strcmp(made->spec, o->spec)) {
		snprintf(diff, len, "made as \"%s\"", made->spec);
		return "differs";
	}
	if (o->kind == TOBJ_IFACE) {
		read_iface(o->ns, o->dev, l);
		if (!l->found)
			return "gone";
		sscanf(o->spec, "mtu %u", &mtu);
		if (l->mtu != mtu || l->up != (strstr(o->spec, " up") != NULL)) {
			snprintf(diff, len, "mtu %u %s", l->mtu, l->up ? "up" : "down");
			return "differs";
		}
	}
	if (o->kind == TOBJ_ADDR && !addr_present(o->ns, o->dev, o->arg))
		return "gone";
	return "ok";
}

/*
 * A line an object: "KEY: STATE", how it differs, and for an interface
 * its carrier and MTU; -s its counters on lines of their own.
 */
static void obj_print(const struct topo_record *rec, const struct topo_obj *o)
{
	struct live_iface l = { 0 };
	char diff[160];
	const char *state = state_of(rec, o, &l, diff, sizeof(diff));

	print_open_object(NULL);
	print_string(PRINT_ANY, "key", "%s: ", o->key);
	print_string(PRINT_JSON, "kind", NULL, topo_obj_kind_name(o->kind));
	print_string(PRINT_ANY, "state", "%s", state);
	print_string(PRINT_ANY, "now", " (now %s", diff[0] ? diff : NULL);
	print_string(diff[0] ? PRINT_ANY : PRINT_JSON, "spec", "; the file: %s)", o->spec);
	if (l.found) {
		print_flag(PRINT_JSON, "up", NULL, l.up);
		print_flag(PRINT_ANY, "carrier", " carrier", l.lower_up);
		print_text(l.lower_up ? "" : " no-carrier");
		print_u64(PRINT_ANY, "mtu", " mtu %" PRIu64, l.mtu);
		/* JSON has them always, as it always had */
		print_dev_counters(egrectl_opts.stats ? PRINT_ANY : PRINT_JSON, NULL, &l.c);
	}
	print_nl();
	print_close_object();
}

int topo_show(const struct topo *t, int node)
{
	struct topo_record rec;
	struct topo_plan p;
	int lock;

	lock = topo_record_lock(t, node);
	if (lock < 0)
		return EXIT_RUNTIME;
	topo_plan_build(t, node, &p);
	if (topo_record_read(&rec, t, node, &p)) {
		topo_plan_free(&p);
		close(lock);
		return EXIT_RUNTIME;
	}
	close(lock);
	print_start(stdout, egrectl_opts.json, egrectl_opts.pretty);
	print_open_array(NULL);
	for (size_t i = 0; i < p.n; i++)
		obj_print(&rec, &p.objs[i]);
	print_close_array();
	print_finish();
	topo_ns_forget_all();
	topo_record_free(&rec);
	topo_plan_free(&p);
	return 0;
}
