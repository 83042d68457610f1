#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make demo: boots the VM and shows what trellis does so far.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# the experiment's file goes to the VM as the script's first argument
exec "$root/selftests/vm/run" --name demo -- bash -c "$(cat "$root/scripts/demo-vm.sh")" \
	demo "$(cat "$root/topologies/demo.yaml")"
