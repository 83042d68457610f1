#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Shortbridge state and errors: a slice device's carrier and MTU follow its
# egre link; a port held by something else is refused with a message naming
# the holder; bad input gets one line naming what is wrong; show and JSON.
#
#   node1: egre eg1 (pinned to underlay u1) ... node2: egre eg2
#   slice s1: sb0, fast slice interface bound to eg1
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"

two_nodes_underlay
ns_add s1
ns_add s2
S1=$(ns_name s1) S2=$(ns_name s2)
n node1 egrectl link add eg1 type egre local 10.0.0.1 remote 10.0.0.2 key 5 dev u1
n node2 egrectl link add eg2 type egre local 10.0.0.2 remote 10.0.0.1 key 5
n node1 ip link set eg1 up
n node2 ip link set eg2 up

sb0_mtu() { n s1 cat /sys/class/net/sb0/mtu; }

# sb0_state: "up" (carrier, operstate UP) or "down" (no carrier, and an
# operstate that says so: DOWN or LOWERLAYERDOWN).
sb0_state() {
	local carrier oper
	carrier=$(n s1 cat /sys/class/net/sb0/carrier 2>/dev/null)
	oper=$(n s1 cat /sys/class/net/sb0/operstate)
	if [ "$carrier" = 1 ] && [ "$oper" = up ]; then
		echo up
	elif [ "$carrier" = 0 ] && { [ "$oper" = down ] || [ "$oper" = lowerlayerdown ]; }; then
		echo down
	else
		echo "carrier=$carrier operstate=$oper"
	fi
}

# wait_state up|down: operstate changes come from a workqueue; give it a moment.
wait_state() {
	local i
	for i in $(seq 50); do
		[ "$(sb0_state)" = "$1" ] && return 0
		sleep 0.1
	done
	_fail "sb0: got '$(sb0_state)', want '$1'"
}

carrier_follows() {
	check n node1 egrectl link add sl1 type shortbridge slice "$S1" ifname sb0 link eg1
	n s1 ip link set sb0 up
	wait_state up
	n node1 ip link set eg1 down
	wait_state down
	n node1 ip link set eg1 up
	wait_state up
	# the underlay eg1 is pinned to goes down: eg1 loses carrier, so does sb0
	n node1 ip link set u1 down
	wait_state down
	n node1 ip link set u1 up
	wait_state up
}
test_case "carrier follows the egre link and its underlay" carrier_follows

mtu_follows() {
	local mtu
	mtu=$(n node1 cat /sys/class/net/eg1/mtu)
	check_eq "$(sb0_mtu)" "$mtu" "sb0 MTU at creation"
	n node1 ip link set eg1 mtu 1400
	check_eq "$(sb0_mtu)" 1400 "sb0 MTU after eg1 went to 1400"
	check_fail n s1 ip link set sb0 mtu 1401 2>/dev/null
	check n s1 ip link set sb0 mtu 1300
	n node1 ip link set eg1 mtu 1450
	check_eq "$(sb0_mtu)" 1300 "sb0 keeps its own lower MTU"
	n node1 ip link set eg1 mtu 1200
	check_eq "$(sb0_mtu)" 1200 "sb0 never above eg1"
	n node1 ip link set eg1 mtu "$mtu"
	n s1 ip link set sb0 mtu "$mtu"
	# a live change of encapsulation moves the link's MTU, and sb0 with it
	n node1 egrectl link set eg1 encap udp
	check_eq "$(sb0_mtu)" $((mtu - 8)) "sb0 MTU after eg1 went to GRE-in-UDP"
	n node1 egrectl link set eg1 encap gre
	check_eq "$(sb0_mtu)" "$mtu" "sb0 MTU back with eg1"
}
test_case "MTU: from the egre link, never above it" mtu_follows

