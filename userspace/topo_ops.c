// SPDX-License-Identifier: GPL-2.0
/*
 * The objects of a topology plan, made and removed on this node.
 *
 * Namespaces, links, routes and shaping go through egrectl's own commands
 * (the same checks and messages as on the command line); interface state,
 * addresses, sysctls and processes are done here. What identifies an
 * object made (a namespace's netns cookie, a device's ifindex, a process's
 * pid and start time) is what apply records, so that an object of the
 * same name made by someone else is never taken for ours.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>
#include <linux/nsfs.h>
#include <linux/rtnetlink.h>

#include "dev_query.h"
#include "egrectl.h"
#include "link_args.h"
#include "nstools.h"
#include "nl.h"
#include "slices.h"
#include "topo_bridge.h"
#include "topo_ns.h"
#include "topo_ops.h"
#include "util.h"

#define RUN_LOG_DIR	"/run/trellis/topo/log"

static int link_state(const char *ns, const char *dev, uint32_t mtu, bool up, const char *mac);

/* egrectl WORDS..., in this process: "link add ...", "slice del ...". */
static int egrectl_words(char **words)
{
	const struct egrectl_cmd *const cmds[] = {
		&egrectl_cmd_link, &egrectl_cmd_slice, &egrectl_cmd_route,
	};
	int argc = 0;

	while (words[argc])
		argc++;
	for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (!strcmp(words[0], cmds[i]->name))
			return cmds[i]->run(argc - 1, words + 1);
	err_msg("topo: no command \"%s\"", words[0]);
	return EXIT_USAGE;
}

static int egrectl_line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int egrectl_line(const char *fmt, ...)
{
	char line[512], *words[32], *save = NULL, *w;
	size_t n = 0;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	for (w = strtok_r(line, " ", &save); w && n < 31; w = strtok_r(NULL, " ", &save))
		words[n++] = w;
	words[n] = NULL;
	return egrectl_words(words);
}

static int ns_open(const char *ns)
{
	int fd = slice_open(ns);

	if (fd < 0)
		err_msg("topo: namespace %s: %s", ns, fd == -ESTALE ? "gone" : strerror(-fd));
	return fd;
}

int topo_iface_state(const char *ns, const char *dev, bool up)
{
	return link_state(ns, dev, 0, up, NULL);
}

/*
 * Sets @dev's MTU (0: leave it), MAC address (NULL: leave it) and up or
 * down, in @ns (NULL: here).
 */
static int link_state(const char *ns, const char *dev, uint32_t mtu, bool up, const char *mac)
{
	struct nl_conn *r = topo_ns_rtnl(ns, true);
	uint8_t lladdr[6];
	int err;

	if (!r)
		return EXIT_RUNTIME;
	if (mac && !link_parse_mac(mac, lladdr))
		mac = NULL;	/* derived by plan: always six bytes */
	err = dev_query_set(r, dev, mtu, mac ? lladdr : NULL, up);
	if (err)
		err_msg("topo: %s %s: mtu %u %s: %s", ns ? ns : "node", dev, mtu, up ? "up" : "down",
			r->errmsg[0] ? r->errmsg : strerror(-err));
	return err ? EXIT_RUNTIME : 0;
}

static int addr_change(const struct topo_obj *o, bool add)
{
	struct nl_conn *r = topo_ns_rtnl(o->ns, true);
	unsigned int ifindex;
	int err;

	if (!r)
		return EXIT_RUNTIME;
	ifindex = topo_ns_ifindex(o->ns, o->dev);
	err = ifindex ? dev_query_addr(r, ifindex, o->arg, add) : -ENODEV;
	if (err && !(err == -EADDRNOTAVAIL && !add)) {
		err_msg("topo: %s: address %s %s %s: %s", o->ns, o->arg, add ? "on" : "off", o->dev,
			r->errmsg[0] ? r->errmsg : strerror(-err));
		return EXIT_RUNTIME;
	}
	return 0;
}

struct route_arg {
	const struct topo_obj *o;
	const char *verb;
};

