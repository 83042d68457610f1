#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Routing daemons started from a topology file: OSPF in three virtual nodes
# on two nodes, A and C running BIRD 2 and B running FRR (zebra and ospfd),
# each from its "run:" lines, so that BIRD meets FRR on two links; routes
# between their loopbacks; topo link takes the direct A-B link down on both
# nodes and OSPF moves A-B traffic through C, up brings the direct route
# back; destroy ends the daemons with everything else.
#
#   [node1: A (BIRD)]             [node2: B (FRR), C (BIRD)]
#    A e0 ====(egre ab)=========== B e0
#    A e1 ====(egre ac)=========== C e0
#                                  B e1 ==(pair bc)== C e1
#   loopbacks 10.255.0.1 (A), .2 (B), .3 (C)
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"

S=${_prefix}ospf
F=$TEST_TMP/ospf.yaml

two_nodes_underlay

bird_conf() { bird_ospf_conf "$TEST_TMP/bird-$1.conf" "$2" "$TEST_TMP/bird-$1.log" "e*" lo; }
bird_conf A 10.255.0.1
bird_conf C 10.255.0.3

# frr_conf V ROUTER-ID: FRR's files for V in $TEST_TMP/frr-V, its sockets there too
frr_conf() {
	local d=$TEST_TMP/frr-$1 e
	mkdir -p "$d"
	: >"$d/zebra.conf"
	{
		echo "log file $d/ospfd.log"
		for e in e0 e1; do
			printf 'interface %s\n ip ospf network point-to-point\n' "$e"
			# a quick resend: BIRD takes no LSA within a second of the last
			printf ' ip ospf hello-interval 1\n ip ospf dead-interval 4\n ip ospf cost 10\n'
			printf ' ip ospf retransmit-interval 1\n'
		done
		printf 'router ospf\n ospf router-id %s\n' "$2"
		printf ' network 192.168.0.0/16 area 0\n network %s/32 area 0\n' "$2"
	} >"$d/ospfd.conf"
}
frr_conf B 10.255.0.2

# frr_run V DAEMON: the command line that runs FRR's DAEMON for V in the foreground
frr_run() {
	local d=$TEST_TMP/frr-$1
	echo "/usr/lib/frr/$2 -u root -g root -f $d/$2.conf -i $d/$2.pid -z $d/zserv.api --vty_socket $d -P 0"
}

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
        run: ["$(frr_run B zebra)", "$(frr_run B ospfd)"]
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

# neighbors V: V's OSPF neighbors, one a line, as BIRD lists them (A, C)
neighbors() { birdc_in "$1" show ospf neighbors | tail -n +3; }

ospf_state() {
	local v
	for v in A B C; do
		echo "--- $v"
		[ "$v" = B ] || neighbors "$v" 2>&1 || true
		ip -n "$S.$v" route show
		tail -n 5 "$TEST_TMP/bird-$v.log" "$TEST_TMP/frr-$v/ospfd.log" 2>/dev/null
	done
	tail -n 5 /run/trellis/topo/log/"$S".B.* 2>/dev/null
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

full_neighbors() { [ "$(neighbors "$1" | grep -c 'Full/')" = "$2" ]; }

# via V ADDR DEV: V routes ADDR, as its daemon learned it, through DEV
via() { ip -n "$S.$1" route show "$2" | grep -v 'proto kernel' | grep -q "dev $3"; }

converges() {
	check egrectl_on node1 topo apply "$F" >/dev/null
	check egrectl_on node2 topo apply "$F" >/dev/null
	wait_for "A has 2 full neighbors" full_neighbors A 2
	wait_for "C has 2 full neighbors" full_neighbors C 2
	# FRR (B): what its zebra put in the FIB from each neighbor (vtysh
	# would need PAM, which the VM has not)
	wait_for "B (FRR) reaches C's loopback directly" via B 10.255.0.3 e1
	wait_for "A reaches B's loopback directly" via A 10.255.0.2 e0
	check ip netns exec "$S.A" ping -c 2 -W 2 -I 10.255.0.1 10.255.0.2 >/dev/null
	check ip netns exec "$S.A" ping -c 2 -W 2 -I 10.255.0.1 10.255.0.3 >/dev/null
	check_match "$(egrectl_on node1 topo show "$F")" "run $S.A 0: ok" "BIRD recorded"
	check_match "$(egrectl_on node2 topo show "$F")" "run $S.B 1: ok" "FRR's ospfd recorded"
	wait_for "B (FRR) reaches A's loopback directly" via B 10.255.0.1 e0
}
test_case "BIRD and FRR started from the file: OSPF converges across nodes and daemons" converges

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

# daemons: how many of the file's daemons run
daemons() {
	for p in $(ls /proc | grep '^[0-9]*$'); do tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null; echo; done |
		grep -c "[b]ird -f -c $TEST_TMP\|[f]rr/.* -u root" || true
}

destroyed() {
	local i
	check egrectl_on node1 topo destroy "$F" >/dev/null
	check egrectl_on node2 topo destroy "$F" >/dev/null
	check_eq "$(ip netns list | grep -c "^$S\." || true)" 0 "namespaces left"
	# SIGTERM was sent: give them a moment to end
	for i in $(seq 50); do
		[ "$(daemons)" = 0 ] && break
		sleep 0.1
	done
	check_eq "$(daemons)" 0 "daemons left"
}
test_case "destroy ends the daemons with everything else" destroyed

test_done