show_json() {
	local j
	j=$(n node1 egrectl -j link show sl1)
	check_eq "$(echo "$j" | jq -r '.[0].kind')" shortbridge "kind"
	check_eq "$(echo "$j" | jq -r '.[0].slice')" "$S1" "slice"
	check_eq "$(echo "$j" | jq -r '.[0].ifname')" sb0 "ifname"
	check_eq "$(echo "$j" | jq -r '.[0].link')" eg1 "link"
	# all links: the egre link and the slice link
	check_eq "$(n node1 egrectl -j link show | jq -r '[.[].name] | sort | join(",")')" \
		"eg1,sl1" "links in node1"
	check_match "$(n node1 egrectl link show sl1)" \
		"^sl1: shortbridge slice $S1 ifname sb0 state [A-Z]+ mtu [0-9]+ link eg1 $" "text output"
	check_match "$(n node1 egrectl -br link show sl1)" "^sl1 +[A-Z]+ +$S1/sb0 -> eg1$" "-br"
	check_match "$(n node1 egrectl -d link show sl1)" " address ([0-9a-f]{2}:){5}[0-9a-f]{2} link eg1 $" "-d"
	check_match "$(n node1 egrectl -s link show sl1 | sed -n 2p)" "^    RX: packets [0-9]+ bytes" "-s"
	# the slice sees an ordinary device whose link lives in node1
	check_match "$(n s1 ip -d link show sb0)" "shortbridge" "ip -d link show in the slice"
}
test_case "show, JSON and ip -d link show" show_json

egre_deleted() {
	n node1 ip link del eg1
	wait_state down
	check_eq "$(n node1 egrectl -j link show sl1 | jq -r '.[0] | has("link")')" false "no link in JSON"
	check_match "$(n node1 egrectl link show sl1)" " link \(deleted\) $" "text: link (deleted)"
	check n node1 egrectl link del sl1
	check_fail n s1 ip link show sb0 2>/dev/null
	n node1 egrectl link add eg1 type egre local 10.0.0.1 remote 10.0.0.2 key 5 dev u1
	n node1 ip link set eg1 up
}
test_case "egre link deleted: the slice device stays, without carrier" egre_deleted

# err_is WANT CMD...: CMD fails with one line matching WANT.
err_is() {
	local want=$1 out
	shift
	if out=$("$@" 2>&1); then
		_fail "'$*' succeeded but must fail"
		return 1
	fi
	check_eq "$(echo "$out" | wc -l)" 1 "lines of error output from '$*'"
	check_match "$out" "$want" "error from '$*'"
}

