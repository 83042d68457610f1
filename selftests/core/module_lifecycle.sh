#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# trellis.ko loads and unloads cleanly, 20 times over, with network
# namespaces made and destroyed in between, and leaves nothing behind.
#
#   loop 20x:  rmmod trellis -> ip netns add cycleN-1..5 -> insmod trellis
#              -> egrectl info inside cycleN-1 -> ip netns del cycleN-1..5
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"

module=/trellis/trellis.ko
loaded() { [ -d /sys/module/trellis ]; }
ensure_loaded() { loaded || insmod $module; }
on_exit ensure_loaded

# Active net_namespace objects (the VM boots with slab_nomerge). SLUB counts
# whole per-cpu slabs as active, so this moves in steps of a few objects:
# the test makes 100 namespaces so that a leak of one each stands out.
netns_objects() { awk '$1 == "net_namespace" { print $2 }' /proc/slabinfo; }

load_unload_20_times() {
	local i j before after cookie root_cookie
	ensure_loaded
	root_cookie=$(egrectl -j info | jq .netns_cookie)
	before=$(netns_objects)
	for i in $(seq 20); do
		check rmmod trellis
		check_fail loaded
		for j in 1 2 3 4 5; do ns_add "cycle$i-$j"; done
		check insmod $module
		# namespaces that existed before the load got their state too
		cookie=$(n "cycle$i-1" egrectl -j info | jq .netns_cookie)
		[ -n "$cookie" ] && [ "$cookie" != "$root_cookie" ] ||
			_fail "cycle $i: no per-netns state in cycle$i-1"
		for j in 1 2 3 4 5; do ns_del "cycle$i-$j"; done
	done
	check egrectl info
	# namespaces are freed by a workqueue: give it time, then compare
	for i in $(seq 50); do
		after=$(netns_objects)
		[ "$after" -lt $((before + 50)) ] && break
		sleep 0.2
	done
	[ "$after" -lt $((before + 50)) ] ||
		_fail "net_namespace objects: $before before, $after after 100 namespaces"
}

unload_with_namespaces_alive() {
	ensure_loaded
	ns_add alive1
	ns_add alive2
	check n alive1 egrectl info
	check rmmod trellis
	check_fail loaded
	ns_del alive1
	check insmod $module
	check n alive2 egrectl info
	ns_del alive2
}

nothing_left_after_unload() {
	ensure_loaded
	check rmmod trellis
	check_fail test -e /sys/module/trellis
	check_fail grep -q '^trellis ' /proc/modules
	# the generic netlink family is gone with it
	set +e
	egrectl info 2>"$TEST_TMP/err"
	check_eq "$?" 2 "egrectl info after unload"
	set -e
	check grep -q "kernel module is not loaded" "$TEST_TMP/err"
	check insmod $module
	check egrectl info
}

test_case "load and unload 20 times with namespaces in between" load_unload_20_times
test_case "unload while namespaces exist, reload, use them" unload_with_namespaces_alive
test_case "nothing is left behind after unload" nothing_left_after_unload
test_done
