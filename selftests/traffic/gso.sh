#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# 4 MiB by TCP each way between slices s1 and s2 through each trellis path,
# over raw GRE and over GRE-in-UDP: every byte arrives, and no device,
# qdisc, egre link or binding on the path drops or errs once (TCP would
# hide a drop by retransmitting); the egre link takes the sender's GSO
# frames whole. gso_direct.sh runs it with the links in direct mode: the
# receiving nodes' IP layers then see none of it, wire frames or GSO.
#
#   fast     [s1] sb0 =(fast)= eg1 [node1]  [node2] eg2 =(fast)= sb0 [s2]
#   binding  [s1] vs == v1n ~bound~ eg1      eg2 ~bound~ v2n == vs [s2]
#
#            eg1 ------------ key 5, raw GRE or encap udp ------------ eg2
#            u1 10.0.0.1 (tbf) ============= veth ============= u2 10.0.0.2
#
#   slices: 192.168.50.1 (s1) and 192.168.50.2 (s2)
#   s1 -> s2: the tbf on u1 cuts GSO frames into wire frames, as a real
#   NIC's wire does (a veth would hand them over whole);
#   s2 -> s1: u2 has no tbf, so node1 receives GSO frames whole, as a
#   receiving NIC's GRO hands them up.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
. "$here/lib_traffic.sh"

two_nodes_underlay
segment_before_wire node1 u1
S1=$(ns_name s1) S2=$(ns_name s2)

# fresh_slices: new s1 and s2, and nothing left in the nodes by a case
# that failed half-way.
fresh_slices() {
	local s
	new_slices
	for s in node1 node2; do
		n $s ip -o link show | awk -F': ' '$2 !~ /^(lo|u[12])(@|$)/ { sub(/@.*/, "", $2); print $2 }' |
			while read -r dev; do n $s ip link del "$dev" 2>/dev/null || true; done
	done
}

# egre_pair ENCAP: eg1 in node1 and eg2 in node2, key 5, up.
egre_pair() {
	# shellcheck disable=SC2046 # the mode's options are words
	n node1 egrectl link add eg1 type egre local 10.0.0.1 remote 10.0.0.2 key 5 encap "$1" $(egre_mode node1)
	# shellcheck disable=SC2046
	n node2 egrectl link add eg2 type egre local 10.0.0.2 remote 10.0.0.1 key 5 encap "$1" $(egre_mode node2)
	n node1 ip link set eg1 up
	n node2 ip link set eg2 up
}

# fast_path: sb0 in each slice, bound to its node's egre link.
fast_path() {
	n node1 egrectl link add sl1 type shortbridge slice "$S1" ifname sb0 link eg1
	n node2 egrectl link add sl2 type shortbridge slice "$S2" ifname sb0 link eg2
	DEV=sb0
	LEDGER=(s1/sb0 node1/eg1 node1/u1 node2/u2 node2/eg2 s2/sb0)
}

# binding_path: a veth into each slice, its node end bound to the egre link.
binding_path() {
	local i
	for i in 1 2; do
		ip link add vs netns "$(ns_name s$i)" type veth peer name v${i}n netns "$(ns_name node$i)"
		n node$i ip link set v${i}n up
		n s$i ip link set vs mtu "$(n node$i cat /sys/class/net/eg$i/mtu)"
	done
	n node1 egrectl shortbridge add b1 port eg1 port v1n
	n node2 egrectl shortbridge add b2 port eg2 port v2n
	DEV=vs
	LEDGER=(s1/vs node1/v1n node1/b1 node1/eg1 node1/u1
		node2/u2 node2/eg2 node2/b2 node2/v2n s2/vs)
}

# carry FORM ENCAP: the transfer through FORM (fast, binding) over ENCAP.
carry() {
	local i link0 wire0 link wire in1 in2 rx1 rx2
	fresh_slices
	egre_pair "$2"
	"$1_path"
	for i in 1 2; do
		n s$i ip addr add 192.168.50.$i/24 dev $DEV
		n s$i ip link set $DEV up
	done
	check n s1 ping -c 2 -W 2 192.168.50.2 >/dev/null
	drop_ledger "${LEDGER[@]}" >"$TEST_TMP/before"
	link0=$(counter node1 eg1 tx_packets) wire0=$(counter node1 u1 tx_packets)
	in1=$(ip_in node1) rx1=$(counter node1 eg1 rx_packets)
	in2=$(ip_in node2) rx2=$(counter node2 eg2 rx_packets)

	transfer s1 s2 192.168.50.2 $((4 << 20))
	transfer s2 s1 192.168.50.1 $((4 << 20))
	# node2 gets wire frames (the tbf), node1 GSO frames whole
	mode_took node1 eg1 "$in1" "$rx1"
	mode_took node2 eg2 "$in2" "$rx2"

	drop_ledger "${LEDGER[@]}" >"$TEST_TMP/after"
	check_no_new_drops "$TEST_TMP/before" "$TEST_TMP/after"
	# GSO: eg1 encapsulated s1's big frames whole (one count each), the
	# tbf cut them into wire frames (one count each on u1). Without GSO
	# the counts would match. How big TCP makes its frames depends on how
	# fast the kernel runs (about two segments each on the debug kernel,
	# many more on the rig's), so a quarter more is the bar.
	link=$(($(counter node1 eg1 tx_packets) - link0))
	wire=$(($(counter node1 u1 tx_packets) - wire0))
	echo "eg1 sent $link frames, u1 $wire"
	[ "$wire" -ge $((link + link / 4)) ] ||
		_fail "eg1 took no GSO frames: it sent $link frames for $wire on the wire"
}

for form in fast binding; do
	for encap in gre udp; do
		test_case "4 MiB by TCP each way, $form path, encap $encap: intact, no drop on the path, GSO kept" \
			carry $form $encap
	done
done

test_done