refused() {
	n node1 ip link add vx type veth peer name vy
	n node1 ip link add br0 type bridge
	n node1 ip link set vy master br0
	err_is "vy is a port of bridge br0" n node1 egrectl shortbridge add b1 port eg1 port vy
	check n node1 egrectl shortbridge add b1 port eg1 port vx
	err_is "eg1 is already bound in shortbridge b1" \
		n node1 egrectl link add sl2 type shortbridge slice "$S1" ifname sb1 link eg1
	err_is "vx is already bound in shortbridge b1" \
		n node1 egrectl shortbridge add b2 port vx port vy
	err_is "shortbridge b1 already exists" n node1 egrectl shortbridge add b1 port u1 port vy
	# a bridge cannot take a bound port either
	check_fail n node1 ip link set vx master br0 2>/dev/null
	check n node1 egrectl shortbridge del b1
	err_is "no shortbridge b1" n node1 egrectl shortbridge del b1

	check n node1 egrectl link add sl1 type shortbridge slice "$S1" ifname sb0 link eg1
	# nor can a bridge, a bond or a macvlan take an egre link whose frames
	# go to a slice
	check_fail n node1 ip link set eg1 master br0 2>/dev/null
	# (the debug kernel is built without bonding: there, no bond)
	local bond= bonding_was_loaded=
	modinfo bonding >/dev/null 2>&1 && bond=bond0
	[ -d /sys/module/bonding ] && bonding_was_loaded=1
	if [ -n "$bond" ]; then
		n node1 ip link add bond0 type bond
		n node1 ip link set eg1 down	# a bond takes only devices that are down
		check_match "$(n node1 ip link set eg1 master bond0 2>&1)" "in use" "bond refused"
		n node1 ip link set eg1 up
	fi
	check_fail n node1 ip link add mv0 link eg1 type macvlan 2>/dev/null
	err_is "eg1 is already bound to shortbridge link sl1" \
		n node1 egrectl shortbridge add b3 port eg1 port vx
	err_is "shortbridge link sl1 already exists" \
		n node1 egrectl link add sl1 type shortbridge slice "$S2" link eg1
	err_is "sl1 is a shortbridge link: change its device in its slice" \
		n node1 egrectl link set sl1 mtu 1400
	check n node1 egrectl link del sl1
	# and once it is unbound they can
	check n node1 ip link add mv0 link eg1 type macvlan
	n node1 ip link del mv0
	if [ -n "$bond" ]; then
		n node1 ip link set eg1 down
		check n node1 ip link set eg1 master bond0
		n node1 ip link set eg1 nomaster
		n node1 ip link set eg1 up
		n node1 ip link del bond0
		# loaded, bonding puts bonding_masters in every namespace's
		# /sys/class/net, which the slice tests compare
		[ -n "$bonding_was_loaded" ] || modprobe -r bonding
	fi

	err_is "no such slice \"nosuch\"" \
		n node1 egrectl link add sl3 type shortbridge slice nosuch link eg1
	# a slice name whose namespace is gone (a plain file, no nsfs mount)
	touch /run/netns/ghost
	err_is "slice \"ghost\" is gone" \
		n node1 egrectl link add sl3 type shortbridge slice ghost link eg1
	rm -f /run/netns/ghost
	err_is "no such link \"nolink\"" \
		n node1 egrectl link add sl3 type shortbridge slice "$S1" link nolink
	err_is "vx is not an egre link" \
		n node1 egrectl link add sl3 type shortbridge slice "$S1" link vx
	err_is "needs \"link EGRE\" or \"peer-slice SLICE\", not both" \
		n node1 egrectl link add sl3 type shortbridge slice "$S1" link eg1 peer-slice "$S2"
	err_is "needs \"slice SLICE\"" n node1 egrectl link add sl3 type shortbridge link eg1
	err_is "mtu 9000 is above egre link eg1's" \
		n node1 egrectl link add sl3 type shortbridge slice "$S1" link eg1 mtu 9000
	err_is "no such device \"nodev\"" n node1 egrectl shortbridge add b4 port eg1 port nodev
	err_is "two ports" n node1 egrectl shortbridge add b4 port eg1
	err_is "different devices" n node1 egrectl shortbridge add b4 port eg1 port eg1
	err_is "no such device \"sl3\"" n node1 egrectl link del sl3
	# nothing half-built was left behind
	check_eq "$(n node1 egrectl -j shortbridge show | jq length)" 0 "bindings"
	check_eq "$(n node1 egrectl -j link show | jq length)" 1 "links in node1"
	check_eq "$(n s1 ip -o link show type shortbridge | wc -l)" 0 "shortbridge devices in s1"
	n node1 ip link del vx
	n node1 ip link del br0
}
test_case "refused: busy ports name their holder; bad input, one line each" refused

# The namespace the link was made from goes: the slice device goes too.
home_deleted() {
	ns_add node3
	check n node3 ip link add d0 type dummy
	n node3 ip addr add 10.9.0.1/24 dev d0
	n node3 ip link set d0 up
	n node3 egrectl link add eg9 type egre local 10.9.0.1 remote 10.9.0.2 key 9
	check n node3 egrectl link add sl9 type shortbridge slice "$S2" ifname sb9 link eg9
	check n node3 egrectl link add p9 type shortbridge slice "$S1" ifname sp9 \
		peer-slice "$S2" peer-ifname sp9
	check n s2 ip link show sb9 >/dev/null
	ns_del node3
	local i
	for i in $(seq 50); do
		n s2 ip link show sb9 >/dev/null 2>&1 || break
		sleep 0.1
	done
	check_fail n s2 ip link show sb9 2>/dev/null
	check_fail n s2 ip link show sp9 2>/dev/null
	check_fail n s1 ip link show sp9 2>/dev/null
}
test_case "the node namespace a link was made from is deleted" home_deleted

test_done
