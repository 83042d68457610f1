// SPDX-License-Identifier: GPL-2.0
/*
 * Slices by name: a name too long for the path is refused, not cut short
 * (the prefix could be another slice); and a process that cannot come back
 * from a slice's namespace exits instead of running on inside it.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "slices.h"
#include "util.h"

TEST(too_long_names_are_refused)
{
	char name[SLICE_NAME_LEN_MAX + 2];

	memset(name, 's', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	EXPECT_EQ(-ENAMETOOLONG, slice_open(name));
	/* the longest a file name can be still reaches the directory */
	name[SLICE_NAME_LEN_MAX] = '\0';
	EXPECT_NE(-ENAMETOOLONG, slice_open(name));
}

static int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n = fd < 0 ? -1 : write(fd, text, strlen(text));

	if (fd >= 0)
		close(fd);
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

/* In the "slice": a user namespace of its own loses every right to home. */
static int leave_home_for_good(void *arg)
{
	(void)arg;
	return unshare(CLONE_NEWUSER) < 0 ? -errno : 0;
}

/*
 * The child: a user namespace of its own (root in it, so setns works) with
 * a home and a "slice" network namespace; then in_slice with a function
 * that makes the way home impossible. Exits 0 if in_slice returned.
 */
static void child_run(int err_fd)
{
	int home, slice;

	if (unshare(CLONE_NEWUSER | CLONE_NEWNET) < 0 ||
	    write_file("/proc/self/setgroups", "deny") < 0 ||
	    write_file("/proc/self/uid_map", "0 0 1") < 0 ||
	    write_file("/proc/self/gid_map", "0 0 1") < 0)
		_exit(4);	/* no user namespaces here: skipped */
	home = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	if (home < 0 || unshare(CLONE_NEWNET) < 0)
		_exit(5);
	slice = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	if (slice < 0 || setns(home, CLONE_NEWNET) < 0)
		_exit(5);
	dup2(err_fd, STDERR_FILENO);
	in_slice(slice, leave_home_for_good, NULL);
	_exit(0);
}

TEST(no_way_back_exits)
{
	char err[512] = "";
	int pipefd[2], status;
	ssize_t n;
	pid_t pid;

	ASSERT_EQ(0, pipe(pipefd));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		close(pipefd[0]);
		child_run(pipefd[1]);
	}
	close(pipefd[1]);
	/* the line may come in several writes: read to the end */
	for (n = 0; (size_t)n < sizeof(err) - 1;) {
		ssize_t got = read(pipefd[0], err + n, sizeof(err) - 1 - n);

		if (got <= 0)
			break;
		n += got;
	}
	close(pipefd[0]);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status)) TH_LOG("status %#x", status);
	if (WEXITSTATUS(status) == 4)
		SKIP(return, "no user namespaces for this test on this host");
	ASSERT_NE(5, WEXITSTATUS(status)) TH_LOG("could not set up two namespaces");
	EXPECT_EQ(EXIT_RUNTIME, WEXITSTATUS(status)) TH_LOG("in_slice returned in the slice");
	ASSERT_LT(0, n);
	err[n] = '\0';
	EXPECT_NE(NULL, strstr(err, "cannot return from a slice")) TH_LOG("stderr: %s", err);
	EXPECT_EQ(strchr(err, '\n'), err + n - 1) TH_LOG("not one line: %s", err);
}

TEST_HARNESS_MAIN
