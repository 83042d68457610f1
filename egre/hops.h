/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A frame's hop budget: how many more times links may carry it on without
 * an IP router in between. A frame circling a loop of links (a bridge,
 * a binding or a slice's bridge that hands it back to a link, in this
 * node or across nodes, or a loop of slice-to-slice pairs) is dropped
 * once its budget is spent, and counted ("loop"), instead of circling
 * for ever.
 *
 * On the wire the budget is the outer TTL (hop limit). A link that
 * decapsulates a frame keeps the TTL it arrived with, less one, and a link
 * that sends the same frame on puts no more than that in its outer header,
 * so routers on the underlay spend it too, as they would for any packet.
 * A pair crossing spends one.
 *
 * Between a link's receive and the next link's transmit the budget rides
 * in the frame itself, in two of its inner header offsets (inner MAC and
 * inner transport): they mean nothing while a frame is not encapsulated
 * (the next encapsulation writes them afresh), and the kernel moves both
 * by the same amount when it reallocates the head, so their difference,
 * tagged so that no leftover of another tunnel reads as a budget, survives
 * queues, bridges, namespace changes and MPLS push (which moves only the
 * inner network offset). A frame that IP routed onto a link or slice
 * device in between starts afresh: its IP TTL bounds it. The devices'
 * Ethernet header is built by egre_header_ops, which IP output calls for
 * every frame it sends (no cached header) and a bridge never calls.
 *
 * A tenant's own tunnel in a slice sends a new packet, which starts afresh,
 * and so does a frame its VRF (tc mirred into it) or L3 ipvlan hands to IP
 * output. What the budget misses: GRO in a slice that merges a tenant's own
 * tunnel traffic (GRE, IPIP, VXLAN inside the slice) rewrites these
 * offsets for the merged frame, which then starts afresh at the next
 * link; a frame routed onto another device (a veth) and then bridged to
 * a link keeps spending, as does one routed out of a macvlan, ipvlan,
 * bond or team on top of these devices (they cache the header).
 */
#ifndef _TRELLIS_EGRE_HOPS_H
#define _TRELLIS_EGRE_HOPS_H

#include <linux/skbuff.h>

#include <uapi/linux/trellis.h>

#define EGRE_HOPS_TAG		0x7f00	/* no real header distance is this large */
#define EGRE_HOPS_TAG_MASK	0xff00
#define EGRE_HOPS_FRESH		TRELLIS_EGRE_TTL_DEFAULT

static inline void egre_hops_set(struct sk_buff *skb, u8 hops)
{
	skb->inner_transport_header = skb->inner_mac_header +
				      (EGRE_HOPS_TAG | hops);
}

/* The budget a frame has left, or -1 when it carries none. */
static inline int egre_hops_get(const struct sk_buff *skb)
{
	u16 diff = skb->inner_transport_header - skb->inner_mac_header;

	if (skb->encapsulation || (diff & EGRE_HOPS_TAG_MASK) != EGRE_HOPS_TAG)
		return -1;
	return diff & 0xff;
}

/* Leaves an encapsulated frame's real inner offsets alone. */
static inline void egre_hops_forget(struct sk_buff *skb)
{
	if (egre_hops_get(skb) >= 0)
		skb->inner_transport_header = skb->inner_mac_header;
}

extern const struct header_ops egre_header_ops;

#endif /* _TRELLIS_EGRE_HOPS_H */
