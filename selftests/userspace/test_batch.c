// SPDX-License-Identifier: GPL-2.0
/* egrectl -batch: splitting lines into words, and running a file of them. */
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "batch.h"
#include "egrectl.h"

static int split(char *line, char ***argv)
{
	static size_t cap;

	return batch_split(line, argv, &cap);
}

TEST(words_split_on_blanks)
{
	char line[] = "  link add\tl1 type egre  key 7 \r\n";
	char **argv = NULL;

	ASSERT_EQ(7, split(line, &argv));
	EXPECT_STREQ("link", argv[0]);
	EXPECT_STREQ("l1", argv[2]);
	EXPECT_STREQ("7", argv[6]);
	EXPECT_EQ(NULL, argv[7]);
	free(argv);
}

TEST(quotes_and_comments)
{
	char line[] = "link \"a b\" 'c\"d' x\"y z\"w # link del";
	char empty[] = "   \n", comment[] = "  # only a comment\n";
	char open[] = "link \"a b";
	char **argv = NULL;

	ASSERT_EQ(4, split(line, &argv));
	EXPECT_STREQ("a b", argv[1]);
	EXPECT_STREQ("c\"d", argv[2]);
	EXPECT_STREQ("xy zw", argv[3]);
	EXPECT_EQ(0, split(empty, &argv));
	EXPECT_EQ(0, split(comment, &argv));
	EXPECT_EQ(-EINVAL, split(open, &argv));
	free(argv);
}

/* The fake dispatcher: records the lines it ran, fails on "fail". */
static char ran[256];

static int fake_run(int argc, char **argv)
{
	strcat(ran, argv[0]);
	strcat(ran, egrectl_opts.json ? "+j " : " ");
	if (!strcmp(argv[0], "fail")) {
		fprintf(stderr, "egrectl: fail %s: it failed\nUsage: the long text\n",
			argc > 1 ? argv[1] : "");
		return 2;
	}
	if (!strcmp(argv[0], "die")) {
		/* as in_slice does when it cannot come back from a slice */
		fprintf(stderr, "egrectl: cannot go on\n");
		exit(2);
	}
	if (argc > 1 && !strcmp(argv[1], "-j"))
		egrectl_opts.json = true;	/* as a command's own -j does */
	return 0;
}

/* Runs batch_run over @text as stdin; what it printed to stderr in @err. */
static int run_text(const char *text, bool force, char *err, size_t len)
{
	FILE *saved_in = stdin, *saved_err = stderr;
	char *buf = NULL;
	size_t n = 0;
	int rc;

	ran[0] = '\0';
	stdin = fmemopen((void *)text, strlen(text), "r");
	stderr = open_memstream(&buf, &n);
	rc = batch_run("-", force, fake_run);
	fclose(stderr);
	fclose(stdin);
	stdin = saved_in;
	stderr = saved_err;
	snprintf(err, len, "%s", buf);
	free(buf);
	return rc;
}

TEST(stops_at_first_failing_line)
{
	char err[256];

	EXPECT_EQ(2, run_text("one\n\n# two\nfail x\nthree\n", false, err, sizeof(err)));
	EXPECT_STREQ("one fail ", ran);
	EXPECT_STREQ("egrectl: -:4: fail x: it failed\n", err);
}

TEST(force_runs_every_line)
{
	char err[256];

	EXPECT_EQ(2, run_text("fail a\ntwo\nfail b\n", true, err, sizeof(err)));
	EXPECT_STREQ("fail two fail ", ran);
	EXPECT_STREQ("egrectl: -:1: fail a: it failed\negrectl: -:3: fail b: it failed\n", err);
	EXPECT_EQ(0, run_text("one\ntwo\n", true, err, sizeof(err)));
}

TEST(json_of_one_line_does_not_leak_into_the_next)
{
	char err[256];

	egrectl_opts.json = false;
	EXPECT_EQ(0, run_text("show -j\nshow\n", false, err, sizeof(err)));
	EXPECT_STREQ("show show ", ran);
	EXPECT_FALSE(egrectl_opts.json);
}

TEST(line_that_exits_the_process_says_where)
{
	const char *text = "one\ndie\nthree\n";
	char err[256] = "";
	int pipefd[2], status;
	ssize_t n = 0, got;
	pid_t pid;

	ASSERT_EQ(0, pipe(pipefd));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		close(pipefd[0]);
		dup2(pipefd[1], STDERR_FILENO);
		stdin = fmemopen((void *)text, strlen(text), "r");
		exit(batch_run("-", false, fake_run) ? 3 : 0);
	}
	close(pipefd[1]);
	while ((size_t)n < sizeof(err) - 1 &&
	       (got = read(pipefd[0], err + n, sizeof(err) - 1 - n)) > 0)
		n += got;
	close(pipefd[0]);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(2, WEXITSTATUS(status));
	EXPECT_STREQ("egrectl: -:2: cannot go on\n", err);
}

TEST(missing_file_is_one_line)
{
	FILE *saved = stderr, *mem;
	char *buf = NULL;
	size_t n = 0;

	mem = open_memstream(&buf, &n);
	stderr = mem;
	EXPECT_EQ(1, batch_run("/nonexistent/batch", false, fake_run));
	stderr = saved;
	fclose(mem);
	EXPECT_STREQ("egrectl: cannot open batch file \"/nonexistent/batch\": No such file or directory\n",
		     buf);
	free(buf);
}

TEST_HARNESS_MAIN
