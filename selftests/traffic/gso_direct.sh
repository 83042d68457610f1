#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# gso.sh with its egre links in direct mode (lib.sh: egre_mode).
EGRE_MODE=direct exec "$(dirname "$0")/gso.sh"
