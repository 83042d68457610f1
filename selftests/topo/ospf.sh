#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A routing daemon started from a topology file: BIRD 2 runs OSPF in three
# virtual nodes on two nodes (each "run: bird -f ..." in the file), routes
# between their loopbacks; topo link takes the direct A-B link down on both
# nodes and OSPF moves A-B traffic through C, up brings the direct route
# back; destroy ends the daemons with everything else.
#
#   [node1: A]                    [node2: B, C]
#    A e0 ====(egre ab)=========== B e0
#    A e1 ====(egre ac)=========== C e0
#                                  B e1 ==(pair bc)== C e1
#   loopbacks 10.255.0.1 (A), .2 (B), .3 (C)
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"

S=${_prefix}ospf
F=$TEST_TMP/ospf.yaml

two_nodes_underlay

bird_conf() {
	cat >"$TEST_TMP/bird-$1.conf" <<-EOF
	router id $2;
	log "$TEST_TMP/bird-$1.log" all;
	protocol device { scan time 1; }
	protocol kernel {
		ipv4 { export where net ~ [ 10.255.0.0/24+ ]; };
		scan time 2;
	}
	protocol ospf v2 {
		ipv4 { import all; export none; };
		area 0 {
			interface "e*" { type ptp; hello 1; dead 4; cost 10; };
			interface "lo" { stub yes; };
		};
	}
	EOF
}
bird_conf A 10.255.0.1
bird_conf B 10.255.0.2
bird_conf C 10.255.0.3

cat >"$F" <<YAML
name: ${_prefix}ospf
nodes:
  n1: { underlay: 10.0.0.1 }
  n2: { underlay: 10.0.0.2 }
slices:
  $S:
    vnodes:
      A:
        node: n1
        loopback: 10.255.0.1/32
        interfaces: { e0: 192.168.12.1/24, e1: 192.168.13.1/24 }
        sysctl: { net.ipv4.ip_forward: 1 }
        run: bird -f -c $TEST_TMP/bird-A.conf -s $TEST_TMP/bird-A.ctl
      B:
        node: n2
        loopback: 10.255.0.2/32
        interfaces: { e0: 192.168.12.2/24, e1: 192.168.23.2/24 }
        sysctl: { net.ipv4.ip_forward: 1 }
        run: bird -f -c $TEST_TMP/bird-B.conf -s $TEST_TMP/bird-B.ctl
      C:
        node: n2
        loopback: 10.255.0.3/32
        interfaces: { e0: 192.168.13.3/24, e1: 192.168.23.3/24 }
        sysctl: { net.ipv4.ip_forward: 1 }
        run: bird -f -c $TEST_TMP/bird-C.conf -s $TEST_TMP/bird-C.ctl
    links:
      ab: { ends: [A:e0, B:e0] }
      ac: { ends: [A:e1, C:e0] }
      bc: { ends: [B:e1, C:e1] }
YAML

birdc_in() {
	local v=$1
	shift
	ip netns exec "$S.$v" birdc -s "$TEST_TMP/bird-$v.ctl" "$@"
}

ospf_state() {
	local v
	for v in A B C; do
		echo "--- $v"
		birdc_in "$v" show ospf neighbors 2>&1 | tail -n +2
		ip -n "$S.$v" route show
		tail -n 5 "$TEST_TMP/bird-$v.log" 2>&1
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

full_neighbors() { [ "$(birdc_in "$1" show ospf neighbors | grep -c 'Full/')" = "$2" ]; }

# via V ADDR DEV: V routes ADDR by BIRD through DEV
via() { ip -n "$S.$1" route show "$2" proto bird | grep -q "dev $3"; }

converges() {
	check egrectl_on node1 topo apply "$F" >/dev/null
	check egrectl_on node2 topo apply "$F" >/dev/null
	wait_for "A has 2 full neighbors" full_neighbors A 2
	wait_for "B has 2 full neighbors" full_neighbors B 2
	wait_for "C has 2 full neighbors" full_neighbors C 2
	wait_for "A reaches B's loopback directly" via A 10.255.0.2 e0
	wait_for "B reaches A's loopback directly" via B 10.255.0.1 e0
	check ip netns exec "$S.A" ping -c 2 -W 2 -I 10.255.0.1 10.255.0.2 >/dev/null
	check ip netns exec "$S.A" ping -c 2 -W 2 -I 10.255.0.1 10.255.0.3 >/dev/null
	check_match "$(egrectl_on node1 topo show "$F")" "run $S.A 0: ok" "the daemon recorded"
}
test_case "BIRD started from the file in each virtual node: OSPF converges across nodes" converges

rerouted() {
	check egrectl_on node1 topo link "$F" ab down
	check egrectl_on node2 topo link "$F" ab down
	wait_for "A reaches B's loopback through C" via A 10.255.0.2 e1
	check ip netns exec "$S.A" ping -c 2 -W 2 -I 10.255.0.1 10.255.0.2 >/dev/null
	check egrectl_on node1 topo link "$F" ab up
	check egrectl_on node2 topo link "$F" ab up
	wait_for "A reaches B's loopback directly again" via A 10.255.0.2 e0
	check_eq "$(egrectl_on node1 topo apply "$F")" "0 changes" "apply after the events"
}
test_case "topo link ab down on both nodes: OSPF re-routes A-B through C; up: back" rerouted

destroyed() {
	check egrectl_on node1 topo destroy "$F" >/dev/null
	check egrectl_on node2 topo destroy "$F" >/dev/null
	check_eq "$(ip netns list | grep -c "^$S\." || true)" 0 "namespaces left"
	check_eq "$(for p in $(ls /proc | grep '^[0-9]*$'); do tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null; echo; done |
		grep -c "[b]ird -f -c $TEST_TMP" || true)" 0 "bird processes left"
}
test_case "destroy ends the daemons with everything else" destroyed

test_done
