// SPDX-License-Identifier: GPL-2.0
/*
 * The processes of a namespace: those whose /proc/PID/ns/net is the same
 * nsfs inode. An exited process (a zombie too) has no namespaces left and
 * no longer counts.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "nstools.h"
#include "nserror.h"

#define POLL_MS 20
#define KILL_WAIT_MS 5000	/* for SIGKILL: longer only in uninterruptible sleep */

/* The namespaces looked for: their nsfs inodes. */
struct ns_set {
	const struct stat *ns;
	size_t n;
};

static bool ns_set_has(const struct ns_set *set, const struct stat *st)
{
	for (size_t i = 0; i < set->n; i++)
		if (set->ns[i].st_ino == st->st_ino && set->ns[i].st_dev == st->st_dev)
			return true;
	return false;
}

/*
 * Runs @fn on every process in a namespace of @set but ourselves: one walk
 * of /proc, however many namespaces.
 */
static int procs_each(const struct ns_set *set, void (*fn)(pid_t pid, void *arg), void *arg)
{
	struct dirent *de;
	struct stat st;
	int n = 0;
	DIR *proc;

	proc = opendir("/proc");
	if (!proc)
		return -errno;
	while ((de = readdir(proc))) {
		char path[64], *end;
		long pid = strtol(de->d_name, &end, 10);

		if (*end || pid <= 0 || pid == getpid())
			continue;
		snprintf(path, sizeof(path), "/proc/%ld/ns/net", pid);
		if (stat(path, &st) < 0 || !ns_set_has(set, &st))
			continue;
		n++;
		if (fn)
			fn((pid_t)pid, arg);
	}
	closedir(proc);
	return n;
}

/* The set of the namespace of @nsfd alone; -errno when it cannot be read. */
static int ns_set_one(struct ns_set *set, struct stat *st, int nsfd)
{
	set->ns = st;
	set->n = 1;
	return fstat(nsfd, st) < 0 ? -errno : 0;
}

int nst_procs_count(int nsfd)
{
	struct ns_set set;
	struct stat st;
	int err = ns_set_one(&set, &st, nsfd);

	return err ? err : procs_each(&set, NULL, NULL);
}

static void signal_send(pid_t pid, void *arg)
{
	kill(pid, *(int *)arg);
}

static void sleep_ms(unsigned int ms)
{
	struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* Waits up to @ms for the namespaces to have no process; how many are left. */
static int procs_wait_gone(const struct ns_set *set, unsigned int ms)
{
	unsigned int waited = 0;
	int n;

	while ((n = procs_each(set, NULL, NULL)) > 0 && waited < ms) {
		sleep_ms(POLL_MS);
		waited += POLL_MS;
	}
	return n;
}

int nst_procs_kill_many(const struct stat *ns, size_t count, unsigned int grace_ms,
			struct nst_error *e)
{
	struct ns_set set = { ns, count };
	int sig = SIGTERM, n, left;

	n = procs_each(&set, signal_send, &sig);
	if (n < 0)
		return nst_fail(e, n, "list the processes");
	if (n == 0)
		return 0;
	left = procs_wait_gone(&set, grace_ms);
	if (left > 0) {
		sig = SIGKILL;
		procs_each(&set, signal_send, &sig);
		left = procs_wait_gone(&set, KILL_WAIT_MS);
	}
	if (left < 0)
		return nst_fail(e, left, "list the processes");
	if (left > 0)
		return nst_fail(e, -EBUSY, "%d processes still running after SIGKILL", left);
	return n;
}

int nst_procs_kill(int nsfd, unsigned int grace_ms, struct nst_error *e)
{
	struct ns_set set;
	struct stat st;
	int err = ns_set_one(&set, &st, nsfd);

	if (err)
		return nst_fail(e, err, "read the namespace");
	return nst_procs_kill_many(&st, 1, grace_ms, e);
}
