#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# scale.sh [--links N] [--cp-links N] [--loop-links N] [--routes N] [--count N]
#          [--warmup N]
#
# Control plane and scale, in virtual time (under icount shift=0 a guest
# microsecond is 1,000 guest instructions). Prints TAP and "bench-result"
# lines like forwarding.sh. Runs inside the VM.
#
#   control plane  create, then delete, tunnels in one node namespace over a
#                  dummy underlay (u1 10.0.0.1, remote 10.0.0.2, keys 1..N):
#                  CP_LINKS (1,000) by `ip -batch` (gretap) and by `egrectl
#                  -batch` (egre, when egrectl has it); LOOP_LINKS (100) by a
#                  loop of `ip link add` (gretap) and of `egrectl link add`
#                  (egre). A process start costs the same every time and a
#                  thousand of them would take most of the bench's half
#                  hour, so the loops are shorter: compare per link.
#   routes         ROUTES (1,000) routes added in a slice with `ip -batch`
#   scale          egre-mirred (topology.sh), 64-byte frames, with 1, 1,000
#                  and LINKS (10,000) other egre links in the receiving node
#                  n2 (same addresses, other keys): the demux must not slow
#                  down; kernel memory per link at LINKS links, from
#                  /proc/meminfo deltas (and the slab caches that grew most)
#                  -- the same for gretap links made with `ip -batch`
#
# Without `egrectl -batch` (one process a link) the scale section measures
# only its points up to LOOP_LINKS, and egre memory is not measured.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
. "$here/topology.sh"

links=10000 cp_links=1000 loop_links=100 routes=1000 count=200000 warmup=10000
while [ $# -gt 0 ]; do
	case $1 in
	--links) links=$2; shift ;;
	--cp-links) cp_links=$2; shift ;;
	--loop-links) loop_links=$2; shift ;;
	--routes) routes=$2; shift ;;
	--count) count=$2; shift ;;
	--warmup) warmup=$2; shift ;;
	*) echo "scale.sh: unknown option $1" >&2; exit 1 ;;
	esac
	shift
done

has_batch=
egrectl -batch /dev/null >/dev/null 2>&1 && has_batch=1

# tunnel_lines KIND VERB FIRST N: the command lines (ip's or egrectl's, as
# after the program's name) that add or delete N tunnels from key FIRST on.
tunnel_lines() {
	local kind=$1 verb=$2 first=$3 n=$4 i
	for ((i = first; i < first + n; i++)); do
		if [ "$verb" = del ]; then
			echo "link del t$i"
		elif [ "$kind" = gretap ]; then
			echo "link add t$i type gretap local 10.0.0.1 remote 10.0.0.2 key $i"
		else
			echo "link add t$i type egre local 10.0.0.1 remote 10.0.0.2 key $i"
		fi
	done
}

# apply NS KIND HOW: runs the lines on stdin in bench-NS, by HOW: "loop"
# (one process a line) or "batch" (one process).
apply() {
	local ns=$1 kind=$2 how=$3 prog=ip
	[ "$kind" = egre ] && prog=egrectl
	if [ "$how" = batch ]; then
		n "$ns" "$prog" -batch -
	else
		sed "s/^/$prog /" | n "$ns" bash -e
	fi
}

cp_node() {
	ns_fresh cp
	ipn cp -batch - <<-EOF
		link add u1 type dummy
		addr add 10.0.0.1/24 dev u1
		link set u1 up
	EOF
}

# control_plane KIND HOW N: create and delete N tunnels, timed.
control_plane() {
	local kind=$1 how=$2 n=$3 key=controlplane/$1-$2 create
	cp_node
	tunnel_lines "$kind" add 1 "$n" >/tmp/bench-add
	tunnel_lines "$kind" del 1 "$n" >/tmp/bench-del
	if ! stopwatch apply cp "$kind" "$how" </tmp/bench-add; then
		tap "not ok" "$key: creating $n links failed"
		ns_clear
		return
	fi
	create=$US
	if ! stopwatch apply cp "$kind" "$how" </tmp/bench-del; then
		tap "not ok" "$key: deleting $n links failed"
		ns_clear
		return
	fi
	result "$key/links" "$n" links
	result "$key/create" "$create" us
	result "$key/delete" "$US" us
	tap ok "$key: $n links created in $create us, deleted in $US us (virtual)"
	ns_clear
}

