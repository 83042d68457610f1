#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Wire fuzzing: tools/wire_fuzz injects seeded random EGRE frames at u1
# (raw GRE and GRE-in-UDP, IPv4 and IPv6, checksums, sequence numbers, keys
# that exist and not, nested up to hundreds of layers, IP fragments, every
# field mutated) while ping floods keep a binding, fast slice interfaces
# and a slice-to-slice pair busy. The kernel must not crash or WARN (the VM
# rig fails the run), devices and slab must come back, and the floods must
# still get answers.
#
#   [ s1 ]                [ node1 ]                  [ node2 ]               [ s2 ]
#   vs  .60.1 -- v1n -b1- egb (key 20) ==\    /== egb -b2- v2n -- vs  .60.2
#   fe  .61.1 ---(sl1)--- egf (key 21) ===u1==u2== egf ---(sl2)--- fe  .61.2
#                         wire_fuzz --> u1    |   eg2  raw4 key 7  (unbound: nested
#                         (veth, MTU 9000)    |   eg3  udp4 key 9 csum  layers land
#                                             |   eg6  raw6 key 7 seq   in node2's
#                                             |   eg6u udp6 key 11      stack)
#   egf, eg2 and eg6u are in direct mode (dev u1/u2 direct): the fuzzer's
#   frames meet both receive paths, the IP layer's and u2's handler
#                                                                     [ s3 ]
#                                             s2 pa .62.2 ==(p23)== pa .62.3
#
# Environment: FUZZ_WIRE_FRAMES (default 100000), FUZZ_WIRE_SEED (default:
# drawn at random, printed; the progress lines "wire_fuzz: seed S frame I"
# are in the kernel log, so a crashed run says what to replay with
# `wire_fuzz --seed S --first I --count 1000`), FUZZ_WIRE_FIRST (default 0:
# the round's first frame, to replay a stretch of a seed's frames).
#
# Frames that found a fault are replayed first, every run (REPLAYS).
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
ping=/usr/bin/ping
. "$here/../leaks.sh"

FUZZ=$here/../tools/wire_fuzz
frames=${FUZZ_WIRE_FRAMES:-100000}
seed=${FUZZ_WIRE_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
first=${FUZZ_WIRE_FIRST:-0}
# SEED:FIRST:COUNT, the stretch of frames that found each fault:
#   22738814:66000:500  GRO read freed memory in udp6_gro_receive (a
#                       frame with nested layers reassembled from IP
#                       fragments; see kmod/rx_queue.h)
REPLAYS="22738814:66000:500"
on_exit stop_traffic

mac_of() { n "$1" ip -j link show "$2" | jq -r '.[0].address'; }
declare -A mac
# The MACs of node2's side, once: each look-up is a process or two.
learn_macs() {
	local dev
	for dev in u2 eg2 eg3 eg6 eg6u v2n; do mac[$dev]=$(mac_of node2 $dev); done
	for dev in vs fe pa; do mac[$dev]=$(mac_of s2 $dev); done
}

# Short fragment timeouts: the fuzzer leaves incomplete reassembly queues,
# which must be gone before the slab is compared.
fast_frag_expiry() {
	n "$1" sysctl -qw net.ipv4.ipfrag_time=1 net.ipv6.ip6frag_time=1
}

topology() {
	local i
	two_nodes_underlay
	for i in 1 2; do
		n node$i ip link set u$i mtu 9000
		n node$i sysctl -qw net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0
		ns_add s$i
		n node$i egrectl link add egb type egre local 10.0.0.$i remote 10.0.0.$((3 - i)) key 20
		# direct: its frames come off u$i's receive handler, not IP
		n node$i egrectl link add egf type egre local 10.0.0.$i remote 10.0.0.$((3 - i)) \
			key 21 csum dev u$i direct
		n node$i ip link set egb up
		n node$i ip link set egf up
		# the binding: egb with the node end of a veth into the slice
		ip link add vs netns "$(ns_name s$i)" type veth peer name v${i}n \
			netns "$(ns_name node$i)"
		n s$i ip link set vs mtu "$(n node$i cat /sys/class/net/egb/mtu)"
		n node$i ip link set v${i}n up
		n node$i egrectl shortbridge add b$i port egb port v${i}n
		n s$i ip addr add 192.168.60.$i/24 dev vs
		n s$i ip link set vs up
		# the fast slice interface on egf
		n node$i egrectl link add sl$i type shortbridge slice "$(ns_name s$i)" \
			ifname fe link egf
		n s$i ip addr add 192.168.61.$i/24 dev fe
		n s$i ip link set fe up
	done
	# fuzz targets of their own on node2, not bound: what they take off
	# goes to node2's stack, which decapsulates the next layer
	n node2 egrectl link add eg2 type egre local 10.0.0.2 remote 10.0.0.1 key 7 dev u2 direct
	n node2 egrectl link add eg3 type egre local 10.0.0.2 remote 10.0.0.1 key 9 csum encap udp
	n node2 egrectl link add eg6 type egre local fd00::2 remote fd00::1 key 7 seq
	n node2 egrectl link add eg6u type egre local fd00::2 remote fd00::1 key 11 encap udp \
		dev u2 direct
	for i in eg2 eg3 eg6 eg6u; do n node2 ip link set $i up; done
	# a slice-to-slice pair on node2
	ns_add s3
	n node2 egrectl link add p23 type shortbridge slice "$(ns_name s2)" ifname pa \
		peer-slice "$(ns_name s3)" peer-ifname pa
	n s2 ip addr add 192.168.62.2/24 dev pa
	n s3 ip addr add 192.168.62.3/24 dev pa
	n s2 ip link set pa up
	n s3 ip link set pa up
	for i in node2 s2 s3; do fast_frag_expiry $i; done
}

# Every path carries pings.
paths_answer() {
	check n s1 $ping -c 2 -W 2 192.168.60.2 >/dev/null
	check n s1 $ping -c 2 -W 2 192.168.61.2 >/dev/null
	check n s3 $ping -c 2 -W 2 192.168.62.2 >/dev/null
}

# fuzz ARGS...: wire_fuzz from node1 at node2's links (their MACs: a frame
# a link takes off goes to that device, or to broadcast).
fuzz() {
	n node1 "$FUZZ" -i u1 --dst-mac "${mac[u2]}" \
		--src4 10.0.0.1 --dst4 10.0.0.2 --src6 fd00::1 --dst6 fd00::2 \
		--link "raw4:7,${mac[eg2]}" --link "udp4:9:csum,${mac[eg3]}" \
		--link "raw6:7:seq,${mac[eg6]}" --link "udp6:11,${mac[eg6u]}" \
		--link "raw4:20,${mac[vs]}" --link "raw4:21:csum,${mac[fe]}" \
		--inner-mac "${mac[pa]}" --inner-mac "${mac[v2n]}" "$@"
}

rx_of() { n node2 cat "/sys/class/net/$1/statistics/rx_packets"; }

# A clean frame nested 300 deep is taken off 300 times, each time by eg2:
# the fuzzer's frames are right where they should be, and depth is no
# limit.
nested_300() {
	local before got
	before=$(rx_of eg2)
	n node1 "$FUZZ" -i u1 --dst-mac "${mac[u2]}" --src4 10.0.0.1 --dst4 10.0.0.2 \
		--link "raw4:7,${mac[eg2]}" --seed 1 --count 1 --heat 0 --layers 300
	sleep 1
	got=$(($(rx_of eg2) - before))
	check_eq "$got" 300 "frames eg2 took off"
}

# The stretches of frames that found faults; then every path still answers.
replays() {
	local r
	local r_seed r_first r_count
	for r in $REPLAYS; do
		IFS=: read -r r_seed r_first r_count <<<"$r"
		fuzz --seed "$r_seed" --first "$r_first" --count "$r_count" 2>/dev/null
	done
	sleep 1
	paths_answer
}

# Devices of every namespace of the picture, and the trellis objects.
inventory() {
	local ns
	for ns in node1 node2 s1 s2 s3; do
		echo "$ns: $(n $ns ip -o link show | awk -F': ' '{ sub(/@.*/, "", $2); print $2 }' |
			made_devices)"
	done
	echo "root: $(root_devices)"
	echo "node2 links: $(n node2 egrectl -j link show | jq -c '[.[].name] | sort')"
	echo "node2 bindings: $(n node2 egrectl -j shortbridge show | jq length)"
}

