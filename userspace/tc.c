// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/if_ether.h>
#include <linux/pkt_cls.h>
#include <linux/pkt_sched.h>
#include <linux/rtnetlink.h>
#include <linux/tc_act/tc_mirred.h>
#include <netlink/attr.h>
#include <netlink/route/action.h>
#include <netlink/route/act/mirred.h>
#include <netlink/route/classifier.h>
#include <netlink/route/cls/matchall.h>
#include <netlink/route/link.h>
#include <netlink/route/qdisc.h>
#include <netlink/route/qdisc/netem.h>
#include <netlink/route/qdisc/tbf.h>
#include <netlink/route/tc.h>

#include "tc.h"

#define NETEM_HANDLE	TC_HANDLE(1, 0)
#define TBF_PARENT	TC_HANDLE(1, 1)
#define TBF_HANDLE	TC_HANDLE(2, 0)
#define INGRESS_HANDLE	TC_H_MAKE(TC_H_INGRESS, 0)
/* where egrectl's redirect filter sits on the ingress qdisc */
#define REDIRECT_PRIO	1
#define REDIRECT_HANDLE	1
/* the kernel's packet scheduler tick is 64 ns (PSCHED_SHIFT 6) */
#define PSCHED_TICK_NS	64

void tc_ifb_name(char buf[IFNAMSIZ], const char *dev, unsigned int ifindex)
{
	/* "ifb-" and the device's name, or its index when that is too long */
	if (strlen(dev) + 4 < IFNAMSIZ)
		snprintf(buf, IFNAMSIZ, "ifb-%s", dev);
	else
		snprintf(buf, IFNAMSIZ, "ifb-%u", ifindex);
}

static int talk_built(struct nl_conn *r, int nlerr, struct nl_msg *msg)
{
	if (nlerr < 0)
		return -ENOMEM;
	return conn_talk(r, msg, NULL, NULL);
}

/*
 * netem is built by hand: libnl sends reorder and corruption only when
 * they are not zero, and netem keeps what a change leaves out, so a live
 * change could never turn them off.
 */
static struct nl_msg *netem_msg(unsigned int ifindex, const struct tc_shape *s)
{
	struct tcmsg tcm = {
		.tcm_family = AF_UNSPEC, .tcm_ifindex = (int)ifindex,
		.tcm_handle = NETEM_HANDLE, .tcm_parent = TC_H_ROOT,
	};
	struct tc_netem_qopt q = {
		.limit = s->limit, .loss = s->loss, .duplicate = s->duplicate,
		/* a reorder probability acts on every packet (gap 1), as in tc */
		.gap = s->reorder ? 1 : 0,
	};
	struct tc_netem_corr corr = { 0 };
	struct tc_netem_reorder reorder = { .probability = s->reorder };
	struct tc_netem_corrupt corrupt = { .probability = s->corrupt };
	int64_t latency = (int64_t)s->delay_ns, jitter = (int64_t)s->jitter_ns;
	struct nlattr *opts;
	struct nl_msg *msg;

	q.latency = s->delay_ns / PSCHED_TICK_NS > UINT32_MAX ? UINT32_MAX :
		    (uint32_t)(s->delay_ns / PSCHED_TICK_NS);
	q.jitter = s->jitter_ns / PSCHED_TICK_NS > UINT32_MAX ? UINT32_MAX :
		   (uint32_t)(s->jitter_ns / PSCHED_TICK_NS);
	msg = nlmsg_alloc_simple(RTM_NEWQDISC, NLM_F_CREATE | NLM_F_REPLACE);
	if (!msg || nlmsg_append(msg, &tcm, sizeof(tcm), NLMSG_ALIGNTO) < 0 ||
	    nla_put_string(msg, TCA_KIND, "netem") < 0)
		goto err;
	/* netem's options: its struct first, then attributes */
	opts = nla_nest_start(msg, TCA_OPTIONS);
	if (!opts || nlmsg_append(msg, &q, sizeof(q), NLMSG_ALIGNTO) < 0 ||
	    nla_put(msg, TCA_NETEM_CORR, sizeof(corr), &corr) < 0 ||
	    nla_put(msg, TCA_NETEM_REORDER, sizeof(reorder), &reorder) < 0 ||
	    nla_put(msg, TCA_NETEM_CORRUPT, sizeof(corrupt), &corrupt) < 0 ||
	    nla_put(msg, TCA_NETEM_LATENCY64, sizeof(latency), &latency) < 0 ||
	    nla_put(msg, TCA_NETEM_JITTER64, sizeof(jitter), &jitter) < 0)
		goto err;
	nla_nest_end(msg, opts);
	return msg;
err:
	nlmsg_free(msg);
	return NULL;
}

