#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A slice add that fails half-way leaves nothing: here the user-namespace
# directory is a regular file, so binding the user namespace fails after
# the network namespace was made and named.
#
#   /run/trellis/userns  (a regular file)
#   slice r1 userns slicer: netns made, named /run/netns/r1, then the
#                           userns bind fails -> all undone
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
. "$here/lib_slices.sh"

R1=$(slice_name r1)
USERNS_DIR=/run/trellis/userns

# userns_dir_blocked: a regular file where the directory goes. The
# directory, a mount point once a slice with a user namespace was made,
# must be empty (egrectl makes it again on the next add).
userns_dir_blocked() {
	if [ -d $USERNS_DIR ]; then
		check_eq "$(ls -A $USERNS_DIR)" "" "$USERNS_DIR before the test"
		while umount $USERNS_DIR 2>/dev/null; do :; done
		rmdir $USERNS_DIR
	fi
	mkdir -p /run/trellis
	# (a case runs in a subshell of its own: its EXIT trap)
	trap "[ ! -f $USERNS_DIR ] || rm $USERNS_DIR" EXIT
	echo blocked >$USERNS_DIR
}

# userns_procs: processes in a user namespace other than the node's.
userns_procs() {
	local f init n=0
	init=$(stat -L -c %i /proc/1/ns/user)
	for f in /proc/[0-9]*/ns/user; do
		[ "$(stat -L -c %i "$f" 2>/dev/null || echo "$init")" = "$init" ] || n=$((n + 1))
	done
	echo $n
}

half_way() {
	local before procs_before
	userns_dir_blocked
	before=$(slices_state)
	procs_before=$(userns_procs)
	err_is 2 "slice add $R1: .*$USERNS_DIR.*Not a directory" \
		egrectl slice add "$R1" userns slicer
	check_eq "$(slices_state)" "$before" "slices after the failed add"
	check_fail test -e /run/netns/"$R1"
	check_fail ip netns exec "$R1" true 2>/dev/null
	# the helper that held the namespaces is gone too
	check_eq "$(userns_procs)" "$procs_before" "processes in a user namespace"
	# the same add works once the directory can be made
	rm -f $USERNS_DIR
	check slice_add r1 userns slicer
	check test -e $USERNS_DIR/"$R1"
	check egrectl slice del "$R1"
}
test_case "a failure after the netns was made leaves nothing" half_way

stale_name() {
	# a name left by a crash: a plain file in /run/netns, no namespace
	touch /run/netns/"$R1"
	trap "rm -f /run/netns/$R1" EXIT
	check_eq "$(egrectl slice list | grep -c "^$R1 ")" 0 "a stale name is no slice"
	err_is 2 "slice $R1 exists" egrectl slice add "$R1"
	err_is 2 "slice exec $R1: .*no namespace behind it" egrectl slice exec "$R1" -- true
	check egrectl slice del "$R1"
	check_fail test -e /run/netns/"$R1"
}
test_case "a stale name: not listed, refused by add and exec, removed by del" stale_name

test_done
