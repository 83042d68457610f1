#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# EGRE links over their whole life, at scale and under load: a thousand
# links made and deleted ten times; links and whole node namespaces deleted
# while traffic flows; the module unloaded with links up and busy; remote and
# key changed live under a ping flood. Nothing may leak: device counts come
# back exactly, slab objects within a bound that one leaked object per link
# would break. The rig fails the run on any kernel WARN/BUG/KASAN report.
#
#   [ churn ]  d0 10.0.0.1/24 ===== veth ===== lc-churn [ root ]
#              l1..lN egre local 10.0.0.1 remote 10.0.0.2 key 1..N
#
#   [ node1 ]                                              [ node2 ]
#     r0 == veth == lc-node1 [ root ]               r0 == veth == lc-node2 [ root ]
#     egK 192.168.K.1/24 ------------ key 100+K ---- egK 192.168.K.2/24
#     ua1 10.0.0.1/24 ================ veth ================ ua2 10.0.0.2/24
#     ub1 10.0.1.1/24 ================ veth ================ ub2 10.0.1.2/24
#
# Scale (environment), for the debug kernel, which is about five times slower:
#   LIFECYCLE_LINKS=1000   links made and deleted per cycle
#   LIFECYCLE_CYCLES=10    cycles
#   LIFECYCLE_DELS=20      of each cycle's links, how many are deleted one by
#                          one with egrectl link del (each waits for RCU
#                          grace periods, about 45ms in the VM); the rest go
#                          in one batch, by deleting their namespace or by
#                          unloading the module
#   LIFECYCLE_TRACE=1      trace every command into the console log
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"

# LIFECYCLE_TRACE=1: each command of the cases into the kernel log (the
# console), to see where a slow or hung case is
if [ -n "${LIFECYCLE_TRACE:-}" ]; then
	echo on >/proc/sys/kernel/printk_devkmsg
	exec 9>/dev/kmsg
	BASH_XTRACEFD=9
	set -x
fi

links=${LIFECYCLE_LINKS:-1000}
cycles=${LIFECYCLE_CYCLES:-10}
dels=${LIFECYCLE_DELS:-20}
[ "$dels" -le "$links" ] || dels=$links
module=/trellis/trellis.ko
ping=/usr/bin/ping	# iputils (it floods); busybox's has no -f
. "$here/../leaks.sh"

# The suite expects trellis loaded afterwards, whatever failed.
ensure_loaded() { [ -d /sys/module/trellis ] || insmod $module; }
on_exit ensure_loaded

# --- 1,000 links, ten times -------------------------------------------------

# The links' namespace. Its veth peer in the root namespace goes in the same
# batch as the links when the namespace is deleted: once the peer is gone, so
# are the links. $churn_base: its devices without links (lo, d0, and the
# fallback devices of tunnel modules an earlier test loaded).
churn_ns() {
	ns_add churn
	ip link add lc-churn type veth peer name d0 netns "$(ns_name churn)"
	n churn ip addr add 10.0.0.1/24 dev d0
	n churn ip link set d0 up
	churn_base=$(churn_devices)
}

churn_devices() { n churn ip -o link show | wc -l; }

