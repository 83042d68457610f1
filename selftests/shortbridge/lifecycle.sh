#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Shortbridge over its whole life: bindings made and undone, a port, a slice
# and the module deleted under a ping flood; a thousand fast slice
# interfaces across a hundred slices made and deleted ten times; a same-node
# link and a two-node link in one topology. Nothing may be left behind.
#
#   [ node1 ]                                     [ node2 ]
#     eg1 (key 1) ========= u1 == veth == u2 ========= eg1 (key 1)
#     v1n (binding b1 with eg1)                     v2n (binding b2 with eg1)
#      |                                             |
#   [ s1 ] vs 192.168.60.1                      [ s2 ] vs 192.168.60.2
#
# Scale (environment), for the debug kernel:
#   SB_LIFECYCLE_SLICES=100 SB_LIFECYCLE_PER_SLICE=10 SB_LIFECYCLE_CYCLES=10
#   SB_LIFECYCLE_DELS=20 (of each cycle's, deleted one by one; the rest go
#   with their slices)
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
ping=/usr/bin/ping
. "$here/../leaks.sh"

slices=${SB_LIFECYCLE_SLICES:-100}
per_slice=${SB_LIFECYCLE_PER_SLICE:-10}
cycles=${SB_LIFECYCLE_CYCLES:-10}
dels=${SB_LIFECYCLE_DELS:-20}
[ "$dels" -le $((slices * per_slice)) ] || dels=$((slices * per_slice))
module=/trellis/trellis.ko

ensure_loaded() { [ -d /sys/module/trellis ] || insmod $module; }
on_exit ensure_loaded
on_exit stop_traffic

# nodes_and_slices: node1 and node2 (made afresh) with egre eg1 between
# them, up, and empty slices s1 and s2.
nodes_and_slices() {
	local i
	for i in node1 node2 s1 s2; do ns_del $i 2>/dev/null || true; done
	two_nodes_underlay
	for i in 1 2; do
		ns_add s$i
		n node$i egrectl link add eg1 type egre local 10.0.0.$i remote 10.0.0.$((3 - i)) key 1
		n node$i ip link set eg1 up
	done
}

# binding_topology: the picture above, made afresh.
binding_topology() {
	local i
	nodes_and_slices
	for i in 1 2; do
		ip link add vs netns "$(ns_name s$i)" type veth peer name v${i}n netns "$(ns_name node$i)"
		n node$i ip link set v${i}n up
		n s$i ip link set vs mtu "$(n node$i cat /sys/class/net/eg1/mtu)"
		n s$i ip addr add 192.168.60.$i/24 dev vs
		n s$i ip link set vs up
		n node$i egrectl shortbridge add b$i port eg1 port v${i}n
	done
}

bindings() { n "$1" egrectl -j shortbridge show | jq length; }
slice_links() { n "$1" egrectl -j link show | jq '[.[] | select(.kind == "shortbridge")] | length'; }

# wait_slice_links NODE N: until NODE has N slice links (slices die in a
# workqueue).
wait_slice_links() {
	local i
	for i in $(seq 100); do
		[ "$(slice_links "$1")" = "$2" ] && return 0
		sleep 0.2
	done
	_fail "slice links in $1: $(slice_links "$1"), want $2"
}

# flows: the flood gets answers (over a second).
flows() {
	local before after
	before=$(n s1 cat /sys/class/net/vs/statistics/rx_packets)
	sleep 1
	after=$(n s1 cat /sys/class/net/vs/statistics/rx_packets)
	[ "$after" -gt $((before + 10)) ] || _fail "no answers in s1 ($before, then $after)"
}

bind_unbind_under_flood() {
	local k
	binding_topology
	flood s1 192.168.60.2
	flows
	for k in $(seq 20); do
		check n node1 egrectl shortbridge del b1
		check n node1 egrectl shortbridge add b1 port v1n port eg1
	done
	flows
	# a port deleted: the binding goes with it, the other port is free
	n node2 ip link del v2n
	check_eq "$(bindings node2)" 0 "bindings in node2 after v2n went"
	check n node2 ip link add br0 type bridge
	check n node2 ip link set eg1 master br0
	stop_traffic
}
test_case "bind and unbind, delete a port, under a ping flood" timed bind_unbind_under_flood

# fast_topology: the same with fast slice interfaces vs bound to eg1.
fast_topology() {
	local i
	nodes_and_slices
	for i in 1 2; do
		n node$i egrectl link add sl1 type shortbridge slice "$(ns_name s$i)" ifname vs link eg1
		n s$i ip addr add 192.168.60.$i/24 dev vs
		n s$i ip link set vs up
	done
}

slice_and_module_under_flood() {
	local root_before netns_before i
	root_before=$(root_devices)
	netns_before=$(netns_objects)
	fast_topology
	# a binding too, so that unload meets both forms
	n node1 ip link add vx type veth peer name vy
	check n node1 egrectl shortbridge add bx port vx port vy
	flood s1 192.168.60.2
	flows
	# the slice at the far end goes: node2's link loses its device
	ns_del s2
	wait_slice_links node2 0
	# the module goes with the flood still sending
	check rmmod trellis
	check_fail n s1 ip link show vs 2>/dev/null
	check_eq "$(n node1 ip -o link show | grep -c -E ' (eg1|vx|vy)')" 2 "veth left, egre gone in node1"
	stop_traffic
	check insmod $module
	check_eq "$(egrectl -j info | jq .links)" 0 "links in the root namespace"
	n node1 ip link del vx
	for i in node1 node2 s1; do ns_del $i; done
	wait_netns_objects $((netns_before + 1))
	check_eq "$(root_devices)" "$root_before" "devices in the root namespace"
}
test_case "slice namespace and module deleted under a ping flood" timed slice_and_module_under_flood

