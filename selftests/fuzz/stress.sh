#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Concurrency stress: several processes at once make, change and delete
# the same pool of egre links, bindings, fast slice interfaces, pairs and
# slices on node1, delete slice namespaces outright, delete node1 itself,
# and unload and reload the module, while node2 floods every link. Any
# command may fail (its object is gone, or the module is); the kernel must
# not crash or WARN (the VM rig fails the run), and afterwards devices,
# namespaces, slab and the module's state must be back at their baseline
# and the module must unload cleanly.
#
#   [ slices sa..sd ]               [ node1 ]                [ node2 ]
#    fK 192.168.K.1 --(slK)------ egK (K = 1..6) ===u1==u2=== egK 192.168.K.2
#    wK 192.168.K.1 --veth-- vK  -(binding bK)-'                 ping -f 192.168.K.1
#    pP 192.168.10P.1/.2 (pairs between slices)
#
#   workers: links x2 (add/set key,remote,mtu,encap/up/down/del)
#            bindings, fast interfaces and pairs, slices (add/del/netns del)
#            module (rmmod/insmod) and node1 (netns del, made again)
#            traffic (node2 floods each link; pairs ping)
#
# Environment: FUZZ_STRESS_ROUNDS (default 30: operations per worker),
# FUZZ_STRESS_SEED (default drawn, printed: the workers' $RANDOM seeds; the
# interleaving is the scheduler's, so a seed replays the operations only).
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
ping=/usr/bin/ping
. "$here/../leaks.sh"

rounds=${FUZZ_STRESS_ROUNDS:-30}
seed=${FUZZ_STRESS_SEED:-$((RANDOM * 32768 + RANDOM))}
module=/trellis/trellis.ko
slices=(sa sb sc sd)
ensure_loaded() { [ -d /sys/module/trellis ] || insmod $module; }
on_exit ensure_loaded

# The six links of the pool, by number: the words after "type egre".
link_spec() {
	local a=10.0.0.$1 b=10.0.0.$2
	case $3 in
	1 | 2) echo "local $a remote $b key $3" ;;
	3) echo "local $a remote $b key 3 encap udp" ;;
	4) echo "local fd00::$1 remote fd00::$2 key 4" ;;
	5) echo "local fd00::$1 remote fd00::$2 key 5 encap udp" ;;
	6) echo "local $a remote $b key 6 csum seq" ;;
	esac
}

# node2's side: every link, up, with its address (again after a reload).
node2_links() {
	local k
	for k in 1 2 3 4 5 6; do
		egrectl -n "$N2" link add eg$k type egre $(link_spec 2 1 $k)
		ip -n "$N2" addr add 192.168.$k.2/24 dev eg$k
		ip -n "$N2" link set eg$k up
	done >/dev/null 2>&1
	return 0
}

# node1 made again, with its underlay to node2.
node1_again() {
	ns_del node1 2>/dev/null
	ns_add node1
	n node2 ip link del u2 2>/dev/null
	ip link add u1 netns "$(ns_name node1)" type veth peer name u2 netns "$(ns_name node2)"
	n node1 ip addr add 10.0.0.1/24 dev u1
	n node1 ip addr add fd00::1/64 dev u1 nodad
	n node2 ip addr add 10.0.0.2/24 dev u2
	n node2 ip addr add fd00::2/64 dev u2 nodad
	n node1 ip link set u1 up
	n node2 ip link set u2 up
}

# ip and egrectl in node1 and node2 without ip netns exec's mount
# namespace and sysfs: the workers spend their time on these.
N1=$(ns_name node1) N2=$(ns_name node2)
ip1() { ip -n "$N1" "$@"; }
eg1() { egrectl -n "$N1" "$@"; }

# q CMD...: CMD, quietly; it may fail (its object is gone, or the module).
# A worker's successes are counted in $ok.
ok=0
q() { if "$@" >/dev/null 2>&1; then ok=$((ok + 1)); fi; }
pick() { shift $((RANDOM % $# )); echo "$1"; }
slice() { ns_name "$(pick "${slices[@]}")"; }

# --- the workers: each runs $1 operations, all failures ignored -------------

links_worker() {
	local i k
	for ((i = 0; i < $1; i++)); do
		k=$((RANDOM % 6 + 1))
		case $((RANDOM % 9)) in
		0 | 1) q eg1 link add eg$k type egre $(link_spec 1 2 $k)
		   q ip1 link set eg$k up ;;
		2) q eg1 link set eg$k key $((k + RANDOM % 2 * 100)) ;;
		3) q eg1 link set eg$k remote 10.0.0.$((2 + RANDOM % 2)) ;;
		4) q eg1 link set eg$k mtu $((1280 + RANDOM % 200)) ;;
		5) q eg1 link set eg$k encap "$(pick gre udp)" ;;
		6) q ip1 link set eg$k "$(pick up down)" ;;
		7) q eg1 link del eg$k ;;
		8) q ip1 link del eg$k ;;
		esac
	done
}

bindings_worker() {
	local i k s
	for ((i = 0; i < $1; i++)); do
		k=$((RANDOM % 6 + 1))
		s=$(slice)
		case $((RANDOM % 4)) in
		0) q ip1 link add v$k type veth peer name w$k netns "$s"
		   q ip -n "$s" addr add 192.168.$k.1/24 dev w$k
		   q ip -n "$s" link set w$k up
		   q ip1 link set v$k up
		   q eg1 shortbridge add b$k port eg$k port v$k ;;
		1) q eg1 shortbridge add b$k port v$k port eg$k ;;
		2) q eg1 shortbridge del b$k ;;
		3) q ip1 link del v$k ;;
		esac
	done
}

