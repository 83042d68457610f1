# SPDX-License-Identifier: GPL-2.0
# What `make demo` shows inside the VM (run by bash there). It grows with the
# product: today the module, its netlink family, per-namespace state, an
# EGRE virtual link between two simulated nodes, and two slices on those
# nodes, each with its own fast slice interfaces (shortbridge).
step() { printf '\n$ %s\n' "$*"; "$@"; }

echo "trellis demo on $(uname -r)"
step egrectl --version
step egrectl info

echo
echo "Two nodes (network namespaces) joined by an underlay wire:"
ip netns add node1
ip netns add node2
ip link add u1 netns node1 type veth peer name u2 netns node2
ip -n node1 addr add 10.0.0.1/24 dev u1
ip -n node2 addr add 10.0.0.2/24 dev u2
ip -n node1 link set u1 up
ip -n node2 link set u2 up
step ip -n node1 -br addr show u1

echo
echo "A virtual link between them: Ethernet over GRE, key 42, one egre device per node:"
step ip netns exec node1 egrectl link add eg1 type egre local 10.0.0.1 remote 10.0.0.2 key 42
step ip netns exec node2 egrectl link add eg2 type egre local 10.0.0.2 remote 10.0.0.1 key 42
ip -n node1 addr add 192.168.42.1/24 dev eg1
ip -n node2 addr add 192.168.42.2/24 dev eg2
ip -n node1 link set eg1 up
ip -n node2 link set eg2 up
step ip netns exec node1 egrectl link show eg1
step ip netns exec node1 ping -c 3 192.168.42.2
step ip netns exec node1 egrectl -j link show eg1 -s
step ip netns exec node1 egrectl info

echo
echo "Two slices, red and blue, on both nodes: each slice gets its own virtual link"
echo "(an egre link per slice and node, keys 1 and 2) ending in a fast slice"
echo "interface, eth0, inside the slice. Both slices use the same addresses:"
for node in 1 2; do
	for slice in red blue; do
		ip netns add $slice$node
	done
done
for node in 1 2; do
	peer=$((3 - node))
	key=1
	for slice in red blue; do
		step ip netns exec node$node egrectl link add $slice type egre \
			local 10.0.0.$node remote 10.0.0.$peer key $key
		ip -n node$node link set $slice up
		step ip netns exec node$node egrectl link add ${slice}-if type shortbridge \
			slice $slice$node ifname eth0 link $slice
		ip -n $slice$node addr add 10.1.0.$node/24 dev eth0
		ip -n $slice$node link set eth0 up
		key=$((key + 1))
	done
done
step ip netns exec node1 egrectl link show
step ip netns exec red1 ping -c 2 10.1.0.2
step ip netns exec blue1 ping -c 2 10.1.0.2
echo "Each slice's frames stayed on its own link:"
step ip netns exec node1 egrectl -j link show red-if -s
step ip netns exec node1 egrectl -j link show blue-if -s
for node in 1 2; do
	for slice in red blue; do
		ip netns del $slice$node
	done
done

echo
echo "A slice administrator without host privilege reaches only its own namespace:"
step setpriv --reuid=65534 --regid=65534 --clear-groups egrectl info || true
step setpriv --reuid=65534 --regid=65534 --clear-groups unshare -r -n egrectl -j info
ip netns del node1
ip netns del node2
