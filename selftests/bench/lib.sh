# SPDX-License-Identifier: GPL-2.0
#
# The bench scripts' shared library (source it; runs inside the VM).
#
#   n NS CMD...             run CMD in namespace bench-NS
#   ipn NS ARGS...          ip in bench-NS (`ipn NS -batch - <<EOF` for many)
#   tcn NS ARGS...          tc in bench-NS
#   ns_fresh NS...          create bench-NS..., IPv6 off
#   ns_clear                delete every bench-* namespace, let them die
#   cleanup_mark NS, cleanup_wait NS
#                           until namespaces let go are gone (see there)
#   gre_owner stock|trellis give raw GRE to ip_gre (trellis unloaded) or to
#                           trellis (ip_gre unloaded)
#   pktgen_run NS DEV COUNT SIZE DST_IP DST_MAC
#                           send COUNT frames of SIZE bytes from DEV;
#                           sets PG_SENT, PG_USEC, PG_PPS from pktgen's result
#   rx_counter NS DEV       count (and drop) what DEV receives; with
#                           RX_MODE=stack, count it and let NS's own stack
#                           take it, to a UDP socket on port 9 that holds it;
#                           with RX_MODE=tcp, nothing: NS's stack takes all
#   rx_count NS DEV         "PKTGEN OTHER": frames rx_counter has counted,
#                           pktgen's and any others
#   result NAME VALUE UNIT  one figure, as a "bench-result" line
#   stopwatch CMD...        runs CMD; US: the (virtual) microseconds it took
#   tap ok|"not ok" TEXT... one TAP line; tap_done: the plan, and the status
#   measure KEY LABEL SIZE COUNT WARMUP
#                           pktgen from s1/sl1 to DST_IP/DST_MAC, counted
#                           at s2/sl2: results KEY/..., one TAP line
#
# Process starts are slow in an emulated guest: set-up goes through one
# `ip -batch` per namespace where it can.

set -u

n() {
	local ns=$1
	shift
	ip netns exec "bench-$ns" "$@"
}
ipn() { ip -n "bench-$1" "${@:2}"; }
tcn() { tc -n "bench-$1" "${@:2}"; }

# No IPv6 in a bench namespace: no router solicitation or MLD report counted.
ns_fresh() {
	local ns
	for ns in "$@"; do
		echo "netns add bench-$ns"
		echo "netns exec bench-$ns sysctl -qw net.ipv6.conf.default.disable_ipv6=1"
	done | ip -batch -
}

# Namespaces die in a workqueue after `ip netns del`; there is no counter of
# dying ones to wait on. Two (virtual) seconds with nothing else to run let
# that work finish before the next scenario measures anything. The smoke run
# measures nothing and sets BENCH_SETTLE=0. Where the wait itself is the
# figure, cleanup_mark and cleanup_wait measure it.
: "${BENCH_SETTLE:=2}"
ns_clear() {
	if [ -n "$RX_HOLD" ]; then
		kill "$RX_HOLD" 2>/dev/null
		wait "$RX_HOLD" 2>/dev/null
		RX_HOLD=
	fi
	ip netns list | awk '$1 ~ /^bench-/ { print "netns del " $1 }' | ip -batch -
	sleep "$BENCH_SETTLE"
}

# cleanup_mark NS: namespace bench-mark, joined to bench-NS by a veth pair.
# cleanup_wait NS: lets bench-mark go and returns when the pair's end in
# bench-NS is gone. The kernel ends namespaces in the order they were let
# go, each pass taking all that wait (their devices in one batch), so every
# namespace let go before bench-mark is gone by then too.
cleanup_mark() {
	ip netns add bench-mark &&
		ip -n "bench-$1" link add mark0 type veth peer name mark1 netns bench-mark
}

cleanup_wait() {
	local i
	ip netns del bench-mark || return 1
	for i in $(seq 3000); do
		ip -n "bench-$1" link show mark0 >/dev/null 2>&1 || return 0
		sleep 0.01
	done
	echo "cleanup_wait: the namespaces let go were not gone after 30 s" >&2
	return 1
}

# Retries rmmod while dying namespaces still hold the module.
_unload() {
	local i
	[ -d "/sys/module/$1" ] || return 0
	for i in $(seq 100); do
		rmmod "$1" 2>/dev/null && return 0
		sleep 0.1
	done
	echo "bench: could not unload $1" >&2
	return 1
}

gre_owner() {
	case $1 in
	stock)
		_unload trellis && modprobe ip_gre
		;;
	trellis)
		_unload ip_gre || return 1
		[ -d /sys/module/trellis ] || insmod /trellis/trellis.ko
		;;
	esac
}

