#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# egrectl's text output, command by command and option by option, against
# golden files (core/golden/NAME): a line an object in ip's words, -br,
# -d, -s, -s -s. What changes from run to run (namespace names, inodes,
# cookies, the counters the slices' own IPv6 moves) is masked before the
# comparison; everything else must be as the file has it, so a change of
# wording fails here and is made on purpose, with the file.
#
#   [ g: node namespace, IPv6 off (no counters of its own move) ]
#     d0 (dummy, 02:00:00:00:00:01) 10.9.0.1/24
#     eg1: egre key 5 to 10.9.0.2, up;  eg2: egre encap udp, key 0x10, csum
#       seq, ttl 9, tos inherit, mtu 1400, to 10.9.0.3
#     v0 == v1 (veth); b1: binding eg2 <-> v0
#     fe in s1: fast slice interface on eg1 (sl1)
#     pa in s1 == pb in s2: slice-to-slice pair (p12)
#     routes in s1: 10.20.0.0/24 via 10.30.0.2, fd20::/64 dev pa metric 7
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"

GOLDEN=$here/golden

# Run-to-run differences out: the test's namespace prefix, inode numbers,
# the namespace cookie.
mask() {
	sed -e "s/$_prefix/T-/g" \
		-e 's/\(netns_cookie\|netns\) [0-9]*/\1 N/g' \
		-e 's/\(packets\|bytes\|errors\|dropped\) [0-9]*/\1 N/g'
}

# golden NAME CMD...: CMD's output, masked, must be golden/NAME; on a
# difference both are printed and the case is marked failed, the next
# output still compared (so that one run shows every difference).
golden() {
	local name=$1 got
	shift
	got=$("$@" | mask)
	if [ ! -f "$GOLDEN/$name" ] || [ "$got" != "$(cat "$GOLDEN/$name")" ]; then
		echo "--- $name: egrectl printed:"
		echo "$got"
		echo "--- want:"
		cat "$GOLDEN/$name" 2>/dev/null || echo "(no golden file)"
		differs+=("$name")
	fi
}

# all_golden: fails the case if any golden comparison of it differed.
all_golden() {
	[ "${#differs[@]}" -eq 0 ] || _fail "not golden: ${differs[*]}"
}

build() {
	ns_add g
	ns_add s1
	ns_add s2
	for ns in g s1 s2; do
		n $ns sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
	done
	n s1 sysctl -qw net.ipv6.conf.all.disable_ipv6=0 net.ipv6.conf.default.disable_ipv6=0
	n g ip link add d0 address 02:00:00:00:00:01 type dummy
	n g ip addr add 10.9.0.1/24 dev d0
	n g ip link set d0 up
	n g egrectl link add eg1 type egre local 10.9.0.1 remote 10.9.0.2 key 5 \
		address 02:00:00:00:00:05
	n g egrectl link add eg2 type egre local 10.9.0.1 remote 10.9.0.3 key 0x10 \
		encap udp csum seq ttl 9 tos inherit mtu 1400 address 02:00:00:00:00:06
	n g ip link set eg1 up
	n g ip link add v0 address 02:00:00:00:00:10 type veth peer name v1 \
		address 02:00:00:00:00:11
	n g egrectl shortbridge add b1 port eg2 port v0
	n g egrectl link add sl1 type shortbridge slice "$(ns_name s1)" ifname fe link eg1 \
		address 02:00:00:00:00:20
	n g egrectl link add p12 type shortbridge slice "$(ns_name s1)" ifname pa \
		address 02:00:00:00:00:30 peer-slice "$(ns_name s2)" peer-ifname pb
	n s2 ip link set pb address 02:00:00:00:00:31
	n s1 ip link set pa up
	n s1 ip addr add 10.30.0.1/24 dev pa
	n s1 ip addr add fd30::1/64 dev pa nodad
	n s1 egrectl route add 10.20.0.0/24 via 10.30.0.2
	n s1 egrectl route add fd20::/64 dev pa metric 7
}

links() {
	local differs=()
	golden link-show n g egrectl link show
	golden link-show-one n g egrectl link show eg2
	golden link-show-br n g egrectl -br link show
	golden link-show-d n g egrectl -d link show
	golden link-show-s n g egrectl -s link show
	golden link-show-ss n g egrectl -s -s link show
	all_golden
}

bindings() {
	local differs=()
	golden shortbridge-show n g egrectl shortbridge show
	golden shortbridge-show-s n g egrectl -s shortbridge show
	all_golden
}

routes() {
	local differs=()
	golden route-show n s1 egrectl route show
	golden route-show-6 n s1 egrectl -6 route show
	all_golden
}

info() {
	local differs=()
	golden info n g egrectl info
	all_golden
}

slices() {
	local differs=()
	golden slice-list egrectl slice list
	golden slice-list-j-keys sh -c "egrectl -j slice list | jq -c '[.[] | keys]'"
	all_golden
}

topology() {
	local differs=()
	cat >"$TEST_TMP/lab.yaml" <<-YAML
	name: lab
	nodes:
	  n1: { underlay: 10.0.0.1 }
	  n2: { underlay: 10.0.0.2 }
	slices:
	  t:
	    vnodes:
	      a: { node: n1, interfaces: { e0: 10.1.0.1/30, e1: 10.1.1.1/30 } }
	      b: { node: n1, interfaces: { e0: 10.1.0.2/30 } }
	      c: { node: n2, interfaces: { e0: 10.1.1.2/30 } }
	    links:
	      ab: { ends: [a:e0, b:e0], shape: { a: { delay: 5ms } } }
	      ac: { ends: [a:e1, c:e0] }
	YAML
	golden topo-check sh -c "cd $TEST_TMP && egrectl topo check lab.yaml"
	golden topo-diff sh -c "cd $TEST_TMP && egrectl topo diff lab.yaml node n1"
	all_golden
}

build
test_case "link show: each option's text is the golden one" links
test_case "shortbridge show: the golden text" bindings
test_case "route show: the golden text, IPv4 and IPv6" routes
test_case "info: the golden text" info
test_case "slice list: the golden text" slices
test_case "topo check and topo diff: the golden text" topology
test_done
