# SPDX-License-Identifier: GPL-2.0
#
# The shell selftests' shared library (source it). A test file builds its
# topology with the helpers below and lists its checks with test_case; each
# case runs in a subshell under `set -e`, so the first failing command fails
# that case only. Output is TAP, which run-suite and check count.
#
#   ns_add NAME         a network namespace, deleted again on exit
#   n NAME CMD...       run CMD in namespace NAME
#   run CMD...          CMD, its stdout in $out, stderr in $err, status in $rc
#   egrectl_on NODE ARGS...
#                       egrectl in namespace NODE's network namespace only
#   check CMD...        CMD must succeed
#   check_fail CMD...   CMD must fail
#   check_eq A B WHAT   A must equal B
#   test_case NAME FN   run FN as one test case
#   test_skip NAME WHY  a case that cannot run here, and why
#   test_import FILE    the cases in TAP output FILE (another machine's) as ours
#   test_done           print the plan; exit non-zero if a case failed
#   made_devices        device names on stdin less those every new namespace
#                       gets here (tunnel fallbacks), sorted on one line
#   tcp_transfer FROM TO ADDR
#                       1 MiB by TCP from namespace FROM to ADDR in TO, checked
#   pings_until FILE NS ADDR LOG
#                       pings ADDR from namespace NS, 20 at a time, 50 ms
#                       apart, until FILE exists (start it in the background;
#                       every echo of a round is answered or timed out before
#                       the next, so none is in flight when it stops)
#   pings_lost LOG      "LOST/SENT" over every round pings_until logged
#   bird_ospf_conf FILE ROUTER-ID LOG IFACES STUB [DEAD]
#                       a BIRD 2 file: OSPF point-to-point on IFACES (a
#                       pattern, hello 1 s, dead DEAD s (4)), STUB a stub,
#                       only 10.255.0.0/24's routes into the kernel
#   $TEST_TMP           a scratch folder, removed on exit
#   TEST_ONLY=REGEX     (environment) run only the cases whose names match

set -u

_tests=0
_failed=0
_prefix="t$$-"
TEST_TMP=$(mktemp -d)
_cleanups=()

on_exit() { _cleanups+=("$*"); }

_cleanup() {
	local i ns
	for ((i = ${#_cleanups[@]} - 1; i >= 0; i--)); do
		eval "${_cleanups[i]}" >/dev/null 2>&1 || true
	done
	for ns in $(ip netns list 2>/dev/null | awk '{print $1}'); do
		case $ns in "$_prefix"*) ip netns del "$ns" 2>/dev/null || true ;; esac
	done
	rm -rf "$TEST_TMP"
}
trap _cleanup EXIT

ns_name() { echo "$_prefix$1"; }
ns_add() {
	ip netns add "$_prefix$1"
	ip -n "$_prefix$1" link set lo up
}
ns_del() { ip netns del "$_prefix$1"; }

# made_devices: the device names on stdin, one a line, less those a
# namespace is born with here besides lo (the fallback devices of tunnel
# modules an earlier test loaded: gre0, ip6tnl0, ...), sorted on one line.
made_devices() {
	local born
	ip netns add "${_prefix}born"
	born=$(ip -n "${_prefix}born" -o link show | awk -F': ' '$2 != "lo" { sub(/@.*/, "", $2); print $2 }')
	ip netns del "${_prefix}born"
	# bonding_masters: the bonding module's control file, in every
	# namespace's /sys/class/net while it is loaded; not a device
	BORN=$born awk 'BEGIN { n = split(ENVIRON["BORN"], b, "\n"); for (i = 1; i <= n; i++) skip[b[i]] = 1
		skip["bonding_masters"] = 1 }
		!($0 in skip)' | sort | tr '\n' ' '
}
n() {
	local ns=$1
	shift
	ip netns exec "$_prefix$ns" "$@"
}

run() {
	set +e
	"$@" >"$TEST_TMP/out" 2>"$TEST_TMP/err"
	rc=$?
	set -e
	out=$(cat "$TEST_TMP/out")
	err=$(cat "$TEST_TMP/err")
}

# egrectl_on NODE ARGS...: egrectl in node NODE's network namespace, in this
# mount namespace (ip netns exec would give it one of its own, and the
# namespaces egrectl names in /run/netns would not outlive it).
egrectl_on() {
	local node=$1
	shift
	egrectl -slice "$(ns_name "$node")" "$@"
}

# Prints what failed, where, and fails the case.
_fail() {
	echo "FAILED: $*" >&2
	return 1
}

check() {
	"$@" || _fail "'$*' exited $?"
}

check_fail() {
	if "$@"; then
		_fail "'$*' succeeded but must fail"
	fi
}

check_eq() {
	[ "$1" = "$2" ] || _fail "${3:-value}: got '$1', want '$2'"
}

# check_match TEXT REGEX WHAT: TEXT must match the extended regex.
check_match() {
	echo "$1" | grep -Eq -- "$2" || _fail "${3:-output}: '$1' does not match /$2/"
}

test_case() {
	local name=$1 rc
	shift
	# TEST_ONLY=REGEX runs only the cases whose names match
	if [ -n "${TEST_ONLY:-}" ] && ! [[ $name =~ $TEST_ONLY ]]; then
		return 0
	fi
	_tests=$((_tests + 1))
	set +e
	(set -e; "$@") >"$TEST_TMP/case.log" 2>&1
	rc=$?
	if [ $rc = 0 ]; then
		echo "ok $_tests $name"
	else
		echo "not ok $_tests $name"
		sed 's/^/# /' "$TEST_TMP/case.log"
		_failed=$((_failed + 1))
	fi
}

test_skip() {
	if [ -n "${TEST_ONLY:-}" ] && ! [[ $1 =~ $TEST_ONLY ]]; then
		return 0
	fi
	_tests=$((_tests + 1))
	echo "ok $_tests $1 # SKIP $2"
}

test_import() {
	local line
	while IFS= read -r line; do
		case $line in
		"ok "*)
			_tests=$((_tests + 1))
			echo "ok $_tests ${line#ok * }"
			;;
		"not ok "*)
			_tests=$((_tests + 1))
			_failed=$((_failed + 1))
			echo "not ok $_tests ${line#not ok * }"
			;;
		"#"*) echo "$line" ;;
		esac
	done <"$1"
}