static struct rtnl_qdisc *qdisc_new(unsigned int ifindex, uint32_t parent,
				    uint32_t handle, const char *kind)
{
	struct rtnl_qdisc *q = rtnl_qdisc_alloc();

	if (!q)
		return NULL;
	rtnl_tc_set_ifindex(TC_CAST(q), (int)ifindex);
	rtnl_tc_set_parent(TC_CAST(q), parent);
	rtnl_tc_set_handle(TC_CAST(q), handle);
	if (rtnl_tc_set_kind(TC_CAST(q), kind) < 0) {
		rtnl_qdisc_put(q);
		return NULL;
	}
	return q;
}

static int qdisc_del(struct nl_conn *r, unsigned int ifindex, uint32_t parent, uint32_t handle)
{
	struct rtnl_qdisc *q = rtnl_qdisc_alloc();
	struct nl_msg *msg = NULL;
	int err;

	if (!q)
		return -ENOMEM;
	rtnl_tc_set_ifindex(TC_CAST(q), (int)ifindex);
	rtnl_tc_set_parent(TC_CAST(q), parent);
	rtnl_tc_set_handle(TC_CAST(q), handle);
	err = rtnl_qdisc_build_delete_request(q, &msg);
	rtnl_qdisc_put(q);
	return talk_built(r, err, msg);
}

int tc_shape_apply(struct nl_conn *r, unsigned int ifindex, const struct tc_shape *s)
{
	struct nl_msg *msg = netem_msg(ifindex, s);
	struct rtnl_qdisc *tbf;
	struct tc_shape now;
	int err;

	if (!msg)
		return -ENOMEM;
	err = conn_talk(r, msg, NULL, NULL);
	if (err)
		return err;
	if (!s->has_rate) {
		/* a tbf from an earlier shape goes; netem then sends directly */
		err = tc_shape_read(r, ifindex, &now);
		if (err > 0 && now.has_rate)
			return qdisc_del(r, ifindex, TBF_PARENT, TBF_HANDLE);
		return err < 0 ? err : 0;
	}
	tbf = qdisc_new(ifindex, TBF_PARENT, TBF_HANDLE, "tbf");
	if (!tbf)
		return -ENOMEM;
	/* explicit queue: the devices have tx_queue_len 0, a default would hold 1 */
	rtnl_qdisc_tbf_set_limit(tbf, (int)s->queue);
	rtnl_qdisc_tbf_set_rate(tbf, (int)s->rate, (int)s->burst, 0);
	err = rtnl_qdisc_build_add_request(tbf, NLM_F_CREATE | NLM_F_REPLACE, &msg);
	rtnl_qdisc_put(tbf);
	return talk_built(r, err, msg);
}

/* Reads @ifindex's qdiscs; *@root is NULL, or ours (netem 1:) with *@child. */
struct tc_snapshot {
	struct nl_cache *qdiscs;
};

struct tc_snapshot *tc_snapshot_take(struct nl_conn *r)
{
	struct tc_snapshot *snap = calloc(1, sizeof(*snap));

	if (snap && rtnl_qdisc_alloc_cache(r->sk, &snap->qdiscs) < 0) {
		free(snap);
		snap = NULL;
	}
	return snap;
}

void tc_snapshot_free(struct tc_snapshot *snap)
{
	if (!snap)
		return;
	nl_cache_free(snap->qdiscs);
	free(snap);
}

/* Our netem root on @ifindex and the tbf under it, each NULL if absent. */
static void qdiscs_find(struct nl_cache *cache, unsigned int ifindex,
			struct rtnl_qdisc **root, struct rtnl_qdisc **child)
{
	*child = NULL;
	*root = rtnl_qdisc_get_by_parent(cache, (int)ifindex, TC_H_ROOT);
	if (*root && (rtnl_tc_get_handle(TC_CAST(*root)) != NETEM_HANDLE ||
		      strcmp(rtnl_tc_get_kind(TC_CAST(*root)), "netem"))) {
		rtnl_qdisc_put(*root);
		*root = NULL;
	}
	if (*root)
		*child = rtnl_qdisc_get_by_parent(cache, (int)ifindex, TBF_PARENT);
	if (*child && strcmp(rtnl_tc_get_kind(TC_CAST(*child)), "tbf")) {
		rtnl_qdisc_put(*child);
		*child = NULL;
	}
}

