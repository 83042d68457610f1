#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The VM rig's own tests, run on the host: a run must fail, with the reason,
# when the kernel warns or oopses, when the boot does not finish and when the
# command hangs, even though the command itself exits 0; and a command's own
# status must come through. On the debug kernel (RIG_DEBUG_KERNEL set) a
# planted use-after-free and a planted leak must fail the run as well.
#
#   host -- selftests/vm/run -- [ VM: insmod trellis_fault.ko fault=X; true ]
#
# The planted faults live in selftests/fault/trellis_fault.ko, a test-only
# module that is never installed.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"

run=$here/../vm/run
kernel_args=()
[ -n "${RIG_DEBUG_KERNEL:-}" ] && kernel_args=(--kernel "$RIG_DEBUG_KERNEL")

# vm_expect RC REASON [run options] -- CMD: the rig exits RC and says REASON.
vm_expect() {
	local want_rc=$1 want_reason=$2 rc
	shift 2
	rc=0
	"$run" --quiet --name rig "${kernel_args[@]}" "$@" 2>"$TEST_TMP/err" || rc=$?
	cat "$TEST_TMP/err"
	check_eq "$rc" "$want_rc" "rig exit status"
	grep -Eq -- "$want_reason" "$TEST_TMP/err" || _fail "rig did not say /$want_reason/"
}

# planted FAULT REASON FUNCTION: insmod the fault module, whose command exits
# 0; the run must fail for REASON, with FUNCTION in the console's report.
planted() {
	local console
	vm_expect 99 "kernel reported: .*$2" --no-load -- \
		sh -c "insmod /trellis/trellis_fault.ko fault=$1; true"
	console=$(sed -n 's/^vm\/run: console log: //p' "$TEST_TMP/err")
	grep -q "$3" "$console" || _fail "the report in $console does not name $3"
}

clean_run() { vm_expect 0 'command exited 0' -- true; }
status_comes_through() { vm_expect 3 'command exited 3' -- sh -c 'exit 3'; }
warn_fails_run() { planted warn 'WARNING:' trellis_fault_init; }
oops_fails_run() { planted oops '(BUG:|Oops)' trellis_fault_oops; }
uaf_fails_run() { planted uaf 'KASAN: slab-use-after-free' trellis_fault_uaf; }
leak_fails_run() {
	planted leak '(suspected memory leak|unreferenced object)' trellis_fault_leak
}
# The debug kernel boots slower: its hang limit is longer.
hang_fails_run() {
	# the limit must leave room for the boot on a busy machine: at 30 s a
	# boot behind two other VMs did not finish, and the run said so instead
	local limit=60
	[ -n "${RIG_DEBUG_KERNEL:-}" ] && limit=120
	vm_expect 99 'timed out after' --timeout $limit -- sleep 600
}
# An initramfs larger than the memory may hang the boot before the console
# says anything, rather than panic: the run's own time limit must end it.
boot_failure_fails_run() { vm_expect 99 'boot did not finish' --mem 48 --timeout 120 -- true; }

test_case "a clean run passes" clean_run
test_case "the command's exit status comes through" status_comes_through
test_case "a planted WARN fails the run" warn_fails_run
test_case "a planted oops fails the run" oops_fails_run
test_case "a hung command fails the run" hang_fails_run
test_case "a boot that cannot finish fails the run" boot_failure_fails_run
if [ -n "${RIG_DEBUG_KERNEL:-}" ]; then
	test_case "a planted use-after-free fails the run (KASAN)" uaf_fails_run
	test_case "a planted leak fails the run (kmemleak)" leak_fails_run
fi
test_done
