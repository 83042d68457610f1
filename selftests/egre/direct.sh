#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Links in direct mode (`dev UNDERLAY direct`): their packets come off the
# underlay device's receive handler and, over IPv4, go to its neighbour,
# past the node's IP layer both ways. Every encapsulation carries traffic
# and skips the IP layer (its counters show it); what the IP layer must
# still do (fragments, a UDP checksum to verify) it still does; live
# changes; links sharing a device; the handler held and given back (a
# bridge can take the device exactly when no direct link holds it); the device leaving and coming back;
# a slice's own direct link nested over its fast slice interface.
#
#   [ node1 ]                                  [ node2 ]
#     eg1 192.168.7.1/24 ---- key 7 ---- eg2 192.168.7.2/24
#     u1  10.0.0.1/24 ====== veth ====== u2  10.0.0.2/24
#         fd00::1/64                         fd00::2/64
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"

# pair 4|6 [direct|nodirect] OPTIONS...: eg1/eg2 pinned to u1/u2
pair() {
	local a=10.0.0.1 b=10.0.0.2 mode
	[ "$1" = 6 ] && a=fd00::1 b=fd00::2
	mode=$2
	shift 2
	n node1 ip link del eg1 2>/dev/null || true
	n node2 ip link del eg2 2>/dev/null || true
	n node1 egrectl link add eg1 type egre local $a remote $b dev u1 $mode "$@"
	n node2 egrectl link add eg2 type egre local $b remote $a dev u2 $mode "$@"
	# no IPv6 on the links: its own chatter (router solicitations, MLD)
	# would be outer packets the counts below do not expect
	n node1 sysctl -qw net.ipv6.conf.eg1.disable_ipv6=1
	n node2 sysctl -qw net.ipv6.conf.eg2.disable_ipv6=1
	n node1 ip addr add 192.168.7.1/24 dev eg1
	n node2 ip addr add 192.168.7.2/24 dev eg2
	n node1 ip link set eg1 up
	n node2 ip link set eg2 up
	# nor ARP: a neighbour going stale mid-count would be outer packets too
	n node1 ip neigh replace 192.168.7.2 dev eg1 nud permanent \
		lladdr "$(n node2 cat /sys/class/net/eg2/address)"
	n node2 ip neigh replace 192.168.7.1 dev eg2 nud permanent \
		lladdr "$(n node1 cat /sys/class/net/eg1/address)"
}

unpair() {
	n node1 ip link del eg1
	n node2 ip link del eg2
}

# ip_mib NODE FIELD: a counter of NODE's IPv4 MIB (/proc/net/snmp, "Ip:")
ip_mib() {
	n "$1" awk -v f="$2" '$1 == "Ip:" { if (!h) { for (i = 2; i <= NF; i++) col[$i] = i; h = 1 }
		else print $col[f] }' /proc/net/snmp
}

# ip6_dev_mib NODE DEV FIELD: a counter of DEV's IPv6 MIB
ip6_dev_mib() { n "$1" awk -v f="$3" '$1 == f { print $2 }' "/proc/net/dev_snmp6/$2"; }

# outer_seen 4|6 [ADDRESS]: "IN OUT", the packets node2's IP layer received
# and sent while node1 pings node2 (ADDRESS, 192.168.7.2: eg2) ten times
# over the link: each echo and each reply
# is one inner IPv4 packet in node2, and one outer packet more unless the
# link is direct (an IPv6 underlay: inner IPv4 never counts there, so the
# IPv6 counters of u2 see the outer packets alone)
outer_seen() {
	local in0 out0 to=${2:-192.168.7.2}
	n node1 ping -c 1 -W 2 "$to" >/dev/null	# neighbours resolved
	if [ "$1" = 4 ]; then
		in0=$(ip_mib node2 InReceives) out0=$(ip_mib node2 OutRequests)
	else
		in0=$(ip6_dev_mib node2 u2 Ip6InReceives)
		out0=$(ip6_dev_mib node2 u2 Ip6OutTransmits)
	fi
	n node1 ping -c 10 -i 0.05 -W 2 "$to" >/dev/null
	if [ "$1" = 4 ]; then
		echo "$(($(ip_mib node2 InReceives) - in0)) $(($(ip_mib node2 OutRequests) - out0))"
	else
		echo "$(($(ip6_dev_mib node2 u2 Ip6InReceives) - in0))" \
			"$(($(ip6_dev_mib node2 u2 Ip6OutTransmits) - out0))"
	fi
}

