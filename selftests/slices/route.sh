#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# egrectl route: a slice's FIB written from inside the slice (egrectl -n S,
# or ip netns exec S egrectl), IPv4 and IPv6, via, dev, metric, table;
# iproute2 sees what egrectl did, and traffic follows it. Every refusal is
# one line, a non-zero exit, and leaves the slice's tables as they were.
#
#   node1: egre eg1 ------ underlay u1 <-> u2 ------ node2: egre eg2
#            |                                              |
#   slice s1: eth0 (fast slice interface)         slice s2: eth0
#             10.10.0.1/24 fd10::1/64                       10.10.0.2/24 fd10::2/64
#             d1 (dummy)                                    lo: 10.20.0.2/32 fd20::2/128
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"

two_nodes_underlay
S1=$(ns_name s1)
n node1 egrectl link add eg1 type egre local 10.0.0.1 remote 10.0.0.2 key 7
n node2 egrectl link add eg2 type egre local 10.0.0.2 remote 10.0.0.1 key 7
for i in 1 2; do
	ns_add s$i
	n node$i ip link set dev eg$i up
	n node$i egrectl link add sl$i type shortbridge slice "$(ns_name s$i)" ifname eth0 link eg$i
	n s$i ip addr add 10.10.0.$i/24 dev eth0
	n s$i ip addr add fd10::$i/64 dev eth0 nodad
	n s$i ip link set dev eth0 up
done
n s1 ip link add d1 type dummy
n s1 ip link set dev d1 up
n s2 ip addr add 10.20.0.2/32 dev lo
n s2 ip addr add fd20::2/128 dev lo
# s2 answers s1's networks by the link
n s2 ip route add 10.30.0.0/16 via 10.10.0.1
n s2 ip -6 route add fd30::/16 via fd10::1

# rt S ARGS...: egrectl route in slice S, the operator's way (-s).
rt() {
	local s=$1
	shift
	egrectl -n "$(ns_name "$s")" route "$@"
}

# tables S: every route of slice S, both families, every table.
tables() {
	n "$1" ip route show table all
	n "$1" ip -6 route show table all
}

ipv4_via() {
	check_fail n s1 ping -c 1 -W 1 10.20.0.2 >/dev/null 2>&1
	check rt s1 add 10.20.0.2/32 via 10.10.0.2
	check_match "$(n s1 ip route show 10.20.0.2)" \
		"^10.20.0.2 via 10.10.0.2 dev eth0 proto static" "ip route show"
	check n s1 ping -c 2 -W 2 10.20.0.2 >/dev/null
	j=$(rt s1 show 10.20.0.2 -j)
	check_eq "$(echo "$j" | jq -r 'length')" 1 "routes shown"
	check_eq "$(echo "$j" | jq -r '.[0] | [.dst, .family, .gateway, .dev, .table, .protocol] | join(" ")')" \
		"10.20.0.2 inet 10.10.0.2 eth0 main static" "JSON"
	check_eq "$(rt s1 show 10.20.0.2)" "$(n s1 ip route show 10.20.0.2)" "text: ip's line"
	check_eq "$(rt s1 show 10.20.0.2)" "10.20.0.2 via 10.10.0.2 dev eth0 proto static " "text"
	check rt s1 del 10.20.0.2/32
	check_eq "$(n s1 ip route show 10.20.0.2)" "" "ip route show after del"
	check_eq "$(rt s1 show 10.20.0.2 -j)" "[]" "show after del"
	check_fail n s1 ping -c 1 -W 1 10.20.0.2 >/dev/null 2>&1
}
test_case "IPv4: add via, traffic follows, show, del" ipv4_via

