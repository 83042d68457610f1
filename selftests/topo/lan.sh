#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A LAN from a topology file across three nodes (namespaces node1, node2
# and node3 of one VM, on one underlay bridge): four members, two on node1;
# every member reaches every other; a broadcast reaches each member once
# (the full mesh of nodes has no loop); no member reaches the node through
# the LAN's bridge; members join and leave live; destroy leaves nothing.
#
#   [node1: x, y]          [node2: z]          [node3: w]
#     x l0 10.3.0.1          z l0 10.3.0.3        w l0 10.3.0.4
#     y l0 10.3.0.2
#   all on LAN "l" (10.3.0.0/24): bridge tb... in namespace S..l.NODE on each node
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"

S=${_prefix}blue	# the slice: S.x ..., and the LAN's namespaces S..l.n1 ...
F=$TEST_TMP/lan.yaml

three_nodes_underlay() {
	local i
	ns_add under
	n under ip link add name ubr type bridge
	n under ip link set ubr up
	for i in 1 2 3; do
		ns_add node$i
		ip link add u$i netns "$(ns_name node$i)" type veth peer name p$i \
			netns "$(ns_name under)"
		n node$i ip addr add 10.0.0.$i/24 dev u$i
		n node$i ip link set u$i up
		n under ip link set p$i master ubr up
	done
}
three_nodes_underlay

# write_file [MEMBERS]: the LAN's ends (default x, y, z and w)
write_file() {
	cat >"$F" <<-YAML
	name: ${_prefix}lanlab
	nodes:
	  n1: { underlay: 10.0.0.1 }
	  n2: { underlay: 10.0.0.2 }
	  n3: { underlay: 10.0.0.3 }
	slices:
	  $S:
	    vnodes:
	      x: { node: n1, interfaces: { l0: 10.3.0.1/24 } }
	      y: { node: n1, interfaces: { l0: 10.3.0.2/24 } }
	      z: { node: n2, interfaces: { l0: 10.3.0.3/24 } }
	      w: { node: n3, loopback: 10.255.0.4/32${W_IFACES-, interfaces: { l0: 10.3.0.4/24 \}} }
	    lans:
	      l: { ends: [${MEMBERS:-x:l0, y:l0, z:l0, w:l0}] }
	YAML
}

apply_all() {
	local i
	for i in 3 1 2; do	# the order does not matter
		run egrectl_on node$i topo apply "$F"
		echo "node$i: $out"
		check_eq "$rc" 0 "apply on node$i: exit status ($err)"
	done
}

# in_echos NS: the echo requests namespace NS has received
in_echos() {
	ip netns exec "$1" awk '/^Icmp:/ { if (!n++) { for (i = 2; i <= NF; i++) if ($i == "InEchos") c = i }
		else print $c }' /proc/net/snmp
}

built() {
	write_file
	apply_all
	check_eq "$(ip netns list | awk '{ print $1 }' | grep "^$S\." | LC_ALL=C sort | tr '\n' ' ')" \
		"$S..l.n1 $S..l.n2 $S..l.n3 $S.w $S.x $S.y $S.z " \
		"namespaces: the members' and the LAN's on each node"
	check ip netns exec "$S.x" ping -c 2 -W 2 10.3.0.2 >/dev/null
	check ip netns exec "$S.x" ping -c 2 -W 2 10.3.0.3 >/dev/null
	check ip netns exec "$S.z" ping -c 2 -W 2 10.3.0.4 >/dev/null
	check ip netns exec "$S.w" ping -c 2 -W 2 10.3.0.1 >/dev/null
	run egrectl_on node1 topo test "$F"
	echo "$out"
	check_eq "$rc" 0 "topo test on node1 ($err)"
	check_match "$out" "LAN $S/l x -> w 10.3.0.4: 0/50 lost.*: ok" "x to w"
	check_match "$out" "6 paths tested, 0 failed" "node1: every member to every other"
	run egrectl_on node3 topo test "$F"
	check_eq "$rc" 0 "topo test on node3 ($err)"
	check_match "$out" "3 paths tested, 0 failed" "node3"
	apply_all
	check_eq "$out" "0 changes" "a second apply"
}
test_case "a LAN across three nodes: every member reaches every other" built

