#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The slice administrator: the unprivileged user slicer (uid 1000) owns
# slice A's user namespace, so it configures slice A (addresses, routes,
# qdiscs, sysctls, BIRD) without host privilege, and reaches nothing else:
# not the node's devices, not the trellis family's view of the node, not
# slices B and C.
#
#   node (VM root netns): va <-------- veth --------> eth0  slice A (userns slicer)
#   node1 (netns): egre eg1 ... u1 <-> u2 ... node2
#               sl1: fast slice interface  ----------> sb0  slice A
#                                                           slice B (no userns)
#                                                           slice C (userns nobody)
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
. "$here/lib_slices.sh"

A=$(slice_name a) B=$(slice_name b) C=$(slice_name c)
slice_add a userns slicer
slice_add b
slice_add c userns nobody
ip link add va type veth peer name eth0 netns "$A"
ip link set va up
ip addr add 10.7.0.2/24 dev va
two_nodes_underlay
n node1 egrectl link add eg1 type egre local 10.0.0.1 remote 10.0.0.2 key 9
n node1 egrectl link add sl1 type shortbridge slice "$A" ifname sb0 link eg1
# the node's devices and their addresses (not their carrier or link-local
# address, which follow the slice's end)
node_devices() {
	{ ip -br addr; ip -n "$(ns_name node1)" -br addr; } |
		awk '{ $2 = ""; print }' | sed 's/ fe80::[^ ]*//g'
}
node_links=$(node_devices)
node_routes() { { ip route; ip -n "$(ns_name node1)" route; } | sed "s/ linkdown//"; }
node_routes_before=$(node_routes)

# in_a CMD...: CMD in slice A, run by its administrator
in_a() { as_slicer egrectl slice exec "$A" -- "$@"; }

# A folder the administrator may write (TEST_TMP is root's).
work=$(mktemp -d /tmp/slicer.XXXXXX)
chown 1000:1000 "$work"
on_exit "rm -rf $work"

configures_its_slice() {
	check_eq "$(in_a id -u)" 0 "uid in the slice"
	local proc uid="" i
	# up to 25 s for it to start (the debug kernel is slow to enter a slice)
	in_a sleep 30 &
	for i in $(seq 250); do
		for proc in $(netns_procs "$(stat -L -c %i /run/netns/"$A")"); do
			[ "$(tr '\0' ' ' <"$proc"/cmdline 2>/dev/null)" = "sleep 30 " ] &&
				uid=$(stat -c %u "$proc") && break 2
		done
		sleep 0.1
	done
	check_eq "$uid" 1000 "host uid of the slice's processes"
	kill "${proc#/proc/}" %1 2>/dev/null || true
	wait
	check in_a ip addr add 10.7.0.1/24 dev eth0
	check in_a ip link set eth0 up
	check in_a ip route add 10.70.0.0/16 via 10.7.0.2
	check in_a tc qdisc add dev eth0 root netem delay 1ms
	check in_a ip link set sb0 mtu 1300
	check in_a ip link set sb0 up
	check in_a sh -c 'echo 1 >/proc/sys/net/ipv4/ip_forward'
	check_match "$(ip -n "$A" addr show eth0)" "10.7.0.1/24" "address, seen by root"
	check_match "$(ip -n "$A" route show 10.70.0.0/16)" "via 10.7.0.2 dev eth0" "route"
	check_match "$(ip -n "$A" tc qdisc show dev eth0 2>/dev/null || tc -n "$A" qdisc show dev eth0)" \
		"netem" "qdisc"
	check_eq "$(ip netns exec "$A" cat /proc/sys/net/ipv4/ip_forward)" 1 "slice's ip_forward"
	check in_a ping -c 1 -W 5 10.7.0.2
	# the slice's own devices only, in rtnetlink and in sysfs
	check_eq "$(in_a ls /sys/class/net | made_devices)" "eth0 lo sb0 " "sysfs"
	check_eq "$(in_a ip -o link show | awk -F': ' '{print $2}' | sed 's/@.*//' | made_devices)" \
		"eth0 lo sb0 " "devices"
	# the trellis family answers for the slice's namespace
	check_match "$(in_a egrectl info)" " links 0$" "egrectl info in the slice"
	# it may list the slices; what is inside those it cannot enter stays unknown
	check_match "$(as_slicer egrectl slice list | grep "^$A ")" "^$A userns 1000 netns [0-9]+$" \
		"slice list by the administrator"
	check_eq "$(in_a egrectl -j link show | jq -r '[.[].name] | join(",")')" "" "egre links seen in the slice"
}
test_case "the administrator configures its slice: addresses, routes, qdisc, sysctl, info" \
	configures_its_slice

