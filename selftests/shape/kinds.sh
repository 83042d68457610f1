#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Shaping the two other kinds of link NAME, measured between slices s1 (on
# node1) and s2 (on node2):
#
#   binding  s1: veth vs <-> v1n in node1, bound (b1) to egre eg1 ... eg2,
#            bound (b2) to v2n <-> vs in s2; "shape b1" shapes eg1
#   slice    s1: fast slice interface sb0 (slice link sl1, bound to eg1) ...
#            eg2 <- sb0 in s2 (sl2); "shape sl1" shapes sb0 in s1, where
#            its ingress ifb (ifb-sb0) lives too
#   egre     the same, but "shape eg1": an egre link with a fast slice
#            interface bound is shaped on that interface (its frames never
#            pass eg1's qdiscs), and link show eg1 shows it
#
#   node1 u1 10.0.0.1/24 ====== veth ====== u2 10.0.0.2/24 node2
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
. "$here/measure.sh"

two_nodes_underlay
S1=$(ns_name s1) S2=$(ns_name s2)

# fresh DEV: new slices, egre links eg1/eg2, DEV's addresses in s1 and s2 are
# set by the caller's make_links.
fresh() {
	local i
	for i in 1 2; do
		ns_del s$i 2>/dev/null || true
		ns_add s$i
		n node$i ip link del eg$i 2>/dev/null || true
		n node$i ip link del v${i}n 2>/dev/null || true
		n node$i egrectl link add eg$i type egre local 10.0.0.$i remote 10.0.0.$((3 - i)) key 9
		n node$i ip link set eg$i up
	done
}

slice_addrs() {
	local i
	for i in 1 2; do
		n s$i ip addr add 192.168.60.$i/24 dev "$1"
		n s$i ip link set "$1" up
	done
	quiet_link s1 "$1" 192.168.60.2 "$(mac s2 "$1")"
	quiet_link s2 "$1" 192.168.60.1 "$(mac s1 "$1")"
}

# delays NAME NS DEV OTHERS: link NAME shaped with delay 100ms egress puts
# netem on DEV in NS and leaves what command OTHERS shows unchanged; the
# RTT from s1 to s2 is ~100 ms, then ~200 ms with dir both.
delays() {
	local before
	check_rtt s1 192.168.60.2 0 30
	before=$(eval "$4")
	check n node1 egrectl link set "$1" shape delay 100ms dir egress
	check_match "$(n "$2" tc qdisc show dev "$3")" "netem 1: root .*delay 100ms" "tc on $3 in $2"
	check_eq "$(eval "$4")" "$before" "qdiscs that are not $1's"
	check_rtt s1 192.168.60.2 100 130
	check n node1 egrectl link set "$1" shape delay 100ms dir both
	check_rtt s1 192.168.60.2 200 230
}

binding() {
	local i
	fresh
	for i in 1 2; do
		ip link add vs netns "$(ns_name s$i)" type veth peer name v${i}n netns "$(ns_name node$i)"
		n node$i ip link set v${i}n up
		n s$i ip link set vs mtu "$(n node$i cat /sys/class/net/eg$i/mtu)"
	done
	check n node1 egrectl shortbridge add b1 port v1n port eg1
	check n node2 egrectl shortbridge add b2 port eg2 port v2n
	slice_addrs vs
	delays b1 node1 eg1 "n node1 tc qdisc show dev v1n"
	check_eq "$(n node1 egrectl -j link show eg1 | jq -c '.[0].shape | [.egress.delay_ms, .ingress.delay_ms, .ingress.dev]')" \
		'[100,100,"ifb-eg1"]' "shape of eg1"
	check n node1 egrectl link set b1 shape rate "$(scaled_rate 8)"
	check_rate s1 s2 192.168.60.2 node2 eg2 rx_bytes "$(scaled_bps 8)"
	check n node1 egrectl link set b1 shape none
	check_match "$(n node1 tc qdisc show dev eg1)" "noqueue" "eg1 qdisc"
	check_eq "$(ifbs node1)" "" "ifb devices in node1"
	n node1 egrectl shortbridge del b1
	n node2 egrectl shortbridge del b2
}
test_case "binding: shape b1 shapes its egre port, delay and rate measured" binding

