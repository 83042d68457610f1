/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Where a trellis device queues a frame it receives (a link's decapsulated
 * frame, a slice device's frame from its link, a pair's frame from the
 * other slice): never received on the stack that handed it over, always
 * through a queue.
 *
 * GRO is only for linear frames. On 6.12, GRO notes where a frame's first
 * bytes are (frag0) once, and a later pull of a header that runs past the
 * linear part may reallocate the head without forgetting that pointer: the
 * UDP socket lookup of udp6_gro_receive (on whenever an IPv6 UDP tunnel
 * socket is open, as an udp6 egre link's is) then reads freed memory. A
 * frame crafted by a remote sender or a tenant's packet socket gets there
 * (nested tunnel headers past a short linear part, a reassembled IP
 * packet). A linear frame is never reallocated by a pull; any other goes
 * to the CPU's backlog, as a cloned frame already does in gro_cells.
 *
 * The cost: paged frames are common (every merged frame, and full-size
 * frames from NICs that keep only the headers linear), and the backlog is
 * the CPU's, shared with every device that uses it, so those frames lose
 * the per-device queue, and a flow that mixes paged and linear frames may
 * be reordered between the two queues. A NAPI queue of trellis's own that
 * takes paged frames past GRO in order is the way to both.
 */
#ifndef _TRELLIS_RX_QUEUE_H
#define _TRELLIS_RX_QUEUE_H

#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <net/gro_cells.h>

static inline void trellis_rx_queue(struct gro_cells *cells,
				    struct sk_buff *skb)
{
	if (likely(!skb_is_nonlinear(skb))) {
		gro_cells_receive(cells, skb);
		return;
	}
	/*
	 * What GRO would have set: the transport header still marks the
	 * outer GRE or UDP header, before the frame's start, and a merged
	 * frame forwarded by a bridge or binding has its segments' headers
	 * measured from it (qdisc_pkt_len_init).
	 */
	skb_unset_transport_header(skb);
	skb_probe_transport_header(skb);
	netif_rx(skb);
}

/*
 * Whether trellis_rx_queue() would only hand @skb (skb->dev set to the
 * device it is for) to the CPU's backlog: a paged frame, a cloned one (a
 * tap's or pktgen's, which gro_cells leaves alone) or one for a device
 * without GRO. A receive handler taking such a frame off another device
 * may pass it on in the same receive instead (trellis_rx_queue_or_continue(),
 * RX_HANDLER_ANOTHER), one trip through the backlog fewer. Another round
 * is a loop, but what it reaches may nest (a bridge's local delivery is
 * a call): the handler allows it once a frame (egre/direct.c).
 */
static inline bool trellis_rx_skips_gro(const struct sk_buff *skb)
{
	return skb_is_nonlinear(skb) || skb_cloned(skb) ||
	       netif_elide_gro(skb->dev);
}

/*
 * What the queue and the receive's start would have done to @skb's
 * headers (another round starts past that): skb->data and the network
 * header at the frame's payload.
 */
static inline void trellis_rx_continue(struct sk_buff *skb)
{
	if (skb_is_nonlinear(skb)) {
		skb_unset_transport_header(skb);
		skb_probe_transport_header(skb);
		if (!skb_transport_header_was_set(skb))
			skb_reset_transport_header(skb);
	} else {
		skb_reset_transport_header(skb);
	}
	skb_reset_mac_len(skb);
}

/*
 * trellis_rx_queue(), unless @may_continue (a receive handler's frame)
 * and the queue would only hand @skb to the backlog: then true, with the
 * headers readied, and the caller receives it at once on skb->dev.
 */
static inline bool trellis_rx_queue_or_continue(struct gro_cells *cells,
						struct sk_buff *skb,
						bool may_continue)
{
	if (may_continue && trellis_rx_skips_gro(skb)) {
		trellis_rx_continue(skb);
		return true;
	}
	trellis_rx_queue(cells, skb);
	return false;
}

#endif /* _TRELLIS_RX_QUEUE_H */