int tc_shape_read_in(const struct tc_snapshot *snap, unsigned int ifindex, struct tc_shape *s)
{
	struct rtnl_qdisc *root, *child;

	memset(s, 0, sizeof(*s));
	qdiscs_find(snap->qdiscs, ifindex, &root, &child);
	if (!root)
		return 0;
	/* libnl gives times in microseconds, probabilities as the kernel's u32 */
	s->delay_ns = (uint64_t)rtnl_netem_get_delay(root) * 1000;
	s->jitter_ns = (uint64_t)rtnl_netem_get_jitter(root) * 1000;
	s->loss = (uint32_t)rtnl_netem_get_loss(root);
	s->duplicate = (uint32_t)rtnl_netem_get_duplicate(root);
	s->corrupt = (uint32_t)rtnl_netem_get_corruption_probability(root);
	s->reorder = (uint32_t)rtnl_netem_get_reorder_probability(root);
	s->limit = (uint32_t)rtnl_netem_get_limit(root);
	if (child) {
		s->has_rate = true;
		s->rate = (uint32_t)rtnl_qdisc_tbf_get_rate(child);
		s->burst = (uint32_t)rtnl_qdisc_tbf_get_rate_bucket(child);
		s->queue = (uint32_t)rtnl_qdisc_tbf_get_limit(child);
		rtnl_qdisc_put(child);
	}
	rtnl_qdisc_put(root);
	return 1;
}

int tc_shape_read(struct nl_conn *r, unsigned int ifindex, struct tc_shape *s)
{
	struct tc_snapshot *snap = tc_snapshot_take(r);
	int ret;

	if (!snap)
		return -EIO;
	ret = tc_shape_read_in(snap, ifindex, s);
	tc_snapshot_free(snap);
	return ret;
}

int tc_shape_clear(struct nl_conn *r, unsigned int ifindex)
{
	struct tc_shape s;
	int err = tc_shape_read(r, ifindex, &s);

	if (err <= 0)
		return err;
	/* deleting the root gives the device its default qdisc back */
	return qdisc_del(r, ifindex, TC_H_ROOT, NETEM_HANDLE);
}

/* "KIND HANDLE" of @tc, to name it in a message. */
static void tc_describe(struct rtnl_tc *tc, char *what, size_t len)
{
	char handle[32];

	snprintf(what, len, "%s %s", rtnl_tc_get_kind(tc),
		 rtnl_tc_handle2str(rtnl_tc_get_handle(tc), handle, sizeof(handle)));
}

int tc_root_foreign(struct nl_conn *r, unsigned int ifindex, char *what, size_t len)
{
	struct tc_snapshot *snap = tc_snapshot_take(r);
	struct rtnl_qdisc *root;
	int foreign = 0;

	if (!snap)
		return -EIO;
	root = rtnl_qdisc_get_by_parent(snap->qdiscs, (int)ifindex, TC_H_ROOT);
	/* the kernel's default qdiscs have handle 0; any made with tc has one */
	if (root && rtnl_tc_get_handle(TC_CAST(root)) &&
	    (rtnl_tc_get_handle(TC_CAST(root)) != NETEM_HANDLE ||
	     strcmp(rtnl_tc_get_kind(TC_CAST(root)), "netem"))) {
		tc_describe(TC_CAST(root), what, len);
		foreign = 1;
	}
	if (root)
		rtnl_qdisc_put(root);
	tc_snapshot_free(snap);
	return foreign;
}

/* True when @cls is egrectl's redirect: matchall pref 1 handle 1, mirred to @ifb. */
static bool redirect_is_ours(struct rtnl_cls *cls, unsigned int ifb)
{
	struct rtnl_act *act;
	bool ours;

	if (strcmp(rtnl_tc_get_kind(TC_CAST(cls)), "matchall"))
		return false;
	act = rtnl_mall_get_first_action(cls);
	if (!act)
		return false;
	ours = !strcmp(rtnl_tc_get_kind(TC_CAST(act)), "mirred") &&
	       rtnl_mirred_get_ifindex(act) == ifb;
	rtnl_act_put(act);
	return ours;
}

/*
 * The filters on @ifindex's ingress: 1 when egrectl's redirect to @ifb is
 * among them, with *@others the count of the rest; 0 when it is not, with
 * @what naming the filter in its place if there is one; or -errno.
 */