# fast_slice_links NAME: slice links sl1/sl2 (sb0 in s1 and s2) over eg1/eg2,
# then delays measured with link NAME shaped.
fast_slice_links() {
	fresh
	check n node1 egrectl link add sl1 type shortbridge slice "$S1" ifname sb0 link eg1
	check n node2 egrectl link add sl2 type shortbridge slice "$S2" ifname sb0 link eg2
	slice_addrs sb0
	delays "$1" s1 sb0 "n node1 tc qdisc show"
}

slice_link() {
	fast_slice_links sl1
	check_eq "$(ifbs s1)" "ifb-sb0" "ifb devices in s1"
	check_eq "$(ifbs node1)" "" "ifb devices in node1"
	j=$(n node1 egrectl -j link show sl1)
	echo "$j"
	check_eq "$(echo "$j" | jq -c '.[0].shape | [.egress.dev, .egress.delay_ms, .ingress.dev]')" \
		'["sb0",100,"ifb-sb0"]' "shape of sl1"
	check_match "$(n node1 egrectl link show sl1)" " shape egress dev sb0 delay 100ms ingress dev ifb-sb0 " "text"
	# rate, by UDP offered above it: TCP from the slice device itself
	# falls short of the rate in the emulated VM (see README)
	check n node1 egrectl link set sl1 shape rate "$(scaled_rate 6)" dir egress
	check_rate s1 s2 192.168.60.2 node2 eg2 rx_bytes "$(scaled_bps 6)" udp
	# on the receiving side: s2 sends to s1 through sl1's ingress
	check n node1 egrectl link set sl1 shape rate "$(scaled_rate 6)" dir ingress
	check n node1 egrectl link set sl1 shape none dir egress
	check_rate s2 s1 192.168.60.1 s1 ifb-sb0 tx_bytes "$(scaled_bps 6)" udp
	check n node1 egrectl link set sl1 shape loss 20% dir egress
	check_loss s1 192.168.60.2 node2 eg2 2000 20
	check n node1 egrectl link set sl1 shape none
	check_match "$(n s1 tc qdisc show dev sb0)" "noqueue" "sb0 qdisc"
	check_eq "$(ifbs s1)" "" "ifb devices in s1"
	# link del removes the ifb in the slice
	check n node1 egrectl link set sl1 shape delay 5ms dir ingress
	check_eq "$(ifbs s1)" "ifb-sb0" "ifb devices in s1"
	check n node1 egrectl link del sl1
	check_eq "$(ifbs s1)" "" "ifb devices in s1 after link del"
	n node2 egrectl link del sl2
}
test_case "slice link: shape sl1 shapes sb0 in the slice, delay, rate and loss measured" slice_link

egre_with_slice_link() {
	fast_slice_links eg1
	check_match "$(n node1 tc qdisc show dev eg1)" "noqueue" "eg1 qdisc"
	check_eq "$(n node1 egrectl -j link show eg1 | jq -c '.[0].shape | [.egress.dev, .egress.delay_ms, .ingress.dev]')" \
		'["sb0",100,"ifb-sb0"]' "shape shown for eg1"
	check_eq "$(n node1 egrectl -j link show sl1 | jq -c '.[0].shape.egress.delay_ms')" 100 \
		"shape shown for sl1"
	check n node1 egrectl link set eg1 shape loss 20% dir egress
	check_loss s1 192.168.60.2 node2 eg2 2000 20
	check n node1 egrectl link set eg1 shape none
	check_match "$(n s1 tc qdisc show dev sb0)" "noqueue" "sb0 qdisc"
	check_eq "$(ifbs s1)" "" "ifb devices in s1"
	# deleting the egre link leaves the slice interface's shaping alone
	check n node1 egrectl link set eg1 shape delay 5ms
	check n node1 egrectl link del eg1
	check_match "$(n s1 tc qdisc show dev sb0)" "netem" "sb0 qdisc after eg1 is deleted"
	check_eq "$(ifbs s1)" "ifb-sb0" "ifb devices in s1 after eg1 is deleted"
	n node1 egrectl link del sl1
	n node2 egrectl link del sl2
}
test_case "egre link with a fast slice interface: shape eg1 shapes sb0 in the slice, delay and loss measured" \
	egre_with_slice_link

test_done
