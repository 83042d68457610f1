# SPDX-License-Identifier: GPL-2.0
# What `make demo` shows inside the VM (run by bash there): two nodes, three
# slices joined by egre links with fast slice interfaces, one link shaped,
# BIRD running OSPF in every slice (one slice administered by an
# unprivileged user), the path across the slices before and after a link is
# cut.
#
#   node1                                   node2
#   slice alpha --- ab (egre, key 12, 20 ms each way) --- slice beta
#        \                                                  |  (a same-node
#         `--- ag (egre, key 13, OSPF cost 100) --- slice gamma   pair)
#
# OSPF prefers alpha -> beta -> gamma (cost 20) over the direct alpha-gamma
# link (cost 100) until alpha-beta is cut.
#
# It exits non-zero if a step that must work failed, a refusal it shows
# was not refused, or OSPF did not converge: `make check` runs it too.
set -u
failed=0
step() {
	printf '\n$ %s\n' "$*"
	"$@" || { echo "demo: FAILED: $*" >&2; failed=1; }
}
# refused CMD...: shows CMD failing, as it must.
refused() {
	printf '\n$ %s\n' "$*"
	! "$@" || { echo "demo: FAILED: not refused: $*" >&2; failed=1; }
}
say() { printf '\n## %s\n' "$*"; }
as_slicer() { setpriv --reuid=1000 --regid=1000 --clear-groups "$@"; }

# wait_until WHAT CMD...: CMD again every half second, for up to 60 s.
wait_until() {
	local what=$1
	shift
	timeout 60 sh -c 'until "$@" >/dev/null 2>&1; do sleep 0.5; done' - "$@" ||
		{ echo "demo: FAILED: gave up waiting for $what" >&2; failed=1; }
}

echo "trellis demo on $(uname -r)"
step egrectl --version

say "Two nodes (network namespaces, each a node's root context) on one underlay wire"
ip netns add node1
ip netns add node2
ip link add u1 netns node1 type veth peer name u2 netns node2
ip -n node1 addr add 10.0.0.1/24 dev u1
ip -n node2 addr add 10.0.0.2/24 dev u2
ip -n node1 link set u1 up
ip -n node2 link set u2 up
step ip -n node1 -br addr show u1

say "Three slices; gamma's administrator is the unprivileged user slicer (uid 1000)"
step egrectl slice add alpha
step egrectl slice add beta
step egrectl slice add gamma userns slicer
step egrectl slice list

say "Virtual links: an egre device per link end in each node, a fast slice interface per end in each slice"
step ip netns exec node1 egrectl link add ab type egre local 10.0.0.1 remote 10.0.0.2 key 12
step ip netns exec node1 egrectl link add ag type egre local 10.0.0.1 remote 10.0.0.2 key 13
ip netns exec node2 egrectl link add ab type egre local 10.0.0.2 remote 10.0.0.1 key 12
ip netns exec node2 egrectl link add ag type egre local 10.0.0.2 remote 10.0.0.1 key 13
for node in node1 node2; do
	ip -n $node link set ab up
	ip -n $node link set ag up
done
step ip netns exec node1 egrectl link add alpha-beta type shortbridge slice alpha ifname to-beta link ab
step ip netns exec node1 egrectl link add alpha-gamma type shortbridge slice alpha ifname to-gamma link ag
ip netns exec node2 egrectl link add beta-alpha type shortbridge slice beta ifname to-alpha link ab
ip netns exec node2 egrectl link add gamma-alpha type shortbridge slice gamma ifname to-alpha link ag
step ip netns exec node2 egrectl link add beta-gamma type shortbridge slice beta ifname to-gamma \
	peer-slice gamma peer-ifname to-beta

say "The alpha-beta link gets 20 ms of delay in each direction (tc qdiscs made by egrectl)"
step ip netns exec node1 egrectl link set ab shape dir both delay 20ms

