#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Bad input to every slice command: one line naming what is wrong, exit 1
# for a bad command line and 2 for a refusal, and nothing changed (every
# name, user-namespace file and the list are the same after).
#
#   slice e1 (exists), slice e2 with userns slicer
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
. "$here/lib_slices.sh"

E1=$(slice_name e1)
slice_add e1
slice_add e2 userns slicer
long=$(printf 'x%.0s' $(seq 65))
before=$(slices_state)

unchanged() { check_eq "$(slices_state)" "$before" "slices after bad input"; }

bad_names() {
	local cmd name
	for cmd in add del exec; do
		err_is 1 "slice $cmd: a NAME is needed" egrectl slice "$cmd"
		err_is 1 "slice name \"\" is empty" egrectl slice "$cmd" ""
		err_is 1 "\"a/b\" has a character other than" egrectl slice "$cmd" a/b -- true
		err_is 1 "\"\\.\" is not a name" egrectl slice "$cmd" . -- true
		err_is 1 "\"\\.\\.\" is not a name" egrectl slice "$cmd" .. -- true
		err_is 1 "is longer than 64 characters" egrectl slice "$cmd" "$long" -- true
		for name in "a b" "a:b" 'a$b' "é"; do
			err_is 1 "has a character other than A-Z a-z 0-9 \\. _ -" \
				egrectl slice "$cmd" "$name" -- true
		done
	done
	unchanged
}
test_case "bad names, for add, del and exec" bad_names

bad_add() {
	local N
	N=$(slice_name new)
	err_is 2 "slice $E1 exists" egrectl slice add "$E1"
	err_is 2 "slice $E1 exists" egrectl slice add "$E1" userns slicer
	err_is 1 "\"userns\" needs a UID or USER" egrectl slice add "$N" userns
	err_is 1 "unknown user \"nosuchuser\"" egrectl slice add "$N" userns nosuchuser
	err_is 1 "unknown user \"4242\"" egrectl slice add "$N" userns 4242
	err_is 1 "unknown user \"-1\"" egrectl slice add "$N" userns -1
	err_is 1 "cannot be root \\(uid 0\\)" egrectl slice add "$N" userns 0
	err_is 1 "cannot be root \\(uid 0\\)" egrectl slice add "$N" userns root
	err_is 1 "\"userns\" given twice" egrectl slice add "$N" userns slicer userns 1000
	err_first_is 1 "slice: unknown argument \"mtu\"" egrectl slice add "$N" mtu 1400
	unchanged
}
test_case "add: existing slice, bad user, bad arguments" bad_add

bad_del() {
	err_is 2 "slice del: no such slice \"$(slice_name none)\"" egrectl slice del "$(slice_name none)"
	err_first_is 1 "slice: unknown argument \"extra\"" egrectl slice del "$E1" extra
	unchanged
}
test_case "del: missing slice, extra argument" bad_del

bad_exec() {
	err_is 2 "slice exec: no such slice \"$(slice_name none)\"" egrectl slice exec "$(slice_name none)" -- true
	err_is 1 "slice exec $E1: a command to run is needed" egrectl slice exec "$E1"
	err_is 1 "slice exec $E1: a command to run is needed" egrectl slice exec "$E1" --
	err_is 2 "slice exec $E1: nosuchcmd: No such file or directory" \
		egrectl slice exec "$E1" -- nosuchcmd
	unchanged
}
test_case "exec: missing slice, no command, a command that is not there" bad_exec

bad_list_and_verbs() {
	err_first_is 1 "slice: unknown argument \"extra\"" egrectl slice list extra
	err_first_is 1 "slice: unknown argument \"frobnicate\"" egrectl slice frobnicate
	check_match "$(egrectl help slice)" "egrectl slice exec NAME" "help slice"
	check_match "$(egrectl slice help)" "egrectl slice add NAME \\[userns UID\\|USER\\]" "slice help"
	# a bad line stops a batch at that line, with its error on one line
	printf 'slice add %s\nslice list\n' "$E1" >"$TEST_TMP/batch"
	err_is 2 "$TEST_TMP/batch:1: slice $E1 exists" egrectl -batch "$TEST_TMP/batch"
	unchanged
}
test_case "list and unknown verbs; help; a bad line under -batch" bad_list_and_verbs

test_done