slice_routes() {
	local i
	ns_fresh rt
	ipn rt -batch - <<-EOF
		link add d0 type dummy
		addr add 10.255.0.1/16 dev d0
		link set d0 up
	EOF
	for ((i = 0; i < routes; i++)); do
		echo "route add 10.$((i / 256)).$((i % 256)).0/24 via 10.255.0.2"
	done >/tmp/bench-routes
	if stopwatch ipn rt -batch /tmp/bench-routes; then
		result controlplane/slice-routes-ip-batch/add "$US" us
		tap ok "controlplane/slice-routes: $routes routes added in $US us (virtual)"
	else
		tap "not ok" "controlplane/slice-routes: adding $routes routes failed"
	fi
	ns_clear
}

# meminfo FIELD: the field's value in bytes.
meminfo() { awk -v f="$1:" '$1 == f { print $2 * 1024 }' /proc/meminfo; }
slab_bytes() { awk 'NR > 2 { print $1, $3 * $4 }' /proc/slabinfo; }

# memory KIND N: kernel memory per link while N links exist in namespace
# bench-cp, from the deltas of MemFree, Slab and Percpu; the slab caches
# that grew most go to the log as TAP comments.
memory_per_link() {
	local kind=$1 n=$2 free slab percpu
	free=$(meminfo MemFree) slab=$(meminfo Slab) percpu=$(meminfo Percpu)
	slab_bytes >/tmp/bench-slab-before
	tunnel_lines "$kind" add 1 "$n" | apply cp "$kind" batch || return 1
	free=$(((free - $(meminfo MemFree)) / n))
	slab=$((($(meminfo Slab) - slab) / n))
	percpu=$((($(meminfo Percpu) - percpu) / n))
	result "memory/$kind-link/total" "$free" bytes
	result "memory/$kind-link/slab" "$slab" bytes
	result "memory/$kind-link/percpu" "$percpu" bytes
	tap ok "memory/$kind-link at $n links: $free bytes each ($slab slab, $percpu percpu)"
	slab_bytes | awk -v n="$n" 'NR == FNR { before[$1] = $2; next }
		$2 > before[$1] { printf "%.0f %s\n", ($2 - before[$1]) / n, $1 }' \
		/tmp/bench-slab-before - | sort -rn | head -n 6 |
		awk '{ printf "# slab %s: %s bytes a link\n", $2, $1 }'
	tunnel_lines "$kind" del 1 "$n" | apply cp "$kind" batch
}

memory() {
	cp_node
	memory_per_link "$@" || tap "not ok" "memory/$1-link: creating $2 links failed"
	ns_clear
}

# The receive rate through egre-mirred as other links are added to n2.
scale() {
	local have=0 want
	if ! setup_egre_mirred >/tmp/bench-setup.log 2>&1; then
		sed 's/^/# /' /tmp/bench-setup.log
		tap "not ok" "scale: set-up failed"
		ns_clear
		return
	fi
	for want in 1 "$cp_links" "$links"; do
		if [ "$want" -gt "$loop_links" ] && [ -z "$has_batch" ]; then
			tap ok "scale/egre-mirred/other-links-$want # SKIP needs egrectl -batch"
			continue
		fi
		# other links: keys from 1001 on, in n2, where frames are received
		tunnel_lines egre add $((1001 + have)) $((want - have)) |
			sed 's/local 10.0.0.1 remote 10.0.0.2/local 10.0.0.2 remote 10.0.0.1/' |
			apply n2 egre "$([ -n "$has_batch" ] && echo batch || echo loop)" || {
			tap "not ok" "scale: creating $want other links failed"
			break
		}
		have=$want
		measure "scale/egre-mirred/other-links-$want/64B" \
			"egre-mirred 64B, $want other links" 64 "$count" "$warmup"
	done
	ns_clear
}

modprobe pktgen
result controlplane/routes-per-run "$routes" routes
result memory/links "$links" links

gre_owner stock
control_plane gretap loop "$loop_links"
control_plane gretap batch "$cp_links"
memory gretap "$links"
slice_routes

gre_owner trellis
control_plane egre loop "$loop_links"
if [ -n "$has_batch" ]; then
	control_plane egre batch "$cp_links"
	memory egre "$links"
else
	tap ok "controlplane/egre-batch # SKIP egrectl has no -batch yet"
	tap ok "memory/egre-link # SKIP needs egrectl -batch"
fi
scale
tap_done
