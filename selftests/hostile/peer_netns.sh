#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A slice-to-slice pair puts a device in each of two namespaces. A tenant
# may only make one whose both ends are namespaces it administers: a peer
# in the node's namespace (which it can name through a bind mount root
# made) is refused (EPERM) with a message about the peer's namespace, and
# no device appears there. A pair root made between the tenant's namespace
# and a root-owned one keeps one MTU: the tenant's change of its end would
# change the other end too, so it is refused, and both ends keep theirs.
#
#   [ node's initial namespace ] at /run/netns/$(ns_name node) (ip netns attach)
#        ^ peer-slice: refused
#   [ tenant: uid 1000's own user, network and mount namespaces ]
#        slice $SELF: its own namespace
#
#   [ tenant ] x ====== pair hp (made by root) ====== y [ other: root's ]
#     ip link set x mtu 1300: refused; y keeps 1500
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
. "$here/lib_hostile.sh"

peer_in_node_refused() {
	local out rc=0 node
	node=$(ns_name node)
	# before the tenant starts: its mount namespace copies this name
	ip netns attach "$node" 1
	tenant_start t "$name_self"
	out=$(tenant_in t egrectl link add p type shortbridge slice "$SELF" ifname x \
		peer-slice "$node" peer-ifname hostile0 2>&1) || rc=$?
	check_eq "$rc" 2 "exit status"
	check_match "$out" "^egrectl: link add p: .*no CAP_NET_ADMIN over the peer's namespace" "error"
	check_fail ip link show hostile0
	check_fail tenant_in t ip link show x
	# a pair within its own namespace is the tenant's to make
	check tenant_in t egrectl link add p type shortbridge slice "$SELF" ifname x \
		peer-slice "$SELF" peer-ifname y
	check tenant_in t ip link show y
}
test_case "a tenant's pair with a peer in the node's namespace is refused" cleaned peer_in_node_refused

mtu_of() { "$@" | jq '.[0].mtu'; }

mtu_of_other_end_kept() {
	local ten
	ten=$(ns_name ten)
	tenant_start t ""
	ip netns attach "$ten" "$(tenant_pid t)"
	ns_add other
	later egrectl link del hp
	egrectl link add hp type shortbridge slice "$ten" ifname x peer-slice "$(ns_name other)" \
		peer-ifname y
	check_eq "$(mtu_of n other ip -j link show y)" 1500 "y's mtu"
	check_fail tenant_in t ip link set x mtu 1300
	check_eq "$(mtu_of n other ip -j link show y)" 1500 "y's mtu after the tenant's change"
	check_eq "$(mtu_of tenant_in t ip -j link show x)" 1500 "x's mtu after the tenant's change"
	# root holds both namespaces: its change moves the pair
	check ip -n "$ten" link set x mtu 1400
	check_eq "$(mtu_of n other ip -j link show y)" 1400 "y's mtu after root's change"
	egrectl link del hp
}
test_case "a tenant cannot change the MTU of a pair end in root's namespace" cleaned mtu_of_other_end_kept

test_done
