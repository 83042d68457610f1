#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# topo.sh [--vnodes N] [--links N] [--big-links N] [--only apply|big|floor]
#
# Topology files at scale, in virtual time, on one node: n1 of a file of
# two nodes, in namespace bench-n1 over a dummy underlay (10.0.0.1; n2 is
# 10.0.0.2 and never applied). Prints TAP and "bench-result" lines.
#
#   topo/apply     a file of VNODES (1,000) virtual nodes on n1, as many on
#                  n2, and LINKS (2,000) links: half within n1 (slice-to-
#                  slice pairs), half from n1 to n2 (egre links with fast
#                  slice interfaces); every end has an address: applied,
#                  applied again (must say "0 changes"), destroyed
#   topo/big       a file of BIG_LINKS (10,000) links from 1,000 virtual
#                  nodes on n1 to n2: how long destroy takes to remove them
#   topo/floor     the same numbers of namespaces and links made with stock
#                  iproute2 alone, the cheapest way there is: one device a
#                  cross-node link (a gretap device made in the slice), a
#                  veth pair a same-node link, up (but a pair's far end:
#                  a veth cannot be made with both ends up), no address;
#                  what the kernel itself takes to make and remove them
#
# A destroy is timed until the kernel has removed the devices of the
# namespaces it let go (cleanup_wait), not only until egrectl returns.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

vnodes=1000 links=2000 big_links=10000 only=''
while [ $# -gt 0 ]; do
	case $1 in
	--vnodes) vnodes=$2; shift ;;
	--links) links=$2; shift ;;
	--big-links) big_links=$2; shift ;;
	--only) only=$2; shift ;;
	*) echo "topo.sh: unknown option $1" >&2; exit 1 ;;
	esac
	shift
done

# topo_file VNODES PAIRS CROSS: on stdout, a file (its namespaces bench-s.*,
# which ns_clear removes too) of VNODES virtual nodes on
# each node, PAIRS links within n1 and CROSS from n1 to n2, spread over the
# virtual nodes round the ring; link K's ends are 10.K/30's two hosts.
topo_file() {
	awk -v v="$1" -v pairs="$2" -v cross="$3" 'BEGIN {
		for (k = 0; k < pairs + cross; k++) {
			i = k % v
			if (k < pairs) { far = "a" ((i + 1 + int(k / v)) % v) } else { far = "b" i }
			net = sprintf("10.%d.%d.%d", 100 + int(k / 16384), int(k / 64) % 256, (k % 64) * 4)
			split(net, o, ".")
			near = "a" i
			ifs[near] = ifs[near] sprintf("%se%d: %d.%d.%d.%d/30", ifs[near] ? ", " : "", k,
						      o[1], o[2], o[3], o[4] + 1)
			ifs[far] = ifs[far] sprintf("%sf%d: %d.%d.%d.%d/30", ifs[far] ? ", " : "", k,
						    o[1], o[2], o[3], o[4] + 2)
			line[k] = sprintf("      l%d: { ends: [%s:e%d, %s:f%d] }", k, near, k, far, k)
		}
		print "name: scale"
		print "nodes:"
		print "  n1: { underlay: 10.0.0.1 }"
		print "  n2: { underlay: 10.0.0.2 }"
		print "slices:"
		print "  bench-s:"
		print "    vnodes:"
		for (i = 0; i < v; i++) {
			print "      a" i ": { node: n1, interfaces: { " ifs["a" i] " } }"
			print "      b" i ": { node: n2, interfaces: { " ifs["b" i] " } }"
		}
		print "    links:"
		for (k = 0; k < pairs + cross; k++)
			print line[k]
	}'
}

n1_node() {
	ns_fresh n1
	ipn n1 -batch - <<-EOF
		link add u1 type dummy
		addr add 10.0.0.1/24 dev u1
		link set u1 up
	EOF
}

# egrectl in bench-n1
egn() { egrectl -slice bench-n1 "$@"; }

# destroyed FILE: topo destroy, and then until the kernel has removed what
# was in the namespaces it let go (cleanup_wait)
destroyed() {
	egn topo destroy "$1" && cleanup_wait n1
}

# timed WHAT KEY CMD...: CMD, timed; result KEY
timed() {
	local what=$1 key=$2
	shift 2
	if ! stopwatch "$@" >/tmp/bench-topo.out 2>&1; then
		tap "not ok" "$what failed: $(tail -n 2 /tmp/bench-topo.out | tr '\n' ' ')"
		return 1
	fi
	result "$key" "$US" us
}

