#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Wire interop with stock Linux (run on the host, by selftests/check): two
# VMs on one virtual wire, one with egre links, the other (trellis not
# loaded) with the kernel's own gretap, ip6gretap and gretap over fou. For
# every case in interop/cases.sh, both guests ping each other and send each
# other 1 MiB over TCP (interop/guest.sh); then the wire capture must
# decode, in tshark, as GRE over IP carrying Ethernet with the case's key and
# flags, both ways.
#
#   [ VM A: egre ] eth0 ======= wire (captured) ======= eth0 [ VM B: stock ]
#
# One boot of the pair runs every case. The guests' cases are imported as
# this test's own.
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$here/../lib.sh"
. "$here/cases.sh"
. "$here/capture.sh"

# Kept after the run, for a closer look (tshark -r, wireshark).
pcap=$root/build/interop/wire.pcap
mkdir -p "$(dirname "$pcap")"
rm -f "$pcap"
vm=(--smp 1 --timeout 600)
[ -n "${RIG_DEBUG_KERNEL:-}" ] && vm+=(--kernel "$RIG_DEBUG_KERNEL")

"$root/selftests/vm/run-pair" --name interop --capture "$pcap" \
	"${vm[@]}" -- bash interop/guest.sh egre :: \
	"${vm[@]}" --no-load -- bash interop/guest.sh stock \
	>"$TEST_TMP/guests.tap" 2>"$TEST_TMP/pair.err"
pair_rc=$?
cat "$TEST_TMP/pair.err" >&2
echo "# the wire: $pcap"

test_import "$TEST_TMP/guests.tap"

# Beyond the guests' own cases: no kernel report, no boot failure.
vms_clean() {
	cat "$TEST_TMP/pair.err"
	[ "$pair_rc" != 99 ]
}
test_case "both VMs booted, ran and ended with no kernel report" vms_clean

if ! command -v tshark >/dev/null; then
	test_skip "the wire capture decodes" "tshark missing (make deps)"
	test_done
	exit
fi

# A case the guests did not run (the egre side skips its ping then) left
# nothing on the wire: its capture check is skipped for the same reason.
skipped_why() {
	sed -n "s/^ok [0-9]* $1: egre pings stock # SKIP //p" "$TEST_TMP/guests.tap" | head -n1
}

# capture_case NAME KEY UNDERLAY ENCAP FLAGS: the capture checks of one case.
capture_case() {
	local name=$1
	shift
	test_case "$name: the capture decodes, both ways" capture_matches "$pcap" "$@"
	[[ ,$4, == *,seq,* ]] || return 0
	test_case "$name: each end numbers every frame once" capture_seq_numbers "$pcap" "$@"
}

while read -r key underlay encap flags <&3; do
	name=$(case_name "$key" "$underlay" "$encap" "$flags")
	why=$(skipped_why "$name")
	if [ -n "$why" ]; then
		test_skip "$name: the capture decodes, both ways" "$why"
	else
		capture_case "$name" "$key" "$underlay" "$encap" "$flags"
	fi
done 3< <(interop_cases)

test_case "every GRE frame on the wire carries a case's key" \
	capture_keys_known "$pcap" "$(interop_cases | awk '{print $1}')"

test_done
