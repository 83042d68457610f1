// SPDX-License-Identifier: GPL-2.0
/*
 * egrectl topo show: this node's part of a topology, object by object,
 * against what apply recorded and what the kernel has now: whether each
 * is made and still apply's, its interfaces' MTU, state and counters, and
 * where the live state differs from the file.
 */
#include <errno.h>
#include <linux/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <netlink/route/addr.h>
#include <netlink/route/link.h>

#include "egrectl.h"
#include "output.h"
#include "rtnl.h"
#include "topo_ns.h"
#include "topo_ops.h"
#include "topo_record.h"
#include "topo_show.h"
#include "util.h"

struct live_iface {
	bool found, up, lower_up;
	uint32_t mtu;
	uint64_t rx_packets, rx_bytes, tx_packets, tx_bytes;
};

/* @dev of namespace @ns as the kernel has it now. */
static void read_iface(const char *ns, const char *dev, struct live_iface *l)
{
	struct rtnl *r = topo_ns_rtnl(ns, false);
	struct rtnl_link *link = NULL;

	memset(l, 0, sizeof(*l));
	if (r && !rtnl_link_get_kernel(r->sk, 0, dev, &link)) {
		l->found = true;
		l->mtu = rtnl_link_get_mtu(link);
		l->up = rtnl_link_get_flags(link) & IFF_UP;
		l->lower_up = rtnl_link_get_flags(link) & IFF_LOWER_UP;
		l->rx_packets = rtnl_link_get_stat(link, RTNL_LINK_RX_PACKETS);
		l->rx_bytes = rtnl_link_get_stat(link, RTNL_LINK_RX_BYTES);
		l->tx_packets = rtnl_link_get_stat(link, RTNL_LINK_TX_PACKETS);
		l->tx_bytes = rtnl_link_get_stat(link, RTNL_LINK_TX_BYTES);
		rtnl_link_put(link);
	}
}

/* Whether address @text (ADDR/LEN) is on @dev of namespace @ns. */
static bool addr_present(const char *ns, const char *dev, const char *text)
{
	unsigned int ifindex = topo_ns_ifindex(ns, dev);
	struct rtnl *r = topo_ns_rtnl(ns, false);
	struct nl_cache *cache = NULL;
	struct nl_addr *want = NULL;
	struct nl_object *obj;
	bool found = false;

	if (r && ifindex && !nl_addr_parse(text, AF_UNSPEC, &want) &&
	    !rtnl_addr_alloc_cache(r->sk, &cache)) {
		for (obj = nl_cache_get_first(cache); obj && !found; obj = nl_cache_get_next(obj)) {
			struct rtnl_addr *a = (struct rtnl_addr *)obj;

			found = rtnl_addr_get_ifindex(a) == (int)ifindex &&
				!nl_addr_cmp(rtnl_addr_get_local(a), want);
		}
	}
	nl_cache_free(cache);
	nl_addr_put(want);
	return found;
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
	out_init(stdout, egrectl_opts.json);
	if (egrectl_opts.json)
		out_array_begin(NULL);
	for (size_t i = 0; i < p.n; i++) {
		const struct topo_obj *o = &p.objs[i];
		struct live_iface l = { 0 };
		char diff[160];
		const char *state = state_of(&rec, o, &l, diff, sizeof(diff));

		if (!egrectl_opts.json) {
			printf("%s: %s", o->key, state);
			if (diff[0])
				printf(" (now %s; the file: %s)", diff, o->spec);
			if (l.found)
				printf(", %s, rx %llu packets %llu bytes, tx %llu packets %llu bytes",
				       l.lower_up ? "carrier" : "no carrier",
				       (unsigned long long)l.rx_packets, (unsigned long long)l.rx_bytes,
				       (unsigned long long)l.tx_packets, (unsigned long long)l.tx_bytes);
			printf("\n");
			continue;
		}
		out_object_begin(NULL);
		out_string("key", o->key);
		out_string("kind", topo_obj_kind_name(o->kind));
		out_string("state", state);
		out_string("spec", o->spec);
		if (diff[0])
			out_string("now", diff);
		if (l.found) {
			out_u64("mtu", l.mtu);
			out_bool("up", l.up);
			out_bool("carrier", l.lower_up);
			out_u64("rx_packets", l.rx_packets);
			out_u64("rx_bytes", l.rx_bytes);
			out_u64("tx_packets", l.tx_packets);
			out_u64("tx_bytes", l.tx_bytes);
		}
		out_object_end();
	}
	if (egrectl_opts.json)
		out_array_end();
	out_finish();
	topo_ns_forget_all();
	topo_record_free(&rec);
	topo_plan_free(&p);
	return 0;
}