links_made_and_deleted() {
	local c k t add_s del_s how root_before line objs kb churn_base bad=
	for k in $(seq "$links"); do
		echo "link add l$k type egre local 10.0.0.1 remote 10.0.0.2 key $k"
	done >"$TEST_TMP/add"
	for k in $(seq "$dels"); do echo "link del l$k"; done >"$TEST_TMP/del"

	root_before=$(root_devices)
	slab_snapshot "$TEST_TMP/slab.0"
	churn_ns
	for c in $(seq "$cycles"); do
		t=$(uptime_s)
		check n churn egrectl -batch "$TEST_TMP/add"
		check_eq "$(n churn egrectl -j info | jq .links)" "$links" "cycle $c: links made"
		check_eq "$(churn_devices)" $((churn_base + links)) "cycle $c: devices"
		add_s=$(since "$t")
		t=$(uptime_s)
		check n churn egrectl -batch "$TEST_TMP/del"
		check_eq "$(n churn egrectl -j info | jq .links)" $((links - dels)) \
			"cycle $c: links after egrectl link del"
		# the rest: every other cycle with the module, else with the netns
		if [ $((c % 2)) = 1 ]; then
			how="rmmod"
			check rmmod trellis
			check_eq "$(churn_devices)" "$churn_base" "cycle $c: devices after rmmod"
			check insmod $module
		else
			how="netns delete"
			ns_del churn
			wait_gone - lc-churn
			churn_ns
		fi
		del_s=$(since "$t")
		note "cycle $c: $links links made in ${add_s}s;" \
			"deleted ($dels by egrectl link del, the rest by $how) in ${del_s}s"
		# the first cycle grows what is sized once (per-cpu chunks, tables,
		# about 1.5 MB): leaks are counted from after it
		[ "$c" = 1 ] && slab_snapshot "$TEST_TMP/slab.1"
	done
	# as after cycle 1: churn there, without links
	slab_snapshot "$TEST_TMP/slab.end"
	ns_del churn
	wait_gone - lc-churn
	check_eq "$(root_devices)" "$root_before" "devices in the root namespace"
	check_eq "$(egrectl -j info | jq .links)" 0 "links in the root namespace"
	slab_snapshot "$TEST_TMP/slab.final"
	[ "$cycles" -gt 1 ] || return 0
	# One object leaked per link per cycle would be links * (cycles - 1)
	# objects, of at least 32 bytes; a run of ten cycles grew the busiest
	# cache by a few hundred objects, SUnreclaim by less than 200 kB and
	# Percpu not at all.
	objs=$((links * (cycles - 1) / 2))
	kb=$((links * (cycles - 1) * 32 / 1024))
	[ "$objs" -ge 1000 ] || objs=1000
	[ "$kb" -ge 512 ] || kb=512
	slab_compare "$TEST_TMP/slab.1" "$TEST_TMP/slab.end" "$objs" "$kb" \
		>"$TEST_TMP/slab.diff" || bad=1
	while read -r line; do note "$line"; done <"$TEST_TMP/slab.diff"
	# from before the first cycle, for the record: what is sized once
	slab_compare "$TEST_TMP/slab.0" "$TEST_TMP/slab.final" 1000000 1000000 |
		sed -n 's/ (limit [0-9]*)//; s/\(SUnreclaim\|Percpu\|VmallocUsed\)/\1 since before cycle 1:/p' |
		while read -r line; do note "$line"; done
	[ -z "$bad" ] || _fail "slab grew over $((cycles - 1)) cycles of $links links"
}

test_case "$links links made and deleted $cycles times: nothing leaks" timed links_made_and_deleted

# --- two nodes and traffic --------------------------------------------------

# nodes_up K: node1 and node2 (made afresh) joined by veth ua (10.0.0.x)
# and ub (10.0.1.x), with K egre pairs egK over ua, up and addressed; a veth
# from each to the root namespace (lc-node1, lc-node2) shows when it is gone.
nodes_up() {
	local k ns
	for ns in node1 node2; do
		ip netns del "$(ns_name $ns)" 2>/dev/null || true
		wait_gone - lc-$ns
		ns_add $ns
		# gone when the namespace's devices are: it has been cleaned up
		ip link add lc-$ns type veth peer name r0 netns "$(ns_name $ns)"
	done
	for k in a b; do
		ip link add u${k}1 netns "$(ns_name node1)" type veth \
			peer name u${k}2 netns "$(ns_name node2)"
	done
	n node1 ip addr add 10.0.0.1/24 dev ua1
	n node2 ip addr add 10.0.0.2/24 dev ua2
	n node1 ip addr add 10.0.1.1/24 dev ub1
	n node2 ip addr add 10.0.1.2/24 dev ub2
	for k in a b; do
		n node1 ip link set u${k}1 up
		n node2 ip link set u${k}2 up
	done
	# one egrectl and one ip for each side: processes are slow in the VM
	for k in $(seq "$1"); do
		echo "link add eg$k type egre local 10.0.0.1 remote 10.0.0.2 key $((100 + k))"
	done | n node1 egrectl -b -
	for k in $(seq "$1"); do
		echo "link add eg$k type egre local 10.0.0.2 remote 10.0.0.1 key $((100 + k))"
	done | n node2 egrectl -b -
	for ns in 1 2; do
		for k in $(seq "$1"); do
			echo "addr add 192.168.$k.$ns/24 dev eg$k"
			echo "link set eg$k up"
		done | n node$ns ip -batch -
	done
}