static int redirect_find(struct nl_conn *r, unsigned int ifindex, unsigned int ifb,
			 int *others, char *what, size_t len)
{
	struct nl_cache *filters;
	struct nl_object *obj;
	int found = 0;

	*others = 0;
	if (rtnl_cls_alloc_cache(r->sk, (int)ifindex, INGRESS_HANDLE, &filters) < 0)
		return -EIO;
	for (obj = nl_cache_get_first(filters); obj; obj = nl_cache_get_next(obj)) {
		struct rtnl_cls *cls = (struct rtnl_cls *)obj;

		/* handle 0: the head of a pref's filters, listed besides them */
		if (!rtnl_tc_get_handle(TC_CAST(cls)))
			continue;
		if (rtnl_cls_get_prio(cls) != REDIRECT_PRIO ||
		    rtnl_tc_get_handle(TC_CAST(cls)) != REDIRECT_HANDLE) {
			(*others)++;
		} else if (ifb && redirect_is_ours(cls, ifb)) {
			found = 1;
		} else {
			snprintf(what, len, "filter %s pref %u handle 0x%x",
				 rtnl_tc_get_kind(TC_CAST(cls)), REDIRECT_PRIO, REDIRECT_HANDLE);
		}
	}
	nl_cache_free(filters);
	return found;
}

int tc_ingress_state(struct nl_conn *r, unsigned int ifindex, unsigned int ifb, int *others,
		     char *what, size_t len)
{
	struct tc_snapshot *snap = tc_snapshot_take(r);
	struct rtnl_qdisc *ingress;
	int ours;

	*others = 0;
	if (!snap)
		return -EIO;
	/* clsact sits where ingress does (parent ffff:fff1) */
	ingress = rtnl_qdisc_get_by_parent(snap->qdiscs, (int)ifindex, TC_H_INGRESS);
	if (ingress)
		tc_describe(TC_CAST(ingress), what, len);
	tc_snapshot_free(snap);
	if (!ingress)
		return TC_INGRESS_NONE;
	ours = strcmp(rtnl_tc_get_kind(TC_CAST(ingress)), "ingress") ? 0 :
	       redirect_find(r, ifindex, ifb, others, what, len);
	rtnl_qdisc_put(ingress);
	if (ours < 0)
		return ours;
	return ours ? TC_INGRESS_OURS : TC_INGRESS_FOREIGN;
}

unsigned int tc_dev_index(struct nl_conn *r, const char *name)
{
	struct rtnl_link *link = NULL;
	unsigned int ifindex;

	if (rtnl_link_get_kernel(r->sk, 0, name, &link) < 0)
		return 0;
	ifindex = (unsigned int)rtnl_link_get_ifindex(link);
	rtnl_link_put(link);
	return ifindex;
}

bool tc_dev_is(struct nl_conn *r, unsigned int ifindex, const char *kind)
{
	struct rtnl_link *link = NULL;
	const char *type;
	bool is;

	if (rtnl_link_get_kernel(r->sk, (int)ifindex, NULL, &link) < 0)
		return false;
	type = rtnl_link_get_type(link);
	is = type && !strcmp(type, kind);
	rtnl_link_put(link);
	return is;
}

static int ifb_add(struct nl_conn *r, const char *name)
{
	struct rtnl_link *link = rtnl_link_alloc();
	struct nl_msg *msg = NULL;
	int err;

	if (!link)
		return -ENOMEM;
	rtnl_link_set_name(link, name);
	rtnl_link_set_flags(link, IFF_UP);
	err = rtnl_link_set_type(link, "ifb");
	if (!err)
		err = rtnl_link_build_add_request(link, NLM_F_CREATE | NLM_F_EXCL, &msg);
	rtnl_link_put(link);
	return talk_built(r, err, msg);
}

static int ifb_del(struct nl_conn *r, unsigned int ifindex)
{
	struct rtnl_link *link = rtnl_link_alloc();
	struct nl_msg *msg = NULL;
	int err;

	if (!link)
		return -ENOMEM;
	rtnl_link_set_ifindex(link, (int)ifindex);
	err = rtnl_link_build_delete_request(link, &msg);
	rtnl_link_put(link);
	return talk_built(r, err, msg);
}