# traffic AF ENCAP FLAGS...: ping, 1 MiB of TCP, no drops, and the IP layer
# of the underlay did not see the link's packets
traffic() {
	local af=$1 seen
	shift
	pair "$af" direct "$@"
	check_eq "$(n node2 egrectl -j link show eg2 | jq -r '.[0].direct')" true "direct"
	check n node1 ping -c 2 -W 2 192.168.7.2
	check tcp_transfer node1 node2 192.168.7.2
	check_eq "$(n node2 egrectl -j info | jq '[.drops[]] | add')" 0 "drops at node2"
	check_eq "$(n node2 egrectl -j link show eg2 -s |
		jq -c '.[0].drops | with_entries(select(.key != "seq" and .value != 0))')" \
		"{}" "drops on eg2"
	seen=$(outer_seen "$af")
	if [ "$af" = 4 ]; then
		check_eq "$seen" "10 10" "node2's IPv4 packets in and out: only the inner ones"
	else
		# none, or a neighbour probe (each echo, each reply would be 10)
		check_eq "$(echo "$seen" | awk '{ print ($1 <= 2 && $2 <= 2) }')" 1 \
			"IPv6 packets u2 took up and sent: $seen"
	fi
	unpair
}

two_nodes_underlay

for af in 4 6; do
	for encap in gre udp; do
		for flags in "" csum seq; do
			# shellcheck disable=SC2086 # flags are words
			test_case "direct: IPv$af underlay, encap $encap${flags:+, $flags}" \
				traffic $af key 7 encap $encap $flags
		done
	done
done

# The same link without direct: the IP layer sees every outer packet (this
# is what makes the check above able to fail), and direct can be turned on
# and off live.
live_switch() {
	pair 4 nodirect key 7
	check_eq "$(outer_seen 4)" "20 20" "no direct: inner and outer packets"
	n node1 egrectl link set eg1 direct
	n node2 egrectl link set eg2 direct
	check_eq "$(outer_seen 4)" "10 10" "direct turned on live"
	n node2 egrectl link set eg2 nodirect
	check_eq "$(outer_seen 4)" "20 20" "direct off at node2: its IP layer sees the outer packets"
	unpair
}
test_case "direct on and off on a live link" live_switch

# The same over IPv6: without direct, u2's IPv6 counters see every echo
# and every reply (what makes the IPv6 check of traffic able to fail).
live_switch6() {
	local seen
	pair 6 nodirect key 7
	seen=$(outer_seen 6)
	check_eq "$(echo "$seen" | awk '{ print ($1 >= 10 && $2 >= 10) }')" 1 \
		"no direct: u2's IPv6 layer sees the outer packets both ways: $seen"
	n node1 egrectl link set eg1 direct
	n node2 egrectl link set eg2 direct
	seen=$(outer_seen 6)
	check_eq "$(echo "$seen" | awk '{ print ($1 <= 2 && $2 <= 2) }')" 1 \
		"direct turned on live: neither way: $seen"
	unpair
}
test_case "direct on and off on a live link over IPv6" live_switch6

# more_links NET KEY [direct|nodirect]: a second pair of links, egK on
# node1 and egK+1 on node2 (K = KEY), on the same devices as eg1 and eg2,
# addressed 192.168.NET.1 and .2, neighbours pinned as pair's are
more_links() {
	local k=$2 i
	for i in 1 2; do
		n node$i egrectl link add "eg$((k + i - 1))" type egre local 10.0.0.$i \
			remote 10.0.0.$((3 - i)) dev u$i key "$k" "$3"
		n node$i sysctl -qw "net.ipv6.conf.eg$((k + i - 1)).disable_ipv6=1"
		n node$i ip addr add "192.168.$1.$i/24" dev "eg$((k + i - 1))"
		n node$i ip link set "eg$((k + i - 1))" up
	done
	n node1 ip neigh replace "192.168.$1.2" dev "eg$k" nud permanent \
		lladdr "$(n node2 cat "/sys/class/net/eg$((k + 1))/address")"
	n node2 ip neigh replace "192.168.$1.1" dev "eg$((k + 1))" nud permanent \
		lladdr "$(n node1 cat "/sys/class/net/eg$k/address")"
}

