#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# egrectl topo apply, diff and destroy on two nodes (namespaces node1 and
# node2 of one VM, on one underlay): one file builds slices that reach each
# other within a node (a pair) and across (an egre link with fast slice
# interfaces, shaped, routed); a second apply changes nothing; a changed
# file changes the nodes in place while a ping across an untouched link
# loses nothing; a failure half-way leaves the node as it was; an underlay
# that carries less than the file's MTU is refused; objects of
# the same names made by hand are never touched; destroy leaves nothing.
#
#   [node1: a, b]                                 [node2: c]
#    a e0 10.1.0.1 ==(pair ab)== b e0 10.1.0.2
#    a e1 10.1.1.1 ======(egre ac, udp)=========== c e0 10.1.1.2
#    a lo 10.255.0.1  (routes over ac)             c lo 10.255.0.3
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"

S=${_prefix}red		# the slice: its namespaces are S.a, S.b, S.c
F=$TEST_TMP/lab.yaml

two_nodes_underlay

write_file() {
	cat >"$F" <<-YAML
	name: ${_prefix}lab
	nodes:
	  n1: { underlay: 10.0.0.1 }
	  n2: { underlay: 10.0.0.2 }
	slices:
	  $S:
	    vnodes:
	      a:
	        node: n1
	        loopback: 10.255.0.1/32
	        interfaces: { e0: 10.1.0.1/29, e1: 10.1.1.1/30 }
	        routes: [10.255.0.3/32 via 10.1.1.2]
	        sysctl: { net.ipv4.ip_forward: 1 }
	        run: sleep 1000
	      b: { node: n1, interfaces: { e0: ${B_ADDR:-10.1.0.2/29} } }
	      c:
	        node: n2
	        loopback: 10.255.0.3/32
	        interfaces: { e0: 10.1.1.2/30 }
	        routes: [10.255.0.1/32 via 10.1.1.1]
	    links:
	      ab: { ends: [a:e0, b:e0]${AB_MORE:-} }
	      ac: { ends: [a:e1, c:e0], encap: udp, shape: { a: { delay: 10ms } } }
	YAML
}

