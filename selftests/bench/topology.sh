# SPDX-License-Identifier: GPL-2.0
#
# The bench topologies (source it, after lib.sh). setup_NAME builds scenario
# NAME and sets DST_IP and DST_MAC, where pktgen in s1 (device sl1) sends.
#
#   direct-veth   [s1] sl1 ================================================ sl2 [s2]
#   routed        [s1] sl1 == sl1n [n1] ul1 ==underlay== ul2 [n2] sl2n == sl2 [s2]
#   *-bridge      [s1] sl1 == sl1n-br1-tun1 [n1] ul1 == ul2 [n2] tun2-br2-sl2n == sl2 [s2]
#   *-mirred      the same with tc mirred redirects in place of br1 and br2
#   egre-shortbridge       the same with shortbridge bindings {sl1n, tun1}
#                          and {tun2, sl2n} in place of br1 and br2
#   egre-shortbridge-fast  [s1] sl1 =(fast)= tun1 [n1] ul1 == ul2 [n2] tun2 =(fast)= sl2 [s2]
#                          sl1 and sl2 are shortbridge slice devices bound
#                          to the egre links: no veth, no bridge
#   egre-shortbridge-direct  the same with the links in direct mode: they
#                          receive from ul1 and ul2's receive handler,
#                          before the nodes' IP layer
#   gretap-in-slice        [s1] sl1(gretap) ~~ [n1] ul1 == ul2 [n2] ~~ sl2(gretap) [s2]
#                          a stock gretap device made in each node and moved
#                          into its slice: the tunnel's underlay stays the
#                          node's, no veth, no bridge, no redirect (how
#                          Mininet's cluster mode links hosts)
#   vxlan-in-slice         the same with vxlan devices (VNI 1, UDP port
#                          4789), as containerlab's vxlan links are made
#   ebpf-redirect          [s1] sl1 == sl1n ~bpf~> gt1 [n1] ul1 == ul2 [n2] gt2 ~bpf~> sl2 [s2]
#                          Cilium's datapath: a tc program at sl1n's ingress
#                          sets the tunnel (remote, key 1) and redirects to
#                          gt1, a collect_md ("external") gretap device; one
#                          at gt2's ingress redirects into s2 with
#                          bpf_redirect_peer (bpf/redirect.bpf.c), and the
#                          same the other way
#   tcp-fast ENCAP         egre-shortbridge-fast with the egre links in
#                          ENCAP (gre, udp), for TCP: s2 counts nothing and
#                          drops nothing, both slices' neighbours are static
#
#   slices 10.9.1.1 -> 10.9.1.2 (routed: 10.9.2.2), underlay 10.0.0.1 - 10.0.0.2
#   tun1/tun2: gretap (ip_gre, trellis unloaded: gre_owner stock) or egre
#   (trellis, ip_gre unloaded: gre_owner trellis), key 1, MTU 1500 over a
#   9000-byte underlay so that 1500-byte frames pass whole. LINK_MTU (1500)
#   sets the MTU of every link and slice device: up to 8950 fits the
#   largest encapsulation (vxlan, GRE-in-UDP: 50 bytes) in the underlay.
LINK_MTU=${LINK_MTU:-1500}

# Every device has a fixed MAC: no random address can move a hash bucket
# (bridge FDB, neighbour table) between runs.
mac_of() {
	case $1 in
	ul1) echo 02:00:00:00:00:01 ;; ul2) echo 02:00:00:00:00:02 ;;
	sl1) echo 02:00:00:00:01:01 ;; sl1n) echo 02:00:00:00:01:02 ;;
	sl2) echo 02:00:00:00:02:01 ;; sl2n) echo 02:00:00:00:02:02 ;;
	tun1) echo 02:00:00:00:03:01 ;; tun2) echo 02:00:00:00:03:02 ;;
	br1) echo 02:00:00:00:04:01 ;; br2) echo 02:00:00:00:04:02 ;;
	esac
}

# veth NS1 DEV1 NS2 DEV2: the `ip -batch` line for a veth pair.
veth() {
	echo "link add $2 address $(mac_of "$2") netns bench-$1 type veth" \
		"peer name $4 address $(mac_of "$4") netns bench-$3"
}

# slices S2_ADDR: both slices, their veths to the nodes and the underlay
# veth between the nodes; s2 counts what it receives.
slices() {
	ns_fresh s1 n1 n2 s2
	{
		veth s1 sl1 n1 sl1n
		veth s2 sl2 n2 sl2n
		veth n1 ul1 n2 ul2
	} | ip -batch -
	slice_addrs "$1"
}

# slice_addrs S2_ADDR: sl1 and sl2 up and addressed; s2 counts. Each slice
# knows the other's MAC: no ARP in a measurement (pktgen needs it one way,
# TCP and ping both ways).
slice_addrs() {
	ipn s1 -batch - <<-EOF
		link set sl1 mtu $LINK_MTU up
		addr add 10.9.1.1/24 dev sl1
		neigh replace $1 lladdr $(mac_of sl2) dev sl1 nud permanent
	EOF
	ipn s2 -batch - <<-EOF
		link set sl2 mtu $LINK_MTU up
		addr add $1/24 dev sl2
		neigh replace 10.9.1.1 lladdr $(mac_of sl1) dev sl2 nud permanent
	EOF
	rx_counter s2 sl2
	DST_MAC=$(mac_of sl2)
}

