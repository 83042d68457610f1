#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# One topology file on three physical nodes (run on the host, by
# selftests/check): three VMs on one virtual Ethernet segment, each running
# nodes/guest.sh as its node; their cases are imported as this test's own.
#
#   [ VM n1 ] eth0 --+
#   [ VM n2 ] eth0 --+-- one segment (vm/run-nodes: the host's multicast)
#   [ VM n3 ] eth0 --+
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$here/../lib.sh"

vm=(--smp 1 --timeout 900)
[ -n "${RIG_DEBUG_KERNEL:-}" ] && vm+=(--kernel "$RIG_DEBUG_KERNEL" --timeout 2400)

"$root/selftests/vm/run-nodes" --name nodes 3 "${vm[@]}" -- bash nodes/guest.sh '{}' \
	>"$TEST_TMP/guests.tap" 2>"$TEST_TMP/nodes.err"
nodes_rc=$?
cat "$TEST_TMP/nodes.err" >&2

if [ "$nodes_rc" = 98 ]; then
	test_skip "three nodes on one segment" "$(tail -n1 "$TEST_TMP/nodes.err")"
	test_done
	exit
fi
test_import "$TEST_TMP/guests.tap"

# Beyond the guests' own cases: no kernel report, no boot failure, and
# every case of every node reported (one that died early says nothing).
vms_clean() {
	cat "$TEST_TMP/nodes.err"
	[ "$nodes_rc" != 99 ]
}
test_case "the three VMs booted, ran and ended with no kernel report" vms_clean
all_reported() {
	check_eq "$(grep -cE '^(not )?ok [0-9]+ n[123]: ' "$TEST_TMP/guests.tap")" 15 \
		"cases reported, five a node"
}
test_case "every node reported all of its cases" all_reported
test_done