# Links sharing an underlay device: a device held by one link compares the
# packet's key with that link's alone, so what matters is that each link
# is found by its key while two hold it, that the one left keeps direct
# receive whichever goes, and that a link without direct on the device
# still gets its packets by the IP layer.
shared_device() {
	pair 4 direct key 7
	more_links 8 8 direct
	more_links 9 10 nodirect
	check_eq "$(outer_seen 4)" "10 10" "eg1 direct beside eg8"
	check_eq "$(outer_seen 4 192.168.8.2)" "10 10" "eg8 direct beside eg1"
	check_eq "$(outer_seen 4 192.168.9.2)" "20 20" "eg10 without direct: by the IP layer"
	# eg1 and eg2 go first: eg8 and eg9 are left alone on the devices
	unpair
	check_eq "$(outer_seen 4 192.168.8.2)" "10 10" "eg8 direct, left alone"
	check_eq "$(outer_seen 4 192.168.9.2)" "20 20" "eg10 without direct, beside eg8 alone"
	pair 4 direct key 7
	n node1 ip link del eg8
	n node2 ip link del eg9
	check_eq "$(outer_seen 4)" "10 10" "eg1 direct, left alone after eg8 went"
	check_eq "$(outer_seen 4 192.168.9.2)" "20 20" "eg10 without direct, beside eg1 alone"
	n node1 ip link del eg10
	n node2 ip link del eg11
	unpair
}
test_case "links sharing an underlay device, direct and not" shared_device

# An IPsec policy on the underlay whose SA does not exist yet gives a
# stand-in route whose own output must drop the packets (larval drop, the
# default): direct transmit leaves a route whose output is not the plain
# IP one to the IP layer. Sent straight to that route's neighbour, the
# packets went to lo instead.
ipsec_larval() {
	local lo0
	pair 4 direct key 7
	n node1 ip xfrm policy add src 10.0.0.1/32 dst 10.0.0.2/32 dir out \
		tmpl src 10.0.0.1 dst 10.0.0.2 proto esp mode transport
	lo0=$(n node1 cat /sys/class/net/lo/statistics/tx_packets)
	check_fail n node1 ping -c 5 -i 0.05 -W 1 192.168.7.2
	check_eq "$(($(n node1 cat /sys/class/net/lo/statistics/tx_packets) - lo0))" 0 \
		"packets node1 sent on lo"
	n node1 ip xfrm policy flush
	check n node1 ping -c 2 -W 2 192.168.7.2
	unpair
}
# (a debug kernel built before xfrm_user joined vm/test-modules has none)
if n node1 ip xfrm policy list >/dev/null 2>&1; then
	test_case "direct transmit leaves an IPsec policy's route to the IP layer" ipsec_larval
else
	test_skip "direct transmit leaves an IPsec policy's route to the IP layer" \
		"no xfrm_user in this kernel"
fi

# What the handler is not sure of goes on to the IP layer, where the link
# still takes it: outer fragments (nopmtudisc with a frame too big for the
# underlay) arrive whole.
fragments_via_ip() {
	pair 4 direct key 7 nopmtudisc mtu 1500
	n node1 ip link set u1 mtu 1400
	n node2 ip link set u2 mtu 1400
	check n node1 ping -c 2 -W 2 -s 1400 -M do 192.168.7.2
	n node1 ip link set u1 mtu 1500
	n node2 ip link set u2 mtu 1500
	unpair
}
test_case "outer fragments reach a direct link through the IP layer" fragments_via_ip

refused() {
	run n node1 egrectl link add eg1 type egre local 10.0.0.1 remote 10.0.0.2 key 7 direct
	check_fail test "$rc" = 0
	check_match "$err" "direct needs an underlay device \(dev\)" "error"
	check_fail n node1 ip link show eg1
	n node1 egrectl link add eg1 type egre local 10.0.0.1 remote 10.0.0.2 key 7
	run n node1 egrectl link set eg1 direct
	check_match "$err" "direct needs an underlay device \(dev\)" "error on set"
	check_eq "$(n node1 egrectl -j link show eg1 | jq -r '.[0].direct')" false "unchanged"
	n node1 ip link del eg1
}
test_case "direct without an underlay device is refused" refused

