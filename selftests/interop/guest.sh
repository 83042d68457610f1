#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# interop/guest.sh egre|stock: one VM's half of the interop run that
# interop/gretap.sh drives. Both halves make one link for each case in
# interop/cases.sh (all at once: deleting a device costs seconds under
# emulation), then step through the cases in lockstep, meeting between steps
# over the underlay (a one-line TCP exchange on port 7000). Each prints TAP
# for what it saw itself: its pings to the other side, the bytes it
# received from the other side, and its wire NIC's drops.
#
#   [ VM A: egre (trellis) ]                        [ VM B: stock gretap ]
#     egK 192.168.K.1/24 ------ key K, flags F ------ gtK 192.168.K.2/24
#     eth0 10.9.0.1/24 ========== the wire ========== eth0 10.9.0.2/24
#          fd00:9::1/64                                    fd00:9::2/64
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
. "$here/cases.sh"

side=${1:-}
case $side in
egre) me=1 peer=2 other=stock prefix=eg ;;
stock) me=2 peer=1 other=egre prefix=gt ;;
*) echo "usage: interop/guest.sh egre|stock" >&2; exit 2 ;;
esac
udp_port=4754 # RFC 8086's GRE-in-UDP port, egre's default

underlay_addr() { # UNDERLAY N
	if [ "$1" = ipv6 ]; then echo "fd00:9::$2"; else echo "10.9.0.$2"; fi
}

# exchange MSG: gives MSG to the other VM and prints the other's message.
# Returns when both have called it; fails after 150 s alone.
exchange() {
	local deadline
	if [ "$side" = egre ]; then
		printf '%s\n' "$1" |
			timeout 150 socat -t 60 - TCP-LISTEN:7000,bind=10.9.0.1,reuseaddr
		return
	fi
	deadline=$((SECONDS + 150))
	while [ $SECONDS -lt $deadline ]; do
		printf '%s\n' "$1" |
			socat -t 60 - TCP:10.9.0.1:7000,connect-timeout=2 2>/dev/null && return
		sleep 0.2
	done
	return 1
}

# meet STEP: both VMs are at STEP. If the other never comes, nothing after
# can be trusted: that is a failed case and the end of this run.
meet() {
	local got
	got=$(exchange "$1")
	[ "$got" = "$1" ] && return 0
	test_case "the $other VM meets this one at '$1'" said "${got:-nothing}"
	test_done
	exit 1
}
said() { _fail "the $other VM said '$1'"; }

# link_add KEY UNDERLAY ENCAP FLAGS: this side's link for one case.
link_add() {
	local key=$1 underlay=$2 encap=$3 kind=gretap opts=()
	local local_addr remote_addr
	local_addr=$(underlay_addr "$underlay" $me)
	remote_addr=$(underlay_addr "$underlay" $peer)
	[ "$4" = - ] || read -ra opts <<<"${4//,/ }"
	if [ "$side" = egre ]; then
		[ "$encap" = udp ] && opts+=(encap udp)
		egrectl link add "$prefix$key" type egre local "$local_addr" \
			remote "$remote_addr" key "$key" "${opts[@]}"
	else
		[ "$underlay" = ipv6 ] && kind=ip6gretap
		[ "$encap" = udp ] && opts+=(encap fou encap-sport auto encap-dport $udp_port)
		ip link add "$prefix$key" type $kind local "$local_addr" \
			remote "$remote_addr" key "$key" "${opts[@]}"
	fi
	ip addr add "192.168.$key.$me/24" dev "$prefix$key"
	ip link set "$prefix$key" up
}

ping_other() { # KEY
	local out
	check_eq "$(cat "$TEST_TMP/$1.rc")" 0 "link add: $(cat "$TEST_TMP/$1.log")"
	out=$(ping -c 3 -i 0.2 -W 3 "192.168.$1.$peer" 2>&1) || true
	check_match "$out" " 3 (packets )?received" "ping" # busybox or iputils
}

# tcp_intact GOT SENT: what this side received is what the other sent.
tcp_intact() {
	cat "$TEST_TMP/listen.log" "$TEST_TMP/send.log"
	check_eq "$1" "$2" "received (md5sum)"
}

# runnable KEY UNDERLAY ENCAP FLAGS: nothing, or why the case cannot run
runnable() {
	case_missing "$2" "$3" $features
}

