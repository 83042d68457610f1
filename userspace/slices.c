// SPDX-License-Identifier: GPL-2.0
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>
#include <linux/magic.h>

#include "nstools.h"
#include "slices.h"
#include "util.h"

int slice_open(const char *name)
{
	char path[sizeof(SLICES_DIR "/") + SLICE_NAME_LEN_MAX];
	struct statfs fs;
	int fd;

	if (!*name || strchr(name, '/') || !strcmp(name, ".") || !strcmp(name, ".."))
		return -ENOENT;
	/* cut short, the path would name another slice: the name's prefix */
	if (!nst_path(path, sizeof(path), SLICES_DIR, name))
		return -ENAMETOOLONG;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	/* a name left behind without its namespace mounted on it */
	if (fstatfs(fd, &fs) < 0 || fs.f_type != NSFS_MAGIC) {
		close(fd);
		return -ESTALE;
	}
	return fd;
}

void slice_name_of(uint32_t inode, char *buf, size_t len)
{
	struct dirent *de;
	DIR *dir;

	buf[0] = '\0';
	dir = opendir(SLICES_DIR);
	if (!dir)
		return;
	while ((de = readdir(dir))) {
		struct stat st;

		if (de->d_name[0] == '.' ||
		    fstatat(dirfd(dir), de->d_name, &st, 0) < 0)
			continue;
		if (st.st_ino == inode) {
			snprintf(buf, len, "%s", de->d_name);
			break;
		}
	}
	closedir(dir);
}

int in_slice(int fd, int (*fn)(void *arg), void *arg)
{
	int home, ret;

	home = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	if (home < 0)
		return -errno;
	if (setns(fd, CLONE_NEWNET) < 0) {
		ret = -errno;
		close(home);
		return ret;
	}
	ret = fn(arg);
	if (setns(home, CLONE_NEWNET) < 0) {
		/* carrying on would act on the slice as if it were the node */
		err_msg("cannot return from a slice to this process's network namespace: %s",
			strerror(errno));
		exit(EXIT_RUNTIME);
	}
	close(home);
	return ret;
}