# pktgen_on NS DEV DST_IP PEER_NS THREAD: pktgen sends from DEV in NS to the
# same device name in PEER_NS, 5k packets a second: a delay under 100us
# spins and starves the VM. THREAD is the pktgen thread (the CPU); on a VM
# with fewer CPUs, the last one. pktgen_start NS: until the case's traffic
# stops (the process that started it waits in NS; its end stops pktgen) or
# the device goes.
pktgen_on() {
	local mac thread=$5
	mac=$(n "$4" cat "/sys/class/net/$2/address")
	[ "$thread" -lt "$(nproc)" ] || thread=$(($(nproc) - 1))
	n "$1" bash -c "cd /proc/net/pktgen &&
		echo 'add_device $2' >kpktgend_$thread &&
		for cmd in 'count 0' 'pkt_size 200' 'delay 200000' 'dst $3' 'dst_mac $mac'; do
			echo \"\$cmd\" >$2
		done"
}
pktgen_start() { in_bg "$1" bash -c 'echo start >/proc/net/pktgen/pgctrl'; }

rx_packets() { n "$1" cat "/sys/class/net/$2/statistics/rx_packets"; }
tx_packets() { n "$1" cat "/sys/class/net/$2/statistics/tx_packets"; }

# flowing NS DEV: DEV in NS receives packets (over a second).
flowing() {
	local before after
	before=$(rx_packets "$1" "$2")
	sleep 1
	after=$(rx_packets "$1" "$2")
	[ "$after" -gt $((before + 10)) ] ||
		_fail "no traffic into $2 in $1 (rx_packets $before, then $after)"
}

# node2 sends to node1 with pktgen on eg1 and eg3 and floods it with pings
# on eg2 and eg3, which node1 answers. Links go on both sides: one pktgen
# sends on, one a flood comes in on, one a flood goes out on. Then node1,
# where no process runs, is deleted (and destroyed) while traffic still
# comes in on eg3 and it answers; then node2, with its senders running.
deleted_under_traffic() {
	local netns_before root_before
	trap stop_traffic EXIT
	ensure_loaded
	check modprobe pktgen
	root_before=$(root_devices)
	netns_before=$(netns_objects)
	nodes_up 3
	pktgen_on node2 eg1 192.168.1.1 node1 0
	pktgen_on node2 eg3 192.168.3.1 node1 1
	pktgen_start node2
	flood node2 192.168.2.1
	flood node2 192.168.3.1
	flowing node1 eg1
	flowing node1 eg2

	check n node2 egrectl link del eg1
	check n node1 egrectl link del eg2
	check n node2 egrectl link del eg2
	flowing node1 eg3
	flowing node2 eg3
	check_eq "$(n node1 egrectl -j info | jq .links)" 2 "node1 links"

	ns_del node1
	wait_gone - lc-node1
	check_fail n node2 ip link show ua2
	check_eq "$(n node2 egrectl -j info | jq .links)" 1 "node2 links"

	# node2 goes when its senders stop
	ns_del node2
	stop_traffic
	wait_gone - lc-node2
	wait_netns_objects $((netns_before + 1))
	check_eq "$(root_devices)" "$root_before" "devices in the root namespace"
	check_eq "$(egrectl -j info | jq .links)" 0 "links in the root namespace"
}
test_case "links and node namespaces deleted under traffic" timed deleted_under_traffic