ipv6_via_metric() {
	check rt s1 add fd20::2 via fd10::2 metric 50
	check_match "$(n s1 ip -6 route show fd20::2)" \
		"^fd20::2 via fd10::2 dev eth0 proto static metric 50" "ip -6 route show"
	check n s1 ping -6 -c 2 -W 2 fd20::2 >/dev/null
	# ip's line word for word, with its router preference
	check_eq "$(rt s1 show -6 fd20::2)" "$(n s1 ip -6 route show fd20::2)" "text: ip -6's line"
	check_eq "$(rt s1 show -6 fd20::2 -j | jq -r '.[0].pref')" medium "JSON: pref"
	# a second route to the same prefix with another metric is another route
	check rt s1 add fd20::2/128 dev d1 metric 60
	check_eq "$(rt s1 show -6 fd20::2 -j | jq -r '[.[] | "\(.metric) \(.dev)"] | sort | join(",")')" \
		"50 eth0,60 d1" "two metrics"
	# del with a metric removes that one only
	check rt s1 del fd20::2/128 metric 50
	check_eq "$(n s1 ip -6 route show fd20::2 | wc -l)" 1 "one route left"
	check_match "$(n s1 ip -6 route show fd20::2)" "dev d1 proto static metric 60" "metric 60 left"
	check rt s1 del fd20::2/128
	check_eq "$(n s1 ip -6 route show fd20::2)" "" "after del"
}
test_case "IPv6: add via with metric, two metrics, del by metric" ipv6_via_metric

dev_and_table() {
	check rt s1 add 10.30.1.0/24 dev d1
	check_match "$(n s1 ip route show 10.30.1.0/24)" \
		"^10.30.1.0/24 dev d1 proto static scope link" "ip route show (scope link)"
	check rt s1 add 10.30.2.0/24 via 10.10.0.2 dev eth0 metric 7 table 100
	check_match "$(n s1 ip route show table 100)" \
		"^10.30.2.0/24 via 10.10.0.2 dev eth0 proto static metric 7" "ip route show table 100"
	check_eq "$(n s1 ip route show 10.30.2.0/24)" "" "not in main"
	check_eq "$(rt s1 show -j | jq -r '[.[] | select(.dst == "10.30.2.0/24")] | length')" 0 \
		"show lists table main"
	check_eq "$(rt s1 show table 100 -j | jq -r '.[0] | "\(.table) \(.metric)"')" "100 7" \
		"show table 100"
	check_eq "$(rt s1 show table all 10.30.2.0/24)" \
		"$(n s1 ip route show table all 10.30.2.0/24)" "text of table 100: ip's line"
	check_eq "$(rt s1 show 10.30.1.0/24)" "$(n s1 ip route show 10.30.1.0/24)" \
		"text of a scope link route: ip's line"
	check_eq "$(egrectl -n "$S1" -p -j route show 10.30.1.0/24 | jq -c .)" \
		"$(rt s1 show 10.30.1.0/24 -j)" "-p: the same JSON, indented"
	check_match "$(egrectl -n "$S1" -p -j route show 10.30.1.0/24 | sed -n 3p)" '^        "type": "unicast",$' \
		"-p indents"
	check_eq "$(rt s1 show table all -j | jq -r '[.[] | select(.table == "local")] | length > 0')" \
		true "show table all has table local"
	check rt s1 add fd30::/64 dev d1 table 4294967295
	check_match "$(n s1 ip -6 route show table 4294967295)" "^fd30::/64 dev d1 proto static" \
		"the largest table"
	check rt s1 add 10.30.3.0/24 dev d1 table main
	check_match "$(n s1 ip route show 10.30.3.0/24)" "dev d1" "table main by name"
	# a table's route is deleted from that table only
	check_fail rt s1 del 10.30.2.0/24 2>/dev/null
	check rt s1 del 10.30.2.0/24 table 100
	check_eq "$(n s1 ip route show table 100)" "" "table 100 after del"
	check rt s1 del fd30::/64 table 4294967295
	check rt s1 del 10.30.1.0/24 dev d1
	check rt s1 del 10.30.3.0/24
}
test_case "dev, metric and table T (and main, 2^32-1)" dev_and_table

