#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Shortbridge forwarding, in each of its three forms, between slice s1 (on
# node1) and slice s2 (on node2, or on node1 for the same-node form):
#
#   binding  s1: veth v1s <-> v1n in node1, bound to egre eg1 ... eg2, bound
#            to v2n <-> v2s in s2
#   fast     s1: shortbridge device sb0, bound to egre eg1 ... eg2 <- sb0 in s2
#   pair     s1: sb0 <-> sb0 in s2, both made from node1 (no tunnel)
#
# forward_direct.sh runs it with the egre links in direct mode.
#
# Each form carries ARP, IPv4, IPv6, broadcast, multicast and VLAN-tagged
# frames both ways, frames up to the MTU; a frame over the far side's MTU
# is dropped and counted.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"

two_nodes_underlay
S1=$(ns_name s1) S2=$(ns_name s2)

# fresh_slices: new s1 and s2, and no links left in the nodes by a case
# that failed half-way.
fresh_slices() {
	local s
	for s in s1 s2; do
		ns_del $s 2>/dev/null || true
		ns_add $s
		n $s sysctl -qw net.ipv4.icmp_echo_ignore_broadcasts=0
	done
	for s in node1 node2; do
		n $s ip -o link show | awk -F': ' '$2 !~ /^(lo|u[12])(@|$)/ { sub(/@.*/, "", $2); print $2 }' |
			while read -r dev; do n $s ip link del "$dev" 2>/dev/null || true; done
	done
}

# egre_pair: eg1 in node1 and eg2 in node2, key 5, up.
egre_pair() {
	# shellcheck disable=SC2046 # the mode's options are words
	n node1 egrectl link add eg1 type egre local 10.0.0.1 remote 10.0.0.2 key 5 $(egre_mode node1)
	# shellcheck disable=SC2046
	n node2 egrectl link add eg2 type egre local 10.0.0.2 remote 10.0.0.1 key 5 $(egre_mode node2)
	n node1 ip link set eg1 up
	n node2 ip link set eg2 up
}

# slice_addrs DEV: addresses and a VLAN on DEV in s1 and s2, all up.
slice_addrs() {
	local i
	for i in 1 2; do
		n s$i ip addr add 192.168.50.$i/24 dev "$1"
		n s$i ip addr add fd50::$i/64 dev "$1" nodad
		n s$i ip link set "$1" up
		n s$i ip link add link "$1" name "$1.100" type vlan id 100
		n s$i ip addr add 192.168.51.$i/24 dev "$1.100"
		n s$i ip link set "$1.100" up
	done
}

# tcp_ok: 1 MiB from s1 to s2 over TCP, checked end to end.
tcp_ok() { tcp_transfer s1 s2 192.168.50.2; }

# forwards DEV: every kind of frame crosses from s1 to s2 and back.
forwards() {
	local mtu out
	n s1 ip neigh flush dev "$1"
	check n s1 ping -c 2 -W 2 192.168.50.2 >/dev/null
	check_match "$(n s1 ip neigh show 192.168.50.2 dev "$1")" "lladdr" "ARP entry for s2"
	check n s1 ping -6 -c 2 -W 2 fd50::2 >/dev/null
	check n s2 ping -c 2 -W 2 192.168.50.1 >/dev/null
	# broadcast and multicast: s2 answers a ping to either
	out=$(n s1 ping -b -c 2 -W 2 192.168.50.255 2>&1 || true)
	check_match "$out" "from 192.168.50.2" "broadcast ping answered by s2"
	out=$(n s1 ping -c 2 -W 2 -I "$1" 224.0.0.1 2>&1 || true)
	check_match "$out" "from 192.168.50.2" "multicast ping answered by s2"
	out=$(n s1 ping -6 -c 2 -W 2 -I "$1" ff02::1 2>&1 || true)
	check_match "$out" "from fe80::" "IPv6 multicast ping answered"
	# VLAN-tagged frames pass untouched: only s2's VLAN 100 device answers
	check n s1 ping -c 2 -W 2 192.168.51.2 >/dev/null
	check n s2 ping -c 2 -W 2 192.168.51.1 >/dev/null
	# the largest frame the MTU allows, with DF
	mtu=$(n s1 cat "/sys/class/net/$1/mtu")
	check n s1 ping -M do -c 2 -W 2 -s $((mtu - 28)) 192.168.50.2 >/dev/null
	check n s2 ping -M do -c 2 -W 2 -s $((mtu - 28)) 192.168.50.1 >/dev/null
}

