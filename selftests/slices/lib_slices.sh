# SPDX-License-Identifier: GPL-2.0
#
# What the slice tests share (source it after lib.sh).
#
#   slice_name X          a slice name private to this test run
#   slice_add X [ARGS]    egrectl slice add (every slice_name goes on exit)
#   slices_state          every slice name, user-namespace file and the
#                         list: equal before and after a refused command
#   netns_procs INODE     processes whose network namespace is INODE
#   err_is CODE WANT CMD...
#                         CMD exits CODE with one line matching WANT
#   err_first_is CODE WANT CMD...
#                         the same, the usage may follow the first line
#   as_slicer CMD...      CMD as the unprivileged user slicer (uid 1000)

slice_name() { ns_name "$1"; }

slice_add() {
	local name
	name=$(slice_name "$1")
	shift
	egrectl slice add "$name" "$@"
}

# Cases run in subshells, whose on_exit would be lost: every slice of this
# run (and its user-namespace file) goes at the end.
_slices_cleanup() {
	local f
	for f in /run/netns/"$(slice_name "")"* /run/trellis/userns/"$(slice_name "")"*; do
		[ -e "$f" ] && egrectl slice del "${f##*/}"
	done
	return 0
}
on_exit _slices_cleanup

slices_state() {
	local d
	for d in /run/netns /run/trellis/userns; do
		[ ! -d $d ] || ls -A $d
	done
	egrectl slice list
}

# One stat for every process: a stat a process took seconds a call on the
# debug kernel, where every fork is slow.
netns_procs() {
	stat -L -c '%i %n' /proc/[0-9]*/ns/net 2>/dev/null |
		awk -v ino="$1" '$1 == ino { sub("/ns/net$", "", $2); print $2 }'
	return 0
}

_err_check() {
	local lines=$1 code=$2 want=$3 out rc
	shift 3
	rc=0
	out=$("$@" 2>&1) || rc=$?
	check_eq "$rc" "$code" "exit status of '$*'"
	[ "$lines" = any ] || check_eq "$(echo "$out" | wc -l)" 1 "lines of output from '$*'"
	check_match "$(echo "$out" | head -1)" "^egrectl: .*$want" "error from '$*'"
}
err_is() { _err_check 1 "$@"; }
err_first_is() { _err_check any "$@"; }

as_slicer() { (cd /tmp && setpriv --reuid 1000 --regid 1000 --clear-groups "$@"); }