static int route_here(void *arg)
{
	struct route_arg *a = arg;
	char *words[40];
	size_t n = 0;

	words[n++] = "route";
	words[n++] = (char *)a->verb;
	for (char **w = a->o->words; *w && n < 39; w++)
		words[n++] = *w;
	words[n] = NULL;
	return egrectl_words(words);
}

static int route_change(const struct topo_obj *o, const char *verb)
{
	struct route_arg a = { o, verb };
	int fd = ns_open(o->ns), ret;

	if (fd < 0)
		return EXIT_RUNTIME;
	ret = in_slice(fd, route_here, &a);
	close(fd);
	return ret;
}

struct sysctl_arg {
	const char *key, *value;
	char *old;
	size_t len;
};

static int sysctl_here(void *arg)
{
	struct sysctl_arg *a = arg;
	char path[256], *p;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/sys/%s", a->key);
	for (p = path + strlen("/proc/sys/"); *p; p++)
		if (*p == '.')
			*p = '/';
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (a->old) {
		n = read(fd, a->old, a->len - 1);
		a->old[n > 0 ? n : 0] = '\0';
		a->old[strcspn(a->old, "\n")] = '\0';
		for (p = a->old; *p; p++)
			if (*p == '\t')
				*p = ' ';
	}
	n = pwrite(fd, a->value, strlen(a->value), 0);
	n = n < 0 ? -errno : 0;
	close(fd);
	return (int)n;
}

/*
 * No IPv6 on egre link @dev of the node, set before it is up: it carries a
 * slice's frames, and the node's own stack is not to speak on it (router
 * solicitations, DAD, MLD into the slice) nor to keep a route a link in
 * its tables. A kernel without IPv6 has nothing to turn off.
 */
static int node_ipv6_off(const char *dev)
{
	char key[64];
	struct sysctl_arg a = { key, "1", NULL, 0 };
	int err;

	/* here, the node's namespace; a name of ours (trKEY) has no '.' */
	snprintf(key, sizeof(key), "net.ipv6.conf.%s.disable_ipv6", dev);
	err = sysctl_here(&a);
	if (err && err != -ENOENT) {
		err_msg("topo: node %s: cannot turn IPv6 off: %s", dev, strerror(-err));
		return EXIT_RUNTIME;
	}
	return 0;
}

/* Sets sysctl @key of namespace @ns to @value; the old value into @old. */
static int sysctl_set(const char *ns, const char *key, const char *value, char *old, size_t len)
{
	struct sysctl_arg a = { key, value, old, len };
	int fd = ns_open(ns), err;

	if (fd < 0)
		return EXIT_RUNTIME;
	err = in_slice(fd, sysctl_here, &a);
	close(fd);
	if (err) {
		err_msg("topo: %s: sysctl %s = %s: %s", ns, key, value, strerror(-err));
		return EXIT_RUNTIME;
	}
	return 0;
}

/* A process's start time (field 22 of /proc/PID/stat), or 0. */
static unsigned long long start_time(pid_t pid)
{
	char path[64], buf[1024], *p;
	unsigned long long t = 0;
	ssize_t n;
	int fd, i;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	p = strrchr(buf, ')');	/* the name may hold blanks and parentheses */
	for (i = 2; p && i < 22; i++)
		p = strchr(p + 1, ' ');
	if (p)
		t = strtoull(p + 1, NULL, 10);
	return t;
}

/*
 * The user namespace that owns network namespace @netfd when it is not the
 * node's (the slice has an administrator), or -1.
 */
static int admin_userns(int netfd)
{
	struct stat ns, here;
	int fd = ioctl(netfd, NS_GET_USERNS);

	if (fd < 0)
		return -1;
	if (fstat(fd, &ns) || stat("/proc/self/ns/user", &here) ||
	    (ns.st_dev == here.st_dev && ns.st_ino == here.st_ino)) {
		close(fd);
		return -1;
	}
	return fd;
}

