#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# egrectl's command line: version, help, abbreviations, JSON, and the error
# paths (module not loaded, unknown command, argument or option, no
# privilege), each with its one-line message and exit status; -batch FILE.
#
#   [ root netns: trellis loaded ] -- egrectl
#   [ nobody ]  [ nobody's own userns + netns ]
#   [ batch netns: dummy d0 10.0.0.1 ] -- egrectl -batch FILE
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"

version_matches_module() {
	run egrectl --version
	check_eq "$rc" 0 "exit status"
	check_eq "$out" "egrectl $(egrectl -j info | jq -r .version)" "--version"
	run egrectl -V
	check_eq "$rc" 0 "-V exit status"
	check_eq "$out" "egrectl $(egrectl -j info | jq -r .version)" "-V"
}

info_json_parses() {
	run egrectl -j info
	check_eq "$rc" 0 "exit status"
	echo "$out" | jq -e '(.version | type == "string") and (.genl_version == 1)
		and (.features | type == "array") and (.netns_cookie | type == "number")
		and (.links == 0)' >/dev/null || _fail "unexpected JSON: $out"
	# -j after the command means the same
	check_eq "$(egrectl info -j)" "$out" "info -j"
}

info_text_matches_json() {
	local json
	json=$(egrectl -j info)
	run egrectl info
	check_eq "$rc" 0 "exit status"
	check_match "$out" "^trellis $(echo "$json" | jq -r .version) genl_version $(echo "$json" | jq -r .genl_version) features $(echo "$json" | jq -r '.features | join(" ")')$" \
		"text: the module's line"
	check_match "$out" "^netns_cookie $(echo "$json" | jq -r .netns_cookie) links $(echo "$json" | jq -r .links)$" \
		"text: the namespace's line"
	check_match "$out" "^    drops: no_route [0-9]+ .* loop [0-9]+$" "text: the drops"
	check_eq "$(echo "$out" | wc -l)" 3 "text: three lines"
}

# same_as_info WORD: egrectl WORD does what egrectl info does: exit 0,
# the same output (two failures with the same output would not do).
same_as_info() {
	local want
	run egrectl info
	check_eq "$rc" 0 "egrectl info exit status"
	want=$out
	run egrectl "$1"
	check_eq "$rc" 0 "egrectl $1 exit status"
	check_eq "$out" "$want" "egrectl $1"
	check_eq "$err" "" "egrectl $1 stderr"
}

abbreviations() {
	same_as_info i
	same_as_info inf
	run egrectl infox
	check_eq "$rc" 1 "a longer word is not an abbreviation"
}

help_texts() {
	local help_info
	run egrectl help
	check_eq "$rc" 0 "help exit status"
	check_match "$out" "^Usage: egrectl " "help"
	check_match "$out" "info " "help lists info"
	check_match "$out" "-batch FILE" "help names -batch"
	run egrectl help info
	check_eq "$rc" 0 "help info exit status"
	check_match "$out" "^Usage: egrectl info" "help info"
	help_info=$out
	run egrectl info help
	check_eq "$rc" 0 "info help exit status"
	check_eq "$out" "$help_info" "info help"
	run egrectl help bogus
	check_eq "$rc" 1 "help bogus exit status"
	check_eq "$(echo "$err" | head -n1)" 'egrectl: help: unknown command "bogus"' "help bogus"
}

unknown_command() {
	run egrectl bogus
	check_eq "$rc" 1 "exit status"
	check_eq "$(echo "$err" | head -n1)" 'egrectl: unknown command "bogus"' "first line"
	check_match "$err" "^Usage: egrectl " "usage follows"
	check_eq "$out" "" "stdout"
}

unknown_argument() {
	run egrectl info bogus
	check_eq "$rc" 1 "exit status"
	check_eq "$(echo "$err" | head -n1)" 'egrectl: info: unknown argument "bogus"' "first line"
	check_match "$err" "^Usage: egrectl info" "usage follows"
	run egrectl -x info
	check_eq "$rc" 1 "unknown option exit status"
	check_eq "$(echo "$err" | head -n1)" 'egrectl: unknown option "-x" (try: egrectl -help)' "unknown option"
	run egrectl
	check_eq "$rc" 1 "no command exit status"
	check_match "$err" "^Usage: egrectl " "no command"
}

module_absent() {
	check rmmod trellis
	on_exit "insmod /trellis/trellis.ko"
	run egrectl info
	check_eq "$rc" 2 "exit status"
	check_eq "$err" "egrectl: the trellis kernel module is not loaded (try: modprobe trellis)" "stderr"
	check_eq "$out" "" "stdout"
	run egrectl -j info
	check_eq "$rc" 2 "exit status with -j"
	check_eq "$err" "egrectl: the trellis kernel module is not loaded (try: modprobe trellis)" "stderr with -j"
	check insmod /trellis/trellis.ko
	check egrectl info
}

refused_without_privilege() {
	run setpriv --reuid=65534 --regid=65534 --clear-groups egrectl info
	check_eq "$rc" 2 "exit status"
	check_eq "$err" \
		"egrectl: info: permission denied (needs CAP_NET_ADMIN in this network namespace)" \
		"stderr"
}

allowed_in_own_namespace() {
	local root_cookie own
	root_cookie=$(egrectl -j info | jq .netns_cookie)
	own=$(setpriv --reuid=65534 --regid=65534 --clear-groups unshare -r -n egrectl -j info)
	check_eq "$(echo "$own" | jq .links)" 0 "links"
	[ "$(echo "$own" | jq .netns_cookie)" != "$root_cookie" ] ||
		_fail "served in the root netns, not the caller's"
}