replace() {
	check rt s1 replace 10.30.4.0/24 via 10.10.0.2
	check_match "$(n s1 ip route show 10.30.4.0/24)" "via 10.10.0.2 dev eth0" "replace adds"
	check rt s1 replace 10.30.4.0/24 dev d1
	check_eq "$(n s1 ip route show 10.30.4.0/24 | wc -l)" 1 "still one route"
	check_match "$(n s1 ip route show 10.30.4.0/24)" "^10.30.4.0/24 dev d1 " "replace changes it"
	check rt s1 replace fd30:4::/64 via fd10::2
	check rt s1 replace fd30:4::/64 dev d1
	check_eq "$(rt s1 show fd30:4::/64 -j | jq -r '[.[] | .dev] | join(",")')" d1 "IPv6 replace"
	check rt s1 del 10.30.4.0/24
	check rt s1 del fd30:4::/64
}
test_case "replace adds, then changes the nexthop" replace

default_routes() {
	check rt s1 add default via 10.10.0.2
	check rt s1 add default via fd10::2
	check_match "$(n s1 ip route show default)" "^default via 10.10.0.2 dev eth0" "IPv4 default"
	check_match "$(n s1 ip -6 route show default)" "^default via fd10::2 dev eth0" "IPv6 default"
	check n s1 ping -c 1 -W 2 10.20.0.2 >/dev/null
	check_eq "$(rt s1 show default -j | jq -r '[.[].family] | sort | join(",")')" "inet,inet6" \
		"show default: both families"
	check_eq "$(rt s1 show -6 default -j | jq -r '[.[].family] | join(",")')" "inet6" "-6"
	check rt s1 del default
	check_eq "$(n s1 ip route show default)" "" "del default takes IPv4"
	check rt s1 del -6 default
	check_eq "$(n s1 ip -6 route show default)" "" "del -6 default"
}
test_case "default routes of both families" default_routes

# Routes egrectl did not make: a daemon's protocol, a multipath route.
made_elsewhere() {
	n s1 ip route add 10.30.20.0/24 via 10.10.0.2 proto bird metric 32
	n s1 ip addr add 10.11.0.1/24 dev d1
	n s1 ip route add 10.30.21.0/24 nexthop via 10.10.0.2 dev eth0 weight 1 \
		nexthop via 10.11.0.2 dev d1 weight 3
	check_eq "$(rt s1 show 10.30.20.0/24 -j | jq -r '.[0] | "\(.protocol) \(.metric)"')" \
		"bird 32" "protocol by name"
	check_eq "$(rt s1 show 10.30.21.0/24 -j |
		jq -r '[.[0].nexthops[] | "\(.gateway) \(.dev) \(.weight)"] | join(",")')" \
		"10.10.0.2 eth0 1,10.11.0.2 d1 3" "multipath nexthops"
	check_eq "$(rt s1 show 10.30.21.0/24)" "$(n s1 ip route show 10.30.21.0/24)" "text: ip's lines, a nexthop a line"
	check rt s1 del 10.30.20.0/24
	check rt s1 del 10.30.21.0/24
	check_eq "$(n s1 ip route show 10.30.20.0/24)$(n s1 ip route show 10.30.21.0/24)" "" "deleted"
	n s1 ip addr del 10.11.0.1/24 dev d1
}
test_case "show: a daemon's route and a multipath route; del takes them" made_elsewhere