binding_form() {
	local i drops
	fresh_slices
	egre_pair
	for i in 1 2; do
		ip link add vs netns "$(ns_name s$i)" type veth peer name v${i}n netns "$(ns_name node$i)"
		n node$i ip link set v${i}n up
	done
	check n node1 egrectl shortbridge add b1 port eg1 port v1n
	check n node2 egrectl shortbridge add b2 port v2n port eg2
	# the slice side of the veth carries what the egre link can
	for i in 1 2; do
		n s$i ip link set vs mtu "$(n node$i cat /sys/class/net/eg$i/mtu)"
	done
	slice_addrs vs
	forwards vs
	check_match "$(n node1 egrectl -j shortbridge show b1 | jq -c '.[0]')" \
		'"port_a":\{"dev":"eg1","forwarded_packets":[1-9]' "b1 counted frames from eg1"
	check_match "$(n node1 egrectl -j shortbridge show b1 | jq -c '.[0]')" \
		'"port_b":\{"dev":"v1n","forwarded_packets":[1-9]' "b1 counted frames from v1n"

	# too big for the egre link: dropped by the binding, counted
	n s1 ip link set vs mtu 1500
	n node1 ip link set v1n mtu 1500
	check_fail n s1 ping -M do -c 1 -W 1 -s 1472 192.168.50.2 >/dev/null
	drops=$(n node1 egrectl -j shortbridge show b1 | jq '.[0].drops.too_big')
	check_eq "$drops" 1 "b1 too_big drops"

	check n node1 egrectl shortbridge del b1
	check n node2 egrectl shortbridge del b2
	check_eq "$(n node1 egrectl -j shortbridge show | jq length)" 0 "bindings left in node1"
	# the ports are as they were: not promiscuous, no receive handler
	check_eq "$(n node1 ip -j -d link show v1n | jq '.[0].promiscuity')" 0 "v1n promiscuity"
	check n node1 ip link add br0 type bridge
	check n node1 ip link set v1n master br0
	n node1 ip link del br0
	for i in 1 2; do n node$i ip link del v${i}n; done
	n node1 ip link del eg1
	n node2 ip link del eg2
}
test_case "binding: egre link and veth, every kind of frame both ways" binding_form

fast_form() {
	local mtu dropped in0 rx0
	fresh_slices
	egre_pair
	check n node1 egrectl link add sl1 type shortbridge slice "$S1" ifname sb0 link eg1
	check n node2 egrectl link add sl2 type shortbridge slice "$S2" ifname sb0 link eg2
	mtu=$(n node1 cat /sys/class/net/eg1/mtu)
	check_eq "$(n s1 cat /sys/class/net/sb0/mtu)" "$mtu" "sb0 MTU (the egre link's)"
	slice_addrs sb0
	forwards sb0
	check_match "$(n s1 ip -s -j link show sb0 | jq '.[0].stats64.tx.packets')" '^[1-9]' \
		"sb0 tx packets"
	# TCP through the fast path: GSO frames over raw GRE; then, changed live,
	# GRE-in-UDP with sequence numbers, where the link takes no GSO and the
	# slice device must not hand it any
	in0=$(ip_in node2) rx0=$(n node2 cat /sys/class/net/eg2/statistics/rx_packets)
	check tcp_ok
	mode_took node2 eg2 "$in0" "$rx0"
	n node1 egrectl link set eg1 encap udp seq
	n node2 egrectl link set eg2 encap udp seq
	check tcp_ok
	check_eq "$(n node2 egrectl -j link show eg2 -s | jq '[.[0].drops | to_entries[] | select(.key != "seq") | .value] | add')" 0 \
		"drops at eg2 (but reordering)"
	n node1 egrectl link set eg1 encap gre noseq
	n node2 egrectl link set eg2 encap gre noseq
	# the bigger encapsulation taught s1 a smaller path MTU (ICMP from the
	# link): forget it
	n s1 ip route flush cache

	# a frame over the receiving device's MTU is dropped there and counted
	n s2 ip link set sb0 mtu 1400
	dropped=$(n s2 ip -j -s link show sb0 | jq '.[0].stats64.rx.dropped')
	check_fail n s1 ping -M do -c 1 -W 1 -s $((mtu - 28)) 192.168.50.2 >/dev/null
	check_eq "$(n s2 ip -j -s link show sb0 | jq '.[0].stats64.rx.dropped')" \
		$((dropped + 1)) "sb0 rx_dropped in s2"
	# and a device cannot go above its egre link's MTU
	check_fail n s1 ip link set sb0 mtu $((mtu + 1)) 2>/dev/null

	# the underlay path shrinks under the link: the egre link drops the
	# frame (too_big) and its ICMP answer reaches the sender in the slice
	n s2 ip link set sb0 mtu "$mtu"
	n node1 ip link set u1 mtu 1400
	n node2 ip link set u2 mtu 1400
	n s1 ping -M do -c 1 -W 1 -s 1400 192.168.50.2 >/dev/null 2>&1 || true
	check_match "$(n node1 egrectl -j link show eg1 -s | jq '.[0].drops.too_big')" '^[1-9]' \
		"eg1 too_big"
	check_match "$(n s1 ip route get 192.168.50.2)" "mtu 13[0-9][0-9]" \
		"path MTU learnt in the slice from the link's ICMP"
	n node1 ip link set u1 mtu 1500
	n node2 ip link set u2 mtu 1500

	check n node1 egrectl link del sl1
	check n node2 egrectl link del sl2
	check_fail n s1 ip link show sb0 2>/dev/null
	n node1 ip link del eg1
	n node2 ip link del eg2
}
test_case "fast slice interface bound to egre, every kind of frame both ways" fast_form

pair_form() {
	fresh_slices
	check n node1 egrectl link add p1 type shortbridge slice "$S1" ifname sb0 \
		peer-slice "$S2" peer-ifname sb0
	slice_addrs sb0
	forwards sb0
	# one MTU for the pair
	n s1 ip link set sb0 mtu 1400
	check_eq "$(n s2 cat /sys/class/net/sb0/mtu)" 1400 "peer MTU follows"
	check n s2 ping -M do -c 2 -W 2 -s 1372 192.168.50.1 >/dev/null
	check n node1 egrectl link del p1
	check_fail n s1 ip link show sb0 2>/dev/null
	check_fail n s2 ip link show sb0 2>/dev/null
}
test_case "slice-to-slice pair on one node (no tunnel), every kind of frame" pair_form

test_done
