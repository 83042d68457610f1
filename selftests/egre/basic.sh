#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# EGRE links between two node namespaces: traffic both ways, the options that
# change the wire format, live changes, iproute2 interop, errors, lifecycle.
#
#   [ node1 ]                                  [ node2 ]
#     eg1 192.168.7.1/24 ---- key 7 ---- eg2 192.168.7.2/24
#     u1  10.0.0.1/24 ====== veth ====== u2  10.0.0.2/24
#         fd00::1/64                         fd00::2/64
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"

# link_pair_over 4|6 OPTIONS...: eg1/eg2 with the same options on both
# sides, over the IPv4 or the IPv6 underlay.
link_pair_over() {
	local a=10.0.0.1 b=10.0.0.2
	[ "$1" = 6 ] && a=fd00::1 b=fd00::2
	shift
	# a failed case may have left its pair, or a small underlay MTU, behind
	n node1 ip link set u1 mtu 1500
	n node2 ip link set u2 mtu 1500
	n node1 ip link del eg1 2>/dev/null || true
	n node2 ip link del eg2 2>/dev/null || true
	n node1 egrectl link add eg1 type egre local $a remote $b "$@"
	n node2 egrectl link add eg2 type egre local $b remote $a "$@"
	n node1 ip addr add 192.168.7.1/24 dev eg1
	n node2 ip addr add 192.168.7.2/24 dev eg2
	n node1 ip link set eg1 up
	n node2 ip link set eg2 up
}

link_pair() { link_pair_over 4 "$@"; }

unlink_pair() {
	n node1 egrectl link del eg1
	n node2 egrectl link del eg2
}

ping_ok() { n node1 ping -c 2 -W 2 "${1:-192.168.7.2}" >/dev/null; }

# A TCP transfer of 1 MiB across the link, checked end to end.
tcp_ok() { tcp_transfer node1 node2 192.168.7.2; }

# traffic_over 4|6 OPTIONS...
traffic_over() {
	link_pair_over "$@"
	check ping_ok
	check tcp_ok
	check_eq "$(n node2 egrectl -j info | jq '[.drops[]] | add')" 0 "drops at node2"
	# Nothing dropped on eg2 but, with seq, frames the underlay veth
	# reordered (its sender may move between CPUs' backlogs): RFC 2890 drops
	# those, as stock gretap does.
	check_eq "$(n node2 egrectl -j link show eg2 -s |
		jq -c '.[0].drops | with_entries(select(.key != "seq" and .value != 0))')" \
		"{}" "drops on eg2"
	unlink_pair
}

two_nodes_underlay

for af in 4 6; do
	for encap in gre udp; do
		for flags in "" csum seq "csum seq"; do
			# shellcheck disable=SC2086 # flags are words
			test_case "ping and TCP: IPv$af underlay, encap $encap${flags:+, $flags}" \
				traffic_over $af key 7 encap $encap $flags
		done
	done
done
test_case "separate in and out keys" traffic_over 4 ikey 7 okey 7
test_case "GRE-in-UDP to another port" traffic_over 6 key 7 encap udp port 5555

mismatched_keys_do_not_talk() {
	n node1 egrectl link add eg1 type egre local 10.0.0.1 remote 10.0.0.2 key 7
	n node2 egrectl link add eg2 type egre local 10.0.0.2 remote 10.0.0.1 key 8
	n node1 ip addr add 192.168.7.1/24 dev eg1
	n node2 ip addr add 192.168.7.2/24 dev eg2
	n node1 ip link set eg1 up
	n node2 ip link set eg2 up
	check_fail ping_ok
	check_match "$(n node2 egrectl -j info | jq .drops.unknown_key)" '^[1-9]' \
		"unknown_key counted in node2's namespace"
	unlink_pair
}
test_case "different keys do not reach each other" mismatched_keys_do_not_talk

drops_on_transmit() {
	local json
	link_pair key 7
	# no route: a remote nothing leads to
	n node1 egrectl link set eg1 remote 10.99.0.1
	n node1 ping -c 1 -W 1 192.168.7.2 >/dev/null 2>&1 || true
	json=$(n node1 egrectl -j link show eg1 -s)
	check_match "$(echo "$json" | jq '.[0].drops.no_route')" '^[1-9]' "no_route"
	n node1 egrectl link set eg1 remote 10.0.0.2
	check ping_ok
	# too big: the underlay path shrinks under the link; the sender learns
	# the path MTU from the ICMP the link answers with
	n node1 ip link set u1 mtu 1400
	n node2 ip link set u2 mtu 1400
	n node1 ping -c 1 -W 1 -s 1400 192.168.7.2 >/dev/null 2>&1 || true
	json=$(n node1 egrectl -j link show eg1 -s)
	check_match "$(echo "$json" | jq '.[0].drops.too_big')" '^[1-9]' "too_big"
	check_match "$(n node1 ip route get 192.168.7.2)" "mtu 13[0-9][0-9]" \
		"path MTU learnt from the link's ICMP"
	# now fragmented by the sender; the echo reply, without DF, is
	# carried in fragments of the outer packet
	check n node1 ping -c 1 -W 2 -s 1400 192.168.7.2
	n node1 ip link set u1 mtu 1500
	n node2 ip link set u2 mtu 1500
	unlink_pair
}
test_case "transmit drops by reason: no route, too big (answered with ICMP)" drops_on_transmit

