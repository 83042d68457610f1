#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Malformed input on the wire. node1 has no egre link: it only injects
# frames built byte by byte (tools/egre_wire, a packet socket on u1) at
# node2's egre links. Each bad frame must be dropped and counted under its
# own reason (per link, or per namespace when it reached no link), nothing
# else may move, and no good packet may be counted; good frames from the
# same tool are delivered, which proves the tool builds them right.
#
#   [ node1 ]                                   [ node2 ]
#     egre_wire send --> u1 ====== veth ====== u2 --> eg2 (raw GRE, key 7)
#                       10.0.0.1/24   10.0.0.2/24     eg3 (GRE-in-UDP, key 9)
#                       fd00::1/64    fd00::2/64      eg6 (IPv6 underlay, key 7)
#                                                     eg2 192.168.7.2/24
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"

WIRE=$here/../tools/egre_wire

two_nodes_underlay
U2_MAC=$(n node2 ip -j link show u2 | jq -r '.[0].address')

# in_ns NAME CMD...: n, for the hot path: nsenter enters only the network
# namespace, where ip netns exec also makes a mount namespace.
in_ns() {
	local ns=$1
	shift
	nsenter --net="/run/netns/$(ns_name "$ns")" "$@"
}

# link_on NAME OPTIONS...: a fresh egre link NAME on node2, up.
link_on() {
	local name=$1
	shift
	n node2 ip link del "$name" 2>/dev/null || true
	n node2 egrectl link add "$name" type egre "$@"
	n node2 ip link set "$name" up
}

# The counters a frame may move, as one JSON object: the link's drops, the
# namespace's drops (frames that reached no link), the link's rx packets
# (IFLA_STATS64: what ip -s link shows).
counters() {
	in_ns node2 bash -c "egrectl link show $1 -s -j; egrectl info -j" |
		jq -sc '{link: (.[0][0].drops // {}), ns: (.[1].drops // {}),
			 rx: .[0][0].stats.rx_packets}'
}

