#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# egrectl topo check: a good file passes with one line (and -j says what
# every node derives); a bad one gets one FILE:LINE:COL line a problem and
# exit 1, and touches nothing; a missing file or a wrong word, one line.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"

state() { ip -o link show; ls /run/netns 2>/dev/null; tc qdisc show; }

good_file() {
	cat >"$TEST_TMP/good.yaml" <<-'YAML'
	name: lab
	nodes:
	  n1: { underlay: 10.0.0.1 }
	  n2: { underlay: 10.0.0.2, mtu: 1400 }
	slices:
	  red:
	    vnodes:
	      a: { node: n1, interfaces: { e0: 10.1.0.1/30, e1: 10.1.1.1/30 } }
	      b: { node: n1, interfaces: { e0: 10.1.0.2/30 } }
	      c: { interfaces: { e0: 10.1.1.2/30 } }
	    links:
	      ab: { ends: [a:e0, b:e0] }
	      ac: { ends: [a:e1, c:e0], encap: udp, shape: { a: { delay: 5ms } } }
	YAML
	run egrectl topo check "$TEST_TMP/good.yaml"
	check_eq "$rc" 0 "exit status"
	check_eq "$out" "$TEST_TMP/good.yaml: lab: 2 nodes, 1 slice, 3 virtual nodes, 2 links, 0 LANs: ok" \
		"the line"
	check_eq "$err" "" "stderr"
	run egrectl -j topo check "$TEST_TMP/good.yaml"
	check_eq "$rc" 0 "-j exit status"
	# c is the first unplaced virtual node: round robin puts it on n1
	check_eq "$(echo "$out" | jq -c '[.vnodes[] | .node]')" '["n1","n1","n1"]' "placement"
	check_eq "$(echo "$out" | jq -c '[.links[] | .kind]')" '["pair","pair"]' "kinds"
	# c on n2: ac crosses nodes, its MTU fits n2's underlay (1400 - 20 - 8 - 8 - 14)
	sed -i 's/c: { interfaces/c: { node: n2, interfaces/' "$TEST_TMP/good.yaml"
	run egrectl -j topo check "$TEST_TMP/good.yaml"
	check_eq "$(echo "$out" | jq -c '.links[1] | [.kind, .mtu, .underlay]')" '["egre",1350,"ipv4"]' \
		"the cross-node link"
	key=$(echo "$out" | jq '.links[1].key')
	run egrectl -j topo check "$TEST_TMP/good.yaml"
	check_eq "$(echo "$out" | jq '.links[1].key')" "$key" "the derived key, again"
}
test_case "a good file: one line, exit 0; -j: placement, kinds, MTU and key" good_file

bad_file() {
	local before line
	cat >"$TEST_TMP/bad.yaml" <<-'YAML'
	name: lab
	nodes:
	  n1: { underlay: 10.0.0.1, mtu: 9x }
	slices:
	  red:
	    vnodes:
	      a: { node: n1, colour: red }
	      b: { node: n7 }
	    links:
	      ab: { ends: [a:e0, b:e0], encap: vxlan }
	YAML
	before=$(state)
	run egrectl topo check "$TEST_TMP/bad.yaml"
	check_eq "$rc" 1 "exit status"
	check_eq "$out" "" "stdout"
	echo "$err"
	check_eq "$(echo "$err" | wc -l)" 3 "problems (the three of form; names come once form is right)"
	while read -r line; do
		check_match "$line" "^$TEST_TMP/bad.yaml:[0-9]+:[0-9]+: " "a problem's position"
	done <<<"$err"
	check_match "$err" "bad.yaml:3:34: mtu \"9x\"" "the MTU"
	check_match "$err" "bad.yaml:7:22: unknown field \"colour\"" "the field"
	check_match "$err" "bad.yaml:10:40: encap \"vxlan\" is not gre or udp" "the encap"
	# the form fixed, the names are checked
	sed -i 's/, mtu: 9x//; s/, colour: red//; s/, encap: vxlan//' "$TEST_TMP/bad.yaml"
	run egrectl topo check "$TEST_TMP/bad.yaml"
	check_eq "$rc" 1 "exit status, names"
	check_eq "$err" "$TEST_TMP/bad.yaml:8:7: virtual node b: no node \"n7\" in nodes" "the unknown node"
	check_eq "$(state)" "$before" "devices, namespaces, qdiscs"
}
test_case "a bad file: one FILE:LINE:COL line a problem, exit 1, nothing touched" bad_file

bad_words() {
	run egrectl topo check "$TEST_TMP/nosuch.yaml"
	check_eq "$rc" 1 "exit status, missing file"
	check_eq "$err" "egrectl: topo: cannot open $TEST_TMP/nosuch.yaml: No such file or directory" \
		"missing file"
	run egrectl topo frobnicate x
	check_eq "$rc" 1 "exit status, bad word"
	check_match "$(echo "$err" | head -n1)" '^egrectl: .*"frobnicate"' "bad word"
	run egrectl topo
	check_eq "$rc" 1 "exit status, no word"
	check_match "$(echo "$err" | head -n1)" '^egrectl: topo: missing command' "no word"
}
test_case "a missing file, a wrong word, no word: one line, exit 1" bad_words

test_done
