#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Raw GRE has one owner at a time per family: ip_gre or trellis for IPv4
# (the kernel's GRE version 0 demux), ip6_gre or trellis for IPv6 (IP
# protocol 47). Trellis holds a family only while raw egre links of it
# exist, refuses a link with a clear message while the other module holds
# it, and never takes packets meant for another module. GRE-in-UDP links
# need neither and live beside ip_gre.
#
#   [ node ]  u1 (dummy) 10.1.0.1/24 fd01::1/64
#             eg1: egre local 10.1.0.1 remote 10.1.0.2 (or the IPv6 pair)
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"

ns_add node
n node ip link add u1 type dummy
n node ip addr add 10.1.0.1/24 dev u1
n node ip addr add fd01::1/64 dev u1 nodad
n node ip link set u1 up

add_link() {
	n node egrectl link add eg1 type egre local 10.1.0.1 remote 10.1.0.2 key 1 "$@"
}

add_link6() {
	n node egrectl link add eg6 type egre local fd01::1 remote fd01::2 key 1
}

refused_while_ip_gre_holds_gre() {
	local out rc=0
	check modprobe ip_gre
	on_exit "rmmod ip_gre"
	out=$(add_link 2>&1) || rc=$?
	check_eq "$rc" 2 "exit status"
	check_eq "$out" \
		"egrectl: link add eg1: raw GRE over IPv4 is held by another module (ip_gre?): unload it, or use encap udp" \
		"message"
	check_fail n node ip link show eg1
	check dmesg | grep -q "trellis: GRE version 0 is held by another module"
	# stock gretap still works beside trellis
	check n node ip link add gt1 type gretap local 10.1.0.1 remote 10.1.0.2 key 1
	check n node ip link del gt1
	# GRE-in-UDP needs nothing ip_gre holds
	check add_link encap udp
	n node egrectl link del eg1
	check rmmod ip_gre
	check add_link
	n node egrectl link del eg1
}

ip_gre_cannot_load_while_links_exist() {
	check add_link
	check_fail modprobe ip_gre
	n node egrectl link del eg1
	# the last link gave GRE back
	check modprobe ip_gre
	check rmmod ip_gre
}

ipv6_follows_the_same_rule() {
	local out rc=0
	check modprobe ip6_gre
	on_exit "rmmod ip6_gre"
	out=$(add_link6 2>&1) || rc=$?
	check_eq "$rc" 2 "exit status"
	check_match "$out" "raw GRE over IPv6 is held by another module \\(ip6_gre\\?\\)" "message"
	# IPv4 raw GRE is a separate owner
	check add_link
	n node egrectl link del eg1
	check rmmod ip6_gre
	check add_link6
	check_fail modprobe ip6_gre
	n node egrectl link del eg6
	check modprobe ip6_gre
	check rmmod ip6_gre
}

test_case "an egre link is refused while ip_gre holds raw GRE" refused_while_ip_gre_holds_gre
test_case "ip_gre cannot take raw GRE while egre links exist" ip_gre_cannot_load_while_links_exist
test_case "IPv6: ip6_gre and raw IPv6 egre links exclude each other" ipv6_follows_the_same_rule
test_done