# Where egrectl runs: -n, -slice, inside the slice, and with -batch.
in_the_slice() {
	check egrectl -slice "$S1" route add 10.30.5.0/24 dev d1
	check n s1 egrectl route add 10.30.6.0/24 dev d1
	check_match "$(n s1 ip route show)" "10.30.5.0/24 dev d1" "-slice wrote the slice's FIB"
	check_eq "$(ip route show 10.30.5.0/24)" "" "not the caller's FIB"
	check_eq "$(egrectl -n "$S1" route show -j)" "$(n s1 egrectl route show -j)" \
		"-s and ip netns exec agree"
	# -s works for any command: the slice sees its own links, none of the node's
	check_eq "$(egrectl -n "$S1" -j link show | jq length)" 0 "link show in the slice"
	# batch: every line in the slice, no state kept between lines
	cat >"$TEST_TMP/routes" <<-EOF
		route add 10.30.7.0/24 via 10.10.0.2
		route add fd30:7::/64 via fd10::2 table 200
		route show 10.30.7.0/24 -j
		route show 10.30.7.0/24
		route del 10.30.5.0/24
		route del 10.30.6.0/24
	EOF
	out=$(egrectl -n "$S1" -batch "$TEST_TMP/routes")
	check_eq "$(echo "$out" | head -n1 | jq -r '.[0].gateway')" 10.10.0.2 "the -j line"
	check_match "$(echo "$out" | tail -n +2)" "^10.30.7.0/24 via 10.10.0.2 dev eth0 proto static $" "the next line is text again"
	check_eq "$(n s1 ip route show 10.30.5.0/24)$(n s1 ip route show 10.30.6.0/24)" "" "batch dels"
	check_match "$(n s1 ip -6 route show table 200)" "^fd30:7::/64 via fd10::2" "batch table 200"
	# a failing line is reported with its place; the lines before it stand
	printf 'route del 10.30.7.0/24\nroute add 10.30.8.0/24 via 10.9.9.9\nroute add 10.30.9.0/24 dev d1\n' \
		>"$TEST_TMP/bad"
	set +e
	err=$(egrectl -n "$S1" -batch "$TEST_TMP/bad" 2>&1)
	rc=$?
	set -e
	check_eq "$rc" 2 "batch exit status"
	check_match "$err" "^egrectl: $TEST_TMP/bad:2: route add 10.30.8.0/24: gateway 10.9.9.9 is not reachable" \
		"batch error"
	check_eq "$(n s1 ip route show 10.30.7.0/24)$(n s1 ip route show 10.30.9.0/24)" "" \
		"line 1 ran, line 3 did not"
	check rt s1 del fd30:7::/64 table 200
}
test_case "-n, -slice, ip netns exec, and -batch in a slice" in_the_slice

unknown_slice() {
	set +e
	err=$(egrectl -n nosuch route show 2>&1)
	rc=$?
	set -e
	check_eq "$rc" 2 "exit status"
	check_eq "$err" 'egrectl: no such slice "nosuch"' "error"
	err=$(egrectl -n 2>&1) || true
	check_eq "$err" 'egrectl: option "-n" needs a SLICE' "-n without a SLICE"
}
test_case "-n with an unknown slice: one line" unknown_slice

# refused RC WANT ARGS...: egrectl -n s1 route ARGS fails with exit status
# RC and one line matching WANT, and no table of s1 changed.
refused() {
	local want_rc=$1 want=$2 before out rc
	shift 2
	before=$(tables s1)
	set +e
	out=$(rt s1 "$@" 2>&1 >/dev/null)
	rc=$?
	set -e
	check_eq "$rc" "$want_rc" "exit status of 'route $*'"
	# a bad word: one line, then the one-line usage of route
	if [[ $want == "unknown argument"* ]]; then
		check_eq "$(echo "$out" | wc -l)" 2 "lines of error output from 'route $*'"
		check_match "$(echo "$out" | sed -n 2p)" "^Usage: egrectl route \{ add \| replace \| del \| show \}" \
			"usage line after 'route $*'"
	else
		check_eq "$(echo "$out" | wc -l)" 1 "lines of error output from 'route $*'"
	fi
	check_match "$(echo "$out" | head -n 1)" "^egrectl: route.*$want" "error from 'route $*'"
	check_eq "$(tables s1)" "$before" "routes after 'route $*'"
}

