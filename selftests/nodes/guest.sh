#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# nodes/guest.sh N: physical node nN's half of the three-node topology run
# that nodes/topology.sh drives (one VM per node, eth0 on one segment). Each
# node applies the same file, in whatever order they come; OSPF (BIRD) must
# converge in the slice that spans them; the file is changed (a link added,
# one removed, one re-shaped, an address changed) and applied again on every
# node while a ping crosses an untouched link; then each destroys its part
# and must be as before. Nodes meet between steps over the underlay (each
# serves the steps it has reached on TCP port 7000). Each prints TAP for
# what it saw itself.
#
#   underlay 10.0.0.N on eth0            slice S, loopbacks 10.255.0.X
#   [n1: a, d]  a e0 ==ab== b e0 [n2: b]   a (1), b (2), c (3), d (4)
#               a e1 ==ca== c e1 [n3: c]   b e1 ==bc== c e0
#               a e2 ==ad== d e0 (a pair)  LAN "lan": a, b, c on 10.4.0.0/24
#   changed:    bc gone, db (d e1 == b e2) added, ca delay 5 -> 15 ms,
#               a's LAN address 10.4.0.1 -> 10.4.0.11
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"

me=${1:-}
case $me in
1 | 2 | 3) ;;
*) echo "usage: nodes/guest.sh 1|2|3" >&2; exit 2 ;;
esac
S=lab	# the VMs are fresh: no prefix needed against other runs
F=$TEST_TMP/lab.yaml
D=/tmp/nodes
FLAGS=$D/steps
mkdir -p "$D"
: >"$FLAGS"

ip addr add "10.0.0.$me/24" dev eth0
ip link set eth0 up
socat TCP-LISTEN:7000,fork,reuseaddr SYSTEM:"cat $FLAGS" 2>/dev/null &
on_exit "kill $!"

# meet STEP: every node has reached STEP. One that never comes fails the
# case, and what follows cannot be trusted: the end of this run.
# how long a node waits for the others at a step: three VMs of the debug
# kernel (seven times slower) on two cores take more than 300 s for one
meet_wait=300
case $(uname -r) in *debug*) meet_wait=1500 ;; esac

meet() {
	local n deadline=$((SECONDS + meet_wait))
	echo "$1" >>"$FLAGS"
	for n in 1 2 3; do
		[ "$n" = "$me" ] && continue
		# -u: from the node only; a bidirectional socat, its stdin at EOF,
		# waits just 0.5 s for the reply, less than a loaded debug VM takes
		until socat -T 5 -u "TCP:10.0.0.$n:7000,connect-timeout=2" - 2>/dev/null |
			grep -qx "$1"; do
			if [ $SECONDS -ge $deadline ]; then
				test_case "n$me: node n$n meets this one at '$1'" false
				test_done
				exit 1
			fi
			sleep 0.3
		done
	done
}

# dead 10 s: three VMs on two host cores may be slow to say hello
bird_conf() { bird_ospf_conf "$D/bird-$1.conf" "$2" "$D/bird-$1.log" "e*" lo 10; }
bird_conf a 10.255.0.1
bird_conf b 10.255.0.2
bird_conf c 10.255.0.3
bird_conf d 10.255.0.4

# router V: the fields that make virtual node V a router running BIRD
router() { echo "sysctl: { net.ipv4.ip_forward: 1 }, run: bird -f -c $D/bird-$1.conf -s $D/bird-$1.ctl"; }

# write_file [changed]: the experiment, as every node has it. Each virtual
# node is a flow mapping on one line; what the change touches is a variable.
write_file() {
	local lan_addr=10.4.0.1/24 delay=5ms b_if="e1: 192.168.23.2/24" c_if="e0: 192.168.23.3/24"
	local d_if="" link="bc: { ends: [b:e1, c:e0] }"
	if [ -n "${1:-}" ]; then
		lan_addr=10.4.0.11/24 delay=15ms b_if="e2: 192.168.42.2/24" c_if=""
		d_if=", e1: 192.168.42.4/24" link="db: { ends: [d:e1, b:e2] }"
	fi
	cat >"$F" <<-YAML
	name: three
	nodes:
	  n1: { underlay: 10.0.0.1 }
	  n2: { underlay: 10.0.0.2 }
	  n3: { underlay: 10.0.0.3 }
	slices:
	  $S:
	    vnodes:
	      a: { node: n1, loopback: 10.255.0.1/32, $(router a),
	           interfaces: { e0: 192.168.12.1/24, e1: 192.168.13.1/24, e2: 192.168.14.1/24, l0: $lan_addr } }
	      b: { node: n2, loopback: 10.255.0.2/32, $(router b),
	           interfaces: { e0: 192.168.12.2/24, $b_if, l0: 10.4.0.2/24 } }
	      c: { node: n3, loopback: 10.255.0.3/32, $(router c),
	           interfaces: { e1: 192.168.13.3/24, ${c_if:+$c_if, }l0: 10.4.0.3/24 } }
	      d: { node: n1, loopback: 10.255.0.4/32, $(router d),
	           interfaces: { e0: 192.168.14.4/24$d_if } }
	    links:
	      ab: { ends: [a:e0, b:e0] }
	      ca: { ends: [c:e1, a:e1], encap: udp, shape: { c: { delay: $delay } } }
	      ad: { ends: [a:e2, d:e0] }
	      $link
	    lans:
	      lan: { ends: [a:l0, b:l0, c:l0] }
	YAML
}

