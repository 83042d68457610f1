# SPDX-License-Identifier: GPL-2.0
#
# What the hostile-tenant tests share (source it after lib.sh). A tenant is
# an unprivileged user (uid 1000) who made its own user, network and mount
# namespaces: root there, nothing on the node. egrectl serves it in its own
# network namespace.
#
#   tenant CMD...            CMD as a fresh tenant (its namespaces end with CMD)
#   tenant_start NAME SCRIPT a tenant in the background that runs the bash
#                            SCRIPT (set -e) and then stays, so its
#                            namespaces live on
#   tenant_pid NAME          that tenant's process
#   tenant_in NAME CMD...    CMD as that same tenant, in its namespaces
#   tenant_out NAME          what its SCRIPT printed (stdout and stderr)
#   $SELF                    a slice name: in a tenant's mount namespace,
#                            `name_self` binds the tenant's own network
#                            namespace on /run/netns/$SELF (a slice egrectl
#                            can name); on the node it is an empty file
#   $TENANT_DIR              a folder tenants can write
#   test_case NAME cleaned FN
#                            FN as a case; what it queued with `later` runs
#                            when it ends, passed or failed
#   later CMD...             (in a case) CMD runs when the case ends: lib.sh's
#                            on_exit, called in a case's subshell, is lost

TENANT_DIR=$(mktemp -d /tmp/tenant.XXXXXX)
chmod 1777 "$TENANT_DIR"
on_exit "rm -rf $TENANT_DIR"

SELF=$(ns_name self)
mkdir -p /run/netns
touch "/run/netns/$SELF"
on_exit "rm -f /run/netns/$SELF"

later() { echo "$*" >>"$TENANT_DIR/later"; }

cleaned() {
	local rc cmds i
	set +e
	(set -e; "$@")
	rc=$?
	if [ -e "$TENANT_DIR/later" ]; then
		mapfile -t cmds <"$TENANT_DIR/later"
		rm -f "$TENANT_DIR/later"
		for ((i = ${#cmds[@]} - 1; i >= 0; i--)); do
			eval "${cmds[i]}" >/dev/null 2>&1
		done
	fi
	return $rc
}

tenant() {
	(cd /tmp && setpriv --reuid 1000 --regid 1000 --clear-groups unshare -Urnm "$@")
}

# For SCRIPTs: the tenant's own network namespace as slice $SELF (its mount
# namespace is its own: the node never sees this mount).
name_self="mount --bind /proc/self/ns/net /run/netns/$SELF"

tenant_start() {
	local name=$1 script=$2 i bg
	rm -f "$TENANT_DIR/$name.pid"
	# a SCRIPT that fails stops here, and tenant_start says what it printed
	tenant bash -c "set -e
		$script
		echo \$\$ >$TENANT_DIR/$name.pid
		exec sleep 3600" >"$TENANT_DIR/$name.out" 2>&1 &
	bg=$!
	for i in $(seq 200); do
		[ -s "$TENANT_DIR/$name.pid" ] || ! kill -0 $bg 2>/dev/null && break
		sleep 0.1
	done
	[ -s "$TENANT_DIR/$name.pid" ] || _fail "tenant $name did not start: $(cat "$TENANT_DIR/$name.out")"
	later "kill $(cat "$TENANT_DIR/$name.pid")"
}

tenant_pid() { cat "$TENANT_DIR/$1.pid"; }
tenant_out() { cat "$TENANT_DIR/$1.out"; }

# Entering its own user namespace needs no privilege: uid 1000 owns it.
tenant_in() {
	local pid
	pid=$(tenant_pid "$1")
	shift
	(cd /tmp && setpriv --reuid 1000 --regid 1000 --clear-groups \
		nsenter -t "$pid" -U -n -m --preserve-credentials "$@")
}

# rx_packets DEV [RUN...]: DEV's received packets, in RUN's namespace
# (tenant_in NAME for a tenant's).
rx_packets() {
	local dev=$1
	shift
	"$@" ip -j -s link show "$dev" | jq '.[0].stats64.rx.packets'
}

mac() {
	local dev=$1
	shift
	"$@" ip -j link show "$dev" | jq -r '.[0].address'
}