# node N PEER: the ip lines for node nN: its underlay end (a static
# neighbour: no ARP in a measurement) and the node end of its slice's veth.
node() {
	cat <<-EOF
		link set ul$1 mtu 9000 up
		addr add 10.0.0.$1/24 dev ul$1
		neigh replace 10.0.0.$2 lladdr $(mac_of "ul$2") dev ul$1 nud permanent
		link set sl${1}n mtu $LINK_MTU up
	EOF
}

# tunnels gretap|egre: tun1 in n1 and tun2 in n2, key 1.
tunnels() {
	slices 10.9.1.2
	node 1 2 | ipn n1 -batch -
	node 2 1 | ipn n2 -batch -
	if [ "$1" = gretap ]; then
		ipn n1 link add tun1 type gretap local 10.0.0.1 remote 10.0.0.2 key 1
		ipn n2 link add tun2 type gretap local 10.0.0.2 remote 10.0.0.1 key 1
	else
		n n1 egrectl link add tun1 type egre local 10.0.0.1 remote 10.0.0.2 key 1
		n n2 egrectl link add tun2 type egre local 10.0.0.2 remote 10.0.0.1 key 1
	fi
	ipn n1 link set tun1 address "$(mac_of tun1)" mtu $LINK_MTU up
	ipn n2 link set tun2 address "$(mac_of tun2)" mtu $LINK_MTU up
}

setup_direct_veth() {
	ns_fresh s1 s2
	veth s1 sl1 s2 sl2 | ip -batch -
	ipn s1 -batch - <<-EOF
		link set sl1 up
		addr add 10.9.1.1/24 dev sl1
	EOF
	ipn s2 -batch - <<-EOF
		link set sl2 up
		addr add 10.9.1.2/24 dev sl2
	EOF
	rx_counter s2 sl2
	DST_IP=10.9.1.2 DST_MAC=$(mac_of sl2)
}

setup_routed() {
	slices 10.9.2.2
	ipn s1 route add default via 10.9.1.254
	{
		node 1 2
		echo "addr add 10.9.1.254/24 dev sl1n"
		echo "route add 10.9.2.0/24 via 10.0.0.2"
	} | ipn n1 -batch -
	{
		node 2 1
		echo "addr add 10.9.2.254/24 dev sl2n"
		echo "neigh replace 10.9.2.2 lladdr $DST_MAC dev sl2n nud permanent"
	} | ipn n2 -batch -
	n n1 sysctl -qw net.ipv4.ip_forward=1
	n n2 sysctl -qw net.ipv4.ip_forward=1
	# pktgen addresses the frame to the first hop
	DST_IP=10.9.2.2 DST_MAC=$(mac_of sl1n)
}

# bridged KIND: br1 = {sl1n, tun1}, br2 = {tun2, sl2n}; s2's MAC is a static
# FDB entry on both, so frames are forwarded, not flooded.
bridged() {
	tunnels "$1"
	ipn n1 -batch - <<-EOF
		link add br1 address $(mac_of br1) type bridge
		link set sl1n master br1
		link set tun1 master br1
		link set br1 up
	EOF
	ipn n2 -batch - <<-EOF
		link add br2 address $(mac_of br2) type bridge
		link set tun2 master br2
		link set sl2n master br2
		link set br2 up
	EOF
	bridge -n bench-n1 fdb add "$DST_MAC" dev tun1 master static
	bridge -n bench-n2 fdb add "$DST_MAC" dev sl2n master static
	DST_IP=10.9.1.2
}

# redirect FROM TO: the tc lines that send everything arriving on FROM out
# of TO.
redirect() {
	echo "qdisc add dev $1 clsact"
	echo "filter add dev $1 ingress pref 1 matchall action mirred egress redirect dev $2"
}

mirred() {
	tunnels "$1"
	{ redirect sl1n tun1; redirect tun1 sl1n; } | tcn n1 -batch -
	{ redirect tun2 sl2n; redirect sl2n tun2; } | tcn n2 -batch -
	DST_IP=10.9.1.2
}

setup_egre_shortbridge() {
	tunnels egre
	n n1 egrectl shortbridge add b1 port sl1n port tun1
	n n2 egrectl shortbridge add b2 port tun2 port sl2n
	DST_IP=10.9.1.2
}

setup_egre_shortbridge_fast() { fast_links; }
setup_egre_shortbridge_direct() { fast_links direct; }

