#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Installs what building and testing trellis needs, from Debian packages only:
# toolchain and libraries, QEMU and the initramfs parts, the newest Debian 6.12
# cloud kernel headers with the matching kernel image unpacked into the cache,
# and the kselftest harness and checkpatch from linux-source-6.12.
#
#   scripts/deps.sh           install whatever is missing (a second run installs nothing)
#   scripts/deps.sh --check   exit 0 when nothing is missing, 1 otherwise
#
# The cache ($TRELLIS_CACHE, default ~/.cache/trellis) lives outside the clone;
# $TRELLIS_CACHE/rig.env records the chosen kernel for the Makefile and the rig.
set -euo pipefail

cache=${TRELLIS_CACHE:-$HOME/.cache/trellis}
env_file=$cache/rig.env

packages=(
	build-essential pkg-config perl jq socat xz-utils cpio kmod iproute2 bash
	iputils-ping
	libnl-3-dev libnl-route-3-dev
	# the netlink test programs that build raw messages of their own
	libmnl-dev
	# topology files (egrectl topo)
	libyaml-dev
	# the man page, and the checks that it renders and completion completes
	scdoc man-db bash-completion
	# the kernel's netlink spec generator (tools/net/ynl), for the family's spec
	python3 python3-yaml python3-jsonschema
	qemu-system-x86 busybox-static
	# decodes the wire captures of the interop stage
	tshark
	linux-source-6.12
	# the debug kernel build (make check-debug)
	flex bison libelf-dev libssl-dev bc dwarves rsync
	# the charts of make bench, and its eBPF anchor (tc programs built with clang)
	gnuplot-nox clang libbpf-dev
	# real traffic and real routing daemons in the slices (BIRD and FRR)
	iperf3 bird2 frr
)

say() { echo "deps: $*" >&2; }
die() { echo "deps: $*" >&2; exit 1; }

missing_packages() {
	local p
	for p in "${packages[@]}"; do
		dpkg-query -W -f '${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' ||
			echo "$p"
	done
}

# The rig is complete when rig.env names headers, kernel and tools that exist.
rig_complete() {
	[ -r "$env_file" ] || return 1
	# shellcheck source=/dev/null
	. "$env_file"
	[ -e "$RIG_KDIR/Makefile" ] && [ -e "$RIG_KERNEL/boot/vmlinuz-$RIG_KVER" ] &&
		[ -d "$RIG_KERNEL/lib/modules/$RIG_KVER" ] &&
		[ -e "$RIG_TOOLS/tools/testing/selftests/kselftest_harness.h" ] &&
		[ -e "$RIG_TOOLS/scripts/checkpatch.pl" ] &&
		[ -e "$RIG_TOOLS/tools/net/ynl/ynl-gen-c.py" ]
}

if [ "${1:-}" = --check ]; then
	m=$(missing_packages)
	[ -z "$m" ] && rig_complete && exit 0
	exit 1
fi

[ "$(id -u)" = 0 ] || die "must run as root (it installs Debian packages)"
export DEBIAN_FRONTEND=noninteractive
updated=
apt_update() {
	[ -n "$updated" ] && return 0
	say "apt-get update"
	apt-get update -q >/dev/null || die "apt-get update failed"
	updated=1
}

m=$(missing_packages)
if [ -n "$m" ]; then
	apt_update
	# shellcheck disable=SC2086
	say "installing:" $m
	# shellcheck disable=SC2086
	apt-get install -y -q --no-install-recommends $m >/dev/null ||
		die "apt-get install failed for: $(echo $m)"
fi

rig_complete && exit 0

# Pick the newest 6.12 cloud version for which both headers and the unsigned
# image are served; old versions disappear from the archive.
apt_update
kver=
for v in $(apt-cache search --names-only '^linux-headers-6\.12\.[0-9]+\+deb12-cloud-amd64$' |
	awk '{print $1}' | sed 's/^linux-headers-//' | sort -rV); do
	if apt-cache show "linux-image-$v-unsigned" >/dev/null 2>&1; then
		kver=$v
		break
	fi
done
[ -n "$kver" ] || die "no Debian 6.12 cloud kernel with both headers and image found"
say "rig kernel $kver"

if [ ! -e "/usr/src/linux-headers-$kver/Makefile" ]; then
	apt-get install -y -q --no-install-recommends "linux-headers-$kver" >/dev/null ||
		die "could not install linux-headers-$kver"
fi

kernel_dir=$cache/cloud-$kver
if [ ! -e "$kernel_dir/boot/vmlinuz-$kver" ]; then
	tmp=$(mktemp -d)
	chmod 755 "$tmp" # apt downloads as _apt
	trap 'rm -rf "$tmp"' EXIT
	(cd "$tmp" && apt-get download -q "linux-image-$kver-unsigned" >/dev/null) ||
		die "could not download linux-image-$kver-unsigned"
	rm -rf "$kernel_dir"
	mkdir -p "$kernel_dir"
	dpkg -x "$tmp"/linux-image-*.deb "$kernel_dir"
	# Debian 12 ships modules under /lib or /usr/lib; the rig wants lib/.
	if [ ! -d "$kernel_dir/lib/modules" ] && [ -d "$kernel_dir/usr/lib/modules" ]; then
		mkdir -p "$kernel_dir/lib" && mv "$kernel_dir/usr/lib/modules" "$kernel_dir/lib/"
	fi
	[ -e "$kernel_dir/boot/vmlinuz-$kver" ] || die "image package has no boot/vmlinuz-$kver"
fi

# kselftest_harness.h, checkpatch.pl and tools/net/ynl, extracted (not copied into the repo).
srcver=$(dpkg-query -W -f '${Version}' linux-source-6.12 | tr '~' '_')
tools_dir=$cache/linux-tools-$srcver
if [ ! -e "$tools_dir/scripts/checkpatch.pl" ]; then
	say "extracting kselftest harness and checkpatch from linux-source $srcver"
	rm -rf "$tools_dir"
	mkdir -p "$tools_dir"
	tar -xJf /usr/src/linux-source-6.12.tar.xz -C "$tools_dir" --strip-components=1 \
		linux-source-6.12/tools/testing/selftests/kselftest_harness.h \
		linux-source-6.12/tools/testing/selftests/kselftest.h \
		linux-source-6.12/scripts/checkpatch.pl \
		linux-source-6.12/scripts/spelling.txt \
		linux-source-6.12/scripts/const_structs.checkpatch ||
		die "could not extract from /usr/src/linux-source-6.12.tar.xz"
fi
# the kernel's netlink spec tools, which check the trellis family's spec
if [ ! -e "$tools_dir/tools/net/ynl/ynl-gen-c.py" ]; then
	say "extracting tools/net/ynl from linux-source $srcver"
	tar -xJf /usr/src/linux-source-6.12.tar.xz -C "$tools_dir" --strip-components=1 \
		linux-source-6.12/tools/net/ynl linux-source-6.12/Documentation/netlink ||
		die "could not extract tools/net/ynl from /usr/src/linux-source-6.12.tar.xz"
fi

mkdir -p "$cache"
cat >"$env_file.tmp" <<EOF
RIG_KVER=$kver
RIG_KDIR=/usr/src/linux-headers-$kver
RIG_KERNEL=$kernel_dir
RIG_TOOLS=$tools_dir
EOF
mv "$env_file.tmp" "$env_file"
rig_complete || die "rig incomplete after set-up (see $env_file)"
say "ready ($env_file)"