# enslave NODE DEV: DEV into a new bridge br0 (fails while the device's
# receive handler is taken)
enslave() { n "$1" ip link set "$2" master br0; }

handler_held() {
	n node2 ip link add br0 type bridge
	pair 4 direct key 7
	n node2 egrectl link add eg8 type egre local 10.0.0.2 remote 10.0.0.1 key 8 dev u2 direct
	check_fail enslave node2 u2
	n node2 ip link del eg2
	check_fail enslave node2 u2		# eg8 still holds it
	n node2 egrectl link set eg8 nodirect
	check enslave node2 u2			# given back with the last
	# and a device a bridge has is refused
	run n node2 egrectl link set eg8 direct
	check_match "$err" "receive handler" "error"
	check_eq "$(n node2 egrectl -j link show eg8 | jq -r '.[0].direct')" false "unchanged"
	run n node2 egrectl link add eg2 type egre local 10.0.0.2 remote 10.0.0.1 key 7 \
		dev u2 direct
	check_fail n node2 ip link show eg2
	n node2 ip link set u2 nomaster
	n node2 ip link del br0
	n node2 ip link del eg8
	n node1 ip link del eg1
}
test_case "the underlay's receive handler is held while a direct link uses it" handler_held

# The underlay device leaves node2 (moved to a fresh namespace, where its
# index is free) and comes back under the same index: the link falls back
# to the IP layer, then takes the handler again.
device_moves() {
	pair 4 direct key 7
	ns_add away
	n node2 ip link set u2 netns "$(ns_name away)"
	check_eq "$(n node2 egrectl -j link show eg2 | jq -r '.[0].direct')" true "still configured"
	n away ip link set u2 netns "$(ns_name node2)"
	ns_del away
	n node2 ip addr add 10.0.0.2/24 dev u2
	n node2 ip addr add fd00::2/64 dev u2 nodad
	n node2 ip link set u2 up
	check_eq "$(outer_seen 4)" "10 10" "direct again"
	n node2 ip link add br0 type bridge
	check_fail enslave node2 u2
	n node2 ip link del br0
	unpair
}
test_case "the underlay device moves away and back" device_moves

# Deleting the underlay under a direct link, and a namespace full of them.
teardown() {
	ip link add u3 netns "$(ns_name node1)" type veth peer name u4 netns "$(ns_name node2)"
	n node2 egrectl link add eg4 type egre local 10.1.0.2 remote 10.1.0.1 key 4 dev u4 direct
	n node2 egrectl link add eg5 type egre local 10.1.0.2 remote 10.1.0.1 key 5 dev u4 direct
	idx=$(n node2 cat /sys/class/net/u4/ifindex)
	n node1 ip link del u3
	check n node2 ip link show eg4
	n node2 ip link del eg4
	# a new device under the deleted one's number is not taken unasked,
	# and eg5, waiting for nothing, changes like any link
	n node2 ip link add u6 index "$idx" type dummy
	n node2 ip link add br0 type bridge
	check enslave node2 u6
	check n node2 egrectl link set eg5 ttl 9
	n node2 ip link set u6 nomaster
	check n node2 egrectl link set eg5 direct	# asked: taken
	check_fail enslave node2 u6
	n node2 ip link del br0
	n node2 ip link del u6
	n node2 ip link del eg5
	ns_add node3
	n node3 ip link add u5 type dummy
	n node3 egrectl link add eg6 type egre local 10.2.0.1 remote 10.2.0.2 key 6 dev u5 direct
	n node3 egrectl link add eg7 type egre local 10.2.0.1 remote 10.2.0.2 key 7 dev u5 direct \
		encap udp
	ns_del node3
}
test_case "the underlay or its namespace deleted under direct links" teardown

