/* SPDX-License-Identifier: GPL-2.0 */
/*
 * netns-tools: named network namespaces as iproute2 keeps them
 * (/run/netns/NAME, a bind mount of the namespace's nsfs file), each
 * optionally inside a user namespace owned by an unprivileged user, whose
 * nsfs file trellis keeps at /run/trellis/userns/NAME.
 *
 * Every call returns 0 (or a count) or -errno, and on failure leaves one
 * line saying which step failed in an nst_error.
 */
#ifndef NETNS_TOOLS_H
#define NETNS_TOOLS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>
#include <sys/types.h>

#define NST_NETNS_DIR	"/run/netns"
#define NST_USERNS_DIR	"/run/trellis/userns"
#define NST_NAME_MAX	64	/* characters of a namespace name */

struct nst_error {
	char msg[256];
};

/* --- names (nsname.c) ---------------------------------------------------- */

/*
 * Why @name cannot name a namespace ("is empty", "has a character other
 * than A-Z a-z 0-9 . _ -", ...), or NULL when it can.
 */
const char *nst_name_invalid(const char *name);

/* @dir/@name into @buf; false when it does not fit. */
bool nst_path(char *buf, size_t len, const char *dir, const char *name);

/*
 * Binds the nsfs file @nsfile (/proc/PID/ns/net, ...) on @dir/@name,
 * making @dir first (a shared mount point on itself, as iproute2 does, so
 * that names made later are seen from every mount namespace). -EEXIST
 * when the name is taken.
 */
int nst_name_bind(const char *dir, const char *name, const char *nsfile,
		  struct nst_error *e);

/* Unmounts and removes @dir/@name; 0 when it was not there. */
int nst_name_unbind(const char *dir, const char *name, struct nst_error *e);

/* --- creation (nscreate.c) ------------------------------------------------- */

/* Who administers a slice from outside: host uid and primary gid. */
struct nst_owner {
	uid_t uid;
	gid_t gid;
};

/*
 * Makes network namespace @name with loopback up. With @owner, the
 * namespace belongs to a new user namespace owned by owner->uid, in which
 * uid/gid 0 map to owner's uid/gid; its nsfs file is bound on
 * NST_USERNS_DIR/@name. Half-way failures are undone: on error no name
 * and no user-namespace file are left.
 */
int nst_create(const char *name, const struct nst_owner *owner, struct nst_error *e);

/* --- entering (nsenter.c) -------------------------------------------------- */

/*
 * Moves the calling (single-threaded) process into network namespace
 * @netfd, as `ip netns exec` does: a private mount namespace in which
 * /sys shows that namespace's devices. With @userfd >= 0 it first joins
 * that user namespace and becomes uid/gid 0 in it, so an unprivileged
 * owner administers the slice and nothing else.
 */
int nst_enter(int netfd, int userfd, struct nst_error *e);

/*
 * The host uid owning user namespace @userfd (the NS_GET_OWNER_UID
 * ioctl), or -errno.
 */
long nst_userns_owner(int userfd);

/* --- processes (nsprocs.c) ------------------------------------------------- */

/* How many processes run in the namespace of nsfs file @nsfd, or -errno. */
int nst_procs_count(int nsfd);

/*
 * Ends every process in the namespace of @nsfd but the caller: SIGTERM,
 * up to @grace_ms for them to exit, then SIGKILL, and waits until none is
 * left. Returns how many there were, or -errno.
 */
int nst_procs_kill(int nsfd, unsigned int grace_ms, struct nst_error *e);

/*
 * The same for @n namespaces at once, each given by its nsfs file's stat
 * (@ns[i]): one walk of /proc and one grace period for all, and no file
 * descriptor held for any.
 */
int nst_procs_kill_many(const struct stat *ns, size_t n, unsigned int grace_ms,
			struct nst_error *e);

#endif