# The vnodes on this node, and what this node is made of.
case $me in
1) mine="a d" ;;
2) mine="b" ;;
3) mine="c" ;;
esac
loopback_of() { case $1 in a) echo 10.255.0.1 ;; b) echo 10.255.0.2 ;; c) echo 10.255.0.3 ;; d) echo 10.255.0.4 ;; esac; }

inventory() {
	ip -o link show | awk -F': ' '{ sub(/@.*/, "", $2); print $2 }' | sort
	ip netns list | awk '{ print $1 }' | sort
	tc qdisc show | sort
	for p in $(ls /proc | grep '^[0-9]*$'); do tr '\0' ' ' 2>/dev/null <"/proc/$p/cmdline"; echo; done |
		grep -c '[b]ird -f' || true
}
before=$(inventory)

# every_loopback_reached: each of this node's vnodes reaches every loopback
every_loopback_reached() {
	local v dst
	for v in $mine; do
		for dst in 10.255.0.1 10.255.0.2 10.255.0.3 10.255.0.4; do
			ip netns exec "$S.$v" ping -c 1 -W 1 -I "$(loopback_of "$v")" "$dst" >/dev/null 2>&1 ||
				return 1
		done
	done
}

# wait_for WHAT CMD...: CMD succeeds within 120 s
wait_for() {
	local what=$1 i v
	shift
	for i in $(seq 240); do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.5
	done
	for v in $mine; do
		echo "--- $v"
		ip -n "$S.$v" route show
		tail -n 5 "$D/bird-$v.log"
	done
	_fail "after 120 s: $what"
}

write_file
built() {
	run egrectl topo apply "$F"
	echo "$out"
	check_eq "$rc" 0 "apply: exit status ($err)"
	check_match "$out" "^[1-9][0-9]* changes$" "apply: its count"
}
test_case "n$me: apply builds this node's part, whatever the other nodes have done" built
meet built

converged() {
	wait_for "OSPF: every loopback reached from $mine" every_loopback_reached
	run egrectl topo test "$F"
	echo "$out"
	check_eq "$rc" 0 "topo test: exit status"
	check_match "$out" "paths tested, 0 failed" "topo test: every link and LAN member"
	[ "$me" != 1 ] || check_match "$out" "LAN $S/lan a -> c 10.4.0.3: 0/50 lost" "the LAN across nodes"
	run egrectl topo apply "$F"
	check_eq "$out" "0 changes" "a second apply"
}
test_case "n$me: OSPF converges across the three nodes; topo test passes" converged
meet tested

# node1 pings b across ab, which the change leaves alone, all through it
if [ "$me" = 1 ]; then
	pings_until "$D/stop" "$S.a" 192.168.12.2 "$D/ping" &
	ping_pid=$!
fi
meet change
write_file changed
changed() {
	run egrectl topo apply "$F"
	echo "$out"
	check_eq "$rc" 0 "apply of the changed file: exit status ($err)"
	case $me in
	1)
		check_match "$out" "\+ addr $S.a l0 10.4.0.11/24" "a's new LAN address"
		check_match "$out" "\+ slif $S/db" "db made"
		;;
	2) check_match "$out" "- egre $S/bc" "bc removed" ;;
	3) check_match "$out" "~ shape slif $S/ca c: .*delay 5ms.* -> .*delay 15ms" "ca re-shaped" ;;
	esac
}
test_case "n$me: the changed file applied: a link added, one removed, one re-shaped, an address changed" changed
meet changed

after_change() {
	local loss
	if [ "$me" = 1 ]; then
		touch "$D/stop"
		# the pings began before the change and end after it (not our child here)
		while kill -0 "$ping_pid" 2>/dev/null; do sleep 0.2; done
		loss=$(pings_lost "$D/ping")
		check_match "$loss" "^0/[1-9][0-9]*$" "echoes lost across ab"
		wait_for "d reaches b over db" ip netns exec "$S.d" ping -c 1 -W 1 192.168.42.2
		check ip netns exec "$S.a" ping -c 2 -W 2 -I 10.4.0.11 10.4.0.2 >/dev/null
	fi
	if [ "$me" = 3 ]; then
		check_match "$(tc -n "$S.c" qdisc show dev e1)" "delay 15ms" "c's end of ca"
		check_eq "$(ip -n "$S.c" -o link show dev e0 2>/dev/null | wc -l)" 0 "c's end of bc gone"
	fi
	wait_for "OSPF: every loopback reached again" every_loopback_reached
}
test_case "n$me: after the change, the untouched link lost nothing, and the slice routes again" after_change
meet checked

destroyed() {
	run egrectl topo destroy "$F"
	check_eq "$rc" 0 "destroy: exit status ($err)"
	check_eq "$(inventory)" "$before" "devices, namespaces, qdiscs and daemons as before"
}
test_case "n$me: destroy leaves this node as it was before the first apply" destroyed
meet done
# the others may not have read that this one is done: serve it a while longer
sleep 20
test_done
