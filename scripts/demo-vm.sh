# SPDX-License-Identifier: GPL-2.0
# What `make demo` shows inside the VM (run by bash there). It grows with the
# product: today the module, its netlink family, per-namespace state and an
# EGRE virtual link between two simulated nodes.
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
echo "A slice administrator without host privilege reaches only its own namespace:"
step setpriv --reuid=65534 --regid=65534 --clear-groups egrectl info || true
step setpriv --reuid=65534 --regid=65534 --clear-groups unshare -r -n egrectl -j info
ip netns del node1
ip netns del node2
