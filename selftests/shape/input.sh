#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Bad shape commands: each fails with one line on stderr and a non-zero
# exit, and leaves every qdisc and device as it was, on an unshaped link
# and on a shaped one.
#
#   [ node1 ]                                  [ node2 ]
#     eg1 ------------------ key 3 ------------- eg2
#     b1: binding of eg1 and v1n (veth to nowhere)
#     u1 10.0.0.1/24 ======= veth ============== u2 10.0.0.2/24
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"

two_nodes_underlay
n node1 egrectl link add eg1 type egre local 10.0.0.1 remote 10.0.0.2 key 3
n node1 ip link set eg1 up

state() {
	n node1 tc qdisc show
	n node1 tc filter show dev eg1 ingress
	n node1 ip -o link show | sed 's/ state .*//'
}

# bad EXIT ARGS...: "egrectl link set ARGS" exits EXIT with one line on
# stderr, and nothing changed.
bad() {
	local want=$1 before rc=0
	shift
	before=$(state)
	n node1 egrectl link set "$@" >"$TEST_TMP/out" 2>"$TEST_TMP/err" || rc=$?
	echo "link set $*: exit $rc: $(cat "$TEST_TMP/err")"
	check_eq "$rc" "$want" "exit status of 'link set $*'"
	check_eq "$(wc -l <"$TEST_TMP/err")" 1 "stderr lines of 'link set $*'"
	check_match "$(cat "$TEST_TMP/err")" "^egrectl: " "error of 'link set $*'"
	check_eq "$(state)" "$before" "qdiscs and devices after 'link set $*'"
}

all_bad() {
	bad 1 eg1 shape
	bad 1 eg1 shape rate
	bad 1 eg1 shape rate 10xbit
	bad 1 eg1 shape rate -5mbit
	bad 1 eg1 shape rate 0
	bad 1 eg1 shape rate 100gbit
	bad 1 eg1 shape rate 10mbit burst 12parsecs
	bad 1 eg1 shape rate 10mbit burst 100b
	bad 1 eg1 shape burst 32kb
	bad 1 eg1 shape delay 10parsecs
	bad 1 eg1 shape delay -1ms
	bad 1 eg1 shape delay 1000s
	bad 1 eg1 shape jitter 10ms
	bad 1 eg1 shape delay 10ms jitter abc
	bad 1 eg1 shape loss 101%
	bad 1 eg1 shape loss -1%
	bad 1 eg1 shape loss 20%%
	bad 1 eg1 shape corrupt 200%
	bad 1 eg1 shape corrupt x
	bad 1 eg1 shape duplicate 1e999%
	bad 1 eg1 shape duplicate nan
	bad 1 eg1 shape reorder 10%
	bad 1 eg1 shape delay 10ms reorder 150%
	bad 1 eg1 shape limit 0
	bad 1 eg1 shape limit 1.5
	bad 1 eg1 shape limit x
	bad 1 eg1 shape dir sideways delay 1ms
	bad 1 eg1 shape dir
	bad 1 eg1 shape delay 1ms colour blue
	bad 1 eg1 shape none delay 1ms
	bad 2 nosuch shape delay 1ms
	bad 2 u1 shape delay 1ms
	bad 2 nosuch shape none
}

unshaped() { all_bad; }
test_case "bad shape input on an unshaped link: one line, exit 1 or 2, nothing changed" unshaped

shaped() {
	check n node1 egrectl link set eg1 shape rate 1mbit delay 10ms loss 1%
	all_bad
	# a binding's name works as well as its egre port's; a bad word still fails
	ip link add v1n netns "$(ns_name node1)" type veth peer name v1s
	check n node1 egrectl shortbridge add b1 port v1n port eg1
	bad 1 b1 shape delay 1ms jitter
	check n node1 egrectl link set b1 shape none
	check_match "$(n node1 tc qdisc show dev eg1)" "noqueue" "eg1 qdisc"
}
test_case "bad shape input on a shaped link: nothing changed" shaped

half_way() {
	# a clsact qdisc (not ours) on eg1: the ingress half cannot be made,
	# so the egress half, made first, goes back as it was
	check n node1 egrectl link set eg1 shape delay 30ms dir egress
	n node1 tc qdisc add dev eg1 clsact
	bad 2 eg1 shape delay 10ms rate 1mbit
	check_eq "$(n node1 egrectl -j link show eg1 | jq -c '.[0].shape | [keys, .egress.delay_ms, .egress.rate_bit]')" \
		'[["egress"],30,null]' "shape after the failure"
	n node1 tc qdisc del dev eg1 clsact
	check n node1 egrectl link set eg1 shape none
}
test_case "a failure half-way puts back what was there" half_way

test_done
