#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Qdiscs and filters someone else made with tc are theirs: shape refuses
# (one line naming the qdisc or filter, exit 2, nothing changed) rather
# than take them over, and shape none leaves them as they were.
#
#   [ node1 ]
#     eg1: egre link, key 5 (remote 10.0.0.2, nobody there: no traffic needed)
#     u1 10.0.0.1/24 ======= veth ======= u2 [ node2 ]
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"

two_nodes_underlay
n node1 egrectl link add eg1 type egre local 10.0.0.1 remote 10.0.0.2 key 5
n node1 ip link set eg1 up

state() {
	n node1 tc qdisc show dev eg1
	n node1 tc filter show dev eg1 ingress
	n node1 ip -o link show | sed 's/ state .*//'
}

# refused WHAT ARGS...: "egrectl link set eg1 shape ARGS" exits 2 with one
# line on stderr naming WHAT (a regex), and nothing changed.
refused() {
	local what=$1 before rc=0
	shift
	before=$(state)
	n node1 egrectl link set eg1 shape "$@" >/dev/null 2>"$TEST_TMP/err" || rc=$?
	echo "shape $*: exit $rc: $(cat "$TEST_TMP/err")"
	check_eq "$rc" 2 "exit status of 'shape $*'"
	check_eq "$(wc -l <"$TEST_TMP/err")" 1 "stderr lines of 'shape $*'"
	check_match "$(cat "$TEST_TMP/err")" "^egrectl: link set eg1 shape: eg1 has .*$what" \
		"error of 'shape $*'"
	check_eq "$(state)" "$before" "qdiscs, filters and devices after 'shape $*'"
}

# reset: eg1 without qdiscs of anyone's, and no ifb.
reset() {
	n node1 tc qdisc del dev eg1 root 2>/dev/null || true
	n node1 tc qdisc del dev eg1 ingress 2>/dev/null || true
	n node1 tc qdisc del dev eg1 clsact 2>/dev/null || true
	n node1 ip link del ifb-eg1 2>/dev/null || true
}

their_root() {
	reset
	check n node1 tc qdisc add dev eg1 root handle 5: pfifo limit 50
	refused "root qdisc egrectl did not make \\(pfifo 5:\\)" delay 10ms
	refused "root qdisc egrectl did not make \\(pfifo 5:\\)" delay 10ms dir egress
	# none touches only what egrectl made
	check n node1 egrectl link set eg1 shape none
	check_match "$(n node1 tc qdisc show dev eg1)" "qdisc pfifo 5: root .*limit 50p" \
		"their root after shape none"
	# ingress alone does not need the root
	check n node1 egrectl link set eg1 shape delay 10ms dir ingress
	check_match "$(n node1 tc qdisc show dev eg1)" "qdisc pfifo 5: root" "their root after ingress"
	check n node1 egrectl link set eg1 shape none
	check_match "$(n node1 tc qdisc show dev eg1)" "qdisc pfifo 5: root" "their root at the end"
}
test_case "a root qdisc made with tc: shape refuses, none leaves it" their_root

their_ingress() {
	reset
	check n node1 tc qdisc add dev eg1 ingress
	check n node1 tc filter add dev eg1 ingress pref 5 matchall action pass
	refused "ingress qdisc egrectl did not make \\(ingress ffff:\\)" delay 10ms dir ingress
	refused "ingress qdisc egrectl did not make \\(ingress ffff:\\)" delay 10ms
	check n node1 egrectl link set eg1 shape none
	check n node1 egrectl link set eg1 shape none dir ingress
	check_match "$(n node1 tc qdisc show dev eg1 ingress)" "qdisc ingress ffff:" \
		"their ingress qdisc after shape none"
	check_match "$(n node1 tc filter show dev eg1 ingress)" "pref 5 matchall" \
		"their filter after shape none"
}
test_case "an ingress qdisc made with tc: shape refuses, none leaves it" their_ingress