run_case() { # KEY UNDERLAY ENCAP FLAGS
	local key=$1 name why listener md5_other drops
	name=$(case_name "$@")
	why=$(runnable "$@")
	if [ -n "$why" ]; then
		test_skip "$name: $side pings $other" "$why"
		test_skip "$name: TCP $other -> $side intact" "$why"
		test_skip "$name: $side's wire NIC dropped nothing" "$why"
		return
	fi
	drops=$(wire_tx_dropped)
	test_case "$name: $side pings $other" ping_other "$key"

	# TCP both ways at once: each side listens, then each sends.
	head -c 1048576 /dev/urandom >"$TEST_TMP/sent"
	: >"$TEST_TMP/got"
	timeout 120 socat -u "TCP-LISTEN:5001,bind=192.168.$key.$me,reuseaddr" \
		"OPEN:$TEST_TMP/got,creat,trunc" 2>"$TEST_TMP/listen.log" &
	listener=$!
	meet "$name: listening"
	# retry: the other's listener may still be starting (the meeting
	# says only that it was started); linger: the sender ends once the
	# other has acknowledged every byte.
	timeout 90 socat -u "OPEN:$TEST_TMP/sent" \
		"TCP:192.168.$key.$peer:5001,connect-timeout=10,retry=20,interval=0.5,linger=60" \
		2>"$TEST_TMP/send.log"
	# The other's checksum comes when all it sent has arrived: what has
	# not been written out a little later never will be.
	md5_other=$(exchange "$(md5sum <"$TEST_TMP/sent")")
	reap_within 10 $listener
	test_case "$name: TCP $other -> $side intact" tcp_intact \
		"$(md5sum <"$TEST_TMP/got")" "$md5_other"

	drops=$(($(wire_tx_dropped) - drops))
	test_case "$name: $side's wire NIC dropped nothing" \
		check_eq "$drops" 0 "eth0 tx_dropped"
}

# What the wire's NIC was given and threw away (a packet it could not
# segment, say): a tunnel that works drops nothing there.
wire_tx_dropped() { cat /sys/class/net/eth0/statistics/tx_dropped; }

reap_within() { # SECONDS PID: waits for PID, or stops it after SECONDS
	local i
	for ((i = 0; i < $1 * 10; i++)); do
		kill -0 "$2" 2>/dev/null || break
		sleep 0.1
	done
	kill "$2" 2>/dev/null
	wait "$2"
}

ip link set eth0 up
ip addr add 10.9.0.$me/24 dev eth0
ip addr add fd00:9::$me/64 dev eth0 nodad
# The tunnels' own IPv6 chatter (router solicitations, MLD) would only
# muddle the capture.
echo 1 >/proc/sys/net/ipv6/conf/default/disable_ipv6

if [ "$side" = egre ]; then
	features=$(egrectl -j info | jq -r '.features | join(" ")')
	exchange "features $features" >/dev/null
else
	# Stock Linux: ip_gre and ip6_gre; fou takes GRE-in-UDP off the port
	# and hands it to GRE.
	modprobe ip_gre
	modprobe ip6_gre
	modprobe fou
	modprobe fou6
	ip fou add port $udp_port ipproto 47
	ip fou add port $udp_port ipproto 47 -6
	features=$(exchange "features -")
	features=${features#features }
fi
echo "# egre features: $features"

# (fd 3: nothing in a case may eat the list)
while read -r key underlay encap flags <&3; do
	[ -z "$(runnable "$key" "$underlay" "$encap")" ] || continue
	link_add "$key" "$underlay" "$encap" "$flags" >"$TEST_TMP/$key.log" 2>&1
	echo $? >"$TEST_TMP/$key.rc"
done 3< <(interop_cases)
meet "links up"

while read -r key underlay encap flags <&3; do
	run_case "$key" "$underlay" "$encap" "$flags"
done 3< <(interop_cases)

# For whoever reads a failure: the counters of the wire and of each link
# (with egre's drops by reason), as TAP comments.
ip -s link show eth0 2>&1 | sed 's/^/# /'
for link in $(ip -br link show | awk -v p="^$prefix[0-9]" '$1 ~ p { sub(/@.*/, "", $1); print $1 }'); do
	if [ "$side" = egre ]; then
		egrectl link show "$link" -s
	else
		ip -s link show "$link"
	fi
done 2>&1 | sed 's/^/# /'

test_done
