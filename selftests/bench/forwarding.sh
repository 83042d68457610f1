#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# forwarding.sh [--count N] [--warmup N] [--sizes "64 1500"] [--only REGEX]
#
# Forwarding paths, slice to slice across two node namespaces: pktgen in
# slice s1 sends COUNT frames of each size to slice s2, which counts and
# drops them at its ingress; then, 64-byte frames only, counts them there
# and passes them to its own stack, to a UDP socket. Prints TAP (one case
# per scenario and size, "not ok" when s2 did not count every frame sent)
# and the figures as
# "bench-result NAME VALUE UNIT" lines. Runs inside the VM (selftests/vm/run).
# The scenarios and their drawings are in topology.sh.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
. "$here/topology.sh"

count=200000 warmup=10000 sizes="64 1500" only=
while [ $# -gt 0 ]; do
	case $1 in
	--count) count=$2; shift ;;
	--warmup) warmup=$2; shift ;;
	--sizes) sizes=$2; shift ;;
	--only) only=$2; shift ;;
	*) echo "forwarding.sh: unknown option $1" >&2; exit 1 ;;
	esac
	shift
done

modprobe pktgen
result forwarding/frames-per-figure "$count" frames

# run NAME OWNER [SIZES]: scenario NAME (figures forwarding/NAME/...), or
# with RX_MODE=stack its variant where s2's stack takes the frames
# (forwarding/NAME/stack/...).
run() {
	local name=$1 owner=$2 sizes=${3:-$sizes} key=$1 size
	[ "$RX_MODE" = stack ] && key=$1/stack
	if [ -n "$only" ] && ! [[ $key =~ $only ]]; then
		return 0
	fi
	if ! gre_owner "$owner" || ! "setup_${name//-/_}" >"/tmp/bench-setup.log" 2>&1; then
		sed 's/^/# /' /tmp/bench-setup.log
		for size in $sizes; do tap "not ok" "$key ${size}B: set-up failed"; done
		ns_clear
		return 0
	fi
	for size in $sizes; do
		measure "forwarding/$key/${size}B" "$key ${size}B" "$size" "$count" "$warmup"
	done
	ns_clear
}

run direct-veth trellis
run routed trellis
run gretap-bridge stock
run gretap-mirred stock
run gretap-in-slice stock
run vxlan-in-slice stock
run ebpf-redirect stock
run egre-bridge trellis
run egre-mirred trellis
run egre-shortbridge trellis
run egre-shortbridge-fast trellis
run egre-shortbridge-direct trellis

# What users run: the receiving slice's own stack takes the frames (UDP to
# a socket), 64-byte frames, every path.
RX_MODE=stack
run direct-veth trellis 64
run routed trellis 64
run gretap-bridge stock 64
run gretap-in-slice stock 64
run vxlan-in-slice stock 64
run ebpf-redirect stock 64
run egre-shortbridge trellis 64
run egre-shortbridge-fast trellis 64
run egre-shortbridge-direct trellis 64
gre_owner trellis
tap_done