# The drops the round made, by reason, summed over node2's links and namespace.
drops_note() {
	n node2 bash -c 'egrectl -j link show -s; egrectl -j info' |
		jq -sc '[(.[0][] | .drops // {}), (.[1].drops // {})] |
			reduce (.[] | to_entries[]) as $e ({}; .[$e.key] += $e.value)'
}

fuzz_round() {
	local t before_rx frag line
	flood s1 192.168.60.2
	flood s1 192.168.61.2
	flood s3 192.168.62.2
	# a short round first, so that what the first frames allocate for
	# good (caches, the reassembly tables) is in the baseline
	fuzz --seed "$seed" --count 2000 --first $((first + frames)) 2>/dev/null
	sleep 2
	inventory >"$TEST_TMP/devices.before"
	slab_snapshot "$TEST_TMP/slab.before"
	before_rx=$(n s1 cat /sys/class/net/vs/statistics/rx_packets)
	note "wire fuzz: seed $seed, $frames frames (FUZZ_WIRE_SEED=$seed to replay)"
	t=$(uptime_s)
	fuzz --seed "$seed" --first "$first" --count "$frames" --progress $((frames / 100 > 1000 ? frames / 100 : 1000)) \
		--kmsg 2>"$TEST_TMP/fuzz.log"
	note "wire fuzz: $(tail -n1 "$TEST_TMP/fuzz.log"); $(since "$t")s in all"
	note "wire fuzz: drops in node2: $(drops_note)"
	[ "$(n s1 cat /sys/class/net/vs/statistics/rx_packets)" -gt $((before_rx + 100)) ] ||
		_fail "the flood over the binding got no answers during the round"
	stop_traffic
	flood s1 192.168.60.2
	flood s1 192.168.61.2
	flood s3 192.168.62.2
	sleep 3		# fragment queues expire (1 s), deferred frees run
	frag=$(n node2 awk '/^FRAG/ { print $3 }' /proc/net/sockstat)
	check_eq "$frag" 0 "fragment queues left in node2"
	inventory >"$TEST_TMP/devices.after"
	slab_snapshot "$TEST_TMP/slab.after"
	check diff "$TEST_TMP/devices.before" "$TEST_TMP/devices.after"
	slab_compare "$TEST_TMP/slab.before" "$TEST_TMP/slab.after" 2000 2048 >"$TEST_TMP/slab.diff" ||
		{ cat "$TEST_TMP/slab.diff"; _fail "slab grew over $frames frames"; }
	while read -r line; do note "wire fuzz: $line"; done <"$TEST_TMP/slab.diff"
	stop_traffic
	paths_answer
}

topology
learn_macs
test_case "the binding, fast slice interfaces and the pair carry pings" paths_answer
test_case "a clean frame nested 300 deep is taken off 300 times" nested_300
test_case "frames that found faults, replayed: the node survives, paths answer" replays
test_case "$frames fuzzed frames (seed $seed): no leak, the traffic still flows" timed fuzz_round
test_done
