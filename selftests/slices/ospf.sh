#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A real routing daemon in slices: BIRD 2 runs OSPF in three slices on two
# nodes, over egre links with fast slice interfaces, and installs routes
# to the other slices' loopbacks in each slice's FIB. Cutting the A-B link
# (its egre link down; then 100% loss) moves A<->B traffic onto the path
# through C; restoring it brings the direct route back.
#
#   node1 (10.0.0.1) ============ underlay u1 <-> u2 ============ node2 (10.0.0.2)
#     egre ab1 key 12 .............................................. egre ab2 key 12
#     egre ac1 key 13 .............................................. egre ac2 key 13
#
#   slice A (node1)                slice B (node2)            slice C (node2)
#   lo0 10.255.0.1/32              lo0 10.255.0.2/32          lo0 10.255.0.3/32
#   tob 192.168.12.1/24 -- ab1/ab2 -- toa 192.168.12.2/24
#   toc 192.168.13.1/24 -- ac1/ac2 ---------------------------- toa 192.168.13.3/24
#                                  toc 192.168.23.2/24 ------- tob 192.168.23.3/24
#                                  (a same-node shortbridge pair, made in node2)
#
# OSPF: every link point-to-point, cost 10, hello 1 s, dead 4 s; each lo0 a
# stub. The direct A-B path (cost 10) wins over A-C-B (cost 20) while up.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"

two_nodes_underlay
for s in A B C; do
	ns_add "$s"
	n "$s" sysctl -qw net.ipv4.ip_forward=1
done
SA=$(ns_name A) SB=$(ns_name B) SC=$(ns_name C)

n node1 egrectl link add ab1 type egre local 10.0.0.1 remote 10.0.0.2 key 12
n node1 egrectl link add ac1 type egre local 10.0.0.1 remote 10.0.0.2 key 13
n node2 egrectl link add ab2 type egre local 10.0.0.2 remote 10.0.0.1 key 12
n node2 egrectl link add ac2 type egre local 10.0.0.2 remote 10.0.0.1 key 13
for dev in ab1 ac1; do n node1 ip link set dev $dev up; done
for dev in ab2 ac2; do n node2 ip link set dev $dev up; done
n node1 egrectl link add sab type shortbridge slice "$SA" ifname tob link ab1
n node1 egrectl link add sac type shortbridge slice "$SA" ifname toc link ac1
n node2 egrectl link add sba type shortbridge slice "$SB" ifname toa link ab2
n node2 egrectl link add sca type shortbridge slice "$SC" ifname toa link ac2
n node2 egrectl link add sbc type shortbridge slice "$SB" ifname toc \
	peer-slice "$SC" peer-ifname tob

# addr SLICE DEV ADDR: ADDR on DEV in SLICE, up.
addr() {
	n "$1" ip addr add "$3" dev "$2"
	n "$1" ip link set dev "$2" up
}
addr A tob 192.168.12.1/24
addr A toc 192.168.13.1/24
addr B toa 192.168.12.2/24
addr B toc 192.168.23.2/24
addr C toa 192.168.13.3/24
addr C tob 192.168.23.3/24
i=1
for s in A B C; do
	n "$s" ip link add lo0 type dummy
	addr "$s" lo0 10.255.0.$i/32
	i=$((i + 1))
done

# bird_start SLICE ROUTER_ID: BIRD with OSPF on every link of SLICE.
bird_start() {
	local conf=$TEST_TMP/bird-$1.conf
	bird_ospf_conf "$conf" "$2" "$TEST_TMP/bird-$1.log" "to*" lo0
	on_exit "kill \$(cat $TEST_TMP/bird-$1.pid)"
	n "$1" bird -c "$conf" -s "$TEST_TMP/bird-$1.ctl" -P "$TEST_TMP/bird-$1.pid"
}
bird_start A 10.255.0.1
bird_start B 10.255.0.2
bird_start C 10.255.0.3

birdc_in() {
	local s=$1
	shift
	n "$s" birdc -s "$TEST_TMP/bird-$s.ctl" "$@"
}

# ospf_state: what each slice's BIRD and FIB say, for a failure's log.
ospf_state() {
	local s
	for s in A B C; do
		echo "--- slice $s"
		birdc_in "$s" show ospf neighbors 2>&1 | tail -n +2
		n "$s" ip route show
		tail -n 5 "$TEST_TMP/bird-$s.log" 2>&1
	done
}

