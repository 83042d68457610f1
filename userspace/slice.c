// SPDX-License-Identifier: GPL-2.0
/*
 * egrectl slice: named slices (network namespaces iproute2 sees too).
 *
 *   egrectl slice add NAME [userns UID|USER]
 *   egrectl slice del NAME
 *   egrectl slice list [-j]
 *   egrectl slice exec NAME [--] CMD...
 *
 * The namespace machinery is netns-tools/; this is the command line, who
 * may do what, and the order in which a slice is taken apart.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "egrectl.h"
#include "nstools.h"
#include "print.h"
#include "nl.h"
#include "slice_ifaces.h"
#include "slices.h"
#include "util.h"

/* How long a slice's processes get between SIGTERM and SIGKILL. */
#define SLICE_GRACE_MS 1000

static void slice_usage(FILE *f)
{
	fprintf(f,
		"Usage: egrectl slice add NAME [userns UID|USER]\n"
		"       egrectl slice del NAME\n"
		"       egrectl slice list [-j]\n"
		"       egrectl slice exec NAME [--] CMD...\n"
		"\n"
		"A slice is a named network namespace, " NST_NETNS_DIR "/NAME, as iproute2 keeps\n"
		"them (ip netns exec NAME, ip -n NAME work on it; ip netns add makes one).\n"
		"NAME: up to %d characters of A-Z a-z 0-9 . _ -\n"
		"\n"
		"add     makes it, loopback up. With userns, the slice also gets a user\n"
		"        namespace owned by that (non-root) user, in which root maps to\n"
		"        the user: its slice administrator, who may then enter it with\n"
		"        slice exec and configure it (addresses, routes, daemons) without\n"
		"        host privilege, and reach nothing of the node or of other slices.\n"
		"del     ends the slice's processes (SIGTERM, then SIGKILL), deletes its\n"
		"        interfaces (veth peers, fast slice interfaces, qdiscs go with\n"
		"        them), removes its name and user namespace. Root only, as add.\n"
		"list    name, administrator uid (- for none), interfaces, netns inode.\n"
		"exec    runs CMD in the slice as ip netns exec does (/sys shows the\n"
		"        slice's devices); exits with CMD's status. Root enters any slice;\n"
		"        a slice administrator enters its own, as root of its user namespace.\n",
		NST_NAME_MAX);
}

/* Checks that argv[0] is a slice name; one line saying why not otherwise. */
static int name_arg(const char *cmd, int argc, char **argv)
{
	const char *why;

	if (argc < 1) {
		err_msg("slice %s: a NAME is needed", cmd);
		return EXIT_USAGE;
	}
	why = nst_name_invalid(argv[0]);
	if (why) {
		err_msg("slice %s: slice name \"%s\" %s", cmd, argv[0], why);
		return EXIT_USAGE;
	}
	return 0;
}

/* Making and deleting names under /run needs root: say so before trying. */
static int root_needed(const char *cmd, const char *name)
{
	if (geteuid() == 0)
		return 0;
	err_msg("slice %s %s: permission denied (only root adds and deletes slices)", cmd, name);
	return EXIT_RUNTIME;
}

/* The slice's namespace fd, or one line saying why not (and -errno). */
static int slice_netns_open(const char *cmd, const char *name)
{
	int fd = slice_open(name);

	if (fd == -ENOENT)
		err_msg("slice %s: no such slice \"%s\"", cmd, name);
	else if (fd == -ESTALE && strcmp(cmd, "del"))
		err_msg("slice %s %s: %s/%s has no namespace behind it (slice del removes it)",
			cmd, name, NST_NETNS_DIR, name);
	else if (fd < 0 && fd != -ESTALE)
		err_msg("slice %s %s: %s", cmd, name, strerror(-fd));
	return fd;
}

/* The slice's user namespace fd, or -ENOENT when it has none. */
static int slice_userns_open(const char *name)
{
	char path[256];
	int fd;

	if (!nst_path(path, sizeof(path), NST_USERNS_DIR, name))
		return -ENAMETOOLONG;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (nst_userns_owner(fd) < 0) {
		/* a name without its namespace mounted on it */
		close(fd);
		return -ENOENT;
	}
	return fd;
}

static int owner_parse(const char *name, const char *who, struct nst_owner *owner)
{
	struct passwd *pw = getpwnam(who);

	if (!pw) {
		unsigned long long uid;

		if (parse_uint(who, 10, 0, UINT32_MAX - 1, &uid))
			pw = getpwuid((uid_t)uid);
	}
	if (!pw) {
		err_msg("slice add %s: unknown user \"%s\"", name, who);
		return EXIT_USAGE;
	}
	if (pw->pw_uid == 0) {
		err_msg("slice add %s: userns %s: a slice administrator cannot be root (uid 0)",
			name, who);
		return EXIT_USAGE;
	}
	owner->uid = pw->pw_uid;
	owner->gid = pw->pw_gid;
	return 0;
}