test_done() {
	echo "1..$_tests"
	[ "$_failed" = 0 ]
}

# egre_mode NODE: the options of NODE's egre link (pinned to uN) for the
# mode the test runs in: "dev uN direct" when EGRE_MODE=direct (a file
# named *_direct.sh runs its test so), nothing otherwise.
egre_mode() { [ "${EGRE_MODE:-}" != direct ] || echo "dev u${1#node} direct"; }

# ip_in NODE: the packets NODE's IPv4 and IPv6 layers have taken in
ip_in() {
	n "$1" awk '$1 == "Ip:" { if (!h) { for (i = 2; i <= NF; i++) col[$i] = i; h = 1 }
			else v4 = $col["InReceives"] }
		$1 == "Ip6InReceives" { v6 = $2 }
		END { print v4 + v6 }' /proc/net/snmp /proc/net/snmp6
}

# mode_took NODE LINK IN0 RX0: the packets LINK of NODE received since its
# rx_packets was RX0 went the way of the mode: past NODE's IP layers
# (ip_in, IN0 before) in direct mode, fewer than a quarter of them seen
# there; through them otherwise, every one seen.
mode_took() {
	local in rx
	in=$(($(ip_in "$1") - $3))
	rx=$(($(n "$1" cat "/sys/class/net/$2/statistics/rx_packets") - $4))
	if [ "${EGRE_MODE:-}" = direct ]; then
		[ $((in * 4)) -lt "$rx" ] ||
			_fail "direct: $1's IP layers took in $in packets while $2 received $rx"
	else
		[ "$in" -ge "$rx" ] ||
			_fail "not direct: $1's IP layers took in $in packets, fewer than $2's $rx"
	fi
}

# Two node namespaces, node1 and node2, joined by the veth u1 <-> u2:
# 10.0.0.1/24 and fd00::1/64 on u1, 10.0.0.2/24 and fd00::2/64 on u2.
two_nodes_underlay() {
	ns_add node1
	ns_add node2
	ip link add u1 netns "$(ns_name node1)" type veth peer name u2 netns "$(ns_name node2)"
	n node1 ip addr add 10.0.0.1/24 dev u1
	n node2 ip addr add 10.0.0.2/24 dev u2
	n node1 ip addr add fd00::1/64 dev u1 nodad
	n node2 ip addr add fd00::2/64 dev u2 nodad
	n node1 ip link set u1 up
	n node2 ip link set u2 up
}

pings_until() {
	until [ -e "$1" ]; do
		ip netns exec "$2" ping -q -n -c 20 -i 0.05 -W 1 "$3" >>"$4" 2>&1
	done
}

pings_lost() {
	awk '/packets transmitted/ { sent += $1; got += $4 } END { printf "%d/%d\n", sent - got, sent }' "$1"
}

bird_ospf_conf() {
	cat >"$1" <<-EOF
	router id $2;
	log "$3" all;
	protocol device { scan time 1; }
	# only the loopbacks: the links' own networks are the kernel's
	protocol kernel {
		ipv4 { export where net ~ [ 10.255.0.0/24+ ]; };
		scan time 2;
	}
	protocol ospf v2 {
		ipv4 { import all; export none; };
		area 0 {
			interface "$4" { type ptp; hello 1; dead ${6:-4}; cost 10; };
			interface "$5" { stub yes; };
		};
	}
	EOF
}

# tcp_transfer FROM TO ADDR: 1 MiB from namespace FROM to address ADDR in
# namespace TO over TCP, checked end to end.
tcp_transfer() {
	head -c 1048576 /dev/urandom >"$TEST_TMP/sent"
	n "$2" timeout 30 socat -u TCP-LISTEN:5001,reuseaddr "OPEN:$TEST_TMP/got,creat,trunc" &
	sleep 0.5
	n "$1" timeout 30 socat -u "OPEN:$TEST_TMP/sent" TCP:"$3":5001,retry=20,interval=0.2
	wait
	check_eq "$(md5sum <"$TEST_TMP/got")" "$(md5sum <"$TEST_TMP/sent")" "bytes received"
}
