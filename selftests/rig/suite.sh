#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The suite's own bookkeeping, run on the host with made-up test files: no
# case may be lost without a word. tap_run must FAIL a file whose TAP plan
# is missing or does not match its cases; run-suite a file that is not
# there; suite-verify a file that never reported; suite-files must find a
# new family by itself, and suite-split give each file to one VM.
#
#   host: $TEST_TMP/tests/FAMILY/FILE --> tap_run, run-suite, suite-verify
#                                          suite-files, suite-split
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
. "$here/../tap.sh"
export TAP_LOGDIR=$TEST_TMP/logs

# fake NAME EXIT LINE...: an executable $TEST_TMP/NAME printing the LINEs
# and exiting EXIT.
fake() {
	local name=$1 rc=$2
	shift 2
	mkdir -p "$(dirname "$TEST_TMP/$name")"
	{
		echo '#!/bin/bash'
		printf 'echo %q\n' "$@"
		echo "exit $rc"
	} >"$TEST_TMP/$name"
	chmod +x "$TEST_TMP/$name"
}

# tap_verdict NAME: runs tap_run on $TEST_TMP/NAME; sets $out and $rc.
tap_verdict() {
	rc=0
	out=$(tap_run "$1" "$TEST_TMP/$1") || rc=$?
	echo "$out"
}

complete_files_pass() {
	fake last 0 "ok 1 a" "ok 2 b # SKIP no b here" "1..2"
	tap_verdict last
	check_eq "$rc" 0 "tap_run status, plan last"
	check_eq "$out" "PASS last: a
SKIP last: b (no b here)" "tap_run lines, plan last"
	fake first 0 "TAP version 13" "1..2" "# Starting" "ok 1 a" "ok 2 b" "# Totals"
	tap_verdict first
	check_eq "$rc" 0 "tap_run status, plan first"
	check_eq "$out" "PASS first: a
PASS first: b" "tap_run lines, plan first"
}
test_case "a file whose cases match its plan passes" complete_files_pass

short_plan_fails() {
	# a harness program that stopped after two of its three cases
	fake short 0 "1..3" "ok 1 a" "ok 2 b"
	tap_verdict short
	check_eq "$rc" 1 "tap_run status"
	check_match "$out" "^FAIL short: planned 3 cases, reported 2$" "tap_run verdict"
}
test_case "fewer cases than planned: FAIL naming the file" short_plan_fails

long_plan_fails() {
	fake long 0 "ok 1 a" "ok 2 b" "1..1"
	tap_verdict long
	check_eq "$rc" 1 "tap_run status"
	check_match "$out" "^FAIL long: planned 1 cases, reported 2$" "tap_run verdict"
}
test_case "more cases than planned: FAIL naming the file" long_plan_fails

no_plan_fails() {
	# a lib.sh test that died between cases: no test_done, no plan
	fake early 0 "ok 1 a"
	tap_verdict early
	check_eq "$rc" 1 "tap_run status"
	check_match "$out" "^FAIL early: no TAP plan" "tap_run verdict"
}
test_case "no plan (ended early, even with exit 0): FAIL naming the file" no_plan_fails

timeout_fails() {
	# a case done, then a hang deaf to the TERM: killed 5 s later
	fake hang 0 "ok 1 a"
	sed -i '$i trap "" TERM; exec sleep 60' "$TEST_TMP/hang"
	rc=0
	out=$(TAP_TIMEOUT=1 tap_run hang "$TEST_TMP/hang") || rc=$?
	check_eq "$rc" 1 "tap_run status"
	check_match "$out" "^FAIL hang: timed out after 1s$" "tap_run verdict"
}
test_case "a file that hangs: FAIL naming it, timed out" timeout_fails

plans_add_up() {
	# a runner of two programs, as bench/suite
	fake two 0 "ok 1 a" "1..1" "ok 1 b" "ok 2 c" "1..2"
	tap_verdict two
	check_eq "$rc" 0 "tap_run status, plans adding up"
	fake two_short 0 "ok 1 a" "1..1" "1..2" "ok 1 b"
	tap_verdict two_short
	check_eq "$rc" 1 "tap_run status, a plan short"
	check_match "$out" "^FAIL two_short: planned 3 cases, reported 2$" "tap_run verdict"
}
test_case "the plans of several programs must add up" plans_add_up

