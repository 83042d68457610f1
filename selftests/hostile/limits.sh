#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# What a tenant's links may cost the node. A namespace owned by a user
# namespace other than the node's holds at most tenant_max_links trellis
# objects (egre links, shortbridge links made from it, bindings in it): the
# next is refused (ENOSPC) naming the parameter; the node's own namespaces
# are not limited. The memory of a tenant's links is charged to its memory
# cgroup, the module's own per-link allocations (configuration, route
# cache, per-cpu drop counters) included: memory.stat's percpu grows by at
# least the drop counters of every link more for N egre links than for N
# dummy devices (whose netdev and IPv6 costs are the same). Under a low
# memory.max, making links ends in a clean refusal (out of memory, or no
# buffer space for the request itself) and the node goes on.
#
#   [ tenant: uid 1000's own user, network and mount namespaces ]
#     d0 (dummy) 10.1.0.1/24, eg1.. egre encap udp local 10.1.0.1 remote 10.1.0.2
#     sl: fast slice interface of slice $SELF (its own namespace), link eg1
#     b: binding eg2 <-> v1 (veth v0 <-> v1)
#   [ node ] $(ns_name node): d0 10.1.0.1/24 and links beyond the limit
#   cgroup2 /sys/fs/cgroup/hostile-*: one memory cgroup per measurement
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
. "$here/lib_hostile.sh"

PARAM=/sys/module/trellis/parameters/tenant_max_links
CG=/sys/fs/cgroup

tenant_underlay="ip link set lo up
	ip link add d0 type dummy
	ip addr add 10.1.0.1/24 dev d0
	ip link set d0 up"

# egre KEY: an egre link's add arguments, GRE-in-UDP with key KEY.
egre() { echo "type egre local 10.1.0.1 remote 10.1.0.2 key $1 encap udp"; }

# set_max N: tenant_max_links is N until the test ends.
set_max() {
	check test -w $PARAM
	later "echo $(cat $PARAM) >$PARAM"
	echo "$1" >$PARAM
}

count_limited() {
	local out rc=0
	set_max 5
	tenant_start t "$tenant_underlay
		$name_self
		ip link add v0 type veth peer name v1"
	check tenant_in t egrectl link add eg1 $(egre 1)
	check tenant_in t egrectl link add eg2 $(egre 2)
	check tenant_in t egrectl link add eg3 $(egre 3)
	check tenant_in t egrectl link add sl type shortbridge slice "$SELF" ifname x link eg1
	check tenant_in t egrectl shortbridge add b port eg2 port v1
	# the sixth object of any kind
	out=$(tenant_in t egrectl link add eg4 $(egre 4) 2>&1) || rc=$?
	check_eq "$rc" 2 "exit status of the sixth link"
	check_match "$out" "^egrectl: link add eg4: .*tenant_max_links" "error"
	check_fail tenant_in t ip link show eg4
	check_fail tenant_in t egrectl link add sl2 type shortbridge slice "$SELF" ifname x2 link eg3
	check_fail tenant_in t ip link show x2
	check_fail tenant_in t egrectl shortbridge add b2 port eg3 port v0
	# one gone, one more
	check tenant_in t egrectl link del eg3
	check tenant_in t egrectl link add eg4 $(egre 4)
	check_fail tenant_in t egrectl link add eg5 $(egre 5)
}
test_case "a tenant's namespace holds at most tenant_max_links objects" cleaned count_limited

node_not_limited() {
	local i
	set_max 5
	ns_add node
	n node ip link add d0 type dummy
	n node ip addr add 10.1.0.1/24 dev d0
	for i in $(seq 8); do
		check n node egrectl link add "eg$i" $(egre "$i")
	done
}
test_case "the node's own namespaces are not limited" cleaned node_not_limited

# The rig's initramfs mounts no cgroup2: this test does, while it runs.
if ! grep -q "^cgroup2 $CG " /proc/mounts; then
	mount -t cgroup2 none $CG
	on_exit "umount $CG"
fi
grep -qw memory $CG/cgroup.subtree_control || echo +memory >$CG/cgroup.subtree_control

# cgroup NAME: a fresh memory cgroup, its path on stdout.
cgroup() {
	mkdir "$CG/hostile-$1"
	later rmdir "$CG/hostile-$1"
	echo "$CG/hostile-$1"
}

# in_cgroup DIR CMD...: CMD (and all it starts) charged to cgroup DIR.
in_cgroup() {
	local dir=$1
	shift
	bash -c 'echo $$ >"$0/cgroup.procs" && exec "$@"' "$dir" "$@"
}

# What a tenant script sees of its cgroup's percpu and slab bytes, exact:
# memory.stat is flushed on read once enough has changed, which touching
# 4 MiB of memory makes sure of.
stat_script='settle() { dd if=/dev/zero of=/dev/null bs=4M count=1 2>/dev/null; }
	stat() { settle; awk -v k=$1 '\''$1 == k { print $2 }'\'' "$CG/memory.stat"; }'