# batch_ns: a fresh namespace with an underlay address for a batch case.
batch_ns() {
	ip netns del "$(ns_name batch)" 2>/dev/null || true
	ns_add batch
	n batch ip link add d0 type dummy
	n batch ip addr add 10.0.0.1/24 dev d0
	n batch ip link set d0 up
}

# links: the trellis links in the batch namespace, by name, on one line.
links() { n batch egrectl -j link show | jq -r '[.[].name] | sort | join(" ")'; }

batch_runs_every_line() {
	batch_ns
	cat >"$TEST_TMP/batch" <<-'EOF'
		# three links, then show one of them

		link add bl1 type egre local 10.0.0.1 remote 10.0.0.2 key 1
		link add bl2 type egre local 10.0.0.1 remote 10.0.0.2 key 2
		  link add "bl3" type egre local 10.0.0.1 remote 10.0.0.2 key 3 # trailing comment
		link show bl2 -j
		link set bl1 key 11
	EOF
	run n batch egrectl -batch "$TEST_TMP/batch"
	check_eq "$rc" 0 "exit status"
	check_eq "$err" "" "stderr"
	check_eq "$(echo "$out" | jq -r '.[0].name')" bl2 "output of the show line"
	check_eq "$(links)" "bl1 bl2 bl3" "links"
	check_eq "$(n batch egrectl -j link show bl1 | jq '.[0].ikey')" 11 "set line"
	# -j of one line is not the next line's; -b - reads stdin
	run n batch egrectl -b - <<-'EOF'
		link show bl1 -j
		link show bl1
		link del bl1
		link del bl2
		link del bl3
	EOF
	check_eq "$rc" 0 "stdin exit status"
	check_match "$out" "^bl1: egre " "text after a -j line"
	check_eq "$(links)" "" "links after the deletes"
}

batch_stops_at_first_error() {
	batch_ns
	printf '%s\n' "link add bl1 type egre local 10.0.0.1 remote 10.0.0.2 key 1" \
		"" "link add bl1 type egre local 10.0.0.1 remote 10.0.0.2 key 2" \
		"link add bl2 type egre local 10.0.0.1 remote 10.0.0.2 key 3" >"$TEST_TMP/batch"
	run n batch egrectl -batch "$TEST_TMP/batch"
	check_eq "$rc" 2 "exit status"
	check_match "$err" "^egrectl: $TEST_TMP/batch:3: link add bl1: " "error names file and line"
	check_eq "$(echo "$err" | wc -l)" 1 "one line"
	check_eq "$(links)" "bl1" "nothing after the failing line ran"
	run n batch egrectl -b - <<<"link add bl2 type egre local 10.0.0.1 remote 10.0.0.2 keyy 3"
	check_eq "$rc" 1 "a usage error keeps its exit status"
	check_eq "$err" 'egrectl: -:1: link: unknown argument "keyy"' "usage error, stdin"
	run n batch egrectl -b - <<<"bogus"
	check_eq "$err" 'egrectl: -:1: unknown command "bogus"' "unknown command"
}

batch_force_runs_on() {
	batch_ns
	printf '%s\n' "link del nosuch1" \
		"link add bl1 type egre local 10.0.0.1 remote 10.0.0.2 key 1" \
		"link del nosuch2" \
		"link add bl2 type egre local 10.0.0.1 remote 10.0.0.2 key 2" >"$TEST_TMP/batch"
	run n batch egrectl -force -batch "$TEST_TMP/batch"
	check_eq "$rc" 2 "exit status"
	check_eq "$err" "egrectl: $TEST_TMP/batch:1: link del: no such device \"nosuch1\"
egrectl: $TEST_TMP/batch:3: link del: no such device \"nosuch2\"" "one line a failure"
	check_eq "$(links)" "bl1 bl2" "every good line ran"
	run n batch egrectl -f -b - <<<"link show"
	check_eq "$rc" 0 "nothing failed"
}

batch_file_missing() {
	run egrectl -batch "$TEST_TMP/nosuch"
	check_eq "$rc" 1 "exit status"
	check_eq "$err" "egrectl: cannot open batch file \"$TEST_TMP/nosuch\": No such file or directory" \
		"stderr"
	run egrectl -batch
	check_eq "$rc" 1 "no FILE"
	check_eq "$err" 'egrectl: option "-batch" needs a FILE' "no FILE message"
	run egrectl -batch "$TEST_TMP/nosuch" info
	check_eq "$rc" 1 "a command as well"
}

test_case "--version matches the module's version" version_matches_module
test_case "info -j parses as JSON with every field" info_json_parses
test_case "info text carries the same data" info_text_matches_json
test_case "commands may be abbreviated" abbreviations
test_case "help and per-command help" help_texts
test_case "unknown command: one line naming it, usage, exit 1" unknown_command
test_case "unknown argument or option: one line naming it, usage, exit 1" unknown_argument
test_case "module not loaded: the one-line message, exit 2" module_absent
test_case "no CAP_NET_ADMIN: refused, exit 2" refused_without_privilege
test_case "an unprivileged user's own netns: served there" allowed_in_own_namespace
test_case "-batch runs each line, -b - reads stdin" batch_runs_every_line
test_case "-batch stops at the first failing line: FILE:LINE: error" batch_stops_at_first_error
test_case "-batch -force runs every line, exits non-zero" batch_force_runs_on
test_case "-batch with a missing file: one line, exit 1" batch_file_missing
test_done
