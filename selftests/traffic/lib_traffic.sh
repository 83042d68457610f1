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
#   drop_ledger NS/DEV... every drop and error counter of each device (its
#                       qdiscs', and the drops by reason of an egre link or
#                       of a binding NS/binding:NAME), one "where value" a line
#   check_no_new_drops BEFORE AFTER
#                       no counter of ledger AFTER above its value in BEFORE
#   counter NS DEV NAME a device counter (tx_packets, ...)

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

# _dev_drops NS DEV: the device's own drop and error counters, its
# qdiscs' drops, and an egre link's drops by reason.
_dev_drops() {
	n "$1" ip -s -s -j link show dev "$2" | jq -r --arg w "$1/$2" '
		.[0].stats64 | to_entries[] | .key as $dir | .value | to_entries[] |
		select(.key | test("drop|err|miss")) | "\($w):\($dir).\(.key) \(.value)"'
	n "$1" tc -s -j qdisc show dev "$2" | jq -r --arg w "$1/$2" '
		.[] | "\($w):qdisc-\(.kind)-\(.handle).drops \(.drops // 0)"'
	if n "$1" egrectl -j link show "$2" -s 2>/dev/null | jq -e '.[0].drops' >/dev/null; then
		n "$1" egrectl -j link show "$2" -s | jq -r --arg w "$1/$2" '
			.[0].drops | to_entries[] | "\($w):egre.\(.key) \(.value)"'
	fi
}

drop_ledger() {
	local spec ns what
	for spec in "$@"; do
		ns=${spec%%/*} what=${spec#*/}
		case $what in
		binding:*)
			n "$ns" egrectl -j shortbridge show "${what#binding:}" | jq -r --arg w "$spec" '
				.[0].drops | to_entries[] | "\($w).\(.key) \(.value)"'
			;;
		*) _dev_drops "$ns" "$what" ;;
		esac
	done
}

check_no_new_drops() {
	local grew
	grew=$(awk 'NR == FNR { was[$1] = $2; next }
		$2 > was[$1] + 0 { printf "%s +%d; ", $1, $2 - was[$1] }' "$1" "$2")
	[ -z "$grew" ] || _fail "drops on the path: $grew"
}