# cmdlines [NS]: the command lines of the processes (of namespace NS), one a line
cmdlines() {
	local p pids
	if [ $# -gt 0 ]; then pids=$(ip netns pids "$1"); else pids=$(ls /proc | grep '^[0-9]*$'); fi
	for p in $pids; do
		tr '\0' ' ' 2>/dev/null <"/proc/$p/cmdline" && echo
	done
}

# What a node has: its devices, the namespaces, qdiscs and addresses of
# the slice's namespaces, and the processes in them.
inventory() {
	local ns
	n "$1" ip -o link show | awk -F': ' '{ sub(/@.*/, "", $2); print $2 }' | sort
	for ns in $(ip netns list | awk '{ print $1 }' | grep "^$S\." | sort); do
		echo "== $ns"
		ip -n "$ns" -o addr show | awk '{ print $2, $4 }' | sort
		ip -n "$ns" -o link show | awk -F': ' '{ sub(/@.*/, "", $2); print $2 }' | sort
		tc -n "$ns" qdisc show | sort
		ip netns pids "$ns" | wc -l
	done
}

apply() { run egrectl_on "$1" topo apply "$F"; }

build() {
	local tr
	write_file
	apply node1
	echo "$out"
	check_eq "$rc" 0 "apply on node1: exit status ($err)"
	check_match "$out" "^[1-9][0-9]* changes$" "apply on node1: its count"
	apply node2
	echo "$out"
	check_eq "$rc" 0 "apply on node2: exit status ($err)"
	check_eq "$(ip netns list | awk '{ print $1 }' | grep "^$S\." | sort | tr '\n' ' ')" \
		"$S.a $S.b $S.c " "the virtual nodes' namespaces"
	check ip netns exec "$S.a" ping -c 2 -W 2 10.1.0.2 >/dev/null
	check ip netns exec "$S.a" ping -c 2 -W 2 10.1.1.2 >/dev/null
	# loopback to loopback: the routes from the file
	check ip netns exec "$S.a" ping -c 2 -W 2 -I 10.255.0.1 10.255.0.3 >/dev/null
	check_match "$(tc -n "$S.a" qdisc show dev e1)" "netem .*delay 10ms" "the shape on a's end of ac"
	check_eq "$(ip netns exec "$S.a" sysctl -n net.ipv4.ip_forward)" 1 "the sysctl"
	check_match "$(cmdlines "$S.a")" "sleep 1000" "the command run in a"
	# the node's own stack has no address on the link it carries for the slice
	tr=$(n node1 ip -o link show | awk -F': ' '{ sub(/@.*/, "", $2); print $2 }' | grep '^tr')
	check_match "$tr" "^tr[0-9a-f]{8}$" "node1's egre link"
	check_eq "$(n node1 ip -6 -o addr show dev "$tr" | wc -l)" 0 "IPv6 addresses of node1 on $tr"
	check_eq "$(n node1 ip -6 route show table all dev "$tr" | wc -l)" 0 "IPv6 routes of node1 on $tr"
}
test_case "apply on each node builds the slice: pair, egre link, routes, shape, sysctl, run" build

again() {
	local before
	before=$(inventory node1)
	apply node1
	check_eq "$rc" 0 "exit status"
	check_eq "$out" "0 changes" "a second apply"
	apply node2
	check_eq "$out" "0 changes" "a second apply on node2"
	run egrectl_on node1 topo diff "$F"
	check_eq "$out" "0 changes to make" "diff"
	# the file on standard input: the same bytes, the same record
	run egrectl_on node1 topo apply - <"$F"
	check_eq "$rc" 0 "apply from standard input: exit status ($err)"
	check_eq "$out" "0 changes" "apply from standard input"
	run egrectl_on node1 topo diff "$F"
	check_eq "$out" "0 changes to make" "diff after the apply from standard input"
	check_eq "$(inventory node1)" "$before" "node1 after"
}
test_case "a second apply, from the file or standard input, and a diff change nothing" again

events() {
	run egrectl_on node1 topo exec "$F" a -- ip -4 -o addr show dev e0
	check_eq "$rc" 0 "exec: exit status ($err)"
	check_match "$out" "10.1.0.1/29" "exec in a"
	run egrectl_on node1 topo exec "$F" "$S.c" ip link show
	check_eq "$rc" 1 "exec on the wrong node: exit status"
	check_eq "$err" "egrectl: topo exec: virtual node c of slice $S is on node n2, not on n1" \
		"exec on the wrong node"
	run egrectl_on node1 topo exec "$F" a false
	check_eq "$rc" 1 "exec: the command's status"
	# link events on this node's ends: a pair has both here
	run egrectl_on node1 topo show "$F"
	echo "$out"
	check_eq "$rc" 0 "show: exit status ($err)"
	check_eq "$(echo "$out" | grep -cv ': ok')" 0 "show: objects not ok"
	check_match "$out" "^iface $S.a e0: ok carrier mtu 1500$" "show: an interface, a line"
	check_match "$(egrectl_on node1 -s topo show "$F" | grep -A1 "^iface $S.a e0:" | sed -n 2p)" \
		"^    RX: packets [1-9][0-9]* bytes [0-9]+ errors 0 dropped [0-9]+$" "show -s: counters"
	check_eq "$(egrectl_on node1 -j topo show "$F" | jq -c "[.[] | select(.key == \"iface $S.a e0\") | .stats | keys]")" \
		'[["rx_bytes","rx_dropped","rx_errors","rx_packets","tx_bytes","tx_dropped","tx_errors","tx_packets"]]' \
		"show -j: an interface's counters"
	check_eq "$(egrectl_on node1 -j topo show "$F" | jq -c '[.[].state] | unique')" '["ok"]' "show -j"
	check egrectl_on node1 topo link "$F" ab down
	check_fail ip netns exec "$S.a" ping -c 1 -W 1 10.1.0.2 >/dev/null
	check_match "$(ip -n "$S.b" -o link show dev e0)" "state DOWN" "b's end down"
	check_match "$(egrectl_on node1 topo show "$F")" \
		"iface $S.b e0: differs \\(now mtu 1500 down; the file: mtu 1500 up\\)" "show: the link down"
	check egrectl_on node1 topo link "$F" "$S/ab" up
	check ip netns exec "$S.a" ping -c 2 -W 2 10.1.0.2 >/dev/null
	check egrectl_on node1 topo link "$F" ab flap 0.2 2
	check_match "$(ip -n "$S.a" -o link show dev e0)" "UP" "a's end up after a flap"
	# an egre link: each node takes its own end down
	check egrectl_on node2 topo link "$F" ac down
	check_fail ip netns exec "$S.a" ping -c 1 -W 1 10.1.1.2 >/dev/null
	check egrectl_on node2 topo link "$F" ac up
	check ip netns exec "$S.a" ping -c 2 -W 2 10.1.1.2 >/dev/null
	run egrectl_on node1 topo link "$F" nosuch down
	check_eq "$rc" 1 "no such link: exit status"
	check_eq "$err" "egrectl: topo link: no link \"nosuch\" in $F" "no such link"
	run egrectl_on node1 topo link "$F" ab sideways
	check_eq "$rc" 1 "a bad event: exit status"
	apply node1
	check_eq "$out" "0 changes" "apply after the events"
}
test_case "topo exec runs in a virtual node; topo link takes ends down, up, and flaps them" events

tested() {
	run egrectl_on node1 topo test "$F"
	echo "$out"
	check_eq "$rc" 0 "node1: exit status ($err)"
	check_match "$out" "link $S/ab a -> b 10.1.0.2: 0/50 lost.*: ok" "the pair"
	check_match "$out" "link $S/ac a -> c 10.1.1.2: 0/50 lost.*file: delay 10.0 ms.*: ok" "the egre link"
	check_match "$out" "2 paths tested, 0 failed" "the count"
	run egrectl_on node2 topo test "$F"
	check_eq "$rc" 0 "node2: exit status ($err)"
	check_match "$out" "link $S/ac c -> a 10.1.1.1: .*: ok" "from node2"
	# a link cut under the file: test says which, and fails
	check egrectl_on node2 topo link "$F" ac down
	run egrectl_on node1 topo test "$F"
	echo "$out"
	check_eq "$rc" 2 "a cut link: exit status"
	check_match "$out" "link $S/ac a -> c 10.1.1.2: 50/50 lost.*FAIL, unreachable" "the cut link"
	check_match "$out" "link $S/ab .*: ok" "the other link"
	check egrectl_on node2 topo link "$F" ac up
}
test_case "topo test pings every link against the file's shaping, and names a cut one" tested

changed() {
	local pid loss
	B_ADDR=10.1.0.5/29 AB_MORE=", mtu: 1400" write_file
	run egrectl_on node1 topo diff "$F"
	echo "$out"
	check_match "$out" "~ iface $S.a e0: mtu 1500 up -> mtu 1400 up" "diff: the MTU in place"
	check_match "$out" "- addr $S.b e0 10.1.0.2/29" "diff: the old address"
	check_match "$out" "\+ addr $S.b e0 10.1.0.5/29" "diff: the new address"
	check_eq "$(ip -4 -n "$S.b" -o addr show dev e0 | awk '{ print $4 }')" "10.1.0.2/29" "diff changed nothing"
	# a ping across ac, which the change leaves alone, loses nothing
	ip netns exec "$S.a" ping -q -i 0.05 -c 60 10.1.1.2 >"$TEST_TMP/ping" 2>&1 &
	pid=$!
	sleep 0.5
	apply node1
	echo "$out"
	check_eq "$rc" 0 "apply: exit status ($err)"
	wait "$pid" || true
	loss=$(grep -o '[0-9.]*% packet loss' "$TEST_TMP/ping")
	check_eq "$loss" "0% packet loss" "the ping across ac"
	check_eq "$(ip -4 -n "$S.b" -o addr show dev e0 | awk '{ print $4 }')" "10.1.0.5/29" "b's address"
	check_eq "$(ip -n "$S.b" -o link show dev e0 | grep -o 'mtu [0-9]*')" "mtu 1400" "b's MTU"
	check ip netns exec "$S.a" ping -c 2 -W 2 10.1.0.5 >/dev/null
	apply node1
	check_eq "$out" "0 changes" "and again"
}
test_case "a changed file: diff says what, apply does it in place, a ping elsewhere loses nothing" changed

half_way() {
	local before
	write_file
	apply node1
	before=$(inventory node1)
	# a new virtual node whose sysctl does not exist: made, then undone
	sed -i "s/^      b: {/      d: { node: n1, sysctl: { net.ipv4.no_such_thing: 1 } }\n      b: {/" "$F"
	sed -i "s/ab: { ends: \[a:e0, b:e0\]/ab: { ends: [a:e0, b:e0], mtu: 1300/" "$F"
	apply node1
	echo "$out"
	echo "$err"
	check_eq "$rc" 2 "exit status"
	check_match "$err" "no_such_thing" "the failure named"
	check_match "$err" "undone, the node is as it was" "undone"
	check_eq "$(inventory node1)" "$before" "node1 after"
	write_file
	apply node1
	check_eq "$out" "0 changes" "the record is the last good apply"
}
test_case "a failure half-way is undone: the node is as it was" half_way

narrow_underlay() {
	local before
	write_file
	before=$(inventory node1)
	# the file says nothing of node1's MTU: 1500, more than the path now carries
	n node1 ip link set u1 mtu 1400
	apply node1
	echo "$err"
	n node1 ip link set u1 mtu 1500
	check_eq "$rc" 1 "exit status"
	check_match "$err" "node n1: the underlay path to 10.0.0.2 carries MTU 1400 \(its device's\), the file says mtu 1500" \
		"the path named"
	check_eq "$(inventory node1)" "$before" "node1 after"
	apply node1
	check_eq "$out" "0 changes" "with the MTU back, nothing to do"
}
test_case "an underlay path that carries less than the file's MTU is refused before anything is touched" narrow_underlay

not_ours() {
	local before
	# a namespace of the name the file wants, made by hand
	ip netns add "$S.x"
	ip -n "$S.x" link add dummy0 type dummy
	sed -i "s/^      b: {/      x: { node: n1 }\n      b: {/" "$F"
	before=$(inventory node1)
	apply node1
	echo "$err"
	check_eq "$rc" 2 "exit status"
	check_match "$err" "$S.x exists" "the clash named"
	check_eq "$(ip -n "$S.x" -o link show | grep -c dummy0)" 1 "the hand-made namespace keeps its device"
	check_eq "$(inventory node1)" "$before" "node1 after"
	write_file
	apply node1
	check_eq "$out" "0 changes" "back to the file"
	# destroy leaves it alone too
	check egrectl_on node1 topo destroy "$F" >/dev/null
	check ip netns exec "$S.x" true
	ip netns del "$S.x"
}
test_case "objects of the same names made by hand are never touched" not_ours

administered() {
	local pid
	cat >"$TEST_TMP/adm.yaml" <<-YAML
	name: ${_prefix}adm
	nodes:
	  n1: { underlay: 10.0.0.1 }
	slices:
	  ${_prefix}blue:
	    admin: slicer
	    vnodes:
	      v: { run: sleep 999 }
	YAML
	run egrectl_on node1 topo apply "$TEST_TMP/adm.yaml"
	check_eq "$rc" 0 "apply: exit status ($err)"
	check_match "$(egrectl slice list)" "${_prefix}blue.v userns 1000 " "the administrator"
	for pid in $(ip netns pids "${_prefix}blue.v"); do
		grep -q 'sleep 999' "/proc/$pid/cmdline" 2>/dev/null && break
	done
	check_match "$(tr '\0' ' ' <"/proc/$pid/cmdline")" "sleep 999" "the command"
	# the slice's administrator runs it, in the slice's user namespace
	check_eq "$(awk '/^Uid:/ { print $2 }' "/proc/$pid/status")" 1000 "its uid on the node"
	check egrectl_on node1 topo destroy "$TEST_TMP/adm.yaml" >/dev/null
	check_eq "$(ip netns list | grep -c "^${_prefix}blue" || true)" 0 "namespaces left"
}
test_case "a slice with an administrator: its commands run as the administrator" administered

past_failure() {
	write_file
	apply node1
	check_eq "$rc" 0 "apply on node1 ($err)"
	# a second mount on b's name: destroy can unmount one, not remove the name
	mount --bind "/run/netns/$S.b" "/run/netns/$S.b"
	run egrectl_on node1 topo destroy "$F"
	echo "$err"
	check_eq "$rc" 2 "destroy past a failure: exit status"
	check_match "$err" "namespace $S\.b: remove /run/netns/$S\.b: " "the failure named"
	check_match "$err" "topo destroy: vnode $S\.b failed" "the step named"
	check_eq "$(ip netns list | awk '{ print $1 }' | grep "^$S\.[ab]$" | tr '\n' ' ')" "$S.b " \
		"node1's namespaces left: b's, whose name would not go"
	check_eq "$(n node1 ip -o link show | awk -F': ' '{ sub(/@.*/, "", $2); print $2 }' |
		made_devices)" "lo u1 " "node1's devices"
	check_eq "$(cmdlines | grep -c '[s]leep 1000' || true)" 0 "a's process ended all the same"
	check_eq "$(ls /run/trellis/topo/ | grep -c "^${_prefix}lab@n1\.\(yaml\|ids\)$")" 2 "the record kept"
	# run again, destroy removes what is left
	run egrectl_on node1 topo destroy "$F"
	check_eq "$rc" 0 "destroy again ($err)"
	check_eq "$err" "" "destroy again: nothing to say of what is gone already"
	check_eq "$(ip netns list | awk '{ print $1 }' | grep -c "^$S\.[ab]$" || true)" 0 "node1's namespaces left"
	check_eq "$(ls /run/trellis/topo/ | grep -c "^${_prefix}lab@n1\.\(yaml\|ids\)$" || true)" 0 "records left"
}
test_case "destroy goes on past a failure, exits 2 and keeps the record; run again, it removes the rest" past_failure

# egrectl_on with at most 150 file descriptors
few_fds() { (ulimit -n 150 && egrectl_on "$@"); }

more_namespaces_than_fds() {
	local f=$TEST_TMP/many.yaml k
	{
		echo "name: ${_prefix}many"
		echo "nodes: { n1: { underlay: 10.0.0.1 } }"
		echo "slices:"
		echo "  ${_prefix}m:"
		echo "    vnodes:"
		for k in $(seq 0 59); do
			echo "      a$k: { interfaces: { e0: 10.9.$k.1/30 } }"
			echo "      b$k: { interfaces: { e0: 10.9.$k.2/30 } }"
		done
		echo "    links:"
		for k in $(seq 0 59); do
			echo "      l$k: { ends: [a$k:e0, b$k:e0] }"
		done
	} >"$f"
	run few_fds node1 topo apply "$f"
	check_eq "$rc" 0 "apply of 120 virtual nodes with 150 descriptors ($err)"
	check_eq "$(ip netns list | grep -c "^${_prefix}m\.")" 120 "the namespaces"
	check ip netns exec "${_prefix}m.a0" ping -c 1 -W 2 10.9.0.2 >/dev/null
	check ip netns exec "${_prefix}m.a59" ping -c 1 -W 2 10.9.59.2 >/dev/null
	run few_fds node1 topo apply "$f"
	check_eq "$out" "0 changes" "applied again"
	run few_fds node1 topo destroy "$f"
	check_eq "$rc" 0 "destroy ($err)"
	check_eq "$(ip netns list | grep -c "^${_prefix}m\." || true)" 0 "namespaces left"
}
test_case "a file of more namespaces than the process may hold descriptors: apply, again, destroy" \
	more_namespaces_than_fds

which_node() {
	local f=$TEST_TMP/which.yaml
	printf 'name: %swhich\nnodes:\n  x: { underlay: 192.0.2.77 }\nslices: {}\n' "$_prefix" >"$f"
	run egrectl_on node1 topo diff "$f"
	check_eq "$rc" 1 "no node here: exit status"
	check_eq "$err" "egrectl: topo: no node's underlay address of $f is configured here: give node NAME" \
		"no node here"
	# an IPv6 underlay address is found too
	printf 'name: %swhich\nnodes:\n  x: { underlay: 10.0.0.9 }\n  y: { underlay: "fd00::1" }\nslices: {}\n' \
		"$_prefix" >"$f"
	run egrectl_on node1 topo diff "$f"
	check_eq "$rc" 0 "node y, by its IPv6 address ($err)"
	printf 'name: %swhich\nnodes:\n  x: { underlay: 10.0.0.1 }\n  y: { underlay: "fd00::1" }\nslices: {}\n' \
		"$_prefix" >"$f"
	run egrectl_on node1 topo diff "$f"
	check_eq "$rc" 1 "two nodes here: exit status"
	check_eq "$err" "egrectl: topo: the underlay addresses of nodes x and y are both here: give node NAME" \
		"two nodes here"
	run egrectl_on node1 topo diff "$f" node y
	check_eq "$rc" 0 "two nodes here, one named ($err)"
}
test_case "which node this is: the one whose underlay address is here, IPv4 or IPv6; none or two is an error" \
	which_node

destroyed() {
	local devs
	write_file
	apply node1
	apply node2
	devs=$(n node1 ip -o link show | awk -F': ' '{ sub(/@.*/, "", $2); print $2 }' | sort | tr '\n' ' ')
	check_match "$devs" "tr[0-9a-f]{8}" "an egre link on node1"
	run egrectl_on node1 topo destroy "$F"
	echo "$out"
	check_eq "$rc" 0 "destroy on node1 ($err)"
	run egrectl_on node2 topo destroy "$F"
	check_eq "$rc" 0 "destroy on node2 ($err)"
	check_eq "$(ip netns list | awk '{ print $1 }' | grep -c "^$S\.")" 0 "namespaces left"
	check_eq "$(n node1 ip -o link show | awk -F': ' '{ sub(/@.*/, "", $2); print $2 }' |
		made_devices)" "lo u1 " "node1's devices"
	check_eq "$(n node2 ip -o link show | awk -F': ' '{ sub(/@.*/, "", $2); print $2 }' |
		made_devices)" "lo u2 " "node2's devices"
	check_eq "$(cmdlines | grep -c '[s]leep 1000' || true)" 0 "processes left"
	check_eq "$(ls /run/trellis/topo/ | grep -c "^${_prefix}lab@.*\.\(yaml\|ids\)$" || true)" 0 "records left"
	run egrectl_on node1 topo destroy "$F"
	check_eq "$out" "0 changes" "a second destroy"
}
test_case "destroy on each node leaves nothing: namespaces, devices, processes, records" destroyed

test_done
