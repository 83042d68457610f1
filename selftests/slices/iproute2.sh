#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Slices and iproute2 share /run/netns both ways.
#
#   ip netns add p1      -> egrectl slice list / exec / del
#   egrectl slice add e1 -> ip netns list / exec / ip -n / ip netns del
#   root: vr1 <-> vr2 in e1 (veth)
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
. "$here/lib_slices.sh"

P1=$(slice_name p1) E1=$(slice_name e1)

iproute2_to_egrectl() {
	ip netns add "$P1"
	ip -n "$P1" link add dm1 type dummy
	check_match "$(egrectl slice list)" "^$P1 interfaces 1 netns [0-9]+$" "ip netns add's slice listed"
	check_eq "$(egrectl slice exec "$P1" -- ls /sys/class/net | made_devices)" "dm1 lo " "sysfs"
	check egrectl slice exec "$P1" -- ip link set dm1 up
	check_match "$(ip -n "$P1" -br link show dm1)" "UNKNOWN|UP" "dm1 up, seen by ip -n"
	check egrectl slice del "$P1"
	check_eq "$(ip netns list | grep -c "^$P1\b")" 0 "ip netns list after slice del"
}
test_case "a slice made by ip netns add: egrectl lists, enters and deletes it" iproute2_to_egrectl

egrectl_to_iproute2() {
	check slice_add e1
	check_match "$(ip netns list)" "^$E1\b" "ip netns list"
	check_match "$(ip netns exec "$E1" ip -br link show lo)" "UP|UNKNOWN" "lo up, by ip netns exec"
	ip link add vr1 type veth peer name vr2 netns "$E1"
	check ip -n "$E1" addr add 10.5.0.2/24 dev vr2
	check ip -n "$E1" link set vr2 up
	ip addr add 10.5.0.1/24 dev vr1
	ip link set vr1 up
	check ip netns exec "$E1" ping -c 1 -W 5 10.5.0.1
	check_eq "$(ip netns exec "$E1" ls /sys/class/net | made_devices)" "lo vr2 " "sysfs by ip netns exec"
	# a command started by ip netns exec is one of the slice's processes
	ip netns exec "$E1" sleep 1000 &
	sleep 0.3
	check_match "$(ip netns pids "$E1")" "^[0-9]+$" "ip netns pids"
	check egrectl slice del "$E1"
	check_eq "$(ip netns list | grep -c "^$E1\b")" 0 "ip netns list after slice del"
	check_fail ip link show vr1 2>/dev/null
	wait
}
test_case "an egrectl slice: ip netns list, exec, pids and ip -n work on it" egrectl_to_iproute2

ip_netns_del() {
	check slice_add e2
	check ip netns del "$(slice_name e2)"
	check_eq "$(egrectl slice list | grep -c "^$(slice_name e2) ")" 0 "after ip netns del"
}
test_case "ip netns del deletes an egrectl slice" ip_netns_del

test_done