# charged_for MAKE N: bytes of percpu and slab charged to a tenant making
# N devices with "egrectl -batch" (MAKE=egre) or "ip -batch" (MAKE=dummy).
charged_for() {
	local make=$1 count=$2 dir i
	dir=$(cgroup "$make")
	for i in $(seq "$count"); do
		if [ "$make" = egre ]; then
			echo "link add eg$i $(egre "$i")"
		else
			echo "link add dm$i type dummy"
		fi
	done >"$TENANT_DIR/$make.batch"
	chmod 644 "$TENANT_DIR/$make.batch"
	in_cgroup "$dir" setpriv --reuid 1000 --regid 1000 --clear-groups \
		unshare -Urnm bash -c "CG=$dir
		$stat_script
		$tenant_underlay
		p0=\$(stat percpu); s0=\$(stat slab)
		if [ $make = egre ]; then egrectl -batch $TENANT_DIR/$make.batch
		else ip -batch $TENANT_DIR/$make.batch; fi || exit 1
		p1=\$(stat percpu); s1=\$(stat slab)
		echo \$((p1 - p0)) \$((s1 - s0))"
}

memcg_charged() {
	local n=64 cpus egre dummy want
	cpus=$(($(cut -d- -f2 /sys/devices/system/cpu/possible) + 1))
	egre=$(charged_for egre $n)
	dummy=$(charged_for dummy $n)
	echo "percpu and slab bytes for $n links: egre $egre, dummy $dummy ($cpus cpus)"
	# the drop counters: one u64 for each reason, on every possible CPU
	want=$((n * cpus * 8 * 11))
	[ $((${egre% *} - ${dummy% *})) -ge $want ] ||
		_fail "percpu: egre links charged $((${egre% *} - ${dummy% *})) bytes more than dummies, want at least $want"
	[ "${egre#* }" -gt 0 ] || _fail "slab: egre links charged ${egre#* } bytes"
}
test_case "a tenant's links are charged to its memory cgroup, per-cpu counters included" cleaned memcg_charged

# egrectl_of DIR: the pid of the egrectl running in cgroup DIR, or nothing
egrectl_of() {
	local p
	for p in $(cat "$1/cgroup.procs"); do
		[ "$(cat "/proc/$p/comm" 2>/dev/null)" = egrectl ] && echo "$p"
	done
	return 0
}

memory_max_refuses() {
	local dir out made i tenant pid fifo=$TENANT_DIR/max.fifo
	dir=$(cgroup max)
	[ ! -w $PARAM ] || set_max 100000
	mkfifo "$fifo"
	chmod 666 "$fifo"
	# no process of the cgroup may be killed: the allocation itself must fail.
	# max.out is on tmpfs, charged to the writer: "started" gives it its page
	# before the limit, or egrectl's error could find no memory to be written to.
	in_cgroup "$dir" bash -c 'echo -1000 >/proc/self/oom_score_adj; exec "$@"' sh \
		setpriv --reuid 1000 --regid 1000 --clear-groups unshare -Urnm bash -c "
		$tenant_underlay
		echo started
		egrectl -batch $fifo; echo rc=\$?" >"$TENANT_DIR/max.out" 2>&1 &
	tenant=$!
	# The first 200 links with no limit: egrectl's own memory is all there
	# by then. A page fault of its own over the limit would not fail but
	# wait for an OOM kill that -1000 forbids: the tenant would hang.
	exec 7>"$fifo"
	for i in $(seq 200); do echo "link add eg$i $(egre "$i")"; done >&7
	for i in $(seq 300); do
		pid=$(egrectl_of "$dir")
		[ -n "$pid" ] && [ "$(nsenter -t "$pid" -n ip -o link show | grep -c ': eg[0-9]')" -ge 200 ] &&
			break
		sleep 0.1
	done
	# room for some more links, not for all
	echo $(($(cat "$dir/memory.current") + 2 * 1024 * 1024)) >"$dir/memory.max"
	(
		trap '' PIPE	# egrectl stops at the first failure
		for i in $(seq 201 5000); do echo "link add eg$i $(egre "$i")"; done >&7
	) 2>/dev/null || true
	exec 7>&-
	wait "$tenant"
	out=$(cat "$TENANT_DIR/max.out")
	echo "$out"
	check_match "$out" "^egrectl: .*max.fifo:[0-9]+: link add eg[0-9]+: .*(memory|Cannot allocate|No buffer space)" "error"
	check_match "$out" "^rc=2$" "egrectl's exit status"
	# the failing line's number less one: the links made
	made=$(($(echo "$out" | sed -n 's/^egrectl: .*max.fifo:\([0-9]*\):.*/\1/p') - 1))
	[ "$made" -gt 200 ] || _fail "no link made under memory.max"
	check egrectl info >/dev/null
}
test_case "under a low memory.max, making links fails cleanly with out of memory" cleaned memory_max_refuses

test_done