fast_worker() {
	local i k s t
	for ((i = 0; i < $1; i++)); do
		k=$((RANDOM % 6 + 1))
		s=$(slice)
		t=$(slice)
		case $((RANDOM % 5)) in
		0 | 1) q eg1 link add sl$k type shortbridge slice "$s" ifname f$k link eg$k
		   q ip -n "$s" addr add 192.168.$k.1/24 dev f$k
		   q ip -n "$s" link set f$k up ;;
		2) q eg1 link add p$k type shortbridge slice "$s" ifname p$k \
			peer-slice "$t" peer-ifname q$k
		   q ip -n "$s" addr add 192.168.10$k.1/24 dev p$k
		   q ip -n "$t" addr add 192.168.10$k.2/24 dev q$k
		   q ip -n "$s" link set p$k up
		   q ip -n "$t" link set q$k up
		   q nsenter --net="/run/netns/$s" $ping -c 20 -i 0.01 -W 1 192.168.10$k.2 ;;
		3) q eg1 link del sl$k ;;
		4) q eg1 link del p$k ;;
		esac
	done
}

slices_worker() {
	local i s
	for ((i = 0; i < $1; i++)); do
		s=$(slice)
		case $((RANDOM % 3)) in
		0) q egrectl slice add "$s" ;;
		1) q egrectl slice del "$s" ;;
		2) q ip netns del "$s" ;;
		esac
	done
}

# A tenth as many operations: each takes the whole pool with it.
module_worker() {
	local i
	for ((i = 0; i < $1 / 10 + 1; i++)); do
		sleep 0.$((RANDOM % 10))
		if ((RANDOM % 2)); then
			q rmmod trellis
			q insmod $module
			node2_links
		else
			q node1_again
		fi
	done
}

traffic_worker() {
	local i k
	for ((i = 0; i < $1; i++)); do
		for k in 1 2 3 4 5 6; do
			q nsenter --net="/run/netns/$N2" $ping -f -c 50 -w 1 192.168.$k.1 &
		done
		wait
	done
}

# stress ROUNDS: every worker at once, until all are done.
stress() {
	local w pids=() k=0
	for w in links links bindings fast slices module traffic; do
		k=$((k + 1))
		(set +e; RANDOM=$((seed + k)); ${w}_worker "$1"
		 echo "$w $ok" >>"$TEST_TMP/succeeded") &
		pids+=($!)
	done
	wait "${pids[@]}" || true
}

# Everything of the stress deleted: slices, nodes; the module loaded.
teardown() {
	local s
	ensure_loaded
	for s in "${slices[@]}"; do q egrectl slice del "$(ns_name $s)"; done
	for s in "${slices[@]}"; do q ns_del $s; done
	q ns_del node1
	q ns_del node2
	return 0
}

setup() {
	two_nodes_underlay
	node2_links
}

# The module's own state in the root namespace, and what it lists there.
module_state() {
	echo "links $(egrectl -j info | jq .links)"
	echo "link show $(egrectl -j link show | jq length)"
	echo "bindings $(egrectl -j shortbridge show | jq length)"
	echo "slices $(egrectl -j slice list | jq length)"
}

stress_round() {
	local t netns_before devices_before line
	netns_before=$(netns_objects)
	# a short round first, so that what the first objects allocate for
	# good is in the baseline
	setup
	stress $((rounds / 10 + 2))
	teardown
	: >"$TEST_TMP/succeeded"
	wait_netns_objects $((netns_before + 1))
	devices_before=$(root_devices)
	module_state >"$TEST_TMP/state.before"
	slab_snapshot "$TEST_TMP/slab.before"

	note "stress: $rounds operations per worker, seed $seed (FUZZ_STRESS_SEED=$seed)"
	t=$(uptime_s)
	setup
	stress "$rounds"
	note "stress: the workers took $(since "$t")s; commands that succeeded:" \
		"$(sort "$TEST_TMP/succeeded" | tr '\n' ' ')"
	# a worker none of whose commands worked tested nothing
	awk '$1 != "traffic" && $2 == 0 { print "worker " $1 ": no command succeeded"; bad = 1 }
		END { exit bad }' "$TEST_TMP/succeeded"
	teardown

	wait_netns_objects $((netns_before + 1))
	check_eq "$(root_devices)" "$devices_before" "devices in the root namespace"
	module_state >"$TEST_TMP/state.after"
	check diff "$TEST_TMP/state.before" "$TEST_TMP/state.after"
	slab_snapshot "$TEST_TMP/slab.after"
	slab_compare "$TEST_TMP/slab.before" "$TEST_TMP/slab.after" 2000 2048 >"$TEST_TMP/slab.diff" ||
		{ cat "$TEST_TMP/slab.diff"; _fail "slab grew over the stress"; }
	while read -r line; do note "stress: $line"; done <"$TEST_TMP/slab.diff"
}
test_case "links, bindings, slices, namespaces and the module at once: nothing left" \
	timed stress_round

# The module unloads cleanly after it all (dying namespaces may hold it a
# moment), and loads again for the tests after this one.
unloads_cleanly() {
	local i
	for i in $(seq 50); do
		rmmod trellis 2>/dev/null && break
		sleep 0.2
	done
	check_fail test -e /sys/module/trellis
	check insmod $module
	check egrectl info >/dev/null
}
test_case "the module unloads cleanly afterwards, and loads again" unloads_cleanly
test_done
