// SPDX-License-Identifier: GPL-2.0
/*
 * Making a named network namespace, optionally inside a user namespace
 * owned by an unprivileged user.
 *
 * Without an owner, the caller makes the network namespace itself, binds
 * it on its name and goes back to its own. With one, a child makes the
 * namespaces, so that the caller's identity stays as it was: the child
 * first takes the owner's uid and gid (the kernel makes the creator's
 * euid the owner, which gives that user every capability in it from
 * outside) and unshares the user namespace. The privileged parent writes
 * the id maps (the child, now unprivileged, could map only itself), then
 * the child makes the network namespace inside it, and the parent binds
 * both nsfs files on their names while the child holds them alive.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <net/if.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nstools.h"
#include "nserror.h"

/* What the child tells the parent after each of its two stages. */
struct child_report {
	int step;	/* enum child_step that failed, or STEP_OK */
	int err;	/* its errno */
};

enum child_step { STEP_OK, STEP_IDS, STEP_USERNS, STEP_NETNS, STEP_LOOPBACK };

static const char *const step_names[] = {
	[STEP_IDS] = "take the owner's uid and gid",
	[STEP_USERNS] = "create the user namespace",
	[STEP_NETNS] = "create the network namespace",
	[STEP_LOOPBACK] = "bring loopback up",
};

static int loopback_up(void)
{
	struct ifreq ifr = { .ifr_name = "lo" };
	int fd, ret = 0;

	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	if (ioctl(fd, SIOCGIFFLAGS, &ifr) < 0)
		ret = -1;
	ifr.ifr_flags |= IFF_UP;
	if (!ret && ioctl(fd, SIOCSIFFLAGS, &ifr) < 0)
		ret = -1;
	close(fd);
	return ret;
}

static void report(int fd, enum child_step step)
{
	struct child_report r = { .step = step, .err = step ? errno : 0 };

	if (write(fd, &r, sizeof(r)) != sizeof(r))
		_exit(1);
}

/* The child: never returns. Holds the namespaces until the parent lets go. */
static void child_run(int to_parent, int from_parent, const struct nst_owner *owner)
{
	char go;

	if (owner) {
		if (setgroups(0, NULL) < 0 || setresgid(owner->gid, owner->gid, owner->gid) < 0 ||
		    setresuid(owner->uid, owner->uid, owner->uid) < 0) {
			report(to_parent, STEP_IDS);
			_exit(1);
		}
		/* dropping root made us undumpable; the parent reads our /proc files */
		prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
		if (unshare(CLONE_NEWUSER) < 0) {
			report(to_parent, STEP_USERNS);
			_exit(1);
		}
		report(to_parent, STEP_OK);
		/* the parent writes our id maps */
		if (read(from_parent, &go, 1) != 1)
			_exit(1);
	}
	if (unshare(CLONE_NEWNET) < 0) {
		report(to_parent, STEP_NETNS);
		_exit(1);
	}
	if (loopback_up() < 0) {
		report(to_parent, STEP_LOOPBACK);
		_exit(1);
	}
	report(to_parent, STEP_OK);
	/* until the parent has bound our namespaces, or given up */
	while (read(from_parent, &go, 1) > 0)
		;
	_exit(0);
}

static int child_wait_report(int fd, struct nst_error *e)
{
	struct child_report r;

	if (read(fd, &r, sizeof(r)) != sizeof(r))
		return nst_fail(e, -EIO, "namespace helper process died");
	if (r.step == STEP_OK)
		return 0;
	if (r.step < STEP_IDS || r.step > STEP_LOOPBACK)
		return nst_fail(e, -EIO, "namespace helper process");
	return nst_fail(e, -r.err, "%s", step_names[r.step]);
}

