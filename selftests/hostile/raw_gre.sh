#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Raw GRE belongs to the node: an egre link with raw GRE takes the kernel's
# GRE demux (or IPv6 protocol 47) for the whole node, so ip_gre could no
# longer load. A tenant may make GRE-in-UDP links only: a raw link, or
# changing a UDP link to raw, is refused (EPERM) with a message that says
# why and points at encap udp, and leaves raw GRE free for the node.
#
#   [ node ]   modprobe ip_gre / rmmod ip_gre
#   [ tenant: uid 1000's own user, network and mount namespaces ]
#     d0 (dummy) 10.1.0.1/24 fd01::1/64
#     eg: egre local 10.1.0.1 remote 10.1.0.2 key 1 (raw: refused; encap udp: made)
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
. "$here/lib_hostile.sh"

REFUSED="raw GRE needs CAP_NET_ADMIN over the node.*encap udp"

tenant_underlay="ip link set lo up
	ip link add d0 type dummy
	ip addr add 10.1.0.1/24 dev d0
	ip addr add fd01::1/64 dev d0 nodad
	ip link set d0 up"

# refused CODE WANT CMD...: CMD exits CODE with one line matching WANT.
refused() {
	local code=$1 want=$2 out rc=0
	shift 2
	out=$("$@" 2>&1) || rc=$?
	check_eq "$rc" "$code" "exit status of '$*'"
	check_eq "$(echo "$out" | wc -l)" 1 "lines of output from '$*'"
	check_match "$out" "$want" "error from '$*'"
}

raw_link_refused() {
	# the node's own raw links would hold GRE: none may exist
	rmmod ip_gre 2>/dev/null || true
	tenant_start t "$tenant_underlay"
	refused 2 "^egrectl: link add eg: $REFUSED" \
		tenant_in t egrectl link add eg type egre local 10.1.0.1 remote 10.1.0.2 key 1
	check_fail tenant_in t ip link show eg
	refused 2 "^egrectl: link add eg6: $REFUSED" \
		tenant_in t egrectl link add eg6 type egre local fd01::1 remote fd01::2 key 1
	check_fail tenant_in t ip link show eg6
	# while the tenant's namespace lives, raw GRE is still the node's
	check modprobe ip_gre
	check rmmod ip_gre
	check modprobe ip6_gre
	check rmmod ip6_gre
}
test_case "a tenant's raw GRE link is refused; ip_gre and ip6_gre still load" cleaned raw_link_refused

udp_link_allowed() {
	tenant_start t "$tenant_underlay"
	check tenant_in t egrectl link add eg type egre local 10.1.0.1 remote 10.1.0.2 key 1 encap udp
	check tenant_in t egrectl link add eg6 type egre local fd01::1 remote fd01::2 key 1 encap udp
	check_eq "$(tenant_in t egrectl -j link show eg | jq -r '.[0].encap')" udp "eg's encap"
	check tenant_in t ip link set eg up
	check tenant_in t egrectl link del eg6
	# GRE-in-UDP takes nothing from ip_gre
	check modprobe ip_gre
	check rmmod ip_gre
}
test_case "a tenant's GRE-in-UDP links are made" cleaned udp_link_allowed

change_to_raw_refused() {
	rmmod ip_gre 2>/dev/null || true
	tenant_start t "$tenant_underlay"
	check tenant_in t egrectl link add eg type egre local 10.1.0.1 remote 10.1.0.2 key 1 encap udp
	refused 2 "^egrectl: link set eg: $REFUSED" tenant_in t egrectl link set eg encap gre
	check_eq "$(tenant_in t egrectl -j link show eg | jq -r '.[0].encap')" udp "eg's encap after the refusal"
	check modprobe ip_gre
	check rmmod ip_gre
}
test_case "a tenant cannot change a GRE-in-UDP link to raw GRE" cleaned change_to_raw_refused

test_done
