#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The nested packet: one IPv4 packet holding a thousand layers of EGRE,
# every layer addressed to the same link, so that each decapsulated frame
# is received again by that link. Handing a received frame on within the
# receive call (a fast slice interface's netif_receive_skb) nests one stack
# frame deeper per layer: a tenant could overflow the kernel stack. The
# node must survive (the VM run fails on any kernel report or death), and
# the link must have received the packet at least once (the frame is right).
#
#   [ tenant: uid 1000's own user, network and mount namespaces ]
#     d0 (dummy, mtu 65535: the whole packet fits every device) 10.1.0.1/24
#     eg: egre encap udp, local 10.1.0.1 remote 10.1.0.2 key 5
#     x:  fast slice interface of slice $SELF (this same namespace), link eg
#     nest_frame --src 10.1.0.2 --dst 10.1.0.1 --udp: each layer is
#       IPv4 | UDP 4754 | GRE key 5 | Ethernet to x | IPv4 ... to 10.1.0.1
#
#   [ node's initial namespace, root ] the same with raw GRE:
#     dnest (dummy) 10.254.0.1/24, egn: egre local 10.254.0.1
#     remote 10.254.0.2 key 5, xn: fast slice interface in this namespace
#
#   [ tenant ] through a binding: eg <-> v1, veth v1 <-> v0 (v0 in the
#     same namespace, inner frames addressed to v0)
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
. "$here/lib_hostile.sh"

NEST=$here/../tools/nest_frame
LAYERS=1000

# The tenant's underlay and its egre link, for tenant_start.
tenant_link="ip link set lo up
	ip link add d0 mtu 65535 type dummy
	ip addr add 10.1.0.1/24 dev d0
	ip link set d0 up
	egrectl link add eg type egre local 10.1.0.1 remote 10.1.0.2 key 5 encap udp
	ip link set eg up"

node_alive() {
	check egrectl info >/dev/null
	check ip link show lo >/dev/null
}

through_fast_slice_interface() {
	local rx
	tenant_start t "$name_self
		$tenant_link
		egrectl link add sl type shortbridge slice $SELF ifname x link eg
		ip link set x up"
	check tenant_in t ip link show x >/dev/null
	check tenant_in t "$NEST" --src 10.1.0.2 --dst 10.1.0.1 --udp --key 5 \
		--layers $LAYERS --inner-mac "$(mac x tenant_in t)"
	node_alive
	rx=$(rx_packets eg tenant_in t)
	[ "$rx" -ge 1 ] || _fail "eg received $rx packets, want at least 1"
}
test_case "tenant: nested GRE-in-UDP through its own fast slice interface, node survives" \
	cleaned through_fast_slice_interface

raw_gre_as_root() {
	local rx
	rmmod ip_gre 2>/dev/null || true
	ip netns attach "$(ns_name root)" 1
	later ip link del dnest
	ip link add dnest mtu 65535 type dummy
	ip addr add 10.254.0.1/24 dev dnest
	ip link set dnest up
	later ip link del egn
	egrectl link add egn type egre local 10.254.0.1 remote 10.254.0.2 key 5
	ip link set egn up
	later egrectl link del sln
	egrectl link add sln type shortbridge slice "$(ns_name root)" ifname xn link egn
	ip link set xn up
	check "$NEST" --src 10.254.0.2 --dst 10.254.0.1 --key 5 --layers $LAYERS \
		--inner-mac "$(mac xn)"
	node_alive
	rx=$(rx_packets egn)
	[ "$rx" -ge 1 ] || _fail "egn received $rx packets, want at least 1"
}
test_case "root: nested raw GRE through a fast slice interface of the initial namespace" \
	cleaned raw_gre_as_root

through_binding() {
	local rx
	tenant_start b "$tenant_link
		ip link add v0 mtu 65535 type veth peer name v1 mtu 65535
		ip link set v0 up
		ip link set v1 up
		egrectl shortbridge add b port eg port v1"
	check tenant_in b "$NEST" --src 10.1.0.2 --dst 10.1.0.1 --udp --key 5 \
		--layers $LAYERS --inner-mac "$(mac v0 tenant_in b)"
	node_alive
	# the frames go round through a queue (the veth): wait for two layers
	for _ in $(seq 50); do
		rx=$(rx_packets eg tenant_in b)
		[ "$rx" -ge 2 ] && break
		sleep 0.1
	done
	[ "$rx" -ge 2 ] || _fail "eg received $rx packets, want at least 2 (one nested)"
}
test_case "tenant: nested GRE-in-UDP through a binding and a veth, node survives" cleaned through_binding

test_done
