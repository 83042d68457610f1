#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# egrectl -j of every command, on live objects of every kind, against its
# definition in the documented schema (docs/egrectl.schema.json, JSON
# Schema draft 7; `man egrectl` says the same in words), validated with
# Debian's python3-jsonschema (tools/schema-check); and the checker itself
# refuses what the schema does not allow.
#
#   node1: eg1 (gre, csum, pinned to u1, shaped) and eg3 (udp, ttl and tos
#          inherit), a binding b1 of eg3 and vb0
#   s1: sb0 bound to eg1, p0 paired with s2's p0; routes, one multipath
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"

SCHEMA=/usr/share/trellis/egrectl.schema.json
CHECK=$here/../tools/schema-check
F=$TEST_TMP/lab.yaml
STILL='del(.. | .stats?, .drops?)'

two_nodes_underlay
ns_add s1
ns_add s2
S1=$(ns_name s1) S2=$(ns_name s2)

# valid DEFINITION CMD...: CMD's JSON (its first -j) is valid against
# DEFINITION, and with -p after the -j it is the same document, indented
valid() {
	local def=$1 json pretty arg
	shift
	json=$("$@")
	check_match "$json" '^[[{]' "$def: JSON from '$*'"
	run "$CHECK" "$SCHEMA" "$def" <<<"$json"
	check_eq "$rc" 0 "$def: '$*' against the schema: $out$err"
	pretty=()
	for arg in "$@"; do
		pretty+=("$arg")
		if [ "$arg" = -j ]; then pretty+=(-p); fi
	done
	# the same but for counters, which live traffic (IPv6's own) may move
	check_eq "$("${pretty[@]}" | jq -c "$STILL")" "$(echo "$json" | jq -c "$STILL")" \
		"$def: -p is the same JSON"
	check_match "$("${pretty[@]}" | sed -n 2p)" '^    ' "$def: -p indents"
}

# valid_once DEF CMD...: as valid, for a command that changes what it
# reports (apply, destroy) or takes long (test): run once, no -p rerun,
# whatever its exit status (a failed path fails topo test).
valid_once() {
	local def=$1 json
	shift
	json=$("$@" || true)
	check_match "$json" '^[[{]' "$def: JSON from '$*'"
	run "$CHECK" "$SCHEMA" "$def" <<<"$json"
	check_eq "$rc" 0 "$def: '$*' against the schema: $out$err"
}

build() {
	n node1 egrectl link add eg1 type egre local 10.0.0.1 remote 10.0.0.2 key 5 dev u1 csum
	n node1 egrectl link add eg3 type egre local 10.0.0.1 remote 10.0.0.2 key 6 encap udp \
		ttl inherit tos inherit
	n node1 ip link add vb0 type veth peer name vb1
	n node1 ip link set eg1 up
	n node1 egrectl shortbridge add b1 port eg3 port vb0
	n node1 egrectl link set eg1 shape rate 8mbit delay 10ms dir egress
	n node1 egrectl link add sl1 type shortbridge slice "$S1" ifname sb0 link eg1
	n node1 egrectl link add p0 type shortbridge slice "$S1" peer-slice "$S2"
	n s1 ip link set sb0 up
	n s1 ip addr add 10.20.0.1/24 dev sb0
	n s1 ip addr add 10.21.0.1/24 dev p0
	n s1 ip link set p0 up
	egrectl -n "$S1" route add 10.30.0.0/24 via 10.20.0.2 metric 5 table 7
	n s1 ip route add 10.31.0.0/24 nexthop via 10.20.0.2 dev sb0 nexthop via 10.21.0.2 dev p0
}

every_command() {
	build
	valid link-show n node1 egrectl -j link show
	valid link-show n node1 egrectl -j -d -s -s link show
	valid link-show n node1 egrectl -j -s link show sl1
	valid link-show-brief n node1 egrectl -j -br link show
	valid shortbridge-show n node1 egrectl -j shortbridge show
	valid route-show egrectl -n "$S1" -j route show table all
	valid slice-list egrectl -j slice list
	valid info n node1 egrectl -j info
	valid info egrectl -n "$S1" -j info
	# what the checks above read has every kind in it
	check_eq "$(n node1 egrectl -j link show | jq -c '[.[] | .kind] | sort')" \
		'["egre","egre","shortbridge","shortbridge"]' "kinds listed"
	check_eq "$(egrectl -n "$S1" -j route show 10.31.0.0/24 | jq '.[0].nexthops | length')" 2 \
		"a multipath route listed"
}
test_case "link, shortbridge, route, slice and info -j: valid against the schema" every_command

topo_commands() {
	cat >"$F" <<-YAML
	name: ${_prefix}lab
	nodes:
	  n1: { underlay: 10.0.0.1 }
	  n2: { underlay: 10.0.0.2 }
	slices:
	  ${_prefix}t:
	    vnodes:
	      a: { node: n1, interfaces: { e0: 10.1.0.1/30, e1: 10.1.1.1/30 } }
	      b: { node: n1, interfaces: { e0: 10.1.0.2/30 } }
	      c: { node: n2, interfaces: { e0: 10.1.1.2/30 } }
	    links:
	      ab: { ends: [a:e0, b:e0] }
	      ac: { ends: [a:e1, c:e0] }
	YAML
	valid topo-check egrectl -j topo check "$F"
	valid topo-changes egrectl_on node1 -j topo diff "$F"
	check_eq "$(egrectl_on node1 -j topo diff "$F" | jq -c '[.changes[] | select(.op == "make")] | length > 0')" \
		true "diff: things to make"
	on_exit "egrectl -slice $(ns_name node1) topo destroy $F"
	valid_once topo-changes egrectl_on node1 -j topo apply "$F"
	check_eq "$(egrectl_on node1 -j topo apply "$F")" '{"changes":[],"count":0}' "apply again"
	valid topo-show egrectl_on node1 -j topo show "$F"
	valid topo-show egrectl_on node1 -j -s topo show "$F"
	# ab is on this node; ac's far end is on a node that is not there
	valid_once topo-test egrectl_on node1 -j topo test "$F"
	check_eq "$(egrectl_on node1 -j topo test "$F" | jq -c '[.paths[] | .result]')" \
		'["ok","FAIL"]' "topo test: ab answers, ac cannot"
	valid_once topo-changes egrectl_on node1 -j topo destroy "$F"
}
test_case "topo check, diff, apply, show, test and destroy -j: valid against the schema" topo_commands

# The checker is no rubber stamp: what the schema rules out is refused, by path.
refused() {
	run "$CHECK" "$SCHEMA" link-show <<<'[{"name":"eg1","kind":"egre","ifindex":3,"state":"UP","up":true,"mtu":1450,"ikey":1,"okey":1,"encap":"gre","ttl":"inherit","tos":0,"pmtudisc":true,"csum":false,"seq":false,"direct":false}]'
	check_eq "$rc" 1 "a string ttl: exit status"
	check_eq "$out" "0/ttl: 'inherit' is not of type 'integer'" "a string ttl: named"
	run "$CHECK" "$SCHEMA" slice-list <<<'[{"name":"s1","userns":"-","netns_inode":5}]'
	check_eq "$rc" 1 "a placeholder userns: exit status"
	run "$CHECK" "$SCHEMA" info <<<'{"version":"0.1.0"}'
	check_eq "$rc" 1 "missing members: exit status"
	check_match "$out" "'genl_version' is a required property" "missing members: named"
	run "$CHECK" "$SCHEMA" route-show <<<'not json'
	check_eq "$rc" 2 "not JSON: exit status"
}
test_case "the checker refuses what the schema rules out" refused

test_done