carrier_follows_underlay() {
	link_pair key 7
	n node1 egrectl link set eg1 dev u1
	check ping_ok
	n node1 ip link set u1 down
	check_match "$(n node1 ip link show eg1)" "NO-CARRIER" "carrier off with the underlay"
	check_eq "$(n node1 egrectl -j link show eg1 | jq -r '.[0].state')" LOWERLAYERDOWN \
		"operstate"
	check_fail ping_ok
	n node1 ip link set u1 up
	check_fail n node1 sh -c "ip link show eg1 | grep -q NO-CARRIER"
	check ping_ok
	unlink_pair
}
test_case "a pinned link's carrier follows its underlay device" carrier_follows_underlay

show_reports_config() {
	local json
	link_pair key 7 ttl 33 tos inherit csum
	json=$(n node1 egrectl -j link show eg1)
	check_eq "$(echo "$json" | jq -r '.[0].kind')" egre "kind"
	check_eq "$(echo "$json" | jq -r '.[0].local')" 10.0.0.1 "local"
	check_eq "$(echo "$json" | jq -r '.[0].remote')" 10.0.0.2 "remote"
	check_eq "$(echo "$json" | jq -r '.[0].ikey')" 7 "ikey"
	check_eq "$(echo "$json" | jq -r '.[0].okey')" 7 "okey"
	check_eq "$(echo "$json" | jq -r '.[0].ttl')" 33 "ttl"
	check_eq "$(echo "$json" | jq -r '.[0].tos')" 1 "tos: 1 is inherit, as ip_gre has it"
	check_eq "$(echo "$json" | jq -r '.[0].ifindex')" "$(n node1 cat /sys/class/net/eg1/ifindex)" "ifindex"
	check_eq "$(echo "$json" | jq -r '.[0].address')" "$(n node1 cat /sys/class/net/eg1/address)" "address"
	check_eq "$(echo "$json" | jq -r '.[0] | has("dev")')" false "no underlay device pinned: no dev"
	check_eq "$(echo "$json" | jq -r '.[0].csum')" true "csum"
	check_eq "$(echo "$json" | jq -r '.[0].seq')" false "seq"
	check_eq "$(echo "$json" | jq -r '.[0].encap')" gre "encap"
	check_eq "$(echo "$json" | jq -r '.[0].drops')" null "drops only with -s"
	check_eq "$(n node1 egrectl -j link show eg1 -s | jq -c '.[0].drops | keys')" \
		'["bad_header","bad_version","csum","ecn","loop","no_route","seq","too_big","underlay_down","unknown_key"]' \
		"drop reasons with -s"
	# default MTU: the underlay's 1500 less IPv4 (20), GRE with key and
	# checksum (12) and the inner Ethernet header (14)
	check_eq "$(echo "$json" | jq -r '.[0].mtu')" 1454 "mtu"
	local text
	text=$(n node1 egrectl link show)
	check_eq "$(echo "$text" | wc -l)" 1 "text: one line a link"
	check_match "$text" "^eg1: egre state [A-Z]+ mtu 1454 local 10.0.0.1 remote 10.0.0.2 key 7 encap gre csum $" \
		"text: ip's words"
	check_match "$(n node1 egrectl -d link show eg1)" \
		" key 7 encap gre ttl 33 tos inherit pmtudisc csum address ([0-9a-f]{2}:){5}[0-9a-f]{2} $" \
		"-d: every word"
	check_match "$(n node1 egrectl -br link show eg1)" "^eg1 +[A-Z]+ +10.0.0.1 -> 10.0.0.2 key 7$" "-br"
	text=$(n node1 egrectl -s link show eg1)
	check_match "$(echo "$text" | sed -n 2p)" "^    RX: packets [0-9]+ bytes [0-9]+ errors 0 dropped [0-9]+$" "-s: RX"
	check_match "$(echo "$text" | sed -n 3p)" "^    TX: packets [0-9]+ bytes [0-9]+ errors 0 dropped [0-9]+$" "-s: TX"
	check_eq "$(echo "$text" | wc -l)" 3 "-s: no drops line"
	check_match "$(n node1 egrectl -s -s link show eg1 | sed -n 4p)" "^    drops: no_route [0-9]+ .* loop [0-9]+$" \
		"-s -s: drops by reason"
	check_eq "$(n node1 egrectl link show eg1 -s -s)" "$(n node1 egrectl -s -s link show eg1)" \
		"-s after show is -s before"
	unlink_pair
}
test_case "link show reports the configuration" show_reports_config