# fast_links [direct]: egre-shortbridge-fast, the links in direct mode if asked
fast_links() {
	local d1='' d2=''
	[ "${1:-}" = direct ] && d1="dev ul1 direct" d2="dev ul2 direct"
	ns_fresh s1 n1 n2 s2
	veth n1 ul1 n2 ul2 | ip -batch -
	grep -v sl1n < <(node 1 2) | ipn n1 -batch -
	grep -v sl2n < <(node 2 1) | ipn n2 -batch -
	# shellcheck disable=SC2086 # the options are words
	n n1 egrectl link add tun1 type egre local 10.0.0.1 remote 10.0.0.2 key 1 $d1
	# shellcheck disable=SC2086
	n n2 egrectl link add tun2 type egre local 10.0.0.2 remote 10.0.0.1 key 1 $d2
	ipn n1 link set tun1 address "$(mac_of tun1)" mtu $LINK_MTU up
	ipn n2 link set tun2 address "$(mac_of tun2)" mtu $LINK_MTU up
	n n1 egrectl link add sl1 type shortbridge slice bench-s1 link tun1 address "$(mac_of sl1)"
	n n2 egrectl link add sl2 type shortbridge slice bench-s2 link tun2 address "$(mac_of sl2)"
	slice_addrs 10.9.1.2
	DST_IP=10.9.1.2
}

# in_slice gretap|vxlan: sl1 and sl2 are stock tunnel devices of that kind,
# made in n1 and n2 (their underlay end) and moved into s1 and s2.
in_slice() {
	local i peer kind
	ns_fresh s1 n1 n2 s2
	veth n1 ul1 n2 ul2 | ip -batch -
	grep -v sl1n < <(node 1 2) | ipn n1 -batch -
	grep -v sl2n < <(node 2 1) | ipn n2 -batch -
	for i in 1 2; do
		peer=$((3 - i))
		case $1 in
		gretap) kind="gretap local 10.0.0.$i remote 10.0.0.$peer key 1" ;;
		vxlan) kind="vxlan id 1 local 10.0.0.$i remote 10.0.0.$peer dstport 4789" ;;
		esac
		ipn "n$i" -batch - <<-EOF
			link add sl$i address $(mac_of "sl$i") mtu $LINK_MTU type $kind
			link set sl$i netns bench-s$i
		EOF
	done
	slice_addrs 10.9.1.2
	DST_IP=10.9.1.2
}

# bpf_load NS ARGS...: bpf/redirect_load.c in node NS, with the programs.
bpf_load() { n "$1" "$here/redirect_load" "$here/redirect.bpf.o" "${@:2}"; }

setup_ebpf_redirect() {
	local i peer
	slices 10.9.1.2
	for i in 1 2; do
		peer=$((3 - i))
		{
			node "$i" "$peer"
			echo "link add gt$i address $(mac_of "tun$i") mtu $LINK_MTU type gretap external"
			echo "link set gt$i up"
		} | ipn "n$i" -batch -
		bpf_load "n$i" to-tunnel "sl${i}n" "gt$i" "10.0.0.$peer" 1 &&
			bpf_load "n$i" from-tunnel "gt$i" "sl${i}n" 1 || return 1
	done
	DST_IP=10.9.1.2
}

setup_gretap_in_slice() { in_slice gretap; }
setup_vxlan_in_slice() { in_slice vxlan; }
setup_gretap_bridge() { bridged gretap; }
setup_gretap_mirred() { mirred gretap; }
setup_egre_bridge() { bridged egre; }
setup_egre_mirred() { mirred egre; }

# setup_tcp_fast ENCAP: as egre-shortbridge-fast, the links in ENCAP (gre or
# udp), and nothing counting or dropping at s2: TCP needs the receiver's
# stack. The slices know each other's MAC: no ARP in a measurement.
setup_tcp_fast() {
	ns_fresh s1 n1 n2 s2
	veth n1 ul1 n2 ul2 | ip -batch -
	grep -v sl1n < <(node 1 2) | ipn n1 -batch -
	grep -v sl2n < <(node 2 1) | ipn n2 -batch -
	n n1 egrectl link add tun1 type egre local 10.0.0.1 remote 10.0.0.2 key 1 encap "$1"
	n n2 egrectl link add tun2 type egre local 10.0.0.2 remote 10.0.0.1 key 1 encap "$1"
	ipn n1 link set tun1 address "$(mac_of tun1)" mtu $LINK_MTU up
	ipn n2 link set tun2 address "$(mac_of tun2)" mtu $LINK_MTU up
	n n1 egrectl link add sl1 type shortbridge slice bench-s1 link tun1 address "$(mac_of sl1)"
	n n2 egrectl link add sl2 type shortbridge slice bench-s2 link tun2 address "$(mac_of sl2)"
	ipn s1 -batch - <<-EOF
		link set sl1 mtu $LINK_MTU up
		addr add 10.9.1.1/24 dev sl1
		neigh replace 10.9.1.2 lladdr $(mac_of sl2) dev sl1 nud permanent
	EOF
	ipn s2 -batch - <<-EOF
		link set sl2 mtu $LINK_MTU up
		addr add 10.9.1.2/24 dev sl2
		neigh replace 10.9.1.1 lladdr $(mac_of sl1) dev sl2 nud permanent
	EOF
	DST_IP=10.9.1.2
}