their_filter_in_our_place() {
	reset
	check n node1 tc qdisc add dev eg1 ingress
	check n node1 tc filter add dev eg1 ingress pref 1 handle 1 matchall action drop
	refused "ingress filter egrectl did not make \\(filter matchall pref 1 handle 0x1\\)" \
		delay 10ms dir ingress
	# an ifb of egrectl's name left from before does not make it egrectl's
	check n node1 ip link add ifb-eg1 type ifb
	refused "ingress filter egrectl did not make \\(filter matchall pref 1 handle 0x1\\)" \
		delay 10ms dir ingress
	check n node1 egrectl link set eg1 shape none
	check_match "$(n node1 tc filter show dev eg1 ingress)" "pref 1 matchall .*handle 0x1" \
		"their filter after shape none"
	check_match "$(n node1 tc -s filter show dev eg1 ingress)" "action order 1: gact action drop" \
		"their filter's action after shape none"
}
test_case "a filter at egrectl's place (pref 1 handle 1): shape refuses, none leaves it" \
	their_filter_in_our_place

their_clsact() {
	reset
	check n node1 tc qdisc add dev eg1 clsact
	refused "ingress qdisc egrectl did not make \\(clsact ffff:\\)" delay 10ms dir ingress
	check n node1 egrectl link set eg1 shape none
	check_match "$(n node1 tc qdisc show dev eg1)" "qdisc clsact ffff:" "their clsact after shape none"
}
test_case "a clsact qdisc: shape refuses, none leaves it" their_clsact

refused_before_any_change() {
	# egress shaped by egrectl, then someone else's ingress qdisc
	reset
	check n node1 egrectl link set eg1 shape delay 30ms dir egress
	check n node1 tc qdisc add dev eg1 ingress
	refused "ingress qdisc egrectl did not make" delay 10ms rate 1mbit
	check_eq "$(n node1 egrectl -j link show eg1 | jq -c '.[0].shape | [keys, .egress.delay_ms]')" \
		'[["egress"],30]' "egrectl's own egress shape after the refusal"
}
test_case "a refusal changes nothing, not even the direction that could be shaped" \
	refused_before_any_change

their_filter_on_our_ingress() {
	# filters added to egrectl's ingress qdisc stay, with the qdisc
	reset
	check n node1 egrectl link set eg1 shape delay 10ms dir ingress
	check n node1 tc filter add dev eg1 ingress pref 7 matchall action pass
	check n node1 egrectl link set eg1 shape delay 20ms dir ingress
	check_eq "$(n node1 egrectl -j link show eg1 | jq -c '.[0].shape.ingress.delay_ms')" 20 \
		"ingress delay changed in place"
	check n node1 egrectl link set eg1 shape none
	check_match "$(n node1 tc filter show dev eg1 ingress)" "pref 7 matchall" "their filter"
	check_eq "$(n node1 tc filter show dev eg1 ingress | grep -c mirred)" 0 "egrectl's redirect gone"
	check_eq "$(n node1 ip -o link show ifb-eg1 2>/dev/null | wc -l)" 0 "ifb gone"
}
test_case "filters added to egrectl's ingress qdisc stay after shape none" \
	their_filter_on_our_ingress

ours_cleaned() {
	reset
	check n node1 egrectl link set eg1 shape delay 10ms rate 1mbit
	check n node1 egrectl link set eg1 shape none
	check_match "$(n node1 tc qdisc show dev eg1)" "^qdisc noqueue 0: root" "eg1 root"
	check_eq "$(n node1 tc qdisc show dev eg1 | grep -c ingress)" 0 "no ingress qdisc"
	check_eq "$(n node1 ip -o link show ifb-eg1 2>/dev/null | wc -l)" 0 "ifb gone"
}
test_case "egrectl's own qdiscs, filter and ifb all go with shape none" ours_cleaned

test_done