broadcast_once() {
	local m got=""
	declare -A before
	for m in y z w; do
		ip netns exec "$S.$m" sysctl -qw net.ipv4.icmp_echo_ignore_broadcasts=0
		before[$m]=$(in_echos "$S.$m")
	done
	ip netns exec "$S.x" ping -b -c 5 -i 0.2 -W 1 10.3.0.255 >/dev/null 2>&1 || true
	sleep 0.5
	for m in y z w; do got="$got$(($(in_echos "$S.$m") - before[$m])) "; done
	check_eq "$got" "5 5 5 " "echo requests y, z and w received"
}
test_case "a broadcast reaches each member once: no loop between the nodes" broadcast_once

node_unreached() {
	local mac
	# the node's own address, as a neighbour on the LAN at the bridge's MAC
	mac=$(ip -n "$S..l.n1" -o link show | awk '/ tb[0-9a-f]+:/ { print $(NF - 2) }' | head -1)
	check_match "$mac" "^([0-9a-f]{2}:){5}[0-9a-f]{2}$" "the bridge's MAC"
	ip -n "$S.x" route add 10.0.0.0/24 dev l0
	ip -n "$S.x" neigh add 10.0.0.1 lladdr "$mac" dev l0
	check_fail ip netns exec "$S.x" ping -c 2 -W 1 10.0.0.1 >/dev/null
	ip -n "$S.x" neigh del 10.0.0.1 dev l0
	# nor by ARP
	check_fail ip netns exec "$S.x" ping -c 2 -W 1 10.0.0.2 >/dev/null
	ip -n "$S.x" route del 10.0.0.0/24 dev l0
	# not even a link-local one to answer a ping6
	check_eq "$(ip -n "$S..l.n1" -o addr show | grep -cv ' lo ' || true)" 0 \
		"addresses in the LAN's namespace"
}
test_case "no member reaches a node through the LAN's bridge" node_unreached

# mac_of NS DEV
mac_of() { ip -n "$1" -o link show dev "$2" | awk '{ for (i = 1; i < NF; i++) if ($i == "link/ether") print $(i + 1) }'; }

changed() {
	local pid loss mac
	mac=$(mac_of "$S.w" l0)
	# w leaves (node3 has no member left), then joins again
	MEMBERS="x:l0, y:l0, z:l0" W_IFACES="" write_file
	run egrectl_on node3 topo diff "$F"
	echo "$out"
	check_match "$out" "- pair $S/l/w:l0" "diff: w's pair goes"
	check_match "$out" "- egre $S/l/n1" "diff: node3 leaves the LAN"
	ip netns exec "$S.x" ping -q -i 0.05 -c 40 10.3.0.3 >"$TEST_TMP/ping" 2>&1 &
	pid=$!
	sleep 0.3
	apply_all
	wait "$pid" || true
	loss=$(grep -o '[0-9.]*% packet loss' "$TEST_TMP/ping")
	check_eq "$loss" "0% packet loss" "a ping x to z while w leaves"
	check_eq "$(ip netns list | awk '{ print $1 }' | grep "^$S\.\.l" | LC_ALL=C sort | tr '\n' ' ')" \
		"$S..l.n1 $S..l.n2 " "the LAN's namespaces: none on node3"
	check_eq "$(n node3 ip -o link show | grep -c ' tr[0-9a-f]*[:@]' || true)" 0 "node3's egre links"
	check_fail ip netns exec "$S.x" ping -c 1 -W 1 10.3.0.4 >/dev/null
	write_file
	apply_all
	# made again, w's interface has its MAC back: x's ARP entry still holds
	check_eq "$(mac_of "$S.w" l0)" "$mac" "w's MAC address, made again"
	check ip netns exec "$S.x" ping -c 2 -W 2 10.3.0.4 >/dev/null
}
test_case "members leave and join live, with their MAC addresses; a ping between others loses nothing" changed

destroyed() {
	local i
	for i in 2 1 3; do
		run egrectl_on node$i topo destroy "$F"
		check_eq "$rc" 0 "destroy on node$i ($err)"
	done
	check_eq "$(ip netns list | awk '{ print $1 }' | grep -c "^$S\." || true)" 0 "namespaces left"
	for i in 1 2 3; do
		check_eq "$(n node$i ip -o link show | awk -F': ' '{ sub(/@.*/, "", $2); print $2 }' |
			made_devices)" "lo u$i " "node$i's devices"
	done
}
test_case "destroy on each node leaves nothing" destroyed

test_done
