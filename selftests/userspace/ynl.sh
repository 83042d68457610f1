#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# On the host: docs/trellis.yaml, the trellis family in the kernel's netlink
# spec format, agrees with the uapi header, by the kernel's own generator
# (scripts/ynl-check); and the check catches a spec that does not.
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$here/../lib.sh"
# shellcheck source=/dev/null
. "${TRELLIS_CACHE:-$HOME/.cache/trellis}/rig.env"

YNL=$RIG_TOOLS/tools/net/ynl
CHECK=$root/scripts/ynl-check
SPEC=$root/docs/trellis.yaml
HEADER=$root/kmod/uapi/linux/trellis.h

agrees() {
	run "$CHECK" "$YNL" "$SPEC" "$HEADER"
	check_eq "$rc" 0 "exit status ($out $err)"
	check_match "$out" "^[0-9]+ constants of trellis.yaml agree with " "the check's line"
}
test_case "the family's spec agrees with the uapi header (ynl-gen-c.py)" agrees

# Specs made wrong on purpose: each must be caught, and named.
catches() {
	# two drop reasons swapped: their values differ
	awk '/name: pad$/ && !done && seen { print "        name: loop"; done = 1; next }
	     /name: loop$/ && done == 1 { print "        name: pad"; done = 2; next }
	     /name: ecn$/ { seen = 1 } { print }' "$SPEC" >"$TEST_TMP/trellis.yaml"
	check_fail cmp -s "$SPEC" "$TEST_TMP/trellis.yaml"
	run "$CHECK" "$YNL" "$TEST_TMP/trellis.yaml" "$HEADER"
	check_eq "$rc" 1 "swapped: exit status"
	check_match "$out" "^-TRELLIS_DROP_LOOP 10$" "swapped: the spec's value named"
	# a command the header does not have
	sed 's/^      name: del-slice-link$/      name: del-slice-links/' "$SPEC" >"$TEST_TMP/trellis.yaml"
	run "$CHECK" "$YNL" "$TEST_TMP/trellis.yaml" "$HEADER"
	check_eq "$rc" 1 "renamed: exit status"
	check_match "$out" "TRELLIS_CMD_DEL_SLICE_LINKS' undeclared" "renamed: the missing constant named"
	# not a spec the generator takes
	sed 's/^protocol: genetlink-legacy$/protocol: nonsense/' "$SPEC" >"$TEST_TMP/trellis.yaml"
	run "$CHECK" "$YNL" "$TEST_TMP/trellis.yaml" "$HEADER"
	check_eq "$rc" 1 "invalid: exit status"
	check_match "$out" "ynl-gen-c.py refused" "invalid: the generator's refusal"
}
test_case "the check catches a spec that disagrees with the header" catches

test_done
