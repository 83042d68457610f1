#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Paged frames: a tenant's frames whose linear part ends inside a
# tunnelled UDP header, the kind of frame GRO must pull headers into the
# head for. On 6.12, GRO remembers where a frame's first bytes are and
# keeps using that pointer after such a pull has reallocated the head;
# with an IPv6 UDP tunnel socket open (an udp6 egre link's),
# udp6_gro_receive's socket lookup then reads freed memory. The wire
# fuzzer found it (seed 22738814, frames 66000 to 66499, replayed in
# fuzz/wire.sh, which fails on the debug kernel without the fix). Since
# the fix, trellis hands paged frames to the CPU's backlog instead of GRO
# (kmod/rx_queue.h): here they go through each of the queues trellis
# hands received frames to, a pair and a link into a slice, and every one
# must arrive. (A packet socket's frame keeps room for an Ethernet header
# after its head, so these frames make GRO pull but not reallocate: they
# show the path works, the replay shows the fault is gone.)
#
#   [ tenant: uid 1000's own user, network and mount namespaces ]
#     d0 (dummy, mtu 65535) fd01::1/64, fd01::2/64
#     ea: egre encap udp, local fd01::1 remote fd01::2 key 5
#     eb: egre encap udp, local fd01::2 remote fd01::1 key 5
#     xa, xb: fast slice interfaces of this same namespace on ea and eb:
#       xa --(ea, loopback, eb)--> xb
#     a == b: a slice-to-slice pair, both ends in this namespace
#     paged_frame -i a|xa: Ethernet | IPv4 | GRE | Ethernet | IPv6 | UDP
#       | payload, 5000 bytes, the linear part ending in the UDP header
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
. "$here/lib_hostile.sh"

PAGED=$here/../tools/paged_frame

tenant_links="ip link set lo up
	ip link add d0 mtu 65535 type dummy
	ip addr add fd01::1/64 dev d0 nodad
	ip addr add fd01::2/64 dev d0 nodad
	ip link set d0 up
	egrectl link add ea type egre local fd01::1 remote fd01::2 key 5 encap udp
	egrectl link add eb type egre local fd01::2 remote fd01::1 key 5 encap udp
	ip link set ea up
	ip link set eb up"

# send_paged FROM TO: the frames from FROM to TO's MAC; all must arrive.
send_paged() {
	local from=$1 to=$2 before sent got
	before=$(rx_packets "$to" tenant_in t)
	sent=$(tenant_in t "$PAGED" -i "$from" --dst-mac "$(mac "$to" tenant_in t)" \
		--size 5000 --sweep 96) || _fail "paged_frame failed"
	sleep 1
	got=$(($(rx_packets "$to" tenant_in t) - before))
	# and the few the slice's own IPv6 sends meanwhile (MLD, RS)
	[ "$got" -ge "$sent" ] && [ "$got" -le $((sent + 10)) ] ||
		_fail "$to received $got frames, $sent sent on $from"
	check egrectl info >/dev/null
}

through_pair() {
	tenant_start t "$name_self
		$tenant_links
		egrectl link add p type shortbridge slice $SELF ifname a peer-slice $SELF peer-ifname b
		ip link set dev a mtu 9000 up
		ip link set dev b mtu 9000 up"
	send_paged a b
}
test_case "tenant: paged frames across a pair all arrive, node survives" \
	cleaned through_pair

through_link() {
	tenant_start t "$name_self
		$tenant_links
		egrectl link add sa type shortbridge slice $SELF ifname xa link ea
		egrectl link add sb type shortbridge slice $SELF ifname xb link eb
		ip link set xa mtu 9000 up
		ip link set xb mtu 9000 up"
	send_paged xa xb
}
test_case "tenant: paged frames over a link into a slice all arrive, node survives" \
	cleaned through_link

test_done