# A device with no receive handler to give (VRF, ipvlan) is refused in its
# own words, not as a device someone else holds.
no_handler() {
	n node2 ip link add vrf9 type vrf table 9
	run n node2 egrectl link add eg9 type egre local 10.0.0.2 remote 10.0.0.1 key 9 \
		dev vrf9 direct
	check_fail test "$rc" = 0
	check_match "$err" "cannot take this underlay device's receive handler" "error"
	check_fail n node2 ip link show eg9
	n node2 ip link del vrf9
}
test_case "an underlay with no receive handler to give is refused" no_handler

# A link whose register_netdevice() fails (index 1 is lo's) is in the
# receive table for a moment with its configuration already gone: frames
# of its key arriving then must pass by (the IP layer drops them), not be
# read through the freed configuration. A race, so many tries under load.
failed_register() {
	local i
	n node2 egrectl link add eg2 type egre local 10.0.0.2 remote 10.0.0.1 key 7 dev u2
	n node2 ip addr add 192.168.7.2/24 dev eg2
	n node2 ip link set eg2 up
	n node2 ip neigh add 192.168.7.1 lladdr 02:00:00:00:00:01 dev eg2
	n node2 ping -f -q -w 20 192.168.7.1 >/dev/null 2>&1 &
	for i in $(seq 1 300); do
		n node1 egrectl link add eg1 type egre local 10.0.0.1 remote 10.0.0.2 index 1 \
			key 7 dev u1 direct 2>/dev/null && break
	done
	check_eq "$i" 300 "every add refused"
	wait
	check n node1 ip link show u1
	n node2 ip link del eg2
}
test_case "a link failing to register while its frames arrive" failed_register

# A slice's own direct link over its fast slice interface: the node's
# handler passes the outer frame on to the slice's sb0 in the same receive,
# whose handler (the slice's link's) takes the inner one off and queues it
# (a slice device's frames are never passed on inline). Both decapsulate
# before any IP layer: s2 sees the ping's inner packets only.
nested() {
	local i in0 rx0 in rx
	pair 4 direct key 7
	for i in 1 2; do
		ns_add s$i
		n node$i egrectl link add sl$i type shortbridge slice "$(ns_name s$i)" ifname sb0 link eg$i
		n s$i sysctl -qw net.ipv6.conf.sb0.disable_ipv6=1
		n s$i ip addr add 10.5.0.$i/24 dev sb0
		n s$i ip link set sb0 up
	done
	n s1 egrectl link add in1 type egre local 10.5.0.1 remote 10.5.0.2 key 9 dev sb0 direct
	n s2 egrectl link add in2 type egre local 10.5.0.2 remote 10.5.0.1 key 9 dev sb0 direct
	for i in 1 2; do
		n s$i sysctl -qw net.ipv6.conf.in$i.disable_ipv6=1
		n s$i ip addr add 10.6.0.$i/24 dev in$i
		n s$i ip link set in$i up
	done
	# no ARP over the inner link in the counts (pair's reason)
	n s1 ip neigh replace 10.6.0.2 dev in1 nud permanent \
		lladdr "$(n s2 cat /sys/class/net/in2/address)"
	n s2 ip neigh replace 10.6.0.1 dev in2 nud permanent \
		lladdr "$(n s1 cat /sys/class/net/in1/address)"
	check n s1 ping -c 2 -W 2 10.6.0.2
	in0=$(ip_in s2) rx0=$(n s2 cat /sys/class/net/in2/statistics/rx_packets)
	n s1 ping -c 10 -i 0.05 -W 2 10.6.0.2 >/dev/null
	in=$(($(ip_in s2) - in0)) rx=$(($(n s2 cat /sys/class/net/in2/statistics/rx_packets) - rx0))
	check_eq "$rx" 10 "echoes in2 received"
	check_eq "$in" 10 "packets s2's IP layers took in: the inner echoes only"
	check_eq "$(n node2 egrectl -j info | jq '[.drops[]] | add')" 0 "drops at node2"
	check_eq "$(n s2 egrectl -j info | jq '[.drops[]] | add')" 0 "drops in s2"
	for i in 1 2; do
		n s$i ip link del in$i
		n node$i egrectl link del sl$i
		ns_del s$i
	done
	unpair
}
test_case "a slice's direct link over its fast slice interface" nested

test_done