# failed FILE: what a failed step left is removed, as far as it can be
failed() {
	egn topo destroy "$1" >/dev/null 2>&1
	ns_clear
}

apply_scale() {
	local f=/tmp/bench-scale.yaml pairs=$((links / 2)) changes
	topo_file "$vnodes" "$pairs" "$((links - pairs))" >"$f"
	n1_node
	timed "topo/apply: apply" topo/apply/apply egn topo apply "$f" || { failed "$f"; return; }
	changes=$(tail -n 1 /tmp/bench-topo.out)
	local apply=$US
	timed "topo/apply: apply again" topo/apply/reapply egn topo apply "$f" || { failed "$f"; return; }
	local again=$US
	if [ "$(tail -n 1 /tmp/bench-topo.out)" != "0 changes" ]; then
		tap "not ok" "topo/apply: the second apply changed something: $(tail -n 1 /tmp/bench-topo.out)"
	fi
	cleanup_mark n1
	timed "topo/apply: destroy" topo/apply/destroy destroyed "$f" || { failed "$f"; return; }
	result topo/apply/vnodes "$vnodes" vnodes
	result topo/apply/links "$links" links
	tap ok "topo/apply: $vnodes virtual nodes, $links links ($changes): apply $apply us," \
		"again $again us, destroy $US us (virtual)"
	ns_clear
}

destroy_big() {
	local f=/tmp/bench-big.yaml
	topo_file "$vnodes" 0 "$big_links" >"$f"
	n1_node
	timed "topo/big: apply" topo/big/apply egn topo apply "$f" || { failed "$f"; return; }
	local apply=$US
	cleanup_mark n1
	timed "topo/big: destroy" topo/big/destroy destroyed "$f" || { failed "$f"; return; }
	result topo/big/links "$big_links" links
	tap ok "topo/big: $big_links links to another node: applied in $apply us, destroyed in $US us (virtual, until the kernel had removed them)"
	ns_clear
}

# floor_ns COUNT: namespaces bench-fl.0 .. bench-fl.COUNT-1
floor_ns() {
	seq 0 $(($1 - 1)) | sed 's/^/netns add bench-fl./' | ip -batch -
}

# floor_links PAIRS CROSS: in bench-n1, PAIRS veth pairs and CROSS gretap
# devices (their underlay n1's) in the floor namespaces, up, one batch
floor_links() {
	awk -v v="$vnodes" -v pairs="$1" -v cross="$2" 'BEGIN {
		for (k = 0; k < pairs + cross; k++) {
			i = k % v
			if (k < pairs)
				printf "link add e%d netns bench-fl.%d up type veth peer name f%d netns bench-fl.%d\n",
					k, i, k, (i + 1 + int(k / v)) % v
			else
				printf "link add g%d netns bench-fl.%d up type gretap local 10.0.0.1 remote 10.0.0.2 key %d\n",
					k, i, k + 1
		}
	}' | ip -n bench-n1 -batch -
}

# floor_del: the floor namespaces let go, until the kernel has removed them
floor_del() {
	ip netns list | awk '$1 ~ /^bench-fl\./ { print "netns del " $1 }' | ip -batch - &&
		cleanup_wait n1
}

floor() {
	local pairs=$((links / 2)) make
	ulimit -n 65536	# iproute2 keeps each namespace it names open
	n1_node
	timed "topo/floor: make" topo/floor/apply \
		eval 'floor_ns "$vnodes" && floor_links "$pairs" "$((links - pairs))"' ||
		{ ns_clear; return; }
	make=$US
	ns_clear
	n1_node
	floor_ns "$vnodes" && floor_links 0 "$big_links" || { ns_clear; return; }
	cleanup_mark n1
	timed "topo/floor: remove" topo/floor/destroy floor_del || { ns_clear; return; }
	tap ok "topo/floor: stock iproute2, $vnodes namespaces and $links links made in $make us;" \
		"$vnodes namespaces with $big_links gretap links removed in $US us (virtual)"
	ns_clear
}

case $only in
'') apply_scale; destroy_big; floor ;;
apply) apply_scale ;;
big) destroy_big ;;
floor) floor ;;
*) echo "topo.sh: --only apply, big or floor, not $only" >&2; exit 1 ;;
esac
tap_done
