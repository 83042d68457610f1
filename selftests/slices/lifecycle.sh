#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Slice lifecycle: add, list (text and JSON), exec, del; del removes all
# that belongs to the slice, synchronously, and nothing else.
#
#   node1 (node netns): egre eg1 --- underlay u1 <-> u2 --- node2
#        |  vn1 (qdisc)                  |
#   slice s1: vs1 (veth peer of vn1), sb0 (fast slice interface sl1 on eg1),
#             processes (one ignores SIGTERM)
#   slice s2: its own veth pair and sleeper, untouched by s1's del
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
. "$here/lib_slices.sh"

S1=$(slice_name s1) S2=$(slice_name s2)
two_nodes_underlay
n node1 egrectl link add eg1 type egre local 10.0.0.1 remote 10.0.0.2 key 7
n node1 ip link set eg1 up

add_list_exec() {
	check slice_add s1
	check_match "$(egrectl slice list)" "^$S1 interfaces 0 netns [0-9]+$" "list"
	local j
	j=$(egrectl -j slice list | jq -c ".[] | select(.name == \"$S1\")")
	check_eq "$(echo "$j" | jq -r '.interfaces')" 0 "interfaces"
	check_eq "$(echo "$j" | jq -r '.userns')" null "userns"
	check_eq "$(echo "$j" | jq -r '.netns_inode')" "$(stat -L -c %i /run/netns/"$S1")" "netns inode"
	# loopback is up, and sysfs inside shows the slice's devices only
	check_match "$(egrectl slice exec "$S1" -- ip -br link show lo)" "UP|UNKNOWN" "lo"
	check_eq "$(egrectl slice exec "$S1" -- ls /sys/class/net | made_devices)" "lo " "sysfs in the slice"
	check_eq "$(egrectl slice exec "$S1" -- cat /proc/self/net/dev | awk -F: 'NF > 1 { gsub(/ /, "", $1); print $1 }' |
		made_devices)" "lo " "devices"
	# exit status is the command's
	local rc=0
	egrectl slice exec "$S1" -- sh -c 'exit 7' || rc=$?
	check_eq "$rc" 7 "exit status"
	check_eq "$(egrectl slice exec "$S1" sh -c 'echo no-dashes')" no-dashes "without --"
	# the node's namespace is not the slice's
	check_fail egrectl slice exec "$S1" -- ip link show u1 2>/dev/null
	check egrectl slice del "$S1"
}
test_case "add, list, -j, exec" add_list_exec

del_removes_everything() {
	local ino ino2 p_term p_stubborn
	check slice_add s1
	check slice_add s2
	ip link add vn2 type veth peer name vs2 netns "$S2"
	egrectl slice exec "$S2" -- sleep 1000 &
	ip link add vn1 type veth peer name vs1 netns "$S1"
	tc qdisc add dev vn1 root netem delay 5ms
	ip netns exec "$S1" tc qdisc add dev vs1 root tbf rate 1mbit burst 10k latency 10ms
	check n node1 egrectl link add sl1 type shortbridge slice "$S1" ifname sb0 link eg1
	egrectl slice exec "$S1" -- sleep 1000 &
	p_term=$!
	egrectl slice exec "$S1" -- sh -c 'trap "" TERM; sleep 1000 & wait' &
	p_stubborn=$!
	ino=$(stat -L -c %i /run/netns/"$S1")
	ino2=$(stat -L -c %i /run/netns/"$S2")
	sleep 0.5
	check_eq "$(egrectl -j slice list | jq ".[] | select(.name == \"$S1\") | .interfaces")" 2 "interfaces of s1"
	check_eq "$(netns_procs "$ino" | wc -l)" 3 "processes in s1"
	check_eq "$(n node1 egrectl -j link show | jq -r '[.[].name] | sort | join(",")')" "eg1,sl1" "node1's links"

	check egrectl slice del "$S1"
	# all of it is gone when del returns
	check_eq "$(netns_procs "$ino" | wc -l)" 0 "processes in s1"
	check_fail ip link show vn1 2>/dev/null
	check_eq "$(tc qdisc show | grep -c netem)" 0 "netem qdiscs"
	check_eq "$(n node1 egrectl -j link show | jq -r '[.[].name] | join(",")')" "eg1" "node1's links"
	check_fail test -e /run/netns/"$S1"
	check_fail test -e /run/trellis/userns/"$S1"
	check_eq "$(egrectl slice list | grep -c "^$S1 ")" 0 "s1 listed"
	err_is 2 "slice exec: no such slice \"$S1\"" egrectl slice exec "$S1" -- true
	# the exec waiting on the killed command says how it ended
	local rc=0
	wait "$p_term" || rc=$?
	check_eq "$rc" 143 "sleep's exec: SIGTERM"
	rc=0
	wait "$p_stubborn" || rc=$?
	check_eq "$rc" 137 "exec of a command ignoring SIGTERM: SIGKILL"
	# nothing of the node or of s2 was touched
	check ip link show vn2
	check_eq "$(netns_procs "$ino2" | wc -l)" 1 "processes in s2"
	check ip -n "$(ns_name node1)" link show eg1
	check ip -n "$(ns_name node1)" link show u1
	check egrectl slice del "$S2"
	check_fail ip link show vn2 2>/dev/null
	wait
}
test_case "del ends processes, deletes interfaces, names; nothing else" del_removes_everything

userns_files() {
	check slice_add s3 userns slicer
	local S3
	S3=$(slice_name s3)
	check_match "$(egrectl slice list | grep "^$S3 ")" "userns 1000 " "list"
	check_eq "$(egrectl -j slice list | jq ".[] | select(.name == \"$S3\") | .userns")" 1000 "userns"
	check test -e /run/trellis/userns/"$S3"
	# root enters any slice, as host root
	check_eq "$(egrectl slice exec "$S3" -- id -u)" 0 "uid"
	check egrectl slice del "$S3"
	check_fail test -e /run/trellis/userns/"$S3"
	check_fail test -e /run/netns/"$S3"
}
test_case "a slice with a user namespace: listed, and del removes its file" userns_files

batch() {
	local S4 out
	S4=$(slice_name s4)
	cat >"$TEST_TMP/batch" <<-EOB
		slice add $S4
		slice exec $S4 -- ip link add dm0 type dummy
		slice list
		slice exec $S4 -- ip link show dm0
		slice del $S4
	EOB
	out=$(egrectl -batch "$TEST_TMP/batch")
	check_match "$out" "^$S4 interfaces 1 netns [0-9]+$" "list in batch"
	check_match "$out" "dm0" "exec in batch"
	check_fail test -e /run/netns/"$S4"
	# exec did not move egrectl itself: later lines ran in the node
	check_fail ip link show dm0 2>/dev/null
}
test_case "under -batch" batch

test_done
