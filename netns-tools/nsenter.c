// SPDX-License-Identifier: GPL-2.0
/* Entering a named namespace, as `ip netns exec` does, and who owns it. */
#define _GNU_SOURCE
#include <errno.h>
#include <grp.h>
#include <sched.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/statvfs.h>
#include <unistd.h>
#include <linux/nsfs.h>

#include "nstools.h"
#include "nserror.h"

/*
 * A mount namespace of our own whose /sys lists the devices of the network
 * namespace we are in (sysfs shows those of the namespace that mounts it).
 */
static int sysfs_private(struct nst_error *e)
{
	unsigned long flags = 0;
	struct statvfs st;

	if (unshare(CLONE_NEWNS) < 0)
		return nst_fail(e, -errno, "unshare the mount namespace");
	/* what we mount must not propagate back to the node */
	if (mount("", "/", "none", MS_SLAVE | MS_REC, NULL) < 0)
		return nst_fail(e, -errno, "make / a slave mount");
	if (statvfs("/sys", &st) == 0) {
		flags |= st.f_flag & ST_RDONLY ? MS_RDONLY : 0;
		flags |= st.f_flag & ST_NOSUID ? MS_NOSUID : 0;
		flags |= st.f_flag & ST_NODEV ? MS_NODEV : 0;
		flags |= st.f_flag & ST_NOEXEC ? MS_NOEXEC : 0;
	}
	/*
	 * In a user namespace's copy the old /sys is locked to what is under
	 * it and cannot be unmounted: then the new one covers it.
	 */
	umount2("/sys", MNT_DETACH);
	if (mount("sysfs", "/sys", "sysfs", flags, NULL) < 0)
		return nst_fail(e, -errno, "mount sysfs on /sys");
	return 0;
}

int nst_enter(int netfd, int userfd, struct nst_error *e)
{
	if (userfd >= 0) {
		if (setns(userfd, CLONE_NEWUSER) < 0)
			return nst_fail(e, -errno, "join the slice's user namespace");
		/* the owner's uid is 0 in there already; drop unmapped groups */
		if (setgroups(0, NULL) < 0 || setresgid(0, 0, 0) < 0 || setresuid(0, 0, 0) < 0)
			return nst_fail(e, -errno, "become root in the slice's user namespace");
	}
	if (setns(netfd, CLONE_NEWNET) < 0)
		return nst_fail(e, -errno, "join the network namespace");
	return sysfs_private(e);
}

long nst_userns_owner(int userfd)
{
	uid_t uid;

	if (ioctl(userfd, NS_GET_OWNER_UID, &uid) < 0)
		return -errno;
	return (long)uid;
}