/* The matchall filter on @ifindex's ingress that hands every frame to @ifb. */
static int redirect_add(struct nl_conn *r, unsigned int ifindex, unsigned int ifb)
{
	struct rtnl_cls *cls = rtnl_cls_alloc();
	struct rtnl_act *act = rtnl_act_alloc();
	struct nl_msg *msg = NULL;
	int err = -NLE_NOMEM;

	if (!cls || !act)
		goto out;
	rtnl_tc_set_ifindex(TC_CAST(cls), (int)ifindex);
	rtnl_tc_set_parent(TC_CAST(cls), INGRESS_HANDLE);
	rtnl_tc_set_handle(TC_CAST(cls), REDIRECT_HANDLE);
	rtnl_cls_set_prio(cls, REDIRECT_PRIO);
	rtnl_cls_set_protocol(cls, ETH_P_ALL);
	if (rtnl_tc_set_kind(TC_CAST(cls), "matchall") < 0 ||
	    rtnl_tc_set_kind(TC_CAST(act), "mirred") < 0)
		goto out;
	rtnl_mirred_set_action(act, TCA_EGRESS_REDIR);
	rtnl_mirred_set_policy(act, TC_ACT_STOLEN);
	rtnl_mirred_set_ifindex(act, ifb);
	err = rtnl_mall_append_action(cls, act);
	if (!err)
		err = rtnl_cls_build_add_request(cls, NLM_F_CREATE | NLM_F_EXCL, &msg);
out:
	if (act)
		rtnl_act_put(act);
	if (cls)
		rtnl_cls_put(cls);
	return talk_built(r, err, msg);
}

int tc_ingress_apply(struct nl_conn *r, unsigned int ifindex, const char *ifb,
		     const struct tc_shape *s)
{
	struct rtnl_qdisc *ingress;
	bool made_ifb = false, made_ingress = false;
	struct nl_msg *msg = NULL;
	unsigned int ifb_index;
	int err;

	ifb_index = tc_dev_index(r, ifb);
	if (!ifb_index) {
		err = ifb_add(r, ifb);
		if (err)
			return err;
		made_ifb = true;
		ifb_index = tc_dev_index(r, ifb);
		if (!ifb_index) {
			err = -ENODEV;
			goto undo;
		}
	}
	err = tc_shape_apply(r, ifb_index, s);
	if (err)
		goto undo;
	ingress = qdisc_new(ifindex, TC_H_INGRESS, INGRESS_HANDLE, "ingress");
	if (!ingress) {
		err = -ENOMEM;
		goto undo;
	}
	err = rtnl_qdisc_build_add_request(ingress, NLM_F_CREATE | NLM_F_EXCL, &msg);
	rtnl_qdisc_put(ingress);
	err = talk_built(r, err, msg);
	made_ingress = !err;
	if (err && err != -EEXIST)
		goto undo;
	/* the filter of an earlier shape still points at this ifb */
	err = redirect_add(r, ifindex, ifb_index);
	if (!err || err == -EEXIST)
		return 0;
undo:
	if (made_ingress)
		qdisc_del(r, ifindex, TC_H_INGRESS, INGRESS_HANDLE);
	if (made_ifb && !ifb_index)
		ifb_index = tc_dev_index(r, ifb);
	if (made_ifb && ifb_index)
		ifb_del(r, ifb_index);
	return err;
}

/* Deletes egrectl's redirect filter from @ifindex's ingress. */
static int redirect_del(struct nl_conn *r, unsigned int ifindex)
{
	struct rtnl_cls *cls = rtnl_cls_alloc();
	struct nl_msg *msg = NULL;
	int err;

	if (!cls)
		return -ENOMEM;
	rtnl_tc_set_ifindex(TC_CAST(cls), (int)ifindex);
	rtnl_tc_set_parent(TC_CAST(cls), INGRESS_HANDLE);
	rtnl_tc_set_handle(TC_CAST(cls), REDIRECT_HANDLE);
	rtnl_cls_set_prio(cls, REDIRECT_PRIO);
	rtnl_cls_set_protocol(cls, ETH_P_ALL);
	err = rtnl_tc_set_kind(TC_CAST(cls), "matchall");
	if (!err)
		err = rtnl_cls_build_delete_request(cls, 0, &msg);
	rtnl_cls_put(cls);
	return talk_built(r, err, msg);
}

int tc_ingress_clear(struct nl_conn *r, unsigned int ifindex, const char *ifb)
{
	unsigned int ifb_index = tc_dev_index(r, ifb);
	int state, others, err = 0;
	char what[64];

	if (!ifb_index)
		return 0;	/* not shaped */
	state = tc_ingress_state(r, ifindex, ifb_index, &others, what, sizeof(what));
	if (state < 0)
		return state;
	if (state == TC_INGRESS_FOREIGN)
		return 0;	/* someone else's ingress: theirs, and the ifb with it */
	/* the ingress qdisc takes the redirect with it; filters added since stay */
	if (state == TC_INGRESS_OURS)
		err = others ? redirect_del(r, ifindex) :
			       qdisc_del(r, ifindex, TC_H_INGRESS, INGRESS_HANDLE);
	return err ? err : ifb_del(r, ifb_index);
}
