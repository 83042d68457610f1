# SPDX-License-Identifier: GPL-2.0
# What `make demo` shows inside the VM (run by bash there). It grows with the
# product: today the module, its netlink family and per-namespace state.
step() { printf '\n$ %s\n' "$*"; "$@"; }

echo "trellis demo on $(uname -r)"
step lsmod
step egrectl --version
step egrectl info
echo
echo "Every network namespace is one node's root context with its own trellis state:"
ip netns add node1
ip netns add node2
step ip netns exec node1 egrectl info
step ip netns exec node2 egrectl -j info
echo
echo "A slice administrator without host privilege reaches only its own namespace:"
step setpriv --reuid=65534 --regid=65534 --clear-groups egrectl info || true
step setpriv --reuid=65534 --regid=65534 --clear-groups unshare -r -n egrectl -j info
ip netns del node1
ip netns del node2
