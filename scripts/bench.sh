#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make bench: boots the VM once in the deterministic mode (--icount: one
# vCPU, one nanosecond of guest time per guest instruction), runs every
# scenario of selftests/bench/ and writes
#   build/bench/results.json   {"kernel", "commit", "results": [{"name", "value", "unit"}]}
#   build/bench/report.md      tables and ratios against the stock baselines
#   build/bench/forwarding.png the forwarding comparison (gnuplot)
#   build/bench/vm-output.log  what the scenarios printed
# Exits non-zero when a scenario failed or lost frames (the files are
# written all the same, with the loss in them).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/build/bench
rm -rf "$out"
mkdir -p "$out"

commit=$(git -C "$root" rev-parse --short=12 HEAD)
git -C "$root" diff --quiet HEAD -- 2>/dev/null || commit=$commit-dirty

set +e
"$root/selftests/vm/run" --icount --mem 3072 --name bench --timeout 3600 -- bench/suite |
	sed -u 's/\r$//' | tee "$out/vm-output.log"
vm_rc=${PIPESTATUS[0]}
set -e

kernel=$(sed -n 's/^bench-kernel //p' "$out/vm-output.log" | head -n1)
awk '$1 == "bench-result" {
	printf "{\"name\":\"%s\",\"value\":%s,\"unit\":\"%s\"}\n", $2, $3, $4 }' \
	"$out/vm-output.log" |
	jq -s --arg kernel "$kernel" --arg commit "$commit" \
		'{kernel: $kernel, commit: $commit, results: .}' >"$out/results.json"
"$root/selftests/bench/report" "$out/results.json" "$out"

echo "bench: $out/results.json, $out/report.md, $out/forwarding.png"
status=0
if [ "$vm_rc" != 0 ]; then
	echo "bench: the VM run exited $vm_rc" >&2
	status=1
fi
if grep -q '^not ok ' "$out/vm-output.log"; then
	echo "bench: failed or lossy scenarios:" >&2
	grep '^not ok ' "$out/vm-output.log" | sed 's/^/  /' >&2
	status=1
fi
exit $status
