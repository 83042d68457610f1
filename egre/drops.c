// SPDX-License-Identifier: GPL-2.0
/*
 * Drop counters by reason: per-cpu, so counting on the datapath costs no
 * shared cache line; summed when userspace asks (TRELLIS_ATTR_DROPS).
 */
#include <linux/percpu.h>
#include <net/netlink.h>

#include "egre.h"

struct egre_drops __percpu *egre_drops_alloc(void)
{
	struct egre_drops __percpu *drops;
	int cpu;

	/* charged to the memory cgroup of whoever made the link or namespace */
	drops = alloc_percpu_gfp(struct egre_drops, GFP_KERNEL_ACCOUNT);
	if (!drops)
		return NULL;
	for_each_possible_cpu(cpu)
		u64_stats_init(&per_cpu_ptr(drops, cpu)->syncp);
	return drops;
}

void egre_drops_free(struct egre_drops __percpu *drops)
{
	free_percpu(drops);
}

/*
 * The kernel's own drop reason for each of ours, where one fits, so that
 * the skb:kfree_skb tracepoint (perf, dropwatch) says why too.
 */
enum skb_drop_reason egre_drop_reason(enum trellis_drop why)
{
	switch (why) {
	case TRELLIS_DROP_NO_ROUTE:
		return SKB_DROP_REASON_IP_OUTNOROUTES;
	case TRELLIS_DROP_BAD_HEADER:
		return SKB_DROP_REASON_HDR_TRUNC;
	case TRELLIS_DROP_BAD_VERSION:
		return SKB_DROP_REASON_UNHANDLED_PROTO;
	case TRELLIS_DROP_UNKNOWN_KEY:
		return SKB_DROP_REASON_NO_SOCKET;
	case TRELLIS_DROP_CSUM:
		return SKB_DROP_REASON_SKB_CSUM;
	case TRELLIS_DROP_TOO_BIG:
		return SKB_DROP_REASON_PKT_TOO_BIG;
	case TRELLIS_DROP_UNDERLAY_DOWN:
		return SKB_DROP_REASON_DEV_READY;
	case TRELLIS_DROP_ECN:
		return SKB_DROP_REASON_IP_TUNNEL_ECN;
	default:	/* seq, loop: the kernel has no reason for either */
		return SKB_DROP_REASON_NOT_SPECIFIED;
	}
}

/* Any context: softirq on receive, BH-disabled transmit, process. */
void egre_drops_inc(struct egre_drops __percpu *drops, enum trellis_drop why)
{
	struct egre_drops *d;
	unsigned long flags;

	d = get_cpu_ptr(drops);
	flags = u64_stats_update_begin_irqsave(&d->syncp);
	u64_stats_inc(&d->count[why]);
	u64_stats_update_end_irqrestore(&d->syncp, flags);
	put_cpu_ptr(drops);
}

static u64 egre_drops_sum(struct egre_drops __percpu *drops, enum trellis_drop why)
{
	unsigned int start;
	u64 sum = 0, v;
	int cpu;

	for_each_possible_cpu(cpu) {
		const struct egre_drops *d = per_cpu_ptr(drops, cpu);

		do {
			start = u64_stats_fetch_begin(&d->syncp);
			v = u64_stats_read(&d->count[why]);
		} while (u64_stats_fetch_retry(&d->syncp, start));
		sum += v;
	}
	return sum;
}

/* Puts a TRELLIS_ATTR_DROPS nest with one u64 per reason. */
int egre_drops_fill(struct sk_buff *msg, struct egre_drops __percpu *drops)
{
	struct nlattr *nest;
	int why;

	nest = nla_nest_start(msg, TRELLIS_ATTR_DROPS);
	if (!nest)
		return -EMSGSIZE;
	for (why = TRELLIS_DROP_UNSPEC + 1; why <= TRELLIS_DROP_MAX; why++) {
		if (why == TRELLIS_DROP_PAD)
			continue;
		if (nla_put_u64_64bit(msg, why, egre_drops_sum(drops, why),
				      TRELLIS_DROP_PAD)) {
			nla_nest_cancel(msg, nest);
			return -EMSGSIZE;
		}
	}
	nla_nest_end(msg, nest);
	return 0;
}