# --- a thousand fast slice interfaces, ten times ----------------------------

# Each cycle deletes DELS links one by one with egrectl link del (each
# waits for RCU grace periods), the rest by deleting their slices.
many_made_and_deleted() {
	local s k c t add_s total=$((slices * per_slice)) objs kb line bad=
	for s in node1 node2 s1 s2; do ns_del $s 2>/dev/null || true; done
	two_nodes_underlay
	for k in $(seq "$total"); do
		echo "link add eg$k type egre local 10.0.0.1 remote 10.0.0.2 key $k"
	done | n node1 egrectl -b -
	for s in $(seq "$slices"); do
		for k in $(seq "$per_slice"); do
			echo "link add sl$s-$k type shortbridge slice $(ns_name m$s) ifname sb$k" \
				"link eg$(((s - 1) * per_slice + k))"
		done
	done >"$TEST_TMP/add"
	for ((k = 0; k < dels; k++)); do
		echo "link del sl$((slices - k / per_slice))-$((k % per_slice + 1))"
	done >"$TEST_TMP/del"
	for c in $(seq "$cycles"); do
		for s in $(seq "$slices"); do echo "netns add $(ns_name m$s)"; done | ip -batch -
		t=$(uptime_s)
		check n node1 egrectl -b "$TEST_TMP/add"
		add_s=$(since "$t")
		check_eq "$(slice_links node1)" "$total" "cycle $c: slice links"
		check_eq "$(n "m$slices" ip -o link show type shortbridge | wc -l)" "$per_slice" \
			"cycle $c: shortbridge devices in the last slice"
		t=$(uptime_s)
		check n node1 egrectl -b "$TEST_TMP/del"
		check_eq "$(slice_links node1)" $((total - dels)) \
			"cycle $c: slice links after egrectl link del"
		for s in $(seq "$slices"); do echo "netns del $(ns_name m$s)"; done | ip -batch -
		wait_slice_links node1 0
		note "cycle $c: $total slice interfaces made in ${add_s}s, deleted" \
			"($dels by egrectl link del, the rest with their slices) in $(since "$t")s"
		check_eq "$(n node1 egrectl -j link show | jq length)" "$total" \
			"cycle $c: egre links (all still there)"
		[ "$c" = 1 ] && slab_snapshot "$TEST_TMP/slab.1"
	done
	slab_snapshot "$TEST_TMP/slab.end"
	objs=$((total * (cycles - 1) / 2))
	kb=$((total * (cycles - 1) * 32 / 1024))
	[ "$objs" -ge 1000 ] || objs=1000
	[ "$kb" -ge 512 ] || kb=512
	if [ "$cycles" -gt 1 ]; then
		slab_compare "$TEST_TMP/slab.1" "$TEST_TMP/slab.end" "$objs" "$kb" \
			>"$TEST_TMP/slab.diff" || bad=1
		while read -r line; do note "$line"; done <"$TEST_TMP/slab.diff"
	fi
	ns_del node1
	[ -z "$bad" ] || _fail "slab grew over $((cycles - 1)) cycles of $total slice interfaces"
}
test_case "$((slices * per_slice)) fast slice interfaces in $slices slices, made and deleted $cycles times" \
	timed many_made_and_deleted

# --- same node and two nodes in one topology --------------------------------

#   s3 (on node1) -- pair p13 -- s1 (on node1) -- fast link over egre -- s2 (node2)
#   s3 reaches s2 through s1, which routes.
mixed_topology() {
	local i
	for i in node1 node2 s1 s2 s3; do ns_del $i 2>/dev/null || true; done
	fast_topology
	ns_add s3
	check n node1 egrectl link add p13 type shortbridge slice "$(ns_name s1)" ifname p0 \
		peer-slice "$(ns_name s3)" peer-ifname p0
	n s1 ip addr add 192.168.61.1/24 dev p0
	n s3 ip addr add 192.168.61.3/24 dev p0
	n s1 ip link set p0 up
	n s3 ip link set p0 up
	n s1 sysctl -qw net.ipv4.ip_forward=1
	n s3 ip route add default via 192.168.61.1
	n s2 ip route add 192.168.61.0/24 via 192.168.60.1
	check n s3 ping -c 2 -W 2 192.168.61.1 >/dev/null
	check n s3 ping -c 2 -W 2 192.168.60.2 >/dev/null
	check_eq "$(n node1 egrectl -j link show | jq -r '[.[].name] | sort | join(",")')" \
		"eg1,p13,sl1" "links of node1"
	for i in node1 node2 s1 s2 s3; do ns_del $i; done
}
test_case "a same-node link and a two-node link in one topology" mixed_topology

test_done
