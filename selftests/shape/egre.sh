#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Shaping an egre link, per direction, measured: delay by ping RTT, loss by
# the far device's receive counter over 2,000 packets, rate by its byte
# counter under TCP (iperf3); live changes, removal, show, link del.
#
#   [ node1 ]                                    [ node2 ]
#     eg1 192.168.7.1/24 ----- key 7 ----- eg2 192.168.7.2/24
#      (shaped; ingress via ifb-eg1)
#     u1  10.0.0.1/24 ======= veth ======= u2  10.0.0.2/24
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
. "$here/measure.sh"

two_nodes_underlay

link_pair() {
	local i
	for i in 1 2; do
		n node$i ip link del eg$i 2>/dev/null || true
		n node$i egrectl link add eg$i type egre local 10.0.0.$i remote 10.0.0.$((3 - i)) key 7
		n node$i ip addr add 192.168.7.$i/24 dev eg$i
		n node$i ip link set eg$i up
	done
	quiet_link node1 eg1 192.168.7.2 "$(mac node2 eg2)"
	quiet_link node2 eg2 192.168.7.1 "$(mac node1 eg1)"
}

shape() { n node1 egrectl link set eg1 shape "$@"; }

delay_one_way_and_both() {
	link_pair
	check_rtt node1 192.168.7.2 0 30
	check shape delay 100ms dir egress
	check_rtt node1 192.168.7.2 100 130
	check_rtt node2 192.168.7.1 100 130
	check_match "$(n node1 tc qdisc show dev eg1)" "qdisc netem 1: root .*delay 100ms" "tc on eg1"
	check_eq "$(ifbs node1)" "" "ifb devices in node1 (egress only)"
	check shape delay 100ms dir both
	check_rtt node1 192.168.7.2 200 230
	check_rtt node2 192.168.7.1 200 230
	check_match "$(n node1 tc qdisc show dev ifb-eg1)" "qdisc netem 1: root .*delay 100ms" \
		"tc on ifb-eg1"
	check_match "$(n node1 tc filter show dev eg1 ingress)" "matchall" "redirect filter on eg1"
	# ingress alone
	check shape none dir egress
	check_rtt node1 192.168.7.2 100 130
	check_eq "$(n node1 egrectl -j link show eg1 | jq -c '.[0].shape | keys')" '["ingress"]' \
		"shaped directions"
	# jitter: loosely, spread around the delay
	check shape delay 100ms jitter 30ms dir ingress
	r=$(rtt node1 192.168.7.2 20)
	echo "jitter rtt: $r"
	set -- $r
	check_between "$1" 69 100 "fastest RTT with jitter"
	check_between "$3" 100 170 "slowest RTT with jitter"
	check_between "$4" 3 60 "RTT deviation with jitter"
	check shape none
}
test_case "delay 100ms: one direction ~100 ms RTT, both ~200 ms, jitter spreads it" \
	delay_one_way_and_both

unidirectional() {
	link_pair
	# egress loss 100%: node2's requests reach node1, node1's answers are lost
	check shape loss 100% dir egress
	before1=$(counter node1 eg1 rx_packets) before2=$(counter node2 eg2 rx_packets)
	check_fail n node2 ping -q -c 20 -i 0.05 -W 1 192.168.7.1 >/dev/null
	# (a stray frame of the stack's own may come along)
	check_between "$(($(counter node1 eg1 rx_packets) - before1))" 20 22 "requests eg1 received"
	check_eq "$(($(counter node2 eg2 rx_packets) - before2))" 0 "answers eg2 received"
	# ingress loss 100% instead: node1 sees nothing, but answers what it got before
	check shape none dir egress
	check shape loss 100% dir ingress
	before2=$(counter node2 eg2 rx_packets)
	check_fail n node2 ping -q -c 20 -i 0.05 -W 1 192.168.7.1 >/dev/null
	check_eq "$(($(counter node2 eg2 rx_packets) - before2))" 0 "answers eg2 received"
	check_between "$(n node1 tc -s qdisc show dev ifb-eg1 | awk '/dropped/ { sub(",", "", $7); print $7; exit }')" \
		20 22 "drops counted by netem on ifb-eg1"
	check shape none
	check n node2 ping -q -c 2 -W 2 192.168.7.1 >/dev/null
}
test_case "one direction only: loss 100% egress or ingress stops one way" unidirectional

loss_rate() {
	link_pair
	check shape loss 20% dir egress
	check_loss node1 192.168.7.2 node2 eg2 2000 20
	check shape loss 20% dir ingress
	check_loss node2 192.168.7.1 node1 ifb-eg1 2000 20
	check shape none
}
test_case "loss 20% over 2,000 packets: delivered within 4.5 sigma, each direction" loss_rate

