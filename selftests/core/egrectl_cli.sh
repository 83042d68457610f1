#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# egrectl's command line: version, help, abbreviations, JSON, and the error
# paths (module not loaded, unknown command, argument or option, no
# privilege), each with its one-line message and exit status.
#
#   [ root netns: trellis loaded ] -- egrectl
#   [ nobody ]  [ nobody's own userns + netns ]
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"

# run CMD...: sets $out, $err and $rc.
run() {
	set +e
	"$@" >"$TEST_TMP/out" 2>"$TEST_TMP/err"
	rc=$?
	set -e
	out=$(cat "$TEST_TMP/out")
	err=$(cat "$TEST_TMP/err")
}

version_matches_module() {
	run egrectl --version
	check_eq "$rc" 0 "exit status"
	check_eq "$out" "egrectl $(egrectl -j info | jq -r .version)" "--version"
	run egrectl -V
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
	check_match "$out" "^version: $(echo "$json" | jq -r .version)$" "text version"
	check_match "$out" "netns_cookie: $(echo "$json" | jq -r .netns_cookie)" "text cookie"
}

abbreviations() {
	check_eq "$(egrectl i)" "$(egrectl info)" "egrectl i"
	check_eq "$(egrectl inf)" "$(egrectl info)" "egrectl inf"
	run egrectl infox
	check_eq "$rc" 1 "a longer word is not an abbreviation"
}

help_texts() {
	run egrectl help
	check_eq "$rc" 0 "help exit status"
	check_match "$out" "^Usage: egrectl " "help"
	check_match "$out" "info " "help lists info"
	run egrectl help info
	check_eq "$rc" 0 "help info exit status"
	check_match "$out" "^Usage: egrectl info" "help info"
	check_eq "$(egrectl info help)" "$out" "info help"
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
	check_eq "$(echo "$err" | head -n1)" 'egrectl: unknown option "-x"' "unknown option"
	run egrectl
	check_eq "$rc" 1 "no command exit status"
	check_match "$err" "^Usage: egrectl " "no command"
}

module_absent() {
	check rmmod trellis
	on_exit "insmod /trellis/trellis.ko"
	run egrectl info
	check_eq "$rc" 2 "exit status"
	check_eq "$err" "trellis: kernel module not loaded (try: modprobe trellis)" "stderr"
	check_eq "$out" "" "stdout"
	run egrectl -j info
	check_eq "$rc" 2 "exit status with -j"
	check_eq "$err" "trellis: kernel module not loaded (try: modprobe trellis)" "stderr with -j"
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
test_done
