// SPDX-License-Identifier: GPL-2.0
/*
 * The processes of a namespace: those whose /proc/PID/ns/net is the same
 * nsfs inode. An exited process (a zombie too) has no namespaces left and
 * no longer counts.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
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

/* Runs @fn on every process in the namespace of @nsfd but ourselves. */
static int procs_each(int nsfd, void (*fn)(pid_t pid, void *arg), void *arg)
{
	struct stat ns, st;
	struct dirent *de;
	int n = 0;
	DIR *proc;

	if (fstat(nsfd, &ns) < 0)
		return -errno;
	proc = opendir("/proc");
	if (!proc)
		return -errno;
	while ((de = readdir(proc))) {
		char path[64], *end;
		long pid = strtol(de->d_name, &end, 10);

		if (*end || pid <= 0 || pid == getpid())
			continue;
		snprintf(path, sizeof(path), "/proc/%ld/ns/net", pid);
		if (stat(path, &st) < 0 || st.st_ino != ns.st_ino || st.st_dev != ns.st_dev)
			continue;
		n++;
		if (fn)
			fn((pid_t)pid, arg);
	}
	closedir(proc);
	return n;
}

int nst_procs_count(int nsfd)
{
	return procs_each(nsfd, NULL, NULL);
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

/* Waits up to @ms for the namespace to have no process; how many are left. */
static int procs_wait_gone(int nsfd, unsigned int ms)
{
	unsigned int waited = 0;
	int n;

	while ((n = nst_procs_count(nsfd)) > 0 && waited < ms) {
		sleep_ms(POLL_MS);
		waited += POLL_MS;
	}
	return n;
}

int nst_procs_kill(int nsfd, unsigned int grace_ms, struct nst_error *e)
{
	int sig = SIGTERM, n, left;

	n = procs_each(nsfd, signal_send, &sig);
	if (n < 0)
		return nst_fail(e, n, "list the processes");
	if (n == 0)
		return 0;
	left = procs_wait_gone(nsfd, grace_ms);
	if (left > 0) {
		sig = SIGKILL;
		procs_each(nsfd, signal_send, &sig);
		left = procs_wait_gone(nsfd, KILL_WAIT_MS);
	}
	if (left < 0)
		return nst_fail(e, left, "list the processes");
	if (left > 0)
		return nst_fail(e, -EBUSY, "%d processes still running after SIGKILL", left);
	return n;
}
