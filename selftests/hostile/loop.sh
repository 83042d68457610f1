#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A frame circling a loop of links is dropped once its hop budget is spent
# (the outer TTL it arrived with, less one a link; 64 for a frame a link
# sends first), and counted: "loop" in a link's drops, tx_dropped on a pair
# end. Without the budget each copy circles for ever.
#
# Every case sends one broadcast (an ARP request, one probe, IPv6 off so
# nothing else floods) into a bridge whose two other ports lead into the
# loop, so two copies circle it, one each way:
#
#   node admin, links:  h:v0 -- v1 [br0] L1 --> L2 (egre udp, remote a
#                                        \------<-/  local address)
#   tenant, its slice:  h:v0 -- v1 [br0] x1 -> L1 --> L2 -> x2 (fast slice
#                       interfaces bridged in the tenant's own namespace)
#   pairs, two slices:  h:v0 -- v1 [brA] a1 == b1 [brB]
#                                        a2 == b2
#
# Each copy is sent 64 times (outer TTL 64 down to 1) then dropped: the
# links send 128 frames in all and drop 2; the pairs carry 128 crossings
# and drop 2. A frame that slices route on starts afresh at each router.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
. "$here/lib_hostile.sh"

# Run in the loop's namespace: no IPv6 (no router or neighbour
# solicitations), the two ends of the links on one dummy device.
quiet_underlay="sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
	ip link set lo up
	ip link add d0 type dummy
	ip addr add 10.1.0.1/24 dev d0
	ip addr add 10.1.0.2/24 dev d0
	ip link set d0 up"

# The two links, each the other's remote: what one sends, the other receives.
links="egrectl link add L1 type egre local 10.1.0.1 remote 10.1.0.2 key 1 encap udp
	egrectl link add L2 type egre local 10.1.0.2 remote 10.1.0.1 key 1 encap udp
	ip link set L1 up
	ip link set L2 up"

# The bridge and the sender: h's v0 sends one ARP probe through v1 in br0.
bridge_and_sender="ip link add br0 type bridge stp_state 0 mcast_snooping 0
	ip link set br0 up
	ip link add v1 type veth peer name v0
	ip link set v1 master br0
	ip link set v1 up
	ip addr add 10.9.0.1/24 dev v0
	sysctl -qw net.ipv4.neigh.v0.mcast_solicit=1
	ip link set v0 up"

# RUN...: how to run a command in the loop's namespace.
send_probe() { "$@" ping -c 1 -W 1 -I v0 10.9.0.99 >/dev/null 2>&1 || true; }

# How many of v0 (if there) and the bridge ports are not yet up and
# forwarding: a probe sent before would go nowhere.
not_ready() {
	{
		ip -j link show v0 2>/dev/null | jq -r '.[0].operstate // empty'
		bridge -j link show | jq -r '.[] | select(.master) | .state'
	} | grep -cvxE 'UP|forwarding'
}

# wait_ready RUN...: until not_ready, run with RUN, counts none (10 s).
wait_ready() {
	local i
	for i in $(seq 100); do
		[ "$("$@" bash -c "$(declare -f not_ready); not_ready")" = 0 ] && return 0
		sleep 0.1
	done
	_fail "ports not up and forwarding: $("$@" bridge link show)"
}

# wait_for EXPECTED CMD: until the shell command CMD prints EXPECTED, at
# most 10 s; prints what it printed last.
wait_for() {
	local i out
	for i in $(seq 100); do
		out=$(eval "$2")
		[ "$out" = "$1" ] && break
		sleep 0.1
	done
	echo "$out"
}

# The "loop" drops of L1 and L2, from `egrectl -j link show` on stdin.
loop_drops='jq "[.[] | select(.name == \"L1\" or .name == \"L2\") | .drops.loop] | add"'

# tx_sum FIELD NS DEV...: the sum of the DEVs' tx FIELD (packets,
# dropped) in named namespace NS ("": the caller's).
tx_sum() {
	local field=$1 ns=$2 sum=0 dev
	shift 2
	for dev in "$@"; do
		sum=$((sum + $(ip ${ns:+-n "$ns"} -j -s link show "$dev" | jq ".[0].stats64.tx.$field")))
	done
	echo $sum
}

links_bridged_on_node() {
	ns_add loop
	n loop bash -c "set -e; $quiet_underlay; $links; $bridge_and_sender
		ip link set L1 master br0
		ip link set L2 master br0"
	wait_ready n loop
	send_probe n loop
	check_eq "$(wait_for 2 "n loop egrectl -j link show -s | $loop_drops")" 2 \
		"frames dropped as looping on L1 and L2"
	check_eq "$(tx_sum packets "$(ns_name loop)" L1 L2)" 128 "frames L1 and L2 sent"
	n loop ip link del br0
	n loop ip link del v1
	ns_del loop
}
test_case "links bridged in a loop on a node: each copy is dropped after 64 hops" \
	links_bridged_on_node