iproute2_interop() {
	link_pair key 7
	check_match "$(n node1 ip -d link show eg1)" "egre" "ip -d link show"
	check n node1 ip link del eg1
	check_fail n node1 ip link show eg1
	n node2 egrectl link del eg2
}
test_case "ip -d link show and ip link del work on egre" iproute2_interop

live_key_change() {
	link_pair key 7
	check ping_ok
	n node1 egrectl link set eg1 key 9
	check_fail ping_ok
	n node2 egrectl link set eg2 key 9
	check ping_ok
	check_eq "$(n node1 egrectl -j link show eg1 | jq '.[0].ikey')" 9 "ikey after set"
	unlink_pair
}
test_case "a key changed on a live link: traffic resumes" live_key_change

live_remote_change() {
	n node2 ip addr add 10.0.0.3/24 dev u2
	link_pair key 7
	check ping_ok
	n node1 egrectl link set eg1 remote 10.0.0.3
	n node2 egrectl link set eg2 local 10.0.0.3
	check ping_ok
	unlink_pair
	n node2 ip addr del 10.0.0.3/24 dev u2
}
test_case "the remote changed on a live link: traffic resumes" live_remote_change

# mtu_of NODE DEV
mtu_of() { n "$1" cat /sys/class/net/"$2"/mtu; }

live_encap_change_mtu() {
	link_pair key 7
	# 1500 less IPv4 (20), GRE with key (8), Ethernet (14)
	check_eq "$(mtu_of node1 eg1)" 1458 "default mtu, gre"
	n node1 egrectl link set eg1 encap udp
	n node2 egrectl link set eg2 encap udp
	check_eq "$(mtu_of node1 eg1)" 1450 "default mtu follows encap udp (+8)"
	n node1 egrectl link set eg1 seq csum
	n node2 egrectl link set eg2 seq csum
	check_eq "$(mtu_of node1 eg1)" 1442 "and seq, csum (+8)"
	check ping_ok
	# the largest frame the new MTU carries, not fragmented
	check n node1 ping -c 1 -W 5 -M do -s $((1442 - 28)) 192.168.7.2
	n node1 egrectl link set eg1 encap gre noseq nocsum
	n node2 egrectl link set eg2 encap gre noseq nocsum
	check_eq "$(mtu_of node1 eg1)" 1458 "back to gre: default again"
	# an MTU chosen below the default stays; one that no longer fits is lowered
	n node1 egrectl link set eg1 mtu 1300
	n node1 egrectl link set eg1 encap udp
	check_eq "$(mtu_of node1 eg1)" 1300 "chosen mtu kept"
	n node1 egrectl link set eg1 encap gre mtu 1458
	n node1 egrectl link set eg1 remote 10.0.0.2 encap udp mtu 1400
	check_eq "$(mtu_of node1 eg1)" 1400 "mtu given with the change"
	n node1 egrectl link set eg1 encap gre mtu 1458
	n node1 ip link set u1 mtu 1400
	n node1 egrectl link set eg1 key 7 seq
	check_eq "$(mtu_of node1 eg1)" 1354 "too big for the new config: lowered"
	n node1 ip link set u1 mtu 1500
	unlink_pair
}
test_case "a live change of encapsulation or flags moves a default MTU" live_encap_change_mtu

duplicate_triple_refused() {
	local err
	n node1 egrectl link add eg1 type egre local 10.0.0.1 remote 10.0.0.2 key 7
	set +e
	err=$(n node1 egrectl link add eg9 type egre local 10.0.0.1 remote 10.0.0.2 key 7 2>&1)
	check_eq "$?" 2 "exit status"
	set -e
	check_eq "$err" \
		"egrectl: link add eg9: a link with this key, local and remote address exists" \
		"message"
	check_fail n node1 ip link show eg9
	# another key on the same pair of addresses is a different link
	check n node1 egrectl link add eg9 type egre local 10.0.0.1 remote 10.0.0.2 key 8
	n node1 egrectl link del eg9
	n node1 egrectl link del eg1
}
test_case "a second link with the same key, local and remote is refused" duplicate_triple_refused