# wait_for WHAT CMD...: polls CMD until it succeeds, for up to 60 s.
wait_for() {
	local what=$1 i
	shift
	for i in $(seq 120); do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.5
	done
	ospf_state
	_fail "after 60 s: $what"
}

# full_neighbors SLICE N: OSPF in SLICE has N neighbors in state Full.
full_neighbors() {
	[ "$(birdc_in "$1" show ospf neighbors | grep -c 'Full/')" = "$2" ]
}

# bird_dev SLICE ADDR: the device of SLICE's route to ADDR installed by BIRD.
bird_dev() {
	egrectl -n "$(ns_name "$1")" -j route show "$2" |
		jq -r '[.[] | select(.protocol == "bird") | .dev] | join(",")'
}

# via SLICE ADDR DEV: SLICE routes ADDR by BIRD through DEV.
via() { [ "$(bird_dev "$1" "$2")" = "$3" ]; }

# loopbacks_ping: every slice reaches every other's loopback, from its own.
loopbacks_ping() {
	local s t i j
	i=1
	for s in A B C; do
		j=1
		for t in A B C; do
			if [ $s != $t ]; then
				n $s ping -c 1 -W 1 -I 10.255.0.$i 10.255.0.$j >/dev/null || return 1
			fi
			j=$((j + 1))
		done
		i=$((i + 1))
	done
}

# direct_paths: each slice routes each other slice's loopback over their link.
direct_paths() {
	wait_for "A reaches B over tob" via A 10.255.0.2 tob
	wait_for "A reaches C over toc" via A 10.255.0.3 toc
	wait_for "B reaches A over toa" via B 10.255.0.1 toa
	wait_for "B reaches C over toc" via B 10.255.0.3 toc
	wait_for "C reaches A over toa" via C 10.255.0.1 toa
	wait_for "C reaches B over tob" via C 10.255.0.2 tob
}

# around_c: A-B traffic goes through C, both ways.
around_c() {
	wait_for "A reaches B through C" via A 10.255.0.2 toc
	wait_for "B reaches A through C" via B 10.255.0.1 toc
}

converges() {
	local s
	for s in A B C; do
		wait_for "$s: two neighbors Full" full_neighbors "$s" 2
	done
	direct_paths
	# the same routes as iproute2 sees them, with their next hops
	check_match "$(n A ip route show 10.255.0.2)" \
		"^10.255.0.2 via 192.168.12.2 dev tob proto bird" "A's route to B"
	check_match "$(n B ip route show 10.255.0.3)" \
		"^10.255.0.3 via 192.168.23.3 dev toc proto bird" "B's route to C"
	check_match "$(n C ip route show 10.255.0.1)" \
		"^10.255.0.1 via 192.168.13.1 dev toa proto bird" "C's route to A"
	check_eq "$(egrectl -n "$SA" -j route show 10.255.0.2 | jq -r '.[0].gateway')" \
		192.168.12.2 "egrectl: A's gateway to B"
	wait_for "loopbacks ping each other" loopbacks_ping
}
test_case "OSPF converges; routes by proto bird; loopbacks ping" converges

link_down() {
	n node1 ip link set dev ab1 down
	around_c
	check_match "$(n A ip route show 10.255.0.2)" "via 192.168.13.3 dev toc proto bird" \
		"A's route to B after the cut"
	check_match "$(n B ip route show 10.255.0.1)" "via 192.168.23.3 dev toc proto bird" \
		"B's route to A after the cut"
	wait_for "A pings B through C" n A ping -c 1 -W 1 -I 10.255.0.1 10.255.0.2
	n node1 ip link set dev ab1 up
	wait_for "A and B neighbors again" full_neighbors A 2
	direct_paths
	wait_for "loopbacks ping each other" loopbacks_ping
}
test_case "egre link down: re-routed through C, and back when up" link_down

# Fast slice interfaces hand frames straight to the egre link's transmit,
# past its qdisc (README: shaping belongs on the slice device), so the loss
# goes on A's side of the link: tob.
link_lossy() {
	n A tc qdisc add dev tob root netem loss 100%
	around_c
	wait_for "A pings B through C" n A ping -c 1 -W 1 -I 10.255.0.1 10.255.0.2
	check_fail n A ping -c 2 -W 1 192.168.12.2 >/dev/null
	n A tc qdisc del dev tob root
	wait_for "A and B neighbors again" full_neighbors A 2
	direct_paths
	wait_for "loopbacks ping each other" loopbacks_ping
}
test_case "100% loss on the A-B link: re-routed through C, and back" link_lossy

test_done