# run_suite FILE...: the real run-suite, on a copy of the selftests folder
# holding the fake families; sets $out and $rc.
run_suite() {
	cp "$here/../run-suite" "$here/../tap.sh" "$here/../suite-files" "$TEST_TMP/tests/"
	rc=0
	out=$("$TEST_TMP/tests/run-suite" "$@") || rc=$?
	echo "$out"
}

missing_file_fails() {
	fake tests/fam/ok.sh 0 "ok 1 a" "1..1"
	# a C test whose program was not built: its source only
	echo 'int main(void) { return 0; }' >"$TEST_TMP/tests/fam/prog.c"
	run_suite fam/ok.sh fam/gone.sh fam/prog
	check_eq "$rc" 1 "run-suite status"
	check_eq "$(echo "$out" | grep -v '^#')" "PASS fam/ok: a
FAIL fam/gone: missing, or not executable (not built?)
FAIL fam/prog: missing, or not executable (not built?)" "run-suite lines"
	# with no file named, it runs what suite-files finds: the C test too
	run_suite
	check_eq "$rc" 1 "run-suite status, every file"
	check_match "$out" "^FAIL fam/prog: missing" "run-suite, every file"
}
test_case "a file missing or not built: FAIL naming it" missing_file_fails

not_run_fails() {
	printf '%s\n' "PASS fam/a: one" "    | FAIL fam/b: in a log" "FAIL fam/c: two" >"$TEST_TMP/out"
	rc=0
	out=$("$here/../suite-verify" "VM 2 ended before it" "$TEST_TMP/out" \
		fam/a.sh fam/b.sh fam/c fam/d) || rc=$?
	check_eq "$rc" 1 "suite-verify status"
	check_eq "$out" "FAIL fam/b: not run (VM 2 ended before it)
FAIL fam/d: not run (VM 2 ended before it)" "suite-verify lines"
	out=$("$here/../suite-verify" "VM 1" "$TEST_TMP/out" fam/a.sh fam/c)
	check_eq "$out" "" "suite-verify, every file reported"
}
test_case "a file that never reported: FAIL naming it" not_run_fails

new_family_found() {
	local t=$TEST_TMP/tree
	mkdir -p "$t"/{fuzz,hostile,rig,tools,vm,interop,nodes,bench,userspace,fault}
	fake tree/fuzz/nl.sh 0
	fake tree/hostile/wire.sh 0
	echo 'helpers, sourced' >"$t/hostile/lib_hostile.sh"
	echo 'int main(void) { return 0; }' >"$t/fuzz/frames.c"
	for dir in rig tools vm interop nodes bench userspace fault; do
		fake "tree/$dir/host.sh" 0
		echo 'int main(void) { return 0; }' >"$t/$dir/host.c"
	done
	check_eq "$("$here/../suite-files" "$t" | tr '\n' ' ')" \
		"fuzz/frames fuzz/nl.sh hostile/wire.sh " "suite-files"
	# and in this tree: shell tests and C programs, not helpers
	out=$("$here/../suite-files")
	check_match "$out" "^core/genl_info$" "suite-files here"
	check_match "$out" "^egre/basic.sh$" "suite-files here"
	echo "$out" | grep -Eq '^(rig/|tools/|slices/lib_slices)' && _fail "suite-files here: $out"
	return 0
}
test_case "a new family and its files are found with no list to update" new_family_found

split_shares_out() {
	local split
	printf '%s\n' "# comment" "a.sh 100" "b.sh 60" "c.sh 50" "d.sh 40" >"$TEST_TMP/durations"
	split=$(printf '%s\n' a.sh b.sh c.sh d.sh new.sh | "$here/../suite-split" 2 "$TEST_TMP/durations")
	echo "$split"
	# longest first (by name on a tie), each to the part with less so
	# far: a 100 | b 60, new 60 (unlisted) | c 50 | d 40
	check_eq "$(echo "$split" | grep -v '^#' | LC_ALL=C sort -k2 | tr '\n' ' ')" \
		"1 a.sh 2 b.sh 1 c.sh 2 d.sh 2 new.sh " "parts"
	check_eq "$(printf '%s\n' d.sh c.sh new.sh b.sh a.sh | "$here/../suite-split" 2 "$TEST_TMP/durations")" \
		"$split" "the same split, in any order"
}
test_case "suite-split gives each file to one part, balanced, always the same" split_shares_out

test_done
