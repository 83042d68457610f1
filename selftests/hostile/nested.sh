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
#
#   [ tenant ] through a direct link over a bridge: v0 10.9.0.2 <-> v1, a
#     port of br0; e1 (local 10.9.0.1, encap udp, dev br0 direct) a port
#     of br0 too; inner frames addressed to br0
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

# two_layers DEV TENANT: DEV of TENANT receives two layers (one nested) of
# the packet, which may take a queue's while
two_layers() {
	local rx
	for _ in $(seq 50); do
		rx=$(rx_packets "$1" tenant_in "$2")
		[ "$rx" -ge 2 ] && return 0
		sleep 0.1
	done
	_fail "$1 received $rx packets, want at least 2 (one nested)"
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
	tenant_start b "$tenant_link
		ip link add v0 mtu 65535 type veth peer name v1 mtu 65535
		ip link set v0 up
		ip link set v1 up
		egrectl shortbridge add b port eg port v1"
	check tenant_in b "$NEST" --src 10.1.0.2 --dst 10.1.0.1 --udp --key 5 \
		--layers $LAYERS --inner-mac "$(mac v0 tenant_in b)"
	node_alive
	# the frames go round through a queue (the veth)
	two_layers eg b
}
test_case "tenant: nested GRE-in-UDP through a binding and a veth, node survives" cleaned through_binding

# A direct link passes a frame no GRO would take on in the same receive
# (RX_HANDLER_ANOTHER), but what that round reaches may nest: a bridge
# hands a frame addressed to itself to its own receive by a call. Here the
# link's underlay is the bridge and the link a port of it, and a packet
# socket on v1 holds a clone of every frame (no GRO takes a cloned one):
# passed on every layer, the packet would nest a receive per layer.
through_bridge_direct() {
	tenant_start bd "ip link set lo up
		ip link add v0 mtu 65535 type veth peer name v1 mtu 65535
		ip link add br0 type bridge
		ip link set v1 master br0
		ip addr add 10.9.0.2/24 dev v0
		ip link set v0 up
		ip link set v1 up
		ip link set br0 up
		egrectl link add e1 type egre local 10.9.0.1 remote 10.9.0.2 key 5 encap udp dev br0 direct
		ip link set e1 mtu 65000 master br0
		ip link set e1 up
		ip neigh add 10.9.0.1 dev v0 lladdr \$(ip -j link show br0 | jq -r '.[0].address')"
	rm -f "$TENANT_DIR/tap-ready"
	tenant_in bd python3 -c "
import socket, time
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(3))
s.bind(('v1', 0))
import os
open('$TENANT_DIR/tap-pid', 'w').write(str(os.getpid()))
os.rename('$TENANT_DIR/tap-pid', '$TENANT_DIR/tap-ready')
time.sleep(3600)" &
	for _ in $(seq 100); do [ -e "$TENANT_DIR/tap-ready" ] && break; sleep 0.1; done
	later "kill $(cat "$TENANT_DIR/tap-ready")"
	check tenant_in bd "$NEST" --src 10.9.0.2 --dst 10.9.0.1 --udp --key 5 \
		--layers $LAYERS --inner-mac "$(mac br0 tenant_in bd)"
	node_alive
	two_layers e1 bd
}
test_case "tenant: nested GRE-in-UDP through a direct link over a bridge it is a port of" \
	cleaned through_bridge_direct

test_done
