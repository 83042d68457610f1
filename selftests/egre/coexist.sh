#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Raw GRE (version 0) has one owner at a time in the kernel's GRE demux:
# ip_gre or trellis. Trellis holds it only while egre links exist, refuses a
# link with a clear message while ip_gre holds it, and never takes packets
# meant for another module.
#
#   [ node ]  u1 (dummy) 10.1.0.1/24   eg1: egre local 10.1.0.1 remote 10.1.0.2
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"

ns_add node
n node ip link add u1 type dummy
n node ip addr add 10.1.0.1/24 dev u1
n node ip link set u1 up

add_link() {
	n node egrectl link add eg1 type egre local 10.1.0.1 remote 10.1.0.2 key 1
}

refused_while_ip_gre_holds_gre() {
	local out rc=0
	check modprobe ip_gre
	on_exit "rmmod ip_gre"
	out=$(add_link 2>&1) || rc=$?
	check_eq "$rc" 2 "exit status"
	check_eq "$out" \
		"egrectl: link add eg1: raw GRE receive is held by another module (ip_gre?): unload it first" \
		"message"
	check_fail n node ip link show eg1
	check dmesg | grep -q "trellis: GRE version 0 is held by another module"
	# stock gretap still works beside trellis
	check n node ip link add gt1 type gretap local 10.1.0.1 remote 10.1.0.2 key 1
	check n node ip link del gt1
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

test_case "an egre link is refused while ip_gre holds raw GRE" refused_while_ip_gre_holds_gre
test_case "ip_gre cannot take raw GRE while egre links exist" ip_gre_cannot_load_while_links_exist
test_done