rate() {
	link_pair
	local egress ingress
	egress=$(scaled_rate 8) ingress=$(scaled_rate 4)
	check shape rate "$egress" dir egress
	check_match "$(n node1 tc qdisc show dev eg1)" "qdisc tbf 2: parent 1:1 rate $(tc_rate "$egress")" \
		"tbf on eg1"
	check_rate node1 node2 192.168.7.2 node2 eg2 rx_bytes "$(scaled_bps 8)"
	# ingress: what leaves the ifb towards node1's stack
	check shape rate "$ingress" burst 64kb dir ingress
	check_rate node2 node1 192.168.7.1 node1 ifb-eg1 tx_bytes "$(scaled_bps 4)"
	check_rate node2 node1 192.168.7.1 node1 ifb-eg1 tx_bytes "$(scaled_bps 4)" udp
	check shape none
}
test_case "rate 8mbit egress, 4mbit ingress: TCP and UDP within 10%" rate

live_change() {
	link_pair
	check shape delay 100ms rate 8mbit
	ifb=$(n node1 cat /sys/class/net/ifb-eg1/ifindex)
	# under a running ping, change delay and drop the rate: changed in place
	n node1 ping -q -c 25 -i 0.2 192.168.7.2 >"$TEST_TMP/ping.out" &
	sleep 1
	check shape delay 20ms
	wait
	check_match "$(cat "$TEST_TMP/ping.out")" " 0% packet loss" "ping across the change"
	check_rtt node1 192.168.7.2 40 60
	check_eq "$(n node1 cat /sys/class/net/ifb-eg1/ifindex)" "$ifb" "ifb kept"
	check_eq "$(n node1 tc qdisc show dev eg1 | grep -c tbf)" 0 "tbf left on eg1"
	check_eq "$(n node1 egrectl -j link show eg1 | jq '.[0].shape.egress.delay_ms')" 20 \
		"delay read back"
	# reorder and corruption can be switched off again
	check shape delay 20ms reorder 10% corrupt 1% dir egress
	check_match "$(n node1 tc qdisc show dev eg1)" "reorder 10%.*corrupt 1%" "tc on eg1"
	check shape delay 20ms dir egress
	check_fail bash -c "n node1 tc qdisc show dev eg1 | grep -E 'reorder|corrupt'"
	check shape none
}
test_case "live change: a second shape replaces the first, in place" live_change

removal() {
	link_pair
	before=$(n node1 tc qdisc show)
	check shape rate 10mbit delay 5ms loss 1%
	check shape none
	check shape none
	check_eq "$(n node1 tc qdisc show)" "$before" "qdiscs after shape none"
	check_match "$(n node1 tc qdisc show dev eg1)" "noqueue" "eg1 qdisc"
	check_eq "$(ifbs node1)" "" "ifb devices in node1"
	check_eq "$(n node1 egrectl -j link show eg1 | jq '.[0].shape')" null "shape shown"
	# link del takes the ifb with it
	check shape delay 10ms
	check_eq "$(ifbs node1)" "ifb-eg1" "ifb devices in node1"
	check n node1 egrectl link del eg1
	check_eq "$(ifbs node1)" "" "ifb devices after link del"
}
test_case "shape none gives back noqueue and no ifb; link del removes the ifb" removal

show() {
	link_pair
	check shape rate 8mbit burst 32kb delay 100ms jitter 10ms loss 20% duplicate 5% limit 500 dir egress
	check shape corrupt 0.5% reorder 25% delay 10ms dir ingress
	j=$(n node1 egrectl -j link show eg1)
	echo "$j"
	check_eq "$(echo "$j" | jq -c '.[0].shape.egress | [.dev, .rate_bit, .burst_bytes, .delay_ms, .jitter_ms, .loss_pct, .duplicate_pct, .limit]')" \
		'["eg1",8000000,32768,100,10,20,5,500]' "egress shape read back"
	check_eq "$(echo "$j" | jq -c '.[0].shape.ingress | [.dev, .delay_ms, .corrupt_pct, .reorder_pct, .limit, .rate_bit]')" \
		'["ifb-eg1",10,0.5,25,1000,null]' "ingress shape read back"
	t=$(n node1 egrectl link show eg1)
	echo "$t"
	check_match "$t" " shape egress dev eg1 rate 8Mbit burst 32768b queue [0-9]+b delay 100ms jitter 10ms loss 20% duplicate 5% ingress dev ifb-eg1 delay 10ms corrupt 0.5% reorder 25% $" \
		"text: tc's words, what is not zero"
	check_match "$(n node1 egrectl -d link show eg1)" "duplicate 5% limit 500 ingress " "-d: the limit too"
	# batch mode
	printf 'link set eg1 shape none\nlink set eg1 shape delay 1ms dir egress\n' >"$TEST_TMP/b"
	check n node1 egrectl -batch "$TEST_TMP/b"
	check_eq "$(n node1 egrectl -j link show eg1 | jq -c '.[0].shape | [keys, .egress.delay_ms]')" \
		'[["egress"],1]' "after batch"
	check shape none
}
test_case "link show: the shape read back, text and JSON; batch" show

test_done
