# SPDX-License-Identifier: GPL-2.0
#
# What the lifecycle tests share (source it after lib.sh): notes in the
# kernel log, slab and device accounting to prove nothing leaked, and
# background traffic that a case starts and its end stops.
#
#   note TEXT                 in the case's log and the kernel log
#   uptime_s, since T         seconds, for timing notes; timed FN
#   slab_snapshot FILE        per-cache object counts, SUnreclaim, Percpu,
#                             VmallocUsed
#   slab_compare A B OBJS KB  no cache grown by OBJS, memory not by KB
#   root_devices              devices in the root namespace
#   netns_objects, wait_netns_objects N
#   wait_gone NS|- DEV        until DEV is no more
#   in_bg NS CMD..., flood NS DST, stop_traffic
#
# Needs $ping (iputils: it floods).
# note TEXT: kept in the case's log and in the kernel log (the rig keeps the
# console), so that times and slab deltas of a passing run can be read too.
note() {
	echo "$*"
	echo "lifecycle: $*" >/dev/kmsg 2>/dev/null || true
}

# --- accounting -------------------------------------------------------------

uptime_s() { cut -d' ' -f1 /proc/uptime; }
since() { awk -v a="$1" -v b="$(uptime_s)" 'BEGIN { printf "%.1f", b - a }'; }

# timed FN: runs FN and notes how long it took.
timed() {
	local t
	t=$(uptime_s)
	"$@"
	note "$1: $(since "$t")s"
}

# Lets deferred frees run (RCU callbacks, kfree_rcu batches, which the
# shrinkers that drop_caches runs push along), then flushes every cache's
# per-cpu slabs, so that active objects are objects in use.
slab_settle() {
	local i f
	for i in 1 2 3; do
		echo 3 >/proc/sys/vm/drop_caches
		sleep 0.5
	done
	for f in /sys/kernel/slab/*/shrink; do echo 1 >"$f"; done 2>/dev/null || true
	# Per-cpu chunks the frees emptied go back in a worker of their own
	# (pcpu_balance), late on a loaded host: wait (10 s at most) until
	# Percpu has stopped falling for 2 s.
	local was now same=0
	was=$(awk '$1 == "Percpu:" { print $2 }' /proc/meminfo)
	for i in $(seq 20); do
		sleep 0.5
		now=$(awk '$1 == "Percpu:" { print $2 }' /proc/meminfo)
		if [ "$now" -lt "$was" ]; then
			same=0
		else
			same=$((same + 1))
			[ "$same" -lt 4 ] || break
		fi
		was=$now
	done
}

# slab_snapshot FILE: "cache active-objects" lines, SUnreclaim, Percpu
# (per-cpu allocations: device stats, GRO cells, dst caches) and VmallocUsed
# in kB.
# vmap_area describes vmalloc ranges, freed ones too: they wait for a lazy
# purge that runs only once tens of megabytes are waiting, and purged ones
# are pooled for reuse. Its count is left out and its bytes are taken from
# SUnreclaim; VmallocUsed (live vmalloc pages) stands for it.
# On the debug kernel (DEBUG_OBJECTS, KASAN, kmemleak) the trackers' own
# pools grow with use: debug_objects_cache is never shrunk, and
# kmemleak_object holds one entry for every object KASAN's quarantine still
# keeps, freed or not; the quarantine holds them in SUnreclaim for a while
# too. There the pools are left out and SUnreclaim is not bounded; the
# other per-cache counts, and kmemleak itself, guard that kernel.
slab_snapshot() {
	slab_settle
	awk 'FILENAME == "/proc/slabinfo" {
			if (FNR <= 2) next
			if ($1 == "debug_objects_cache" || $1 == "kmemleak_object") {
				debug = 1
				next
			}
			if ($1 == "vmap_area") {
				vmap_kb = $3 * $4 / 1024
				next
			}
			print $1, $2; next
		}
		$1 == "SUnreclaim:" && !debug { printf "SUnreclaim_kB %d\n", $2 - vmap_kb }
		$1 == "Percpu:" { print "Percpu_kB", $2 }
		$1 == "VmallocUsed:" { print "VmallocUsed_kB", $2 }' /proc/slabinfo /proc/meminfo >"$1"
}

# slab_compare BEFORE AFTER MAX_OBJECTS MAX_KB: no cache may have grown by
# MAX_OBJECTS objects, SUnreclaim, Percpu or VmallocUsed not by MAX_KB.
# Prints them and the cache that grew most.
slab_compare() {
	awk -v max_objs="$3" -v max_kb="$4" '
		FNR == NR { before[$1] = $2; next }
		{
			d = $2 - before[$1]
			if ($1 ~ /_kB$/) {
				printf "slab: %s %+d kB (limit %d)\n", substr($1, 1, length($1) - 3), d, max_kb
				if (d >= max_kb) bad = 1
			} else if (d >= max_objs) {
				printf "slab: %s %+d objects (limit %d)\n", $1, d, max_objs
				bad = 1
			} else if (d > top_d) {
				top = $1; top_d = d
			}
		}
		END {
			if (top != "") printf "slab: most grown: %s %+d objects\n", top, top_d
			exit bad
		}' "$1" "$2"
}

# Every network device in the root namespace, and the netns objects alive.
root_devices() { ls /sys/class/net | wc -l; }
netns_objects() {
	echo 1 >/sys/kernel/slab/net_namespace/shrink 2>/dev/null || true
	awk '$1 == "net_namespace" { print $2 }' /proc/slabinfo
}

# wait_netns_objects N: until at most N namespaces are allocated. Their
# cleanup runs in a workqueue after the last reference goes, and frees the
# memory of the namespaces it cleaned up only in its next run: the last
# namespace deleted stays allocated, so N is one more than those alive.
wait_netns_objects() {
	local i
	for i in $(seq 100); do
		[ "$(netns_objects)" -le "$1" ] && return 0
		sleep 0.2
	done
	_fail "net_namespace objects: $(netns_objects), want at most $1"
}

# wait_gone NS DEV: until DEV is no more (in the root namespace if NS is -).
wait_gone() {
	local i
	for i in $(seq 100); do
		if [ "$1" = - ]; then
			ip link show "$2" >/dev/null 2>&1 || return 0
		else
			n "$1" ip link show "$2" >/dev/null 2>&1 || return 0
		fi
		sleep 0.2
	done
	_fail "$2 still there"
}

# Background traffic of the running case, stopped when the case ends.
traffic=()
stop_traffic() {
	local pid
	for pid in "${traffic[@]}"; do kill "$pid" 2>/dev/null || true; done
	for pid in "${traffic[@]}"; do wait "$pid" 2>/dev/null || true; done
	traffic=()
}

# in_bg NS CMD...: CMD in NS in the background, its pid in traffic[] (not
# through n: a backgrounded function is a subshell, and killing it would
# leave CMD running).
in_bg() {
	local ns=$1
	shift
	ip netns exec "$(ns_name "$ns")" "$@" &
	traffic+=($!)
}

# flood NS DST: ping -f from NS to DST until stopped: as fast as answers come
# back, at least 100 a second.
flood() { in_bg "$1" $ping -f -q "$2" >/dev/null 2>&1; }
