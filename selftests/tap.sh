# SPDX-License-Identifier: GPL-2.0
#
# tap_run NAME CMD...: runs one test program (kselftest harness or lib.sh
# based, both print TAP), keeps its output in $TAP_LOGDIR/NAME.log and prints
# one line per test case:
#   PASS NAME: case        FAIL NAME: case        SKIP NAME: case (why)
# The program's plan, `1..N` (the harness prints it first, lib.sh last), must
# match the cases reported: a program that ends early would otherwise lose
# its remaining cases without a word. (A runner of several programs, as
# bench/suite, prints one plan each: they must add up.) A missing or wrong
# plan, a timeout, no case at all, or a non-zero exit with no failed case
# named is one more FAIL. Returns non-zero if anything failed.

: "${TAP_LOGDIR:=/tmp/tap-logs}"
: "${TAP_TIMEOUT:=600}"

tap_run() {
	local name=$1 log rc line desc reason failed=0 cases=0 plans=0 planned=0 n start
	shift
	log=$TAP_LOGDIR/${name//\//_}.log
	mkdir -p "$TAP_LOGDIR"
	start=$SECONDS
	timeout -k 5 "$TAP_TIMEOUT" "$@" >"$log" 2>&1 </dev/null
	rc=$?
	while IFS= read -r line; do
		case $line in
		"ok "*"# SKIP"* | "ok "*"# skip"*)
			desc=${line#ok * }
			reason=${desc#*# [Ss][Kk][Ii][Pp]}
			reason=${reason# }
			echo "SKIP $name: ${desc%% #*}${reason:+ ($reason)}"
			cases=$((cases + 1))
			;;
		"ok "*)
			echo "PASS $name: ${line#ok * }"
			cases=$((cases + 1))
			;;
		"not ok "*)
			echo "FAIL $name: ${line#not ok * }"
			cases=$((cases + 1))
			failed=1
			;;
		1..*)
			n=${line#1..}
			n=${n%% *}
			[[ $n =~ ^[0-9]+$ ]] || n=-1
			plans=$((plans + 1))
			planned=$((planned + n))
			;;
		esac
	done <"$log"
	# One file-level FAIL at most: the first of these that applies.
	reason=
	# timeout's TERM ended it (124), or its KILL (137) or a signal at the limit
	if [ $rc = 124 ] || { [ $rc != 0 ] && [ $((SECONDS - start)) -ge "$TAP_TIMEOUT" ]; }; then
		reason="timed out after ${TAP_TIMEOUT}s"
	elif [ $plans = 0 ]; then
		reason="no TAP plan (1..N): the program ended before its last case (exit $rc)"
	elif [ $planned != $cases ]; then
		reason="planned $planned cases, reported $cases"
	elif [ $cases = 0 ]; then
		reason="no test case reported (exit $rc)"
	elif [ $failed = 0 ] && [ $rc != 0 ]; then
		reason="exit $rc with no failed case reported"
	fi
	if [ -n "$reason" ]; then
		echo "FAIL $name: $reason"
		failed=1
	fi
	if [ $failed = 1 ]; then
		sed 's/^/    | /' "$log"
	fi
	return $failed
}