bird_runs() {
	cat >"$work/bird.conf" <<-EOB
		router id 10.7.0.1;
		log "$work/bird.log" all;
		protocol device {}
		protocol direct { ipv4; interface "eth0"; }
		protocol kernel { ipv4 { export all; }; }
		protocol static { ipv4; route 10.99.0.0/24 blackhole; }
	EOB
	chown 1000:1000 "$work/bird.conf"
	check in_a bird -c "$work/bird.conf" -s "$work/bird.ctl" -P "$work/bird.pid"
	local i pid protocols=""
	for i in $(seq 100); do
		protocols=$(in_a birdc -s "$work/bird.ctl" show protocols 2>/dev/null) || true
		echo "$protocols" | grep -Eq '^static1 +Static +master4 +up' &&
			ip -n "$A" route show 10.99.0.0/24 | grep -q "proto bird" && break
		sleep 0.2
	done
	check_match "$protocols" "^static1 +Static +master4 +up" "static protocol"
	check_match "$protocols" "direct1 +Direct +--- +up" "direct protocol"
	check_match "$(ip -n "$A" route show 10.99.0.0/24)" "blackhole 10.99.0.0/24 proto bird" \
		"route BIRD installed in the slice"
	check_eq "$(ip route show 10.99.0.0/24)" "" "route in the node"
	pid=$(cat "$work/bird.pid")
	check_eq "$(stat -L -c %i /proc/"$pid"/ns/net)" "$(stat -L -c %i /run/netns/"$A")" "BIRD's netns"
	check_eq "$(stat -c %u /proc/"$pid")" 1000 "BIRD's host uid"
	echo "$pid" >"$work/bird.running"
}
test_case "BIRD runs in the slice as its administrator and installs a route" bird_runs

# refused CMD...: CMD fails (as the administrator) and changed nothing.
refused() {
	check_fail "$@" 2>/dev/null
}

node_refused() {
	# in the node's namespace, the administrator is an ordinary user
	refused as_slicer ip link add dmx type dummy
	refused as_slicer ip link set va down
	refused as_slicer ip route add 10.71.0.0/16 via 10.7.0.1
	refused as_slicer ip netns exec "$A" true
	err_is 2 "info: permission denied \\(needs CAP_NET_ADMIN in this network namespace\\)" \
		as_slicer egrectl info
	err_is 2 "shortbridge show: permission denied \\(needs CAP_NET_ADMIN" \
		as_slicer egrectl shortbridge show
	err_is 2 "link add eg9: .*(not permitted|permission denied)" \
		as_slicer egrectl link add eg9 type egre local 10.0.0.1 remote 10.0.0.3 key 99
	err_is 2 "slice add $(slice_name x): permission denied \\(only root adds and deletes slices\\)" \
		as_slicer egrectl slice add "$(slice_name x)"
	err_is 2 "slice del $A: permission denied \\(only root adds and deletes slices\\)" \
		as_slicer egrectl slice del "$A"
	# from inside its slice, the node is out of reach too
	refused in_a ip link show va
	refused in_a ip link set eth0 netns 1
	refused in_a nsenter --net=/proc/1/ns/net true
	refused in_a egrectl link del eg1
	refused in_a egrectl link del sl1
	check_eq "$(node_devices)" "$node_links" "node devices"
	check_eq "$(node_routes)" "$node_routes_before" "node routes"
	check_eq "$(cat /proc/sys/net/ipv4/ip_forward)" 0 "node's ip_forward"
	check test -e /run/netns/"$A"
}
test_case "refused: the node's devices, routes, trellis view; slice add and del" node_refused

other_slices_refused() {
	err_is 2 "slice exec $B: permission denied \\(slice $B has no slice administrator; only root may enter it\\)" \
		as_slicer egrectl slice exec "$B" -- true
	err_is 2 "slice exec $C: permission denied \\(slice $C is administered by uid 65534, not uid 1000\\)" \
		as_slicer egrectl slice exec "$C" -- true
	refused as_slicer nsenter --net=/run/netns/"$C" --user=/run/trellis/userns/"$C" true
	refused as_slicer ip netns exec "$B" true
	# nor from inside slice A, where it is root of A's user namespace only
	refused in_a egrectl slice exec "$B" -- true
	refused in_a egrectl slice exec "$C" -- true
	refused in_a ip netns exec "$B" true
	refused in_a nsenter --net=/run/netns/"$C" true
	check_eq "$(ip -n "$B" -br link | awk '{ sub(/@.*/, "", $1); print $1 }' | made_devices)" "lo " \
		"B's devices"
	check_eq "$(ip -n "$C" -br link | awk '{ sub(/@.*/, "", $1); print $1 }' | made_devices)" "lo " \
		"C's devices"
}
test_case "refused: other slices, with and without a user namespace" other_slices_refused

del_ends_daemons() {
	local pid=""
	[ -e "$work/bird.running" ] && pid=$(cat "$work/bird.running")
	check egrectl slice del "$A"
	[ -z "$pid" ] || check_fail test -e /proc/"$pid"
	check_fail test -e /run/trellis/userns/"$A"
	check_fail ip link show va 2>/dev/null
	check_eq "$(n node1 egrectl -j link show | jq -r '[.[].name] | join(",")')" eg1 "node1's links"
	err_is 2 "slice exec: no such slice \"$A\"" as_slicer egrectl slice exec "$A" -- true
}
test_case "del of an administered slice ends its daemons" del_ends_daemons

test_done
