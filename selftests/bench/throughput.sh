#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# throughput.sh [--seconds N] [--only REGEX]
#
# TCP throughput slice to slice through a fast slice interface at each end
# (topology.sh: tcp-fast), over raw GRE and over GRE-in-UDP: one iperf3
# stream for SECONDS (10) of guest time from s1 to s2. Figures (in
# virtual time, like every bench figure):
#   throughput/tcp-fast-ENCAP/bits-per-second  what s2 received, per second
#   throughput/tcp-fast-ENCAP/retransmits      segments s1 sent again
# Prints TAP ("not ok" when iperf3 gave no result or moved no byte) and
# "bench-result" lines. Runs inside the VM.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
. "$here/topology.sh"

seconds=10 only=
while [ $# -gt 0 ]; do
	case $1 in
	--seconds) seconds=$2; shift ;;
	--only) only=$2; shift ;;
	*) echo "throughput.sh: unknown option $1" >&2; exit 1 ;;
	esac
	shift
done

result throughput/seconds "$seconds" s

# stream ENCAP: one iperf3 stream through tcp-fast over ENCAP.
stream() {
	local key=throughput/tcp-fast-$1 what="TCP, fast slice interfaces, encap $1" out bps retr
	if [ -n "$only" ] && ! [[ $1 =~ $only ]]; then
		return 0
	fi
	if ! setup_tcp_fast "$1" >/tmp/bench-setup.log 2>&1; then
		sed 's/^/# /' /tmp/bench-setup.log
		tap "not ok" "$what: set-up failed"
		ns_clear
		return 0
	fi
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
	ns_clear
}

gre_owner trellis
stream gre
stream udp
tap_done