# moved BEFORE AFTER: what changed, as "link.csum+1 ns.unknown_key+2 rx+1".
moved() {
	jq -nr --argjson a "$1" --argjson b "$2" '
		[(("link", "ns") as $s | ($b[$s] | keys[]) as $k |
		  ($b[$s][$k] - ($a[$s][$k] // 0)) as $d | select($d != 0) |
		  "\($s).\($k)\(if $d > 0 then "+" else "" end)\($d)"),
		 (($b.rx - $a.rx) as $d | select($d != 0) | "rx+\($d)")] | join(" ")'
}

# What node2's IP layers have handed to a protocol (GRE, UDP, ...), IPv4
# and IPv6 together. A packet is counted once its protocol's handler
# (trellis, or the kernel's GRE demux before it) has returned, dropped or
# not: this moving says an injected frame has been processed. Nothing
# else talks to node2 during these cases (node1 sends no ARP, and neither
# side is a router: no IPv6 multicast of node1's is for node2).
delivered() {
	in_ns node2 awk '$1 == "Ip:" && !hdr { for (i = 2; i <= NF; i++) col[$i] = i; hdr = 1; next }
		$1 == "Ip:" { v4 = $col["InDelivers"] }
		$1 == "Ip6InDelivers" { v6 = $2 }
		END { print v4 + v6 }' /proc/net/snmp /proc/net/snmp6
}

# expect LINK WANT CMD...: runs CMD, then exactly the counters in WANT
# ("" for none) must have moved. The veth hands frames to node2 in a
# softirq: wait for the counters wanted to move, and for "" (nothing may
# move) until node2 has processed a frame, or a limit.
expect() {
	local link=$1 want=$2 before sent=0 got= i
	shift 2
	before=$(counters "$link")
	# (only "" needs it: no more work than that before CMD, whose frame a
	# recv_on may be waiting for with a time limit)
	[ -n "$want" ] || sent=$(delivered)
	"$@"
	for i in $(seq 50); do
		if [ -n "$want" ] || [ "$(delivered)" -gt "$sent" ]; then
			got=$(moved "$before" "$(counters "$link")")
			# once processed, what moved for "" is all that will
			[ "$got" = "$want" ] || [ -z "$want" ] && break
		fi
		sleep 0.1
	done
	[ -n "$want" ] || [ "$(delivered)" -gt "$sent" ] ||
		_fail "node2 never processed what '$*' sent"
	check_eq "$got" "$want" "counters moved by '$*'"
}

inject4() { in_ns node1 "$WIRE" send -i u1 --dst-mac "$U2_MAC" --src 10.0.0.1 --dst 10.0.0.2 "$@"; }
inject6() { in_ns node1 "$WIRE" send -i u1 --dst-mac "$U2_MAC" --src fd00::1 --dst fd00::2 "$@"; }

# udp_bound PORT: waits until a socket on node2 is bound to UDP PORT.
udp_bound() {
	local hex
	hex=$(printf ':%04X ' "$1")
	for _ in $(seq 50); do
		n node2 grep -q "$hex" /proc/net/udp && return 0
		sleep 0.1
	done
	return 1
}

mac_of() { n node2 ip -j link show "$1" | jq -r '.[0].address'; }

# A frame for eg2's own MAC and address reaches a UDP socket on node2.
good_frame_delivered() {
	link_on eg2 local 10.0.0.2 remote 10.0.0.1 key 7
	n node2 ip addr add 192.168.7.2/24 dev eg2
	n node2 timeout 60 socat -u UDP-RECVFROM:9999 "OPEN:$TEST_TMP/got,creat,trunc" &
	check udp_bound 9999
	expect eg2 "rx+1" inject4 --inner-dst-mac "$(mac_of eg2)" --payload 40
	wait
	check_eq "$(cat "$TEST_TMP/got")" "$(printf 'x%.0s' $(seq 40))" "datagram received"
}
test_case "a well-formed frame reaches a socket behind the link" good_frame_delivered

truncated_header() {
	link_on eg2 local 10.0.0.2 remote 10.0.0.1 key 7
	# checksum, key and sequence announced, 12 of 16 header bytes there
	expect eg2 "ns.bad_header+1" inject4 --csum --seq 1 --truncate 12
	# shorter than 12 bytes: the kernel's GRE demux drops it before trellis
	expect eg2 "" inject4 --truncate 6
}
test_case "truncated GRE header: bad_header" truncated_header

short_frames() {
	link_on eg2 local 10.0.0.2 remote 10.0.0.1 key 7
	# 0-11 bytes never reach trellis; 12-21 are an 8-byte header and 4-13
	# bytes of inner frame, less than an Ethernet header
	expect eg2 "link.bad_header+10" in_ns node1 bash -c \
		"for len in \$(seq 0 21); do $WIRE send -i u1 --dst-mac $U2_MAC \
			--src 10.0.0.1 --dst 10.0.0.2 --truncate \$len; done"
}
test_case "every length of a short frame: dropped, none delivered" short_frames

version_not_zero_raw() {
	link_on eg2 local 10.0.0.2 remote 10.0.0.1 key 7
	# version 1 is PPTP's, others the GRE demux's own to drop: trellis
	# never sees them; they must not be delivered
	expect eg2 "" inject4 --version 1
	expect eg2 "" inject4 --version 7
}
test_case "GRE version not 0 (raw GRE): not delivered" version_not_zero_raw

header_trellis_does_not_speak() {
	link_on eg2 local 10.0.0.2 remote 10.0.0.1 key 7
	expect eg2 "ns.bad_version+1" inject4 --flags 0x4000
	expect eg2 "ns.bad_version+1" inject4 --no-key
	expect eg2 "ns.bad_version+1" inject4 --proto 0x0800
}
test_case "routing bit, no key, not Ethernet: bad_version" header_trellis_does_not_speak

unknown_key() {
	link_on eg2 local 10.0.0.2 remote 10.0.0.1 key 7
	expect eg2 "ns.unknown_key+1" inject4 --key 8
	# the right key from another remote is another link too
	expect eg2 "ns.unknown_key+1" in_ns node1 "$WIRE" send -i u1 --dst-mac "$U2_MAC" \
		--src 10.0.0.9 --dst 10.0.0.2
}
test_case "unknown key: unknown_key, counted in the namespace" unknown_key

checksums() {
	link_on eg2 local 10.0.0.2 remote 10.0.0.1 key 7 csum
	expect eg2 "rx+1" inject4 --csum
	expect eg2 "link.csum+1" inject4 --bad-csum
	# the link requires checksums: a frame without one is not its format
	expect eg2 "link.bad_version+1" inject4
}
test_case "wrong GRE checksum: csum" checksums

checksum_flag_on_plain_link() {
	link_on eg2 local 10.0.0.2 remote 10.0.0.1 key 7
	expect eg2 "link.bad_version+1" inject4 --csum
	expect eg2 "link.bad_version+1" inject4 --seq 1
}
test_case "checksum or sequence on a link without them: bad_version" checksum_flag_on_plain_link

sequence() {
	link_on eg2 local 10.0.0.2 remote 10.0.0.1 key 7 seq
	expect eg2 "rx+1" inject4 --seq 10
	expect eg2 "link.seq+1" inject4 --seq 10
	expect eg2 "link.seq+1" inject4 --seq 5
	expect eg2 "rx+1" inject4 --seq 11
	# serial number arithmetic (RFC 1982): up to 2^31-1 ahead is after,
	# and the numbers wrap around, 2^32-1 then 0
	expect eg2 "rx+1" inject4 --seq 2147483658
	expect eg2 "rx+2" inject4 --seq 4294967295 --count 2
	expect eg2 "link.seq+1" inject4 --seq 2147483659
	# a frame dropped for what it carries does not use up its number
	expect eg2 "link.bad_header+1" inject4 --seq 20 --inner-len 4
	expect eg2 "link.ecn+1" inject4 --seq 20 --outer-ecn 3 --inner-ecn 0
	expect eg2 "rx+1" inject4 --seq 20
}
test_case "out-of-order sequence number: seq; dropped frames keep their number" sequence

runt_inner() {
	link_on eg2 local 10.0.0.2 remote 10.0.0.1 key 7
	expect eg2 "link.bad_header+1" inject4 --inner-len 13
	expect eg2 "link.bad_header+1" inject4 --inner-len 4
	# 8 bytes of GRE alone: below the 12 the kernel's GRE demux wants
	expect eg2 "" inject4 --inner-len 0
	# exactly an Ethernet header is a frame
	expect eg2 "rx+1" inject4 --inner-len 14
}
test_case "runt inner frame: bad_header" runt_inner

# recv_on DEV PORT: waits in the background for an inner frame to PORT on DEV.
recv_on() {
	n node2 "$WIRE" recv -i "$1" --inner-dport "$2" --timeout 60 \
		>"$TEST_TMP/recv" 2>"$TEST_TMP/recv.err" &
	for _ in $(seq 50); do
		grep -q listening "$TEST_TMP/recv.err" 2>/dev/null && return 0
		sleep 0.1
	done
	return 1
}

ecn() {
	link_on eg2 local 10.0.0.2 remote 10.0.0.1 key 7
	# RFC 6040: congestion on a packet that cannot carry it is a drop
	expect eg2 "link.ecn+1" inject4 --outer-ecn 3 --inner-ecn 0
	# CE on ECT(0) is delivered as CE
	recv_on eg2 9001
	expect eg2 "rx+1" inject4 --outer-ecn 3 --inner-ecn 2 --inner-dport 9001
	wait
	check_match "$(cat "$TEST_TMP/recv")" " ecn=3 " "inner ECN after CE on ECT(0)"
	# ECT(0) outside, not-ECT inside: delivered unchanged
	recv_on eg2 9002
	expect eg2 "rx+1" inject4 --outer-ecn 2 --inner-ecn 0 --inner-dport 9002
	wait
	check_match "$(cat "$TEST_TMP/recv")" " ecn=0 " "inner ECN after ECT(0) on not-ECT"
	# CE inside stays CE
	recv_on eg2 9003
	expect eg2 "rx+1" inject4 --outer-ecn 0 --inner-ecn 3 --inner-dport 9003
	wait
	check_match "$(cat "$TEST_TMP/recv")" " ecn=3 " "inner CE kept"
}
test_case "ECN: CE on not-ECT is dropped (ecn), CE on ECT(0) arrives as CE" ecn

# A datagram with DF that fits eg2's MTU but not the path behind it.
send_big() {
	head -c 1400 /dev/zero >"$TEST_TMP/big"
	n node2 socat -u "OPEN:$TEST_TMP/big" UDP-SENDTO:192.168.7.1:9,ip-mtu-discover=2
}

# eg2 made for a 1500-byte path, which then narrows to 1400 bytes.
narrow_path() {
	link_on eg2 local 10.0.0.2 remote 10.0.0.1 key 7
	n node2 ip addr add 192.168.7.2/24 dev eg2
	n node2 ip neigh replace 192.168.7.1 lladdr 02:00:00:00:00:01 dev eg2 nud permanent
	n node2 ip route add 10.0.0.1/32 dev u2 mtu lock 1400
	on_exit n node2 ip route del 10.0.0.1/32
	check_eq "$(n node2 ip -j link show eg2 | jq '.[0].mtu')" 1458 "eg2 mtu"
}

too_big() {
	narrow_path
	expect eg2 "link.too_big+1" send_big
	n node2 ip route del 10.0.0.1/32
}
test_case "frame bigger than the path MTU: too_big" too_big

too_big_answered() {
	narrow_path
	send_big || true
	# the sender learned the path MTU (ICMP fragmentation needed):
	# 1400 less IPv4 (20), GRE with key (8) and Ethernet (14)
	check_match "$(n node2 ip route get 192.168.7.1)" " mtu 1358( |$)" "route to the inner destination"
	n node2 ip route del 10.0.0.1/32
}
test_case "too big: the sender learns the path MTU" too_big_answered

# ip_reasm_oks NS: datagrams NS has put together from fragments.
ip_reasm_oks() {
	n "$1" awk '/^Ip:/ { if (!h) { for (i = 1; i <= NF; i++) c[$i] = i; h = 1 }
		else print $c["ReasmOKs"] }' /proc/net/snmp
}

# A frame no ICMP can answer (not IP) is carried in outer fragments, not
# dropped: node1 puts the two fragments back together.
not_ip_fragmented() {
	local before i
	narrow_path
	before=$(ip_reasm_oks node1)
	{
		printf '\x02\x00\x00\x00\x00\x01\x02\x00\x00\x00\x00\x02\x88\xb5'
		head -c 1386 /dev/zero
	} >"$TEST_TMP/not-ip"
	n node2 socat -u "OPEN:$TEST_TMP/not-ip" INTERFACE:eg2
	for i in $(seq 50); do
		[ "$(ip_reasm_oks node1)" -gt "$before" ] && break
		sleep 0.1
	done
	check_eq "$(ip_reasm_oks node1)" $((before + 1)) "outer packets node1 reassembled"
	check_eq "$(n node2 egrectl -j link show eg2 -s | jq '.[0].drops.too_big')" 0 \
		"eg2 too_big drops"
	n node2 ip route del 10.0.0.1/32
}
test_case "too big and not IP: carried in outer fragments, not dropped" not_ip_fragmented

udp_encap() {
	link_on eg3 local 10.0.0.2 remote 10.0.0.1 key 9 encap udp
	expect eg3 "rx+1" inject4 --udp --key 9
	expect eg3 "ns.bad_version+1" inject4 --udp --key 9 --version 1
	expect eg3 "ns.bad_version+1" inject4 --udp --key 9 --version 7
	expect eg3 "ns.bad_header+1" inject4 --udp --key 9 --truncate 2
	expect eg3 "ns.bad_header+1" inject4 --udp --key 9 --csum --truncate 10
	expect eg3 "ns.unknown_key+1" inject4 --udp --key 10
	expect eg3 "link.bad_version+1" inject4 --udp --key 9 --csum
	expect eg3 "link.bad_header+1" inject4 --udp --key 9 --inner-len 5
	expect eg3 "link.bad_header+1" inject4 --udp --key 9 --inner-len 0
	expect eg3 "link.ecn+1" inject4 --udp --key 9 --outer-ecn 3
	# raw GRE to a GRE-in-UDP link's key is not that link
	expect eg3 "ns.unknown_key+1" inject4 --key 9
	link_on eg3 local 10.0.0.2 remote 10.0.0.1 key 9 encap udp csum
	expect eg3 "rx+1" inject4 --udp --key 9 --csum
	expect eg3 "link.csum+1" inject4 --udp --key 9 --bad-csum
	n node2 ip link del eg3
}
test_case "GRE-in-UDP: bad version, truncated, unknown key, checksum" udp_encap

ipv6_underlay() {
	link_on eg6 local fd00::2 remote fd00::1 key 7
	expect eg6 "rx+1" inject6
	expect eg6 "ns.unknown_key+1" inject6 --key 8
	expect eg6 "ns.bad_header+1" inject6 --csum --seq 1 --truncate 12
	# over IPv6 no GRE demux sits in front: the version is trellis's
	expect eg6 "ns.bad_version+1" inject6 --version 1
	expect eg6 "ns.bad_version+1" inject6 --flags 0x4000
	expect eg6 "link.bad_header+1" inject6 --inner-len 3
	expect eg6 "link.ecn+1" inject6 --outer-ecn 3
	n node2 ip link del eg6
	link_on eg6 local fd00::2 remote fd00::1 key 7 csum seq
	expect eg6 "rx+1" inject6 --csum --seq 1
	expect eg6 "link.csum+1" inject6 --bad-csum --seq 2
	expect eg6 "link.seq+1" inject6 --csum --seq 1
	n node2 ip link del eg6
}
test_case "IPv6 underlay: delivered, unknown key, truncated, version, checksum, sequence" ipv6_underlay

ipv6_udp() {
	link_on eg6 local fd00::2 remote fd00::1 key 9 encap udp
	expect eg6 "rx+1" inject6 --udp --key 9
	expect eg6 "ns.bad_version+1" inject6 --udp --key 9 --version 1
	expect eg6 "ns.unknown_key+1" inject6 --udp --key 10
	n node2 ip link del eg6
}
test_case "GRE-in-UDP over IPv6" ipv6_udp

test_done