static int slice_add(int argc, char **argv)
{
	struct nst_owner owner, *with_owner = NULL;
	struct nst_error e;
	char path[256];
	int err;

	err = name_arg("add", argc, argv);
	if (err)
		return err;
	for (int i = 1; i < argc; i += 2) {
		if (!matches(argv[i], "userns"))
			return egrectl_bad_arg(&egrectl_cmd_slice, argv[i]);
		if (i + 1 == argc) {
			err_msg("slice add: \"userns\" needs a UID or USER");
			return EXIT_USAGE;
		}
		if (with_owner) {
			err_msg("slice add: \"userns\" given twice");
			return EXIT_USAGE;
		}
		err = owner_parse(argv[0], argv[i + 1], &owner);
		if (err)
			return err;
		with_owner = &owner;
	}
	err = root_needed("add", argv[0]);
	if (err)
		return err;
	nst_path(path, sizeof(path), NST_NETNS_DIR, argv[0]);
	if (access(path, F_OK) == 0) {
		err_msg("slice %s exists", argv[0]);
		return EXIT_RUNTIME;
	}
	err = nst_create(argv[0], with_owner, &e);
	if (err == -EEXIST && access(path, F_OK) == 0) {
		err_msg("slice %s exists", argv[0]);
		return EXIT_RUNTIME;
	}
	if (err) {
		err_msg("slice add %s: %s", argv[0], e.msg);
		return EXIT_RUNTIME;
	}
	return 0;
}

/*
 * Takes the slice apart, inside out: its processes first (so none makes
 * new interfaces behind us), then its interfaces, then its names. Goes on
 * past a failure, so that the slice is gone either way, and reports it.
 */
static void error_keep_first(char *msg, size_t len, const char *text)
{
	if (!msg[0])
		snprintf(msg, len, "%s", text);
}

static int slice_del(int argc, char **argv)
{
	char msg[256] = "", ifaces_msg[256];
	struct nst_error e;
	const char *name;
	int netfd, err;

	err = name_arg("del", argc, argv);
	if (err)
		return err;
	name = argv[0];
	if (argc > 1)
		return egrectl_bad_arg(&egrectl_cmd_slice, argv[1]);
	err = root_needed("del", name);
	if (err)
		return err;
	netfd = slice_netns_open("del", name);
	if (netfd < 0 && netfd != -ESTALE)
		return EXIT_RUNTIME;
	if (netfd >= 0) {
		if (nst_procs_kill(netfd, SLICE_GRACE_MS, &e) < 0)
			error_keep_first(msg, sizeof(msg), e.msg);
		if (slice_ifaces_delete(netfd, ifaces_msg, sizeof(ifaces_msg)) < 0)
			error_keep_first(msg, sizeof(msg), ifaces_msg);
		close(netfd);
	}
	if (nst_name_unbind(NST_NETNS_DIR, name, &e) < 0)
		error_keep_first(msg, sizeof(msg), e.msg);
	if (nst_name_unbind(NST_USERNS_DIR, name, &e) < 0)
		error_keep_first(msg, sizeof(msg), e.msg);
	if (msg[0]) {
		err_msg("slice del %s: %s", name, msg);
		return EXIT_RUNTIME;
	}
	return 0;
}

/* What list says of one slice. */
struct slice_info {
	unsigned long inode;
	long owner;		/* uid, or -1: no user namespace */
	int interfaces;		/* -errno when it cannot be read (not root) */
};

static void slice_info_read(int netfd, const char *name, struct slice_info *s)
{
	struct stat st;
	int userfd;

	s->inode = fstat(netfd, &st) == 0 ? (unsigned long)st.st_ino : 0;
	userfd = slice_userns_open(name);
	s->owner = userfd >= 0 ? nst_userns_owner(userfd) : -1;
	if (userfd >= 0)
		close(userfd);
	s->interfaces = slice_ifaces_count(netfd);
}

/* A line a slice, as ip netns list has one: what cannot be read is left out. */
static void slice_info_print(const char *name, const struct slice_info *s)
{
	print_open_object(NULL);
	print_string(PRINT_ANY, "name", "%s ", name);
	if (s->owner >= 0)
		print_u64(PRINT_ANY, "userns", "userns %" PRIu64 " ", (uint64_t)s->owner);
	if (s->interfaces >= 0)
		print_u64(PRINT_ANY, "interfaces", "interfaces %" PRIu64 " ",
			  (uint64_t)s->interfaces);
	print_u64(PRINT_ANY, "netns_inode", "netns %" PRIu64, s->inode);
	print_nl();
	print_close_object();
}

static int visible(const struct dirent *de)
{
	return de->d_name[0] != '.';
}