#   node2 floods node1 eg1, node1 floods node2 eg2, pktgen node1 eg2 -> node2
unload_under_traffic() {
	local root_before ns
	trap stop_traffic EXIT
	ensure_loaded
	check modprobe pktgen
	nodes_up 2
	pktgen_on node1 eg2 192.168.2.2 node2 0
	pktgen_start node1
	flood node2 192.168.1.1
	flood node1 192.168.2.2
	flowing node1 eg1
	flowing node2 eg2

	root_before=$(root_devices)
	check rmmod trellis
	check_fail test -e /sys/module/trellis
	for ns in node1 node2; do
		check_eq "$(n $ns ip -o link show | grep -c ' eg[0-9]')" 0 "egre devices left in $ns"
	done
	check_eq "$(root_devices)" "$root_before" "devices in the root namespace"
	stop_traffic

	# reloaded, it serves the same namespaces again
	check insmod $module
	for ns in 1 2; do
		n node$ns egrectl link add eg1 type egre local 10.0.0.$ns remote 10.0.0.$((3 - ns)) key 1
		n node$ns ip addr add "192.168.1.$ns/24" dev eg1
		n node$ns ip link set eg1 up
	done
	check n node1 $ping -c 2 -W 2 192.168.1.2
	ns_del node1
	ns_del node2
}
test_case "module unloaded with links up and busy, then reloaded" timed unload_under_traffic

# eg1 moves between ua and ub, both ends, with a new key each time, while
# node1 floods node2 with pings through it.
live_change_under_flood() {
	local i p key sent got ua_before ub_before
	trap stop_traffic EXIT
	ensure_loaded
	nodes_up 1
	check n node1 $ping -c 1 -W 2 192.168.1.2
	in_bg node1 $ping -f -q 192.168.1.2 >"$TEST_TMP/flood" 2>&1
	sleep 1
	# both ends move between the underlay paths a and b, with a new key
	# each time; the last move is to path b
	for i in $(seq 10); do
		p=$(( i % 2 ))	# 0: path b (10.0.1.x), 1: path a (10.0.0.x)
		key=$((1000 + i))
		check n node1 egrectl link set eg1 local "10.0.$((1 - p)).1" \
			remote "10.0.$((1 - p)).2" key $key
		check n node2 egrectl link set eg1 local "10.0.$((1 - p)).2" \
			remote "10.0.$((1 - p)).1" key $key
		sleep 0.3
	done
	sleep 1
	kill -INT "${traffic[0]}"
	wait "${traffic[0]}" || true
	traffic=()
	sent=$(sed -n 's/^\([0-9]*\) packets transmitted.*/\1/p' "$TEST_TMP/flood")
	got=$(sed -n 's/.* \([0-9]*\) received.*/\1/p' "$TEST_TMP/flood")
	note "live change: ping -f sent ${sent:-?}, got ${got:-?} back over 10 changes"
	[ "${got:-0}" -gt 0 ] || _fail "flood: $(cat "$TEST_TMP/flood")"

	# traffic resumes, and on path b only
	for i in $(seq 10); do
		n node1 $ping -c 1 -W 1 192.168.1.2 >/dev/null && break
	done
	ua_before=$(tx_packets node1 ua1)
	ub_before=$(tx_packets node1 ub1)
	check n node1 $ping -c 50 -i 0.01 -W 2 192.168.1.2 >"$TEST_TMP/ping"
	check_match "$(cat "$TEST_TMP/ping")" " 50 received" "ping after the changes"
	[ "$(tx_packets node1 ub1)" -ge $((ub_before + 50)) ] ||
		_fail "path b carried $(($(tx_packets node1 ub1) - ub_before)) packets, want 50"
	[ "$(tx_packets node1 ua1)" -lt $((ua_before + 10)) ] ||
		_fail "path a still carried $(($(tx_packets node1 ua1) - ua_before)) packets"
	check_eq "$(n node1 egrectl -j link show eg1 | jq -r '.[0].remote')" 10.0.1.2 "remote"
	check_eq "$(n node2 egrectl -j link show eg1 | jq '.[0].ikey')" 1010 "key"
	ns_del node1
	ns_del node2
}
test_case "remote and key changed live under a ping flood: traffic resumes on the new path" \
	timed live_change_under_flood

test_done
