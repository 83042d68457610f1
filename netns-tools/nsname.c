// SPDX-License-Identifier: GPL-2.0
/* Namespace names: what a name may be, and binding nsfs files on names. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nstools.h"
#include "nserror.h"

const char *nst_name_invalid(const char *name)
{
	size_t len = strlen(name);

	if (len == 0)
		return "is empty";
	if (!strcmp(name, ".") || !strcmp(name, ".."))
		return "is not a name (\".\" or \"..\")";
	if (len > NST_NAME_MAX)
		return "is longer than " NST_STR(NST_NAME_MAX) " characters";
	if (strspn(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
			 "0123456789._-") != len)
		return "has a character other than A-Z a-z 0-9 . _ -";
	return NULL;
}

bool nst_path(char *buf, size_t len, const char *dir, const char *name)
{
	int n = snprintf(buf, len, "%s/%s", dir, name);

	return n > 0 && (size_t)n < len;
}

/* mkdir -p @dir, mode 0755: the owner of a slice must reach its files. */
static int dir_make(const char *dir, struct nst_error *e)
{
	char path[256];
	struct stat st;

	snprintf(path, sizeof(path), "%s", dir);
	for (char *p = path + 1;; p++) {
		bool last = *p == '\0';

		if (*p != '/' && !last)
			continue;
		*p = '\0';
		if (mkdir(path, 0755) < 0 && errno != EEXIST)
			return nst_fail(e, -errno, "mkdir %s", path);
		if (stat(path, &st) < 0)
			return nst_fail(e, -errno, "%s", path);
		if (!S_ISDIR(st.st_mode))
			return nst_fail(e, -ENOTDIR, "%s", path);
		if (last)
			return 0;
		*p = '/';
	}
}

/*
 * Makes @dir a shared mount point of its own, so that a name bound in it
 * later shows in every mount namespace that copied it (ip netns exec's,
 * slice exec's); the same steps as iproute2.
 */
static int dir_share(const char *dir, struct nst_error *e)
{
	if (mount("", dir, "none", MS_SHARED | MS_REC, NULL) == 0)
		return 0;
	if (errno != EINVAL)
		return nst_fail(e, -errno, "make %s a shared mount", dir);
	/* not a mount point yet: bind it on itself, then share it */
	if (mount(dir, dir, "none", MS_BIND | MS_REC, NULL) < 0)
		return nst_fail(e, -errno, "bind %s on itself", dir);
	if (mount("", dir, "none", MS_SHARED | MS_REC, NULL) < 0)
		return nst_fail(e, -errno, "make %s a shared mount", dir);
	return 0;
}

int nst_name_bind(const char *dir, const char *name, const char *nsfile,
		  struct nst_error *e)
{
	char path[256];
	int fd, err;

	if (!nst_path(path, sizeof(path), dir, name))
		return nst_fail(e, -ENAMETOOLONG, "%s/%s", dir, name);
	err = dir_make(dir, e);
	if (!err)
		err = dir_share(dir, e);
	if (err)
		return err;
	fd = open(path, O_RDONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0);
	if (fd < 0)
		return nst_fail(e, -errno, "create %s", path);
	close(fd);
	if (mount(nsfile, path, "none", MS_BIND, NULL) < 0) {
		err = nst_fail(e, -errno, "bind %s on %s", nsfile, path);
		unlink(path);
		return err;
	}
	return 0;
}

int nst_name_unbind(const char *dir, const char *name, struct nst_error *e)
{
	char path[256];

	if (!nst_path(path, sizeof(path), dir, name))
		return nst_fail(e, -ENAMETOOLONG, "%s/%s", dir, name);
	/* EINVAL: a name left without its mount; it goes all the same */
	if (umount2(path, MNT_DETACH) < 0 && errno != EINVAL && errno != ENOENT &&
	    errno != ENOTDIR)
		return nst_fail(e, -errno, "unmount %s", path);
	if (unlink(path) < 0 && errno != ENOENT && errno != ENOTDIR)
		return nst_fail(e, -errno, "remove %s", path);
	return 0;
}