errors() {
	rt s1 add 10.30.10.0/24 via 10.10.0.2
	refused 2 "gateway 10.9.9.9 is not reachable" add 10.30.11.0/24 via 10.9.9.9
	refused 2 "gateway fd99::9 is not reachable" add fd30:11::/64 via fd99::9
	refused 2 'no such device "nosuch0"' add 10.30.11.0/24 dev nosuch0
	refused 2 'no such device "nosuch0"' add fd30:11::/64 via fd10::2 dev nosuch0
	refused 2 "the route exists in table main" add 10.30.10.0/24 via 10.10.0.2
	refused 2 "the route exists in table main" add 10.30.10.0/24 dev d1
	refused 2 "no such route in table main" del 10.30.11.0/24
	refused 2 "no such route in table main" del fd30:11::/64
	refused 2 "no such route in table 300" del 10.30.10.0/24 table 300
	refused 1 'bad table "0"' add 10.30.11.0/24 dev d1 table 0
	refused 1 'bad table "4294967296"' add 10.30.11.0/24 dev d1 table 4294967296
	refused 1 'bad table "-1"' add 10.30.11.0/24 dev d1 table -1
	refused 1 'bad table "mian"' add 10.30.11.0/24 dev d1 table mian
	refused 1 'bad table "all"' add 10.30.11.0/24 dev d1 table all
	refused 1 'bad table "x"' show table x
	refused 1 'bad prefix "10.30.11.1/24": host bits are set' add 10.30.11.1/24 dev d1
	refused 1 'bad prefix "fd30::1/64": host bits are set' add fd30::1/64 dev d1
	refused 1 'bad prefix "10.30.11.0/33"' add 10.30.11.0/33 dev d1
	refused 1 'bad prefix "300.1.1.0/24"' add 300.1.1.0/24 dev d1
	refused 1 'bad prefix "nonsense"' add nonsense dev d1
	refused 1 'bad prefix "10.30.11.0/"' del 10.30.11.0/
	refused 1 'bad metric "x"' add 10.30.11.0/24 dev d1 metric x
	refused 1 'bad metric "-1"' add 10.30.11.0/24 dev d1 metric -1
	refused 1 'bad metric "4294967296"' add 10.30.11.0/24 dev d1 metric 4294967296
	refused 1 "gateway fd10::2 is IPv6 but prefix 10.30.11.0/24 is IPv4" \
		add 10.30.11.0/24 via fd10::2
	refused 1 "gateway 10.10.0.2 is IPv4 but prefix fd30:11::/64 is IPv6" \
		add fd30:11::/64 via 10.10.0.2
	refused 1 'bad gateway "10.10.0"' add 10.30.11.0/24 via 10.10.0
	refused 1 "a PREFIX is needed" add via 10.10.0.2
	refused 1 "a PREFIX is needed" del
	refused 1 "needs via GW or dev IF" add 10.30.11.0/24
	refused 1 '"via" needs a value' add 10.30.11.0/24 via
	refused 1 '"metric" given twice' add 10.30.11.0/24 dev d1 metric 1 metric 2
	refused 1 'unknown argument "bogus"' add 10.30.11.0/24 dev d1 bogus 1
	refused 1 'unknown argument "10.30.12.0/24"' add 10.30.11.0/24 10.30.12.0/24 dev d1
	refused 1 'unknown argument "-x"' show -x
	refused 1 'unknown argument "frob"' frob
	rt s1 del 10.30.10.0/24
}
test_case "refused: one line, non-zero exit, nothing changed" errors

help_text() {
	out=$(egrectl help route)
	check_match "$out" "^Usage: egrectl route add PREFIX \[via GW\] \[dev IF\] \[metric M\] \[table T\]" \
		"help route"
	check_eq "$(egrectl route help)" "$out" "route help"
	check_match "$(egrectl help)" "route +add, replace, delete and show routes" "listed in help"
	check_match "$(egrectl help)" "-n, -netns SLICE" "help names -n"
}
test_case "help route" help_text

test_done
