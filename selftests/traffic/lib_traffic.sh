# SPDX-License-Identifier: GPL-2.0
#
# What the traffic tests share (source it after lib.sh).
#
#   segment_before_wire NS DEV
#                       a tbf on DEV that takes GSO frames apart, as a real
#                       NIC's wire would (rig.md: a veth hands them over whole)
#   transfer FROM TO ADDR BYTES [SECONDS]
#                       BYTES of random data by TCP from namespace FROM to
#                       ADDR in TO; the bytes must arrive intact within
#                       SECONDS (60), a bound against hanging, not a measure
#   drop_ledger NS/NAME...
#                       every drop and error counter of each device NAME
#                       (its own, its qdiscs', an egre link's by reason) or
#                       binding NAME in namespace NS, one "where value" a
#                       line; NS/NAME of one NS must be given together
#   check_no_new_drops BEFORE AFTER
#                       no counter of ledger AFTER above its value in BEFORE
#   counter NS DEV NAME a device counter (tx_packets, ...)
#   new_slices          slices s1 and s2 made anew, the fast slice links sl1
#                       (node1) and sl2 (node2) into them deleted first

segment_before_wire() {
	n "$1" tc qdisc replace dev "$2" root tbf rate 2gbit burst 1600 latency 100ms
}

transfer() {
	local limit=${5:-60} receiver
	head -c "$4" /dev/urandom >"$TEST_TMP/sent"
	rm -f "$TEST_TMP/got"
	n "$2" timeout "$limit" socat -u TCP-LISTEN:5001,reuseaddr "OPEN:$TEST_TMP/got,creat,trunc" &
	receiver=$!
	sleep 0.5
	# a transfer that stalls fails the case instead of hanging it
	n "$1" timeout "$limit" socat -u "OPEN:$TEST_TMP/sent" TCP:"$3":5001,retry=20,interval=0.2 ||
		echo "transfer: the sender exited $?"
	wait "$receiver" || echo "transfer: the receiver exited $?"
	check_eq "$(md5sum <"$TEST_TMP/got")" "$(md5sum <"$TEST_TMP/sent")" \
		"md5 of the $4 bytes received"
}

counter() { n "$1" cat "/sys/class/net/$2/statistics/$3"; }

new_slices() {
	local s
	# the fast slice links first: a slice's devices go asynchronously
	n node1 egrectl link del sl1 2>/dev/null || true
	n node2 egrectl link del sl2 2>/dev/null || true
	for s in s1 s2; do
		ns_del $s 2>/dev/null || true
		ns_add $s
	done
}

# _ns_drops NS NAME...: "NS/NAME:counter value" for each drop and error
# counter of devices NAME... of namespace NS (their own, their qdiscs', an
# egre link's by reason) and of its bindings NAME...; one process in the
# namespace and one jq (process starts are slow in the emulated VM). A
# NAME with no counter at all fails. bash, not sh: the VM's sh is busybox,
# whose own ip and tc would answer.
_ns_drops() {
	local ns=$1 out name
	shift
	out=$(n "$ns" bash -c 'ip -s -s -j link show; tc -s -j qdisc show
		egrectl -j link show -s; egrectl -j shortbridge show' |
		jq -rs --arg ns "$ns" '$ARGS.positional as $names |
			def named(f): select(f as $n | any($names[]; . == $n));
			((.[0] // [])[] | named(.ifname) | .ifname as $d | .stats64 | to_entries[] |
				.key as $dir | .value | to_entries[] | select(.key | test("drop|err|miss")) |
				"\($ns)/\($d):\($dir).\(.key) \(.value)"),
			((.[1] // [])[] | named(.dev) | "\($ns)/\(.dev):qdisc-\(.kind).drops \(.drops // 0)"),
			((.[2] // [])[] | named(.name) | select(.drops) | .name as $d | .drops | to_entries[] |
				"\($ns)/\($d):egre.\(.key) \(.value)"),
			((.[3] // [])[] | named(.name) | .name as $d | .drops | to_entries[] |
				"\($ns)/\($d):binding.\(.key) \(.value)")' --args "$@")
	for name in "$@"; do
		grep -q "^$ns/$name:" <<<"$out" || _fail "no counter found for $ns/$name"
	done
	echo "$out"
}

drop_ledger() {
	local spec names=() ns=
	for spec in "$@"; do
		if [ -n "$ns" ] && [ "${spec%%/*}" != "$ns" ]; then
			_ns_drops "$ns" "${names[@]}" || return 1
			names=()
		fi
		ns=${spec%%/*}
		names+=("${spec#*/}")
	done
	_ns_drops "$ns" "${names[@]}"
}

check_no_new_drops() {
	local grew
	grew=$(awk 'NR == FNR { was[$1] = $2; next }
		$2 > was[$1] + 0 { printf "%s +%d; ", $1, $2 - was[$1] }' "$1" "$2")
	[ -z "$grew" ] || _fail "drops on the path: $grew"
}
