# SPDX-License-Identifier: GPL-2.0
#
# tap_run NAME CMD...: runs one test program (kselftest harness or lib.sh
# based, both print TAP), keeps its output in $TAP_LOGDIR/NAME.log and prints
# one line per test case:
#   PASS NAME: case        FAIL NAME: case        SKIP NAME: case (why)
# A program that fails without naming a failed case, or reports no case at
# all, is one FAIL. Returns non-zero if anything failed.

: "${TAP_LOGDIR:=/tmp/tap-logs}"
: "${TAP_TIMEOUT:=600}"

tap_run() {
	local name=$1 log rc line desc reason failed=0 cases=0
	shift
	log=$TAP_LOGDIR/${name//\//_}.log
	mkdir -p "$TAP_LOGDIR"
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
		esac
	done <"$log"
	if [ $failed = 0 ] && { [ $rc != 0 ] || [ $cases = 0 ]; }; then
		if [ $rc = 124 ]; then
			echo "FAIL $name: timed out after ${TAP_TIMEOUT}s"
		else
			echo "FAIL $name: exit $rc with no failed case reported"
		fi
		failed=1
	fi
	if [ $failed = 1 ]; then
		sed 's/^/    | /' "$log"
	fi
	return $failed
}
