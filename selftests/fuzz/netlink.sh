#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Netlink fuzzing: tools/nl_fuzz sends rtnetlink link requests (kinds egre
# and shortbridge) and every trellis genetlink command, valid and mutated,
# $FUZZ_NL_MESSAGES in all (default 100000): half as root, half as root of
# an unprivileged user namespace, each with a fixed seed. Namespaces are
# aimed at by fd (given to it), pid and nsid. Afterwards everything it made
# is gone: devices and slab are back where they were. The rig fails the run
# on any kernel BUG/WARNING/KASAN/lockdep report; nl_fuzz fails on a reply
# it must not get (see its header), printing seed, index and message.
#
#   as root:     [ home ]  nl_fuzz (own pid namespace) + a netns it makes
#                   |--fd--> [ a ]  [ b ]  [ c: user namespace of uid 1000 ]
#
#   unprivileged: uid 1000, unshare -Urnm: [ its own netns ] + one it makes
#                   |--fd--> [ a ]  [ b ]  [ c ]  [ root ]   none of them its own
#
# Replay a failure: selftests/vm/run -- ./tools/nl_fuzz --seed S --only I ...
# (or --first 0 --count I+1 for the history before it), with the same
# --netns fds and --unpriv as the run below.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
. "$here/../slices/lib_slices.sh"
. "$here/../leaks.sh"

FUZZ=$here/../tools/nl_fuzz
messages=${FUZZ_NL_MESSAGES:-100000}
half=$((messages / 2))

modprobe veth 2>/dev/null || true	# nl_fuzz's ports for bindings

# A link kind the kernel does not know makes it run modprobe, about half a
# second in the VM, and mutated kinds are common: no modprobe while the
# fuzzer runs (an empty path makes request_module() fail at once).
modprobe_path=$(cat /proc/sys/kernel/modprobe)
echo >/proc/sys/kernel/modprobe
on_exit "echo '$modprobe_path' >/proc/sys/kernel/modprobe"

# Counted before the test makes anything; its namespaces are gone again
# before the count after.
root_before=$(root_devices)
netns_before=$(netns_objects)
slab_snapshot "$TEST_TMP/slab.before"
ns_add home
ns_add a
ns_add b
slice_add c userns 1000

# summary: the fuzzer's summary (sent, replies by errno, failures) in the
# kernel log too, so a passing run shows it.
summary() {
	local line rc=0
	"$@" >"$TEST_TMP/summary" || rc=$?
	while read -r line; do note "$line"; done <"$TEST_TMP/summary"
	return $rc
}

# As root, in its own pid namespace: IFLA_NET_NS_PID reaches nothing else.
fuzz_as_root() {
	local t
	t=$(uptime_s)
	summary ip netns exec "$(ns_name home)" unshare --pid --fork --kill-child \
		"$FUZZ" --seed 1 --count "$half" --netns 3 --netns 4 --netns 5 \
		3<"/run/netns/$(ns_name a)" 4<"/run/netns/$(ns_name b)" \
		5<"/run/netns/$(slice_name c)"
	note "nl_fuzz as root: $half messages in $(since "$t")s"
}

fuzz_unprivileged() {
	local t
	t=$(uptime_s)
	summary as_slicer unshare -Urnm "$FUZZ" --seed 2 --count "$half" --unpriv \
		--netns 3 --netns 4 --netns 5 --netns 6 \
		3<"/run/netns/$(ns_name a)" 4<"/run/netns/$(ns_name b)" \
		5<"/run/netns/$(slice_name c)" 6</proc/1/ns/net
	note "nl_fuzz unprivileged: $half messages in $(since "$t")s"
}

# Nothing of the runs may stay: not in the namespaces the test made (home
# goes with its devices; a slice link made from home goes with it), and not
# in the root namespace.
trellis_devices() { ip -n "$1" -d -o link show | grep -E ' (egre|shortbridge) ' || true; }

nothing_left() {
	local ns
	for ns in "$(ns_name a)" "$(ns_name b)" "$(slice_name c)"; do
		check_eq "$(trellis_devices "$ns")" "" "egre and shortbridge devices left in $ns"
	done
	ns_del home
	ns_del a
	ns_del b
	egrectl slice del "$(slice_name c)"
	wait_netns_objects $((netns_before + 1))
	check_eq "$(root_devices)" "$root_before" "devices in the root namespace"
	check_eq "$(egrectl -j info | jq .links)" 0 "links in the root namespace"
	slab_snapshot "$TEST_TMP/slab.after"
	# what the runs made and kept would show as growth; 1,000 objects or
	# 1 MB is far above the noise of two fuzzer runs, far below one object
	# leaked per request
	slab_compare "$TEST_TMP/slab.before" "$TEST_TMP/slab.after" 1000 1024 >"$TEST_TMP/slab.diff" ||
		bad=1
	while read -r line; do note "$line"; done <"$TEST_TMP/slab.diff"
	[ -z "${bad:-}" ] || _fail "slab grew over the fuzzer runs"
}

test_case "nl_fuzz as root, seed 1, $half messages" fuzz_as_root
test_case "nl_fuzz unprivileged, seed 2, $half messages" fuzz_unprivileged
test_case "devices and slab back after the runs" nothing_left
test_done