bad_input_refused() {
	local e
	e() {
		set +e
		out=$(n node1 egrectl link "$@" 2>&1)
		rc=$?
		set -e
	}
	e add eg1 type egre local 10.0.0.1 remote 10.0.0.2
	check_eq "$out" "egrectl: link add: a key is needed (key K, or ikey K okey K)" "missing key"
	e add eg1 type egre local 10.0.0.1 remote 10.0.0.2 key 4294967296
	check_match "$out" 'key "4294967296" is out of range' "key range"
	e add eg1 type egre local 10.0.0.1 remote fe80::1 key 1
	check_eq "$out" "egrectl: link add: local and remote must be the same address family" "family"
	e add eg1 type egre local fd00::1 remote ::ffff:10.0.0.2 key 1
	check_match "$out" "remote must be a unicast address" "v4-mapped IPv6"
	e add eg1 type egre local 10.0.0.1 remote 10.0.0.2 key 1 encap tcp
	check_eq "$out" 'egrectl: link add: unknown encap "tcp" (known: gre, udp)' "encap"
	e add eg1 type egre local 10.0.0.1 remote 10.0.0.2 key 1 encap udp port 70000
	check_eq "$out" 'egrectl: link add: port "70000" is not 1..65535' "port range"
	e add eg1 type egre local 10.0.0.1 remote 10.0.0.2 key 1 encap gre port 5
	check_eq "$out" 'egrectl: link add: a port needs encap udp' "port without udp"
	e add eg1 type egre local 10.0.0.1 remote 10.0.0.300 key 1
	check_eq "$out" 'egrectl: link add: malformed address "10.0.0.300" for remote' "malformed"
	e add eg1 type egre local 10.0.0.1 remote 10.0.0.2 key 1 dev nosuch
	check_eq "$out" 'egrectl: link add: no such underlay device "nosuch"' "underlay"
	e del nosuch
	check_eq "$rc" 2 "del of a missing link"
	e del u1
	check_eq "$out" 'egrectl: link del: "u1" is not a trellis link' "del of a non-trellis device"
	check n node1 ip link show u1
	check_eq "$(n node1 egrectl -j link show)" "[]" "nothing half-built"
}
test_case "bad input: one line naming it, nothing created" bad_input_refused

# node3: five links over a dummy underlay (nobody answers), one of them
# having sent; no IPv6 there, so that what egx1 sends is the ping's alone.
tx_packets() { n node3 ip -j -s link show "$1" | jq '.[0].stats64.tx.packets'; }
netns_teardown_with_links() {
	local root_links
	root_links=$(egrectl -j info | jq .links)
	ns_add node3
	n node3 sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
	n node3 ip link add u3 type dummy
	n node3 ip addr add 10.9.0.1/24 dev u3
	n node3 ip link set u3 up
	for k in 1 2 3 4 5; do
		n node3 egrectl link add "egx$k" type egre local 10.9.0.1 remote 10.9.0.2 key $k
		n node3 ip link set "egx$k" up
	done
	n node3 ip addr add 192.168.99.2/24 dev egx1
	check_eq "$(n node3 egrectl -j info | jq .links)" 5 "links in node3"
	check_eq "$(tx_packets egx1)" 0 "egx1 tx packets before the ping"
	# nobody answers on a dummy underlay; the ping's ARP request went
	# into egx1 and out of u3, encapsulated
	check_fail n node3 ping -c 1 -W 1 192.168.99.1
	[ "$(tx_packets egx1)" -ge 1 ] || _fail "egx1 sent nothing"
	[ "$(tx_packets u3)" -ge 1 ] || _fail "u3 sent nothing"
	ns_del node3
	# the links went with node3: none was moved to the root namespace
	check_eq "$(egrectl -j info | jq .links)" "$root_links" "links in the root namespace"
	check_fail ip link show egx1
}
test_case "deleting a namespace deletes its links" netns_teardown_with_links

many_links() {
	local k
	for k in $(seq 1 200); do
		echo "egrectl link add m$k type egre local 10.0.0.1 remote 10.0.0.2 key $((k + 1000))"
	done >"$TEST_TMP/add"
	n node1 bash "$TEST_TMP/add"
	check_eq "$(n node1 egrectl -j link show | jq length)" 200 "links"
	check_eq "$(n node1 egrectl -j info | jq .links)" 200 "links counted in GET_INFO"
	for k in $(seq 1 200); do echo "egrectl link del m$k"; done | n node1 bash
	check_eq "$(n node1 egrectl -j link show | jq length)" 0 "links after delete"
}
test_case "200 links created and deleted" many_links

unload_with_links_up() {
	link_pair key 7
	check ping_ok
	check rmmod trellis
	check_fail n node1 ip link show eg1
	check insmod /trellis/trellis.ko
	check_eq "$(n node1 egrectl -j link show)" "[]" "links after reload"
}
test_case "unloading the module with links up removes them" unload_with_links_up

test_done
