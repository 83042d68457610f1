# SPDX-License-Identifier: GPL-2.0
# What `make demo` shows inside the VM (run by bash there, with the text of
# topologies/demo.yaml as $1, kept as /tmp/demo.yaml): its experiment built on two nodes from
# that one file, tested, OSPF re-routing around a link taken down, the file
# changed and applied again live, and everything removed.
#
#   node1: routers.alpha, office.desk1,     node2: routers.beta, routers.gamma,
#          pairs.left, pairs.right                 office.desk2, office.desk3, pairs.far
#
#   alpha --ab (20 ms each way)-- beta --bg-- gamma --ag (cost 100)-- alpha
#
# The two nodes are network namespaces of the VM (each a node's root
# context) on one underlay wire; "node1$ CMD" is CMD as run on node1.
#
# It exits non-zero if a step that must work failed, a refusal it shows
# was not refused, or OSPF did not converge: `make check` runs it too.
set -u
failed=0
F=/tmp/demo.yaml
# on NODE CMD...: shows and runs CMD on NODE (egrectl -slice: in the node's
# network namespace, this mount namespace, as a shell on that node would)
on() {
	local node=$1
	shift
	printf '\n%s$ %s\n' "$node" "$*"
	"$@" || { echo "demo: FAILED: $node: $*" >&2; failed=1; }
}
egrectl_on() {
	local node=$1
	shift
	egrectl -slice "$node" "$@"
}
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

# wait_until WHAT CMD...: CMD (a function too) again every half second, for up to 60 s.
wait_until() {
	local what=$1 i
	shift
	for i in $(seq 120); do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.5
	done
	echo "demo: FAILED: gave up waiting for $what" >&2
	failed=1
}
route_to_gamma_via() { egrectl -slice routers.alpha route show 10.255.0.3/32 | grep -q "$1"; }

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

say "The experiment, one file that both nodes read"
printf '%s\n' "${1:?no topology file given}" >"$F"
step cat "$F"
step egrectl topo check "$F"

say "BIRD's files for the routers (the slice's administrator, slicer, runs BIRD)"
mkdir -p /tmp/demo
for r in alpha:1:to-gamma beta:2:none gamma:3:to-alpha; do
	IFS=: read -r name n costly <<<"$r"
	cat >"/tmp/demo/$name.conf" <<-EOF
		router id 10.255.0.$n;
		protocol device { scan time 1; }
		protocol kernel { ipv4 { export where net ~ [ 10.255.0.0/24+ ]; }; scan time 2; }
		protocol ospf v2 {
			ipv4 { import all; export none; };
			area 0 {
				interface "$costly" { type ptp; hello 1; dead 4; cost 100; };
				interface "to-*" { type ptp; hello 1; dead 4; cost 10; };
				interface "lo" { stub yes; };
			};
		}
	EOF
done
chown -R 1000:1000 /tmp/demo

say "Each node applies the same file and makes its own part"
on node1 egrectl_on node1 topo apply "$F"
on node2 egrectl_on node2 topo apply "$F"
on node1 egrectl_on node1 topo apply "$F"
step egrectl slice list
echo "BIRD runs as the slice's administrator, uid 1000 on the host:"
printf '\n$ ps -o user,pid,args | grep bird\n'
ps -o user,pid,args | grep "[b]ird -f"
[ "$(ps -o user,args | grep -c "^slicer .*[b]ird -f")" = 3 ] ||
	{ echo "demo: FAILED: the three BIRDs do not run as slicer" >&2; failed=1; }

say "What node1 made, with its live state"
on node1 egrectl_on node1 topo show "$F"

say "OSPF converges; topo test pings every link and LAN member against the file"
wait_until "alpha's route to gamma's loopback through beta" route_to_gamma_via to-beta
on node1 egrectl_on node1 topo test "$F"
step egrectl -slice routers.alpha route show -4
step egrectl slice exec routers.alpha -- traceroute -n -q 1 -w 2 -m 5 -s 10.255.0.1 10.255.0.3

say "Take link ab down on both nodes: OSPF re-routes alpha-gamma over the direct link"
on node1 egrectl_on node1 topo link "$F" ab down
on node2 egrectl_on node2 topo link "$F" ab down
wait_until "alpha's route to gamma's loopback on to-gamma" route_to_gamma_via to-gamma
step egrectl -slice routers.alpha route show 10.255.0.3/32
on node1 egrectl_on node1 topo link "$F" ab up
on node2 egrectl_on node2 topo link "$F" ab up
wait_until "alpha's route to gamma's loopback back through beta" route_to_gamma_via to-beta
step egrectl -slice routers.alpha route show 10.255.0.3/32

say "Change the file: ab's delay 20 -> 5 ms, a fourth desk on the LAN; apply it live"
sed -i -e 's/delay: 20ms/delay: 5ms/g' \
	-e 's|      desk3: { node: node2, interfaces: { eth0: 10.7.0.3/24 } }|&\n      desk4: { node: node1, interfaces: { eth0: 10.7.0.4/24 } }|' \
	-e 's/ends: \[desk1:eth0, desk2:eth0, desk3:eth0\]/ends: [desk1:eth0, desk2:eth0, desk3:eth0, desk4:eth0]/' "$F"
on node1 egrectl_on node1 topo diff "$F"
# pings across ab, 20 at a time, until both nodes have applied
(until [ -e /tmp/demo/stop ]; do
	egrectl slice exec routers.alpha -- ping -q -c 20 -i 0.05 -W 1 192.168.12.2
done >/tmp/demo/ping 2>&1) &
on node1 egrectl_on node1 topo apply "$F"
on node2 egrectl_on node2 topo apply "$F"
touch /tmp/demo/stop
wait
lost=$(awk '/packets transmitted/ { s += $1; r += $4 } END { print s - r " of " s }' /tmp/demo/ping)
echo "echoes lost across ab during the change: $lost"
case $lost in 0\ of\ [1-9]*) ;; *) echo "demo: FAILED: the ping lost echoes" >&2; failed=1 ;; esac
step egrectl slice exec office.desk4 -- ping -c 2 10.7.0.2
step egrectl slice exec routers.alpha -- ping -c 2 192.168.12.2

say "The slice's administrator works inside its slice, and nowhere else"
step as_slicer egrectl slice exec routers.gamma -- ip route add 10.99.0.0/24 via 192.168.23.2
refused as_slicer egrectl slice exec office.desk1 -- true
refused as_slicer ip -n node1 link set u1 down

say "Each node removes exactly what it made"
on node1 egrectl_on node1 topo destroy "$F"
on node2 egrectl_on node2 topo destroy "$F"
step ip netns list
[ "$(ip netns list | grep -cv '^node[12]\b')" = 0 ] ||
	{ echo "demo: FAILED: namespaces left after destroy" >&2; failed=1; }
ip netns del node1
ip netns del node2
exit $failed