static int map_write(pid_t pid, const char *map, unsigned int id, struct nst_error *e)
{
	char path[64], line[64];
	int fd, len, ret = 0;

	snprintf(path, sizeof(path), "/proc/%d/%s", (int)pid, map);
	len = snprintf(line, sizeof(line), "0 %u 1\n", id);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return nst_fail(e, -errno, "open %s", path);
	if (write(fd, line, len) != len)
		ret = nst_fail(e, -errno, "write %s", path);
	close(fd);
	return ret;
}

/* The parent's side, with the child @pid running. */
static int namespaces_bind(const char *name, const struct nst_owner *owner, pid_t pid,
			   int from_child, int to_child, struct nst_error *e)
{
	char nsfile[64];
	int err;

	if (owner) {
		err = child_wait_report(from_child, e);
		if (!err)
			err = map_write(pid, "uid_map", owner->uid, e);
		if (!err)
			err = map_write(pid, "gid_map", owner->gid, e);
		if (err)
			return err;
		if (write(to_child, "m", 1) != 1)
			return nst_fail(e, -EIO, "namespace helper process died");
	}
	err = child_wait_report(from_child, e);
	if (err)
		return err;
	snprintf(nsfile, sizeof(nsfile), "/proc/%d/ns/net", (int)pid);
	err = nst_name_bind(NST_NETNS_DIR, name, nsfile, e);
	if (err || !owner)
		return err;
	snprintf(nsfile, sizeof(nsfile), "/proc/%d/ns/user", (int)pid);
	err = nst_name_bind(NST_USERNS_DIR, name, nsfile, e);
	if (err) {
		struct nst_error ignored;

		nst_name_unbind(NST_NETNS_DIR, name, &ignored);
	}
	return err;
}

/*
 * Without an owner, no other identity is needed: this process makes the
 * namespace itself and comes back, where a helper process would cost a
 * fork (a copy of this process's page tables) a namespace.
 */
static int create_here(const char *name, struct nst_error *e)
{
	int home, err = 0;

	home = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	if (home < 0)
		return nst_fail(e, -errno, "open /proc/self/ns/net");
	if (unshare(CLONE_NEWNET) < 0) {
		err = nst_fail(e, -errno, "%s", step_names[STEP_NETNS]);
		close(home);
		return err;
	}
	if (loopback_up() < 0)
		err = nst_fail(e, -errno, "%s", step_names[STEP_LOOPBACK]);
	if (!err)
		err = nst_name_bind(NST_NETNS_DIR, name, "/proc/thread-self/ns/net", e);
	if (setns(home, CLONE_NEWNET) < 0) {
		/* carrying on would act on the new namespace as if it were ours */
		fprintf(stderr, "cannot return to this process's network namespace: %s\n",
			strerror(errno));
		exit(2);	/* a runtime failure, as egrectl's in_slice */
	}
	close(home);
	return err;
}

int nst_create(const char *name, const struct nst_owner *owner, struct nst_error *e)
{
	int to_child[2], from_child[2], err, status;
	struct sigaction ign = { .sa_handler = SIG_IGN }, old;
	pid_t pid;

	if (!owner)
		return create_here(name, e);
	if (pipe2(to_child, O_CLOEXEC) < 0)
		return nst_fail(e, -errno, "pipe");
	if (pipe2(from_child, O_CLOEXEC) < 0) {
		err = nst_fail(e, -errno, "pipe");
		close(to_child[0]);
		close(to_child[1]);
		return err;
	}
	/* a dead child must not take the parent along on a write */
	sigaction(SIGPIPE, &ign, &old);
	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		close(to_child[1]);
		close(from_child[0]);
		child_run(from_child[1], to_child[0], owner);
	}
	close(to_child[0]);
	close(from_child[1]);
	if (pid < 0)
		err = nst_fail(e, -errno, "fork");
	else
		err = namespaces_bind(name, owner, pid, from_child[0], to_child[1], e);
	/* EOF lets the child go; its namespaces live on in the bind mounts */
	close(to_child[1]);
	close(from_child[0]);
	if (pid > 0)
		waitpid(pid, &status, 0);
	sigaction(SIGPIPE, &old, NULL);
	return err;
}
