#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Numbers and names on egrectl's command line that used to be taken for
# something else: an MTU out of range wrapped modulo 2^32 (4294967297 as
# 1, -1 as 4294967295); a slice name too long for its path was cut to a
# prefix, and the command ran in the slice of that name. Each is refused
# with one line naming the word, exit 1 (2 for a slice that is not there),
# and nothing is made; -batch reports the line as FILE:LINE.
#
#   [ node: dummy d0 10.0.0.1/24, egre link eg1 ]
#   [ slice "ppp...p" (244 characters: /run/netns/ and it fill 255) ]
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"

ns_add node
n node ip link add d0 type dummy
n node ip addr add 10.0.0.1/24 dev d0
n node ip link set d0 up
n node egrectl link add eg1 type egre local 10.0.0.1 remote 10.0.0.2 key 1
ns_add slice

# refused CODE WANT CMD...: CMD, in the node, exits CODE with one line on
# stderr matching WANT, and the node's devices are as they were.
refused() {
	local code=$1 want=$2 before rc=0
	shift 2
	before=$(n node ip -o link show)
	n node "$@" >/dev/null 2>"$TEST_TMP/err" || rc=$?
	echo "$*: exit $rc: $(cat "$TEST_TMP/err")"
	check_eq "$rc" "$code" "exit status of '$*'"
	check_eq "$(wc -l <"$TEST_TMP/err")" 1 "stderr lines of '$*'"
	check_match "$(cat "$TEST_TMP/err")" "^egrectl: .*$want" "error of '$*'"
	check_eq "$(n node ip -o link show)" "$before" "devices after '$*'"
}

EGRE="type egre local 10.0.0.1 remote 10.0.0.2 key 2"

mtus_out_of_range() {
	local mtu
	for mtu in 4294967297 4294967296 -1 -4294967295 0 67 65536 " 1400" 1400x x ""; do
		refused 1 "link add: mtu \"$mtu\" is not 68\\.\\.65535" egrectl link add eg2 $EGRE mtu "$mtu"
		refused 1 "link set: mtu \"$mtu\" is not 68\\.\\.65535" egrectl link set eg1 mtu "$mtu"
		refused 1 "link add: mtu \"$mtu\" is not 68\\.\\.65535" \
			egrectl link add sl1 type shortbridge slice "$(ns_name slice)" link eg1 mtu "$mtu"
	done
	check n node egrectl link add eg2 $EGRE mtu 1400
	check_eq "$(n node cat /sys/class/net/eg2/mtu)" 1400 "mtu 1400 taken"
	check n node egrectl link del eg2
}
test_case "mtu out of 68..65535, signed or not a number: refused, nothing made" mtus_out_of_range

addresses() {
	local mac
	for mac in 02:00:00:00:00 02:00:00:00:00:01:02 002:00:00:00:00:01 02-00-00-00-00-01 \
		0x2:0:0:0:0:1 -2:0:0:0:0:1 "02:00:00:00:00:01 "; do
		refused 1 "link add: malformed Ethernet address \"$mac\"" \
			egrectl link add eg2 $EGRE address "$mac"
		refused 1 "link add: malformed Ethernet address \"$mac\"" \
			egrectl link add sl1 type shortbridge slice "$(ns_name slice)" link eg1 address "$mac"
	done
	check n node egrectl link add eg2 $EGRE address 2:0:A:bc:de:f1
	check_eq "$(n node cat /sys/class/net/eg2/address)" 02:00:0a:bc:de:f1 "address taken"
	check n node egrectl link del eg2
}
test_case "malformed Ethernet addresses: refused by egre and slice links alike" addresses

long_slice_names() {
	local prefix long300
	# a slice whose name fills the old 256-byte path exactly
	prefix=$(ns_name "$(printf 'p%.0s' $(seq $((244 - ${#_prefix}))))")
	ip netns add "$prefix"
	on_exit ip netns del "$prefix"
	check_eq "${#prefix}" 244 "prefix slice's name length"
	check egrectl -n "$prefix" info >/dev/null
	# longer names of which it is the prefix: not that slice
	refused 2 "no such slice \"${prefix}qqqqqq\"" egrectl -n "${prefix}qqqqqq" info
	refused 2 "no such slice \"${prefix}q\"" egrectl -n "${prefix}q" info
	refused 2 "link add: no such slice \"${prefix}q\"" \
		egrectl link add sl1 type shortbridge slice "${prefix}q" link eg1
	# longer than any file name: refused as such
	long300=$(printf 'q%.0s' $(seq 300))
	refused 1 "slice name \"$long300\" is longer than 255 characters" egrectl -n "$long300" info
	refused 1 "link add: slice name \"$long300\" is longer than 255 characters" \
		egrectl link add sl1 type shortbridge slice "$long300" link eg1
	refused 1 "link add: peer-slice name \"$long300\" is longer than 255 characters" \
		egrectl link add sl1 type shortbridge slice "$(ns_name slice)" peer-slice "$long300"
}
test_case "slice names too long: never cut to another slice's name" long_slice_names

batch_lines() {
	printf '%s\n' "link add eg3 $EGRE mtu 4294967297" "link show" >"$TEST_TMP/batch"
	refused 1 "$TEST_TMP/batch:1: link add: mtu \"4294967297\" is not 68\\.\\.65535$" \
		egrectl -force -batch "$TEST_TMP/batch"
	printf '%s\n' "link show" "link add eg3 $EGRE address 02:00:00:00:00" >"$TEST_TMP/batch"
	refused 1 "$TEST_TMP/batch:2: link add: malformed Ethernet address" \
		egrectl -batch "$TEST_TMP/batch"
}
test_case "-batch: the refused line as FILE:LINE" batch_lines

test_done