pktgen_run() {
	local ns=$1 dev=$2 count=$3 size=$4 dst=$5 dst_mac=$6 line
	# One shell in the namespace for the whole run; one command per write,
	# as pktgen parses one per write(2). clone_skb 0: veth cannot transmit
	# a shared skb, so every frame is a new one. The device stays added
	# after the run (pktgen drops it when the namespace goes).
	line=$(n "$ns" bash -c '
		dir=/proc/net/pktgen
		pg() {
			local f=$dir/$1 c
			shift
			for c in "$@"; do echo "$c" >"$f" || exit 1; done
		}
		# wait_for TEST: the pktgen thread acts on a command in its own
		# time; the writer waits only 125 ms for it, which on a loaded
		# host without icount is not always enough.
		wait_for() {
			local i
			for i in $(seq 6000); do
				"$@" && return 0
				sleep 0.1
			done
			echo "pktgen: gave up waiting for: $*"
			exit 1
		}
		pg kpktgend_0 rem_device_all
		wait_for test ! -e "$dir/$1"
		pg kpktgend_0 "add_device $1"
		wait_for test -e "$dir/$1"
		pg "$1" "count $2" "pkt_size $3" "clone_skb 0" "delay 0" "dst $4" \
			"dst_mac $5" "udp_src_min 9" "udp_src_max 9" "udp_dst_min 9" "udp_dst_max 9"
		pg pgctrl start
		wait_for grep -q "^Result: OK" "$dir/$1"
		cat "$dir/$1"' _ "$dev" "$count" "$size" "$dst" "$dst_mac")
	# Result: OK: 3627006(c3626893+d113) usec, 200000 (64byte,0frags)
	#   55141pps 28Mb/sec (28232192bps) errors: 0
	PG_USEC=$(echo "$line" | sed -n 's/^Result: OK: \([0-9]*\)(.*/\1/p')
	PG_SENT=$(echo "$line" | sed -n 's/^Result: OK: [^,]*, \([0-9]*\) (.*/\1/p')
	PG_PPS=$(echo "$line" | sed -n 's/^ *\([0-9]*\)pps .*/\1/p')
	if [ -z "$PG_USEC" ] || [ -z "$PG_SENT" ] || [ -z "$PG_PPS" ]; then
		echo "bench: no pktgen result:" >&2
		echo "$line" >&2
		return 1
	fi
}

# Pref 1 counts pktgen's frames (UDP to port 9), pref 2 anything else (a
# bridge's own IGMP, say), and both drop what they count: the receiving
# slice's IP stack is not what is measured. RX_MODE=stack: both pass what
# they count on to the slice's stack, where tools/udp_hold holds port 9 (a
# socket nobody reads: the stack does all its work, then drops at the full
# socket), and ns_clear stops it.
: "${RX_MODE:=tc}"
RX_HOLD=
rx_counter() {
	local act=drop line
	[ "$RX_MODE" = tcp ] && return 0
	if [ "$RX_MODE" = stack ]; then
		act=pass
		# exec: the coprocess is udp_hold itself, which kill then stops
		coproc HOLD { exec ip netns exec "bench-$1" "$here/../tools/udp_hold" 9; }
		RX_HOLD=$HOLD_PID
		read -r -t 30 line <&"${HOLD[0]}"
		[ "$line" = ready ] || { echo "bench: udp_hold did not start" >&2; return 1; }
	fi
	tcn "$1" -batch - <<-EOF
		qdisc add dev $2 clsact
		filter add dev $2 ingress pref 1 protocol ip flower ip_proto udp dst_port 9 action $act
		filter add dev $2 ingress pref 2 matchall action $act
	EOF
}

rx_count() {
	tcn "$1" -s -j filter show dev "$2" ingress | jq -r '
		def counted(p): [.[] | select(.pref == p) | .options.actions[]?.stats.packets] | add // 0;
		"\(counted(1)) \(counted(2))"'
}

result() { echo "bench-result $1 $2 $3"; }

stopwatch() {
	local t0=$EPOCHREALTIME rc
	"$@"
	rc=$?
	US=$((${EPOCHREALTIME/./} - ${t0/./}))
	return $rc
}

_case=0
_failed=0
tap() {
	local verdict=$1
	shift
	_case=$((_case + 1))
	[ "$verdict" = ok ] || _failed=1
	echo "$verdict $_case $*"
}

tap_done() {
	echo "1..$_case"
	return $_failed
}

# One pktgen run for warming up (none if WARMUP is 0), then the measured
# one; its figures are results KEY/pps, KEY/instructions-per-packet and
# KEY/lost.
measure() {
	local key=$1 what=$2 size=$3 count=$4 warmup=$5 before others got other_now lost ipp
	if [ "$warmup" -gt 0 ]; then
		pktgen_run s1 sl1 "$warmup" "$size" "$DST_IP" "$DST_MAC" || {
			tap "not ok" "$what: warm-up run failed"
			return 1
		}
	fi
	read -r before others < <(rx_count s2 sl2)
	pktgen_run s1 sl1 "$count" "$size" "$DST_IP" "$DST_MAC" || {
		tap "not ok" "$what: pktgen run failed"
		return 1
	}
	read -r got other_now < <(rx_count s2 sl2)
	got=$((got - before))
	others=$((other_now - others))
	lost=$((PG_SENT - got))
	# guest time is 1 ns per instruction under icount shift=0
	ipp=$(awk -v u="$PG_USEC" -v n="$PG_SENT" 'BEGIN { printf "%.1f", u * 1000 / n }')
	result "$key/pps" "$PG_PPS" pps
	result "$key/instructions-per-packet" "$ipp" instructions
	result "$key/lost" "$lost" frames
	if [ "$lost" = 0 ]; then
		tap ok "$what: $got of $PG_SENT frames, $PG_PPS pps, $ipp ns/frame," \
			"$others other frames"
	else
		tap "not ok" "$what: LOST $lost of $PG_SENT frames" \
			"($(awk -v l="$lost" -v n="$PG_SENT" 'BEGIN { printf "%.3f", l * 100 / n }')%)," \
			"$PG_PPS pps"
	fi
}
