#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Frames trellis drops are freed with their reason (kfree_skb_reason), so
# the skb:kfree_skb tracepoint, dropwatch and perf show why and where: a
# frame for no link as NO_SOCKET, a wrong GRE checksum as SKB_CSUM, a
# truncated GRE header as HDR_TRUNC, a frame too big for the port a
# binding sends it to as PKT_TOO_BIG, each at a location in trellis (not
# NOT_SPECIFIED). dropreasons_direct.sh runs it with eg2 in direct mode.
#
#   [ node1 ]                                   [ node2 ]
#     egre_wire send --> u1 ====== veth ====== u2 --> eg2 (raw GRE, key 7)
#                       10.0.0.1/24   10.0.0.2/24
#   node2, for PKT_TOO_BIG: eg2 bound (shortbridge bt) to veth vb1 of
#   MTU 1000; a 1242-byte inner frame arrives on eg2
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"

WIRE=$here/../tools/egre_wire
TRACE=/sys/kernel/tracing

if [ ! -e $TRACE/trace ]; then
	mount -t tracefs nodev $TRACE
	on_exit "umount $TRACE"
fi
on_exit "echo 0 >$TRACE/events/skb/kfree_skb/enable"
echo 1 >$TRACE/events/skb/kfree_skb/enable

rmmod ip_gre 2>/dev/null || true
two_nodes_underlay
U2_MAC=$(n node2 ip -j link show u2 | jq -r '.[0].address')

inject4() { n node1 "$WIRE" send -i u1 --dst-mac "$U2_MAC" --src 10.0.0.1 --dst 10.0.0.2 "$@"; }

link_on() {
	n node2 ip link del eg2 2>/dev/null || true
	# shellcheck disable=SC2046 # the mode's options are words
	n node2 egrectl link add eg2 type egre local 10.0.0.2 remote 10.0.0.1 key 7 "$@" $(egre_mode node2)
	n node2 ip link set eg2 up
}

# traced REASON CMD...: CMD makes trellis free a frame with REASON.
traced() {
	local reason=$1 i
	shift
	echo >$TRACE/trace
	"$@"
	# the veth hands frames over in a softirq: give it a moment
	for i in $(seq 20); do
		grep -Eq "location=[^ ]+ \[trellis\] reason: $reason\$" $TRACE/trace && return 0
		sleep 0.1
	done
	_fail "no kfree_skb in trellis with reason $reason; trellis's were: $(grep -F '[trellis]' $TRACE/trace | sed 's/.*location=//' | sort | uniq -c)"
}

unknown_key() {
	link_on
	traced NO_SOCKET inject4 --key 8
}
test_case "a frame for no link: NO_SOCKET" unknown_key

bad_checksum() {
	link_on csum
	traced SKB_CSUM inject4 --bad-csum
}
test_case "a wrong GRE checksum: SKB_CSUM" bad_checksum

truncated_header() {
	link_on
	traced HDR_TRUNC inject4 --csum --seq 1 --truncate 12
}
test_case "a truncated GRE header: HDR_TRUNC" truncated_header

# A frame from the wire bigger than the port a binding sends it out of
# (a veth of MTU 1000). (A frame too big for the underlay path is either
# answered with ICMP, which frees nothing, or carried in fragments.)
too_big() {
	link_on
	n node2 ip link add vb1 type veth peer name vb2
	n node2 ip link set vb1 mtu 1000 up
	n node2 ip link set vb2 up
	n node2 egrectl shortbridge add bt port eg2 port vb1
	traced PKT_TOO_BIG inject4 --payload 1200
	check_eq "$(n node2 egrectl -j shortbridge show bt | jq '.[0].drops.too_big')" 1 \
		"bt too_big drops"
	n node2 ip link del vb1
}
test_case "a frame too big for a binding's port: PKT_TOO_BIG" too_big

test_done