tenant_slice_bridge() {
	tenant_start t "$quiet_underlay
		$name_self
		$links
		egrectl link add s1 type shortbridge slice $SELF ifname x1 link L1
		egrectl link add s2 type shortbridge slice $SELF ifname x2 link L2
		$bridge_and_sender
		ip link set x1 master br0
		ip link set x2 master br0
		ip link set x1 up
		ip link set x2 up"
	wait_ready tenant_in t
	send_probe tenant_in t
	check_eq "$(wait_for 2 "tenant_in t egrectl -j link show -s | $loop_drops")" 2 \
		"frames dropped as looping on L1 and L2"
	check_eq "$(tenant_in t bash -c "$(declare -f tx_sum); tx_sum packets '' L1 L2")" 128 \
		"frames L1 and L2 sent"
	# the node goes on
	check egrectl info >/dev/null
}
test_case "a tenant's fast slice interfaces bridged in its slice: the loop ends" \
	cleaned tenant_slice_bridge

pairs_bridged() {
	ns_add node
	ns_add A
	ns_add B
	local ns
	for ns in A B; do
		n $ns sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
	done
	n node egrectl link add p1 type shortbridge slice "$(ns_name A)" ifname a1 \
		peer-slice "$(ns_name B)" peer-ifname b1
	n node egrectl link add p2 type shortbridge slice "$(ns_name A)" ifname a2 \
		peer-slice "$(ns_name B)" peer-ifname b2
	n A bash -c "set -e; $bridge_and_sender
		ip link set a1 master br0
		ip link set a2 master br0
		ip link set a1 up
		ip link set a2 up"
	n B bash -c "set -e; ip link add br0 type bridge stp_state 0 mcast_snooping 0
		ip link set br0 up
		ip link set b1 master br0
		ip link set b2 master br0
		ip link set b1 up
		ip link set b2 up"
	wait_ready n A
	wait_ready n B
	send_probe n A
	check_eq "$(wait_for 2 'echo $(($(tx_sum dropped "$(ns_name A)" a1 a2) +
		$(tx_sum dropped "$(ns_name B)" b1 b2)))')" 2 \
		"frames dropped as looping at the pair ends"
	check_eq "$(($(tx_sum packets "$(ns_name A)" a1 a2) +
		$(tx_sum packets "$(ns_name B)" b1 b2)))" 128 "pair crossings"
	n node egrectl link del p1
	n node egrectl link del p2
	ns_del A
	ns_del B
	ns_del node
}
test_case "slice-to-slice pairs bridged in a loop: the loop ends" pairs_bridged

# Slices that route start a frame's budget afresh: A, B, C and D in a line
# over three links of ttl 2 (budget 2 a link), B and C routing. Were the
# budget spent across routers, A's ping would die at C (2, then 1, then 0).
routed_afresh() {
	local i
	ns_add node
	for i in A B C D; do ns_add $i; done
	n node bash -c "set -e; $quiet_underlay
		for k in 1 2 3; do
			egrectl link add L\${k}a type egre local 10.1.0.1 remote 10.1.0.2 key \$k encap udp ttl 2
			egrectl link add L\${k}b type egre local 10.1.0.2 remote 10.1.0.1 key \$k encap udp ttl 2
			ip link set L\${k}a up
			ip link set L\${k}b up
		done"
	# slice interface NAME in SLICE on link LINK, with ADDR
	sif() {
		n node egrectl link add "s$1" type shortbridge slice "$(ns_name "$2")" ifname "$1" link "$3"
		n "$2" ip addr add "$4" dev "$1"
		n "$2" ip link set "$1" up
	}
	sif a1 A L1a 10.10.1.1/24
	sif b1 B L1b 10.10.1.2/24
	sif b2 B L2a 10.10.2.1/24
	sif c2 C L2b 10.10.2.2/24
	sif c3 C L3a 10.10.3.1/24
	sif d3 D L3b 10.10.3.2/24
	n B sysctl -qw net.ipv4.ip_forward=1
	n C sysctl -qw net.ipv4.ip_forward=1
	n A ip route add default via 10.10.1.2
	n B ip route add 10.10.3.0/24 via 10.10.2.2
	n C ip route add 10.10.1.0/24 via 10.10.2.1
	n D ip route add default via 10.10.3.1
	# the first echo may meet a link whose carrier is not up yet
	check n A ping -c 3 -W 3 10.10.3.2 >/dev/null
	check_eq "$(n node egrectl -j link show -s | jq '[.[].drops.loop // 0] | add')" 0 \
		"frames dropped as looping"
	for i in a1 b1 b2 c2 c3 d3; do n node egrectl link del "s$i"; done
	for i in A B C D node; do ns_del $i; done
}
test_case "slices that route start a frame's budget afresh" routed_afresh

test_done
