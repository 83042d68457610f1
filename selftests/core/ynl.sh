#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The trellis family through the kernel's own netlink tool: ynl's cli.py
# (tools/net/ynl of linux-source-6.12) with docs/trellis.yaml reads what
# egrectl reads: the module's info, the egre links with their drops by
# reason, a binding; and a request the spec describes wrongly is refused.
#
#   node1: eg1, eg2 (egre), b1 a binding of eg2 and vb0
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"

SPEC=/usr/share/trellis/netlink/specs/trellis.yaml

# ynl NS ARGS...: cli.py in namespace NS, its replies as JSON
ynl() {
	local ns=$1
	shift
	n "$ns" python3 /usr/share/trellis/ynl/cli.py --spec "$SPEC" --output-json "$@"
}

two_nodes_underlay
n node1 egrectl link add eg1 type egre local 10.0.0.1 remote 10.0.0.2 key 5
n node1 egrectl link add eg2 type egre local 10.0.0.1 remote 10.0.0.2 key 6
n node1 ip link add vb0 type veth peer name vb1
n node1 egrectl shortbridge add b1 port eg2 port vb0

info() {
	local j
	j=$(ynl node1 --do get-info)
	check_eq "$(echo "$j" | jq -r .version)" "$(n node1 egrectl -j info | jq -r .version)" "version"
	check_eq "$(echo "$j" | jq -r .links)" 2 "links"
	check_eq "$(echo "$j" | jq -r '.drops | keys | length')" 10 "drop reasons"
}
test_case "cli.py --do get-info: the module's version, links, drops" info

links_and_drops() {
	local j
	j=$(ynl node1 --dump get-link)
	check_eq "$(echo "$j" | jq -c '[.[].ifindex] | sort')" \
		"$(n node1 egrectl -j link show | jq -c '[.[].ifindex] | sort')" "the links, by ifindex"
	# the spec's names are the kernel's (no-route), egrectl's JSON's no_route
	check_eq "$(echo "$j" | jq -c "[.[] | select(.ifindex == $(n node1 cat /sys/class/net/eg1/ifindex)) |
			.drops | with_entries(.key |= gsub(\"-\"; \"_\"))]")" \
		"$(n node1 egrectl -j -s link show eg1 | jq -c '[.[0].drops]')" "eg1's drops, as egrectl has them"
	j=$(ynl node1 --do get-link --json "{\"ifindex\": $(n node1 cat /sys/class/net/eg2/ifindex)}")
	check_eq "$(echo "$j" | jq -r '.drops | has("loop")')" true "one link's drops"
}
test_case "cli.py --dump get-link: every egre link and its drops" links_and_drops

bindings() {
	local j
	j=$(ynl node1 --dump get-binding)
	check_eq "$(echo "$j" | jq -r '.[0].name')" b1 "name"
	check_eq "$(echo "$j" | jq -r '.[0]."port-a"')" "$(n node1 cat /sys/class/net/eg2/ifindex)" "port A"
	check_eq "$(echo "$j" | jq -r '.[0]."binding-stats" | keys | join(",")')" \
		"a-bytes,a-packets,b-bytes,b-packets,down,too-big" "counters"
}
test_case "cli.py --dump get-binding: a binding and its counters" bindings

refused() {
	# the kernel's policy, through the spec: no link with ifindex 0
	run ynl node1 --do get-link --json '{"ifindex": 0}'
	check_fail test "$rc" = 0
	check_match "$out$err" "Netlink error|NlError|Invalid argument|out of range" "refusal"
}
test_case "cli.py: the kernel's policy refuses what it must" refused

test_done
