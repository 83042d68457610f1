#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# throughput.sh [--seconds N] [--pings N] [--only REGEX] [--link-mtu M]
#
# TCP throughput and latency slice to slice, s2's own stack receiving, for
# the fast path (topology.sh: tcp-fast, over raw GRE and over GRE-in-UDP),
# the fast path in direct mode, the binding and every stock anchor: one iperf3 stream for SECONDS (10) of
# guest time from s1 to s2, then PINGS (1,000) pings from s1 to s2, 2 ms
# apart. Figures (in virtual time, like every bench figure), PATH being
# tcp-fast-gre, tcp-fast-udp or a forwarding scenario's name:
#   throughput/PATH/bits-per-second  what s2 received, per second
#   throughput/PATH/retransmits      segments s1 sent again
#   latency/PATH/rtt-median-us       the median round trip, microseconds
# --link-mtu M: every link and slice device at MTU M (topology.sh's
# LINK_MTU; 1500 by default, the underlay is 9000), PATH then ending in
# -mtuM: a jumbo-frame run. Prints TAP ("not ok" when iperf3 gave no
# result or moved no byte, or a ping was lost) and "bench-result" lines.
# Runs inside the VM.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
. "$here/topology.sh"

seconds=10 pings=1000 only=
while [ $# -gt 0 ]; do
	case $1 in
	--seconds) seconds=$2; shift ;;
	--pings) pings=$2; shift ;;
	--only) only=$2; shift ;;
	--link-mtu) export LINK_MTU=$2; shift ;;
	*) echo "throughput.sh: unknown option $1" >&2; exit 1 ;;
	esac
	shift
done

# once a bench run (the jumbo run repeats the default one's)
if [ "${LINK_MTU:-1500}" = 1500 ]; then
	result throughput/seconds "$seconds" s
	result latency/pings "$pings" pings
fi

# stream PATH WHAT: one iperf3 stream from s1 to s2 (DST_IP).
stream() {
	local key=throughput/$1 what="TCP, $2" out bps retr
	n s2 iperf3 -s -D -1 -I /tmp/bench-iperf.pid >/dev/null
	sleep 0.5
	out=$(n s1 iperf3 -c "$DST_IP" -t "$seconds" -J 2>&1)
	bps=$(echo "$out" | jq -r '.end.sum_received.bits_per_second // empty' 2>/dev/null)
	retr=$(echo "$out" | jq -r '.end.sum_sent.retransmits // empty' 2>/dev/null)
	if [ -z "$bps" ] || [ "${bps%.*}" = 0 ]; then
		echo "$out" | tail -n 20 | sed 's/^/# /'
		tap "not ok" "$what: no throughput from iperf3"
	else
		bps=$(printf "%.0f" "$bps")
		result "$key/bits-per-second" "$bps" bit/s
		result "$key/retransmits" "$retr" segments
		tap ok "$what: $((bps / 1000000)) Mbit/s, $retr retransmits"
	fi
	# a failed client leaves the one-shot server waiting
	[ -s /tmp/bench-iperf.pid ] && kill "$(cat /tmp/bench-iperf.pid)" 2>/dev/null
	rm -f /tmp/bench-iperf.pid
}

# rtt PATH WHAT: PINGS pings from s1 to s2; the median of their round trips.
rtt() {
	local key=latency/$1 what="ping, $2" times got median
	times=$(n s1 ping -n -c "$pings" -i 0.002 -W 1 "$DST_IP" |
		sed -n 's/.* time=\([0-9.]*\) ms.*/\1/p' | sort -n)
	got=$(echo "$times" | grep -c .)
	if [ "$got" != "$pings" ]; then
		tap "not ok" "$what: $got of $pings replies"
		return 0
	fi
	# the middle one (the lower middle for an even count), in microseconds
	median=$(echo "$times" | awk -v n="$pings" 'NR == int((n + 1) / 2) { printf "%.0f", $1 * 1000 }')
	result "$key/rtt-median-us" "$median" us
	tap ok "$what: median round trip $median us over $pings pings"
}

# path NAME OWNER [ENCAP]: scenario NAME of topology.sh (with ENCAP, for
# tcp-fast) with s2's own stack taking everything; raw GRE given to OWNER.
path() {
	local name=$1 owner=$2 key=$1${3:+-$3} what
	[ "${LINK_MTU:-1500}" = 1500 ] || key=$key-mtu$LINK_MTU
	what="$key, s2's stack receiving"
	if [ -n "$only" ] && ! [[ $key =~ $only ]]; then
		return 0
	fi
	if ! gre_owner "$owner" || ! RX_MODE=tcp "setup_${name//-/_}" ${3:+"$3"} \
		>/tmp/bench-setup.log 2>&1; then
		sed 's/^/# /' /tmp/bench-setup.log
		tap "not ok" "$what: set-up failed"
		ns_clear
		return 0
	fi
	stream "$key" "$what"
	rtt "$key" "$what"
	ns_clear
}

path tcp-fast trellis gre
path tcp-fast trellis udp
path egre-shortbridge trellis
path egre-shortbridge-direct trellis
path gretap-bridge stock
path gretap-in-slice stock
path vxlan-in-slice stock
path ebpf-redirect stock
gre_owner trellis
tap_done