static int slice_list(int argc, char **argv)
{
	struct dirent **names;
	int n;

	for (int i = 0; i < argc; i++)
		if (!egrectl_json_arg(argv[i]))
			return egrectl_bad_arg(&egrectl_cmd_slice, argv[i]);
	n = scandir(NST_NETNS_DIR, &names, visible, alphasort);
	if (n < 0 && errno != ENOENT) {
		err_msg("slice list: %s: %s", NST_NETNS_DIR, strerror(errno));
		return EXIT_RUNTIME;
	}
	print_start(stdout, egrectl_opts.json, egrectl_opts.pretty);
	print_open_array(NULL);
	for (int i = 0; i < n; i++) {
		struct slice_info s;
		int netfd = slice_open(names[i]->d_name);

		/* a name without a namespace (left by a crash) is no slice */
		if (netfd >= 0) {
			slice_info_read(netfd, names[i]->d_name, &s);
			slice_info_print(names[i]->d_name, &s);
			close(netfd);
		}
		free(names[i]);
	}
	if (n > 0)
		free(names);
	print_close_array();
	print_finish();
	return 0;
}

/*
 * Who enters how: root joins the network namespace only, as ip netns exec;
 * anyone else only a slice whose user namespace they own, as its root.
 * Returns the user namespace fd to join, -1 for none, or an exit code
 * (as -code) after one line saying why not.
 */
static int exec_userns(const char *name)
{
	long owner;
	int fd;

	if (geteuid() == 0)
		return -1;
	fd = slice_userns_open(name);
	if (fd < 0) {
		err_msg("slice exec %s: permission denied (slice %s has no slice administrator; only root may enter it)",
			name, name);
		return -EXIT_RUNTIME;
	}
	owner = nst_userns_owner(fd);
	if (owner != (long)getuid()) {
		err_msg("slice exec %s: permission denied (slice %s is administered by uid %ld, not uid %u)",
			name, name, owner, (unsigned int)getuid());
		close(fd);
		return -EXIT_RUNTIME;
	}
	return fd;
}

/* The child: enters the slice and becomes CMD. */
static void exec_child(const char *name, int netfd, int userfd, char **cmd)
{
	struct nst_error e;

	/* a node socket kept for -batch must not leak into the slice */
	conn_keep_sockets(false);
	if (nst_enter(netfd, userfd, &e) < 0) {
		err_msg("slice exec %s: %s", name, e.msg);
		_exit(EXIT_RUNTIME);
	}
	execvp(cmd[0], cmd);
	err_msg("slice exec %s: %s: %s", name, cmd[0], strerror(errno));
	_exit(EXIT_RUNTIME);
}

/* Runs CMD in a child, so that this process (and -batch) stays in the node. */
static int slice_exec(int argc, char **argv)
{
	int netfd, userfd, status, err;
	const char *name;
	pid_t pid;

	err = name_arg("exec", argc, argv);
	if (err)
		return err;
	name = argv[0];
	argc--;
	argv++;
	if (argc > 0 && !strcmp(argv[0], "--")) {
		argc--;
		argv++;
	}
	if (argc == 0) {
		err_msg("slice exec %s: a command to run is needed", name);
		return EXIT_USAGE;
	}
	netfd = slice_netns_open("exec", name);
	if (netfd < 0)
		return EXIT_RUNTIME;
	userfd = exec_userns(name);
	if (userfd < -1) {
		close(netfd);
		return -userfd;
	}
	fflush(NULL);
	pid = fork();
	if (pid == 0)
		exec_child(name, netfd, userfd, argv);
	err = pid < 0 ? errno : 0;
	close(netfd);
	if (userfd >= 0)
		close(userfd);
	if (pid < 0) {
		err_msg("slice exec %s: fork: %s", name, strerror(err));
		return EXIT_RUNTIME;
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return EXIT_RUNTIME;
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

static int slice_run(int argc, char **argv)
{
	if (argc == 0)
		return slice_list(0, argv);
	if (matches(argv[0], "add"))
		return slice_add(argc - 1, argv + 1);
	if (matches(argv[0], "delete"))
		return slice_del(argc - 1, argv + 1);
	if (matches(argv[0], "list") || matches(argv[0], "show"))
		return slice_list(argc - 1, argv + 1);
	if (matches(argv[0], "exec"))
		return slice_exec(argc - 1, argv + 1);
	if (matches(argv[0], "help")) {
		slice_usage(stdout);
		return 0;
	}
	return egrectl_bad_arg(&egrectl_cmd_slice, argv[0]);
}

const struct egrectl_cmd egrectl_cmd_slice = {
	.name = "slice",
	.synopsis = "egrectl slice { add | del | list | exec } [NAME] [ARGS]",
	.summary = "named slices: add, del, list, exec",
	.run = slice_run,
	.usage = slice_usage,
};
