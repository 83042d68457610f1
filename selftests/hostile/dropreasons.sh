#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Frames trellis drops are freed with their reason (kfree_skb_reason), so
# the skb:kfree_skb tracepoint, dropwatch and perf show why and where: a
# frame for no link as NO_SOCKET, a wrong GRE checksum as SKB_CSUM, a
# truncated GRE header as HDR_TRUNC, a frame too big for the path as
# PKT_TOO_BIG (a frame ICMP cannot answer: not IP), each at a location in
# trellis (not NOT_SPECIFIED).
#
#   [ node1 ]                                   [ node2 ]
#     egre_wire send --> u1 ====== veth ====== u2 --> eg2 (raw GRE, key 7)
#                       10.0.0.1/24   10.0.0.2/24
#   node2: route to 10.0.0.1 with mtu 1400 (locked); socat sends a raw
#   1400-byte frame of ethertype 0x88b5 on eg2
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
	n node2 egrectl link add eg2 type egre local 10.0.0.2 remote 10.0.0.1 key 7 "$@"
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

# A 1400-byte frame that fits eg2's MTU but not the path behind it, and is
# not IP (an IP packet would be answered with ICMP, not dropped).
send_big() {
	{
		printf '\x02\x00\x00\x00\x00\x01\x02\x00\x00\x00\x00\x02\x88\xb5'
		head -c 1386 /dev/zero
	} >"$TEST_TMP/big"
	n node2 socat -u "OPEN:$TEST_TMP/big" INTERFACE:eg2
}

too_big() {
	link_on
	n node2 ip route add 10.0.0.1/32 dev u2 mtu lock 1400
	traced PKT_TOO_BIG send_big
	check_eq "$(n node2 egrectl -j link show eg2 -s | jq '.[0].drops.too_big')" 1 "too_big drops"
}
test_case "a frame too big for the path (pmtudisc): PKT_TOO_BIG" too_big

test_done
