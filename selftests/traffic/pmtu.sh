#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Path MTU discovery under an egre link: the underlay is routed through a
# router namespace whose second hop carries only 1400 bytes, the nodes' own
# hops 1500, so the link's default MTU is too big for the path. The
# router's ICMP "fragmentation needed" / "packet too big" must teach the
# link the path MTU, and the link must pass it on to the sender in the
# slice (too_big counted): 1 MiB by TCP from s1 to s2 then arrives intact.
# IPv4 and IPv6 underlays, raw GRE and encap udp; pmtu_direct.sh runs it
# with the links in direct mode.
#
#   [s1] sb0 =(fast)= eg1 [node1]                      [node2] eg2 =(fast)= sb0 [s2]
#                     eg1 ------------ key 5, gre or udp ------------ eg2
#        u1 (tbf) ======= r1 [router] r2 =========================== u2
#        10.0.1.1    10.0.1.254    10.0.2.254 (MTU 1400)       10.0.2.2
#        fd01::1     fd01::fe      fd02::fe                    fd02::2
#
#   slices: 192.168.50.1 (s1) and 192.168.50.2 (s2)
#   the tbf on u1 segments the sender's GSO frames before the wire: a veth
#   hands them over whole, and the router would see no big packet
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
. "$here/lib_traffic.sh"

S1=$(ns_name s1) S2=$(ns_name s2)

routed_underlay() {
	ns_add node1
	ns_add router
	ns_add node2
	ip link add u1 netns "$(ns_name node1)" type veth peer name r1 netns "$(ns_name router)"
	ip link add r2 netns "$(ns_name router)" type veth peer name u2 netns "$(ns_name node2)"
	n router ip link set r2 mtu 1400
	n router sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1
	n node1 ip addr add 10.0.1.1/24 dev u1
	n node1 ip addr add fd01::1/64 dev u1 nodad
	n router ip addr add 10.0.1.254/24 dev r1
	n router ip addr add fd01::fe/64 dev r1 nodad
	n router ip addr add 10.0.2.254/24 dev r2
	n router ip addr add fd02::fe/64 dev r2 nodad
	n node2 ip addr add 10.0.2.2/24 dev u2
	n node2 ip addr add fd02::2/64 dev u2 nodad
	n node1 ip link set u1 up
	n router ip link set r1 up
	n router ip link set r2 up
	n node2 ip link set u2 up
	n node1 ip route add default via 10.0.1.254
	n node1 ip -6 route add default via fd01::fe
	n node2 ip route add default via 10.0.2.254
	n node2 ip -6 route add default via fd02::fe
	segment_before_wire node1 u1
}

# fresh: new slices and links, and no path MTU left from the last case.
fresh() {
	local s
	new_slices
	for s in node1 node2; do
		n $s ip link del eg${s#node} 2>/dev/null || true
		n $s ip route flush cache
		n $s ip -6 route flush cache
	done
}

# through AF ENCAP: the transfer over the IPv4 or IPv6 underlay, with ENCAP.
through() {
	local a=10.0.1.1 b=10.0.2.2 i in0 rx0
	[ "$1" = 6 ] && a=fd01::1 b=fd02::2
	fresh
	# shellcheck disable=SC2046 # the mode's options are words
	n node1 egrectl link add eg1 type egre local $a remote $b key 5 encap "$2" $(egre_mode node1)
	# shellcheck disable=SC2046
	n node2 egrectl link add eg2 type egre local $b remote $a key 5 encap "$2" $(egre_mode node2)
	n node1 egrectl link add sl1 type shortbridge slice "$S1" ifname sb0 link eg1
	n node2 egrectl link add sl2 type shortbridge slice "$S2" ifname sb0 link eg2
	for i in 1 2; do
		n node$i ip link set eg$i up
		n s$i ip addr add 192.168.50.$i/24 dev sb0
		n s$i ip link set sb0 up
	done
	# small frames pass: the path works, only its MTU is in question
	check n s1 ping -c 2 -W 2 192.168.50.2 >/dev/null

	in0=$(ip_in node2) rx0=$(counter node2 eg2 rx_packets)
	transfer s1 s2 192.168.50.2 $((1 << 20)) 30
	mode_took node2 eg2 "$in0" "$rx0"

	check_match "$(n node1 egrectl -j link show eg1 -s | jq '.[0].drops.too_big')" '^[1-9]' \
		"eg1 too_big (frames over the learnt path MTU, answered to the sender)"
}

routed_underlay
for af in 4 6; do
	for encap in gre udp; do
		test_case "1 MiB by TCP, IPv$af underlay, encap $encap, 1400-byte middle hop: path MTU learnt" \
			through $af $encap
	done
done

test_done
