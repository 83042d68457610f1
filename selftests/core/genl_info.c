// SPDX-License-Identifier: GPL-2.0
/*
 * The trellis generic netlink family: GET_INFO, its policy and its
 * permission check (CAP_NET_ADMIN over the caller's network namespace).
 *
 *   [ root netns ]           GET_INFO as root: allowed, root's cookie
 *   [ new netns ]            GET_INFO as root: allowed, that netns's cookie
 *   [ root netns, nobody ]   refused (EPERM)
 *   [ nobody's own userns ]  refused: the root netns is not its own
 *   [ nobody's userns+netns] allowed: CAP_NET_ADMIN over its own netns
 */
#include <errno.h>
#include <grp.h>
#include <sched.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/trellis.h>

#include "kselftest_harness.h"
#include "genl.h"
#include "info.h"

#ifndef SO_NETNS_COOKIE
#define SO_NETNS_COOKIE 71
#endif

#define NOBODY 65534

static uint64_t netns_cookie(void)
{
	uint64_t cookie = 0;
	socklen_t len = sizeof(cookie);
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	if (fd < 0 || getsockopt(fd, SOL_SOCKET, SO_NETNS_COOKIE, &cookie, &len))
		cookie = 0;
	if (fd >= 0)
		close(fd);
	return cookie;
}

static int become_nobody(void)
{
	if (setgroups(0, NULL) || setgid(NOBODY) || setuid(NOBODY))
		return -1;
	return 0;
}

/*
 * Runs @fn in a child process (it changes credentials or namespaces) and
 * returns its result: 0 for success, a small positive step number for the
 * check that failed.
 */
static int in_child(int (*fn)(void))
{
	int status;
	pid_t pid = fork();

	if (pid == 0)
		_exit(fn());
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

/* GET_INFO in the current context: 0 on success, -errno on failure. */
static int get_info(struct trellis_info *info)
{
	struct trellis_genl g;
	int err = trellis_genl_open(&g);

	if (err)
		return err;
	err = trellis_info_get(&g, info);
	trellis_genl_close(&g);
	return err;
}

FIXTURE(family) {
	struct trellis_genl g;
};

FIXTURE_SETUP(family)
{
	ASSERT_EQ(0, trellis_genl_open(&self->g));
}

FIXTURE_TEARDOWN(family)
{
	trellis_genl_close(&self->g);
}

TEST_F(family, registered_with_its_version)
{
	EXPECT_NE(0, self->g.family_id);
	EXPECT_EQ(TRELLIS_GENL_VERSION, self->g.family_version);
}

TEST_F(family, get_info_reports_module_and_namespace)
{
	struct trellis_info info;

	ASSERT_EQ(0, trellis_info_get(&self->g, &info));
	EXPECT_STREQ(TRELLIS_VERSION, info.version);
	EXPECT_EQ(TRELLIS_GENL_VERSION, info.genl_version);
	/* only bits this uapi defines */
	EXPECT_EQ(0, info.features & ~((1ULL << __TRELLIS_FEATURE_COUNT) - 1));
	EXPECT_EQ(netns_cookie(), info.netns_cookie);
	EXPECT_NE(0, info.netns_cookie);
	EXPECT_EQ(0, info.links);
}

TEST_F(family, output_only_attribute_refused)
{
	struct nl_msg *msg = trellis_genl_start(&self->g, TRELLIS_CMD_GET_INFO, 0);

	ASSERT_EQ(0, nla_put_string(msg, TRELLIS_ATTR_VERSION, "9.9.9"));
	EXPECT_EQ(-EINVAL, trellis_genl_request(&self->g, msg, NULL, NULL));
	EXPECT_STREQ("output-only attribute", self->g.c.errmsg);
}

TEST_F(family, unknown_attribute_refused)
{
	struct nl_msg *msg = trellis_genl_start(&self->g, TRELLIS_CMD_GET_INFO, 0);

	ASSERT_EQ(0, nla_put_u32(msg, TRELLIS_ATTR_MAX + 7, 1));
	EXPECT_EQ(-EINVAL, trellis_genl_request(&self->g, msg, NULL, NULL));
	EXPECT_NE(0, self->g.c.errmsg[0]);
}

TEST_F(family, unknown_command_refused)
{
	struct nl_msg *msg = trellis_genl_start(&self->g, TRELLIS_CMD_MAX + 40, 0);

	EXPECT_EQ(-EOPNOTSUPP, trellis_genl_request(&self->g, msg, NULL, NULL));
}

static uint64_t root_cookie;

static int info_in_new_netns(void)
{
	struct trellis_info info;

	if (unshare(CLONE_NEWNET))
		return 1;
	if (get_info(&info))
		return 2;
	if (info.netns_cookie != netns_cookie() || info.netns_cookie == root_cookie)
		return 3;
	return info.links == 0 ? 0 : 4;
}

TEST(served_in_the_callers_netns)
{
	root_cookie = netns_cookie();
	ASSERT_NE(0, root_cookie);
	EXPECT_EQ(0, in_child(info_in_new_netns));
}

static int info_as_nobody(void)
{
	struct trellis_info info;

	if (become_nobody())
		return 1;
	return get_info(&info) == -EPERM ? 0 : 2;
}

TEST(refused_without_cap_net_admin)
{
	EXPECT_EQ(0, in_child(info_as_nobody));
}

static int info_as_userns_root_in_root_netns(void)
{
	struct trellis_info info;

	if (become_nobody() || unshare(CLONE_NEWUSER))
		return 1;
	/* root of a new user namespace, but the netns belongs to init's */
	return get_info(&info) == -EPERM ? 0 : 2;
}

TEST(refused_for_a_netns_the_caller_does_not_own)
{
	EXPECT_EQ(0, in_child(info_as_userns_root_in_root_netns));
}

static int info_as_owner_of_own_netns(void)
{
	struct trellis_info info;
	int err;

	if (become_nobody() || unshare(CLONE_NEWUSER | CLONE_NEWNET))
		return 1;
	err = get_info(&info);
	if (err)
		return 10 + (-err & 0x7f) % 100;
	return info.netns_cookie == netns_cookie() ? 0 : 3;
}

TEST(allowed_for_the_owner_of_its_own_netns)
{
	EXPECT_EQ(0, in_child(info_as_owner_of_own_netns));
}

TEST_HARNESS_MAIN