/*
 * Starts the command in its own session inside the vnode's namespace (as
 * the slice's administrator, in its user namespace, where the slice has
 * one), its output to RUN_LOG_DIR/NS.N.log. Commands should stay in the foreground
 * (bird -f): a daemon that forks away is not the process recorded.
 */
static int run_start(const struct topo_obj *o, char *id, size_t len)
{
	char log[256];
	int fd = ns_open(o->ns);
	pid_t pid;

	if (fd < 0)
		return EXIT_RUNTIME;
	mkdir("/run/trellis", 0755);
	mkdir("/run/trellis/topo", 0755);
	mkdir(RUN_LOG_DIR, 0755);
	snprintf(log, sizeof(log), RUN_LOG_DIR "/%s.%s.log", o->ns, strrchr(o->key, ' ') + 1);
	pid = fork();
	if (pid < 0) {
		err_msg("topo: %s: run: %s", o->ns, strerror(errno));
		close(fd);
		return EXIT_RUNTIME;
	}
	if (pid == 0) {
		int out = open(log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
		int in = open("/dev/null", O_RDONLY | O_CLOEXEC);
		int userfd = admin_userns(fd);
		struct nst_error e;

		if (out < 0 || in < 0)
			_exit(127);
		topo_ns_child_limits();
		setsid();
		dup2(in, 0);
		dup2(out, 1);
		dup2(out, 2);
		/* as the slice's administrator where it has one, as slice exec */
		if (nst_enter(fd, userfd, &e) < 0) {
			fprintf(stderr, "egrectl: topo: %s: run: %s\n", o->ns, e.msg);
			_exit(127);
		}
		execl("/bin/sh", "sh", "-c", o->spec, (char *)NULL);
		_exit(127);
	}
	close(fd);
	snprintf(id, len, "pid %d start %llu", (int)pid, start_time(pid));
	return 0;
}

static bool run_alive(const char *id, pid_t *pid)
{
	unsigned long long start;
	int p;

	if (sscanf(id, "pid %d start %llu", &p, &start) != 2 || p <= 0)
		return false;
	*pid = p;
	return start && start_time(p) == start;
}

/* The ifindex of a pair's first end or a fast slice interface (spec "NS IF ..."). */
static unsigned int end_ifindex(const struct topo_obj *o)
{
	char ns[96], dev[IFNAMSIZ];

	if (sscanf(o->spec, "%95s %15s", ns, dev) != 2)
		return 0;
	return topo_ns_ifindex(ns, dev);
}

int topo_op_make(const struct topo_obj *o, char *id, size_t len)
{
	unsigned long long cookie;
	char old[256] = "";
	uint32_t mtu = 0;
	unsigned int ifindex;
	int err;

	snprintf(id, len, "-");
	switch (o->kind) {
	case TOBJ_VNODE:
		topo_ns_forget(o->ns);
		err = o->admin ? egrectl_line("slice add %s userns %s", o->ns, o->admin) :
				 egrectl_line("slice add %s", o->ns);
		if (err)
			return err;
		cookie = topo_ns_cookie(o->ns);
		snprintf(id, len, "cookie %llu", cookie);
		return 0;
	case TOBJ_EGRE:
		err = egrectl_words(o->words);
		if (err)
			return err;
		ifindex = topo_ns_ifindex(NULL, o->dev);
		snprintf(id, len, "ifindex %u", ifindex);
		err = node_ipv6_off(o->dev) || link_state(NULL, o->dev, 0, true, NULL);
		if (err)
			topo_op_remove(o, id);	/* made, not whole: the step is not done */
		return err ? EXIT_RUNTIME : 0;
	case TOBJ_LAN:
		topo_ns_forget(o->ns);
		err = egrectl_line("slice add %s", o->ns);
		if (err)
			return err;
		snprintf(id, len, "cookie %llu", topo_ns_cookie(o->ns));
		sscanf(o->spec, "%*s mtu %u", &mtu);
		/* no IPv6 there either: a member finds no address at all */
		err = sysctl_set(o->ns, "net.ipv6.conf.all.disable_ipv6", "1", NULL, 0) ||
		      sysctl_set(o->ns, "net.ipv6.conf.default.disable_ipv6", "1", NULL, 0) ||
		      topo_bridge_add(o->ns, o->dev, mtu);
		if (err) {
			topo_ns_forget(o->ns);
			egrectl_line("slice del %s", o->ns);
			return EXIT_RUNTIME;
		}
		return 0;
	case TOBJ_PAIR:
	case TOBJ_SLIF:
		err = egrectl_words(o->words);
		ifindex = err ? 0 : end_ifindex(o);
		snprintf(id, len, "ifindex %u", ifindex);
		/* a LAN's: its end in the LAN's namespace is a port of the bridge */
		if (!err && o->arg) {
			char ns[96];

			sscanf(o->spec, "%95s", ns);
			err = topo_bridge_port(ns, o->dev, o->arg, o->kind == TOBJ_SLIF);
			if (err)
				topo_op_remove(o, id);
		}
		return err;
	case TOBJ_IFACE:
		sscanf(o->spec, "mtu %u", &mtu);
		return link_state(o->ns, o->dev, mtu, strstr(o->spec, " up") != NULL, o->arg);
	case TOBJ_ADDR:
		return addr_change(o, true);
	case TOBJ_ROUTE:
		return route_change(o, "replace");
	case TOBJ_SYSCTL:
		err = sysctl_set(o->ns, o->arg, o->spec, old, sizeof(old));
		snprintf(id, len, "old %s", old);
		return err;
	case TOBJ_SHAPE:
		return egrectl_words(o->words);
	case TOBJ_RUN:
		return run_start(o, id, len);
	case TOBJ_KINDS:
		break;
	}
	return EXIT_RUNTIME;
}

int topo_op_remove(const struct topo_obj *o, const char *id)
{
	char *words[8];
	pid_t pid;

	switch (o->kind) {
	case TOBJ_VNODE:
	case TOBJ_LAN:
		topo_ns_forget(o->ns);
		return egrectl_line("slice del %s", o->ns);
	case TOBJ_EGRE:
	case TOBJ_PAIR:
	case TOBJ_SLIF:
		words[0] = "link";
		words[1] = "del";
		words[2] = o->dev;
		words[3] = NULL;
		return egrectl_words(words);
	case TOBJ_IFACE:
		return 0;	/* it goes with its link */
	case TOBJ_ADDR:
		return addr_change(o, false);
	case TOBJ_ROUTE:
		return route_change(o, "del");
	case TOBJ_SYSCTL:
		return strncmp(id, "old ", 4) ? 0 : sysctl_set(o->ns, o->arg, id + 4, NULL, 0);
	case TOBJ_SHAPE:
		return egrectl_line("link set %s shape none dir %s", o->dev,
				   strstr(o->spec, "dir ingress") ? "ingress" : "egress");
	case TOBJ_RUN:
		if (run_alive(id, &pid))
			kill(-pid, SIGTERM);
		return 0;
	case TOBJ_KINDS:
		break;
	}
	return EXIT_RUNTIME;
}

bool topo_op_alive(const struct topo_obj *o, const char *id)
{
	unsigned long long cookie;
	unsigned int ifindex;
	pid_t pid;

	switch (o->kind) {
	case TOBJ_VNODE:
	case TOBJ_LAN:
		return sscanf(id, "cookie %llu", &cookie) == 1 && cookie &&
		       topo_ns_cookie(o->ns) == cookie;
	case TOBJ_EGRE:
		return sscanf(id, "ifindex %u", &ifindex) == 1 && ifindex &&
		       topo_ns_ifindex(NULL, o->dev) == ifindex;
	case TOBJ_PAIR:
	case TOBJ_SLIF:
		return sscanf(id, "ifindex %u", &ifindex) == 1 && ifindex &&
		       end_ifindex(o) == ifindex;
	case TOBJ_RUN:
		return run_alive(id, &pid);
	default:
		return true;	/* lives and dies with what it is in */
	}
}