say "Each slice: addresses, a loopback to announce, forwarding on, BIRD with OSPF"
mkdir -p /tmp/demo
chown 1000:1000 /tmp/demo
# slice_setup SLICE N IF:ADDR...: the slice's own configuration, done from
# inside it (as its administrator for gamma).
slice_setup() {
	local slice=$1 n=$2 spec run=(egrectl slice exec "$1" --) costly=none
	shift 2
	[ "$slice" = gamma ] && run=(as_slicer "${run[@]}")
	# the direct alpha-gamma link costs 100 at both ends
	[ "$slice" = alpha ] && costly=to-gamma
	[ "$slice" = gamma ] && costly=to-alpha
	"${run[@]}" sh -c "
		sysctl -qw net.ipv4.ip_forward=1
		ip link add lo0 type dummy
		ip addr add 10.255.0.$n/32 dev lo0
		ip link set lo0 up
		$(for spec in "$@"; do
			echo "ip addr add ${spec#*:} dev ${spec%%:*}; ip link set ${spec%%:*} up;"
		done)"
	cat >/tmp/demo/$slice.conf <<-EOF
		router id 10.255.0.$n;
		protocol device { scan time 1; }
		protocol kernel { ipv4 { export where net ~ [ 10.255.0.0/24+ ]; }; scan time 2; }
		protocol ospf v2 {
			ipv4 { import all; export none; };
			area 0 {
				interface "$costly" { type ptp; hello 1; dead 4; cost 100; };
				interface "to-*" { type ptp; hello 1; dead 4; cost 10; };
				interface "lo0" { stub yes; };
			};
		}
	EOF
	chown 1000:1000 /tmp/demo/$slice.conf
	"${run[@]}" bird -c /tmp/demo/$slice.conf -s /tmp/demo/$slice.ctl -P /tmp/demo/$slice.pid
}
slice_setup alpha 1 to-beta:192.168.12.1/24 to-gamma:192.168.13.1/24
slice_setup beta 2 to-alpha:192.168.12.2/24 to-gamma:192.168.23.2/24
slice_setup gamma 3 to-alpha:192.168.13.3/24 to-beta:192.168.23.3/24
echo "BIRD runs in gamma as its administrator, uid 1000 on the host:"
printf '\n$ ps -o user,pid,args | grep bird\n'
ps -o user,pid,args | grep "[b]ird -c"
ps -o user,args | grep -q "^slicer .*[b]ird -c /tmp/demo/gamma" ||
	{ echo "demo: FAILED: gamma's BIRD does not run as slicer" >&2; failed=1; }

say "The slice list (node1 and node2 are named namespaces too) and the links of each node, shaping included"
step egrectl slice list
step ip netns exec node1 egrectl link show
step ip netns exec node2 egrectl link show

say "OSPF converges: each slice's FIB learns the others' loopbacks"
# via beta: alpha's route to gamma's loopback leaves on to-beta
wait_until "alpha's route to 10.255.0.3 via beta" \
	sh -c 'egrectl -s alpha route show 10.255.0.3/32 | grep -q to-beta'
step egrectl slice exec alpha -- birdc -s /tmp/demo/alpha.ctl show ospf neighbors
step egrectl -s alpha route show -4
step egrectl -s gamma route show -4

say "The path from alpha to gamma's loopback: through beta, 40 ms round trip on alpha-beta"
step egrectl slice exec alpha -- traceroute -n -q 1 -w 2 -m 5 -s 10.255.0.1 10.255.0.3
step egrectl slice exec alpha -- ping -c 2 -I 10.255.0.1 10.255.0.3

say "Cut the alpha-beta link (100% loss on node1's egre end): OSPF re-routes over the direct link"
step ip netns exec node1 egrectl link set ab shape loss 100%
wait_until "alpha's route to 10.255.0.3 on to-gamma" \
	sh -c 'egrectl -s alpha route show 10.255.0.3/32 | grep -q to-gamma'
step egrectl -s alpha route show 10.255.0.3/32
step egrectl slice exec alpha -- traceroute -n -q 1 -w 2 -m 5 -s 10.255.0.1 10.255.0.3
step ip netns exec node1 egrectl link set ab shape none
wait_until "alpha's route to 10.255.0.3 back through beta" \
	sh -c 'egrectl -s alpha route show 10.255.0.3/32 | grep -q to-beta'
step egrectl -s alpha route show 10.255.0.3/32

say "The slice administrator works inside gamma, and nowhere else"
step as_slicer egrectl slice exec gamma -- ip route add 10.99.0.0/24 via 192.168.23.2
step as_slicer egrectl slice exec gamma -- egrectl route show 10.99.0.0/24
refused as_slicer egrectl slice exec alpha -- true
refused as_slicer ip -n node1 link set ab down
refused as_slicer egrectl info

say "Deleting a slice ends its processes and removes its interfaces and their node ends"
step egrectl slice del gamma
step ip netns exec node2 egrectl link show
step egrectl slice list
for s in alpha beta; do egrectl slice del $s; done
ip netns del node1
ip netns del node2
exit $failed
