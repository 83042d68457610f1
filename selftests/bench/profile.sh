#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# profile.sh SCENARIO [--count N] [--size BYTES] [--stack] [--lines N]
#            [--rates "HZ..."] [--offsets FUNCTION]
#
# Where one scenario's instructions go: builds SCENARIO as forwarding.sh
# does (topology.sh) and sends COUNT frames of SIZE bytes with pktgen while
# `perf record -a -g -e cpu-clock` samples the whole guest. Prints each
# kernel function's share of the samples, by itself (self) and with what
# it calls (children), and that share as instructions a frame.
#
# Under --icount the clock is the instruction count, and a frame costs
# nearly the same instructions every time: a sampling rate falls on the
# same few points of the path over and over (one rate put 61% of the
# samples in fl_classify, another 5%). So the frames are sent in as many
# runs as there are RATES, each sampled at its own rate (primes, so that
# no two share a period), and the shares are averaged over the runs.
# --stack: s2's own stack takes the frames (RX_MODE=stack).
# --offsets FUNCTION: also where in FUNCTION its own samples fall, as
# offsets from its start (map them to source with `addr2line` or
# `objdump -dl` of trellis.ko or vmlinux), in instructions a frame.
# Runs inside the VM, which needs perf in it:
#   selftests/vm/run --icount --perf -- bench/profile.sh egre-shortbridge-fast
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
. "$here/topology.sh"

scenario=${1:?profile.sh: which scenario?}
shift
count=200000 size=64 lines=40 offsets=
rates="9973 8501 7919 7001 6007 5501 4999 4001 3517 2999 2503 1999"
while [ $# -gt 0 ]; do
	case $1 in
	--count) count=$2; shift ;;
	--size) size=$2; shift ;;
	--stack) RX_MODE=stack ;;
	--lines) lines=$2; shift ;;
	--rates) rates=$2; shift ;;
	--offsets) offsets=$2; shift ;;
	*) echo "profile.sh: unknown option $1" >&2; exit 1 ;;
	esac
	shift
done
command -v perf >/dev/null || { echo "profile.sh: no perf in the guest (vm/run --perf)" >&2; exit 1; }
declare -F "setup_${scenario//-/_}" >/dev/null ||
	{ echo "profile.sh: no scenario '$scenario' in topology.sh" >&2; exit 1; }

owner=stock
[[ $scenario == egre-* || $scenario == direct-veth || $scenario == routed ]] && owner=trellis
modprobe pktgen
gre_owner "$owner" && "setup_${scenario//-/_}" || { echo "profile.sh: set-up failed" >&2; exit 1; }
pktgen_run s1 sl1 2000 "$size" "$DST_IP" "$DST_MAC" || exit 1
# the instructions a frame, from a run nobody samples
pktgen_run s1 sl1 "$count" "$size" "$DST_IP" "$DST_MAC" || exit 1
ipf=$(awk -v u="$PG_USEC" -v n="$PG_SENT" 'BEGIN { printf "%.1f", u * 1000 / n }')

# the kernel lowers perf's rate limit when a sample takes long, as every
# one does in an emulated guest, and then refuses the higher rates
sysctl -qw kernel.perf_event_max_sample_rate=100000 kernel.perf_cpu_time_max_percent=0
nrates=$(echo $rates | wc -w)
each=$((count / nrates)) sent=0 got=0
rm -f /tmp/profile-*.txt /tmp/offsets-*.txt
for hz in $rates; do
	perf record -q -a -g -e cpu-clock -F "$hz" -o /tmp/perf.data &
	rec=$!
	sleep 2
	read -r before _ < <(rx_count s2 sl2)
	pktgen_run s1 sl1 "$each" "$size" "$DST_IP" "$DST_MAC" || exit 1
	read -r after _ < <(rx_count s2 sl2)
	kill -INT "$rec"
	wait "$rec"
	sent=$((sent + PG_SENT)) got=$((got + after - before))
	# children, self, symbol: one line a function
	perf report -i /tmp/perf.data --stdio --children -g none --sort sym \
		--comms kpktgend_0 --percentage relative --percent-limit 0.05 2>/dev/null |
		awk '$3 == "[k]" && NF == 4 { sub("%", "", $1); sub("%", "", $2); print $1, $2, $4 }' \
			>"/tmp/profile-$hz.txt"
	grep -q pktgen_thread_worker "/tmp/profile-$hz.txt" ||
		{ echo "profile.sh: no samples at $hz Hz" >&2; exit 1; }
	# offset, share of the thread's samples
	# (a sample is its thread's name, then its call chain, leaf first)
	[ -z "$offsets" ] || perf script -i /tmp/perf.data -F comm,ip,sym,symoff 2>/dev/null |
		awk -v f="$offsets" '/^[^\t]/ { mine = $1 == "kpktgend_0"; all += mine; leaf = 1; next }
			leaf && mine && index($2, f "+0x") == 1 { n[substr($2, length(f) + 2)]++ }
			{ leaf = 0 }
			END { for (o in n) print o, n[o] * 100 / all }' >"/tmp/offsets-$hz.txt"
done
echo "# $scenario, ${size}-byte frames, RX_MODE=$RX_MODE: $got of $sent frames" \
	"counted, $ipf instructions a frame; shares averaged over $nrates sampling rates"
# A share is of the samples in pktgen's thread, which sends every frame
# and (in the softirqs it runs) receives it: not of the guest's idle time.
average() {
	local f
	# Self shares add up to the thread's 100%. Children do not (perf's
	# relative children add up past it): there the thread's whole work,
	# pktgen_thread_worker and what it calls, is the 100%.
	for f in /tmp/profile-*.txt; do
		awk -v col="$1" '{ share[$3] = $col; self += $2 }
			$3 == "pktgen_thread_worker" { worker = $1 }
			END {
				all = col == 2 ? self : worker
				for (f in share) if (all > 0) print share[f] * 100 / all, f
			}' "$f"
	done | awk -v n="$nrates" -v ipf="$ipf" '
		{ share[$2] += $1 }
		END {
			for (f in share)
				printf "%6.2f%% %7.0f  %s\n", share[f] / n, share[f] / n * ipf / 100, f
		}' | sort -rn | head -n "$lines"
}
echo "# self: share, instructions a frame, function"
average 2
echo "# children: the function and everything it calls"
average 1
if [ -n "$offsets" ]; then
	echo "# $offsets: offset, instructions a frame"
	cat /tmp/offsets-*.txt | awk -v n="$nrates" -v ipf="$ipf" '
		{ share[$1] += $2 }
		END { for (o in share) printf "%s %.1f\n", o, share[o] / n * ipf / 100 }' |
		sort -k2 -rn | head -n "$lines"
fi
ns_clear
