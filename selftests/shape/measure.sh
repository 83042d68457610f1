# SPDX-License-Identifier: GPL-2.0
#
# What the shape tests share (sourced, not run): measurements taken inside
# the VM, by its own clock, and the checks on them.

# check_between VALUE LO HI WHAT: LO <= VALUE <= HI (decimals allowed).
check_between() {
	awk -v v="$1" -v lo="$2" -v hi="$3" 'BEGIN { exit !(v >= lo && v <= hi) }' ||
		_fail "${4:-value}: $1 is not within [$2, $3]"
}

# rtt NS ADDR COUNT: "min avg max mdev" in ms of COUNT pings 0.2 s apart.
rtt() {
	n "$1" ping -q -c "$3" -i 0.2 -W 3 "$2" | awk -F'[/ =]+' '/^rtt/ { print $6, $7, $8, $9 }'
}

# rtts NS ADDR COUNT: each answered echo's round trip in ms, one a line, sorted.
rtts() {
	n "$1" ping -n -c "$3" -i 0.2 -W 3 "$2" | sed -n 's/.* time=\([0-9.]*\) ms$/\1/p' | sort -n
}

# check_rtt NS ADDR MIN MAX: ten pings, none faster than MIN ms, the
# median no slower than MAX ms (the median, not the average: one echo the
# busy host's scheduling held up does not move it).
check_rtt() {
	local r median
	r=$(rtts "$1" "$2" 10)
	echo "rtt $1 -> $2:" $r "(ms)"
	[ -n "$r" ] || _fail "no ping answered from $1 to $2"
	median=$(echo "$r" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
	check_between "$(echo "$r" | head -n1)" "$3" 100000 "fastest RTT (ms) $1 -> $2"
	check_between "$median" 0 "$4" "median RTT (ms) $1 -> $2"
}

# counter NS DEV NAME: a device counter (rx_packets, tx_bytes...).
counter() { n "$1" cat "/sys/class/net/$2/statistics/$3"; }

# sample NS DEV NAME: "BYTES CENTIS", counter NAME and the guest's clock
# read together by one process in NS. Entering NS takes a second or more
# on the debug kernel, and varies: a clock read before or after it would
# add that to the window the bytes were counted over.
sample() {
	n "$1" bash -c 'read -r b <"/sys/class/net/$1/statistics/$2"
		read -r up _ </proc/uptime
		echo "$b $((10#${up/./}))"' _ "$2" "$3"
}

# rate_of NS DEV NAME SECONDS: how fast counter NAME (bytes) grows, in
# bit/s, over at least SECONDS of the guest's clock.
rate_of() {
	local b0 b1 t0 t1
	read -r b0 t0 < <(sample "$1" "$2" "$3")
	sleep "$4"
	read -r b1 t1 < <(sample "$1" "$2" "$3")
	echo $(((b1 - b0) * 8 * 100 / (t1 - t0)))
}

# isqrt N: the integer square root of N (the VM's awk has no sqrt)
isqrt() {
	local x=$1 y
	[ "$x" -gt 1 ] || { echo "$x"; return; }
	y=$(((x + 1) / 2))
	while [ "$y" -lt "$x" ]; do
		x=$y
		y=$(((x + $1 / x) / 2))
	done
	echo "$x"
}

# scaled_rate N, scaled_bps N: a rate case's N Mbit/s, as egrectl takes it
# and in bit/s, at RATE_PERCENT percent (100 unless the suite sets it). The
# debug kernel's run sets 10: a single vCPU under KASAN sends about 3 Mbit/s
# of UDP, and at 25 one run measured TCP 20% and UDP (through a slice's
# ingress) 11% short of the rate: there the CPU, not the shaper, set it.
scaled_rate() { echo "$(($1 * ${RATE_PERCENT:-100} * 10))kbit"; }
scaled_bps() { echo $(($1 * ${RATE_PERCENT:-100} * 10000)); }

# tc_rate RATE: RATE ("2000kbit") as tc shows it ("2Mbit")
tc_rate() {
	local k=${1%kbit}
	if [ $((k % 1000)) -eq 0 ]; then echo "$((k / 1000))Mbit"; else echo "${k}Kbit"; fi
}

# check_rate FROM TO ADDR NS DEV NAME RATE [udp]: iperf3 from namespace
# FROM to ADDR in TO, TCP or (udp) UDP offered at 1.5 times RATE, measured
# as counter NAME of DEV in NS for 4 s once the transfer runs: within 10%
# of RATE bit/s.
check_rate() {
	local got start i mode=()
	[ "${8:-}" = udp ] && mode=(-u -b $(($7 * 3 / 2)) -l 1400)
	n "$2" iperf3 -s -D -1 -I "$TEST_TMP/iperf.pid" >/dev/null
	sleep 0.5
	start=$(counter "$4" "$5" "$6")
	# 25 s: the window below must end before iperf3 does, and on the debug
	# kernel a counter read takes a second or more
	n "$1" iperf3 -c "$3" "${mode[@]}" -t 25 -J >"$TEST_TMP/iperf.json" 2>&1 &
	# the measure starts once a quarter second's worth has passed, a second
	# after that (iperf3 takes seconds to start on the debug kernel)
	for i in $(seq 150); do
		[ $(($(counter "$4" "$5" "$6") - start)) -ge $(($7 / 32)) ] && break
		sleep 0.1
	done
	sleep 1
	# 8 s: TCP on the debug kernel has dips of a second that a short window
	# takes for the shaper's rate
	got=$(rate_of "$4" "$5" "$6" 8)
	wait
	echo "rate: $got bit/s at $4 $5 $6 (iperf3 ${8:-tcp} receiver: $(jq '.end.sum_received.bits_per_second // .end.sum.bits_per_second' "$TEST_TMP/iperf.json") bit/s)"
	check_between "$got" "$(($7 * 9 / 10))" "$(($7 * 11 / 10))" "rate (bit/s)"
}

# check_loss NS ADDR NS2 DEV2 COUNT PCT: COUNT pings from NS to ADDR; the
# requests DEV2 in NS2 receives are within 4.5 sigma of COUNT * (1 - PCT%)
# (binomial: sigma^2 = COUNT * p * (1 - p)).
check_loss() {
	local before after got exp tol
	before=$(counter "$3" "$4" rx_packets)
	n "$1" ping -q -c "$5" -i 0.002 -W 1 "$2" >/dev/null || true
	sleep 1
	after=$(counter "$3" "$4" rx_packets)
	got=$((after - before))
	exp=$(($5 * (100 - $6) / 100))
	# 4.5 sigma = sqrt(20.25 * COUNT * PCT * (100 - PCT) / 10^4)
	tol=$(isqrt $((2025 * $5 * $6 * (100 - $6) / 1000000)))
	echo "loss: $got of $5 delivered, expected $exp +- $tol (4.5 sigma)"
	check_between "$got" $((exp - tol)) $((exp + tol)) "delivered packets"
}

# quiet_link NS DEV PEER-ADDR PEER-MAC: no IPv6 and a permanent neighbour,
# so the device counters count only the test's own packets.
quiet_link() {
	n "$1" sysctl -qw "net.ipv6.conf.$2.disable_ipv6=1"
	n "$1" ip neigh replace "$3" lladdr "$4" dev "$2" nud permanent
}

# mac NS DEV
mac() { n "$1" cat "/sys/class/net/$2/address"; }

# ifbs NS: the ifb devices of namespace NS, one a line.
ifbs() { n "$1" ip -o link show type ifb | awk -F': ' '{ sub(/@.*/, "", $2); print $2 }'; }
