// SPDX-License-Identifier: GPL-2.0
/*
 * Batch removals (topo_remove.h). The kernel unregisters a list of devices
 * with one RCU wait for the list; deleting devices one request at a time
 * pays that wait per device (about 12 ms each in the VM). So egre links go
 * by device group, one request, and namespaces are let go together, so
 * that the kernel's namespace cleanup takes all their devices in one list.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>

#include "egrectl.h"
#include "nstools.h"
#include "nl.h"
#include "slices.h"
#include "topo_ns.h"
#include "topo_remove.h"
#include "util.h"

/* Processes get this long after SIGTERM, as in slice del. */
#define GRACE_MS 1000

/* Puts device @ifindex of this namespace in device group @group. */
static int set_group(struct nl_conn *r, unsigned int ifindex, uint32_t group)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC, .ifi_index = (int)ifindex };
	struct nl_msg *msg = nlmsg_alloc_simple(RTM_SETLINK, 0);

	if (!msg || nlmsg_append(msg, &ifi, sizeof(ifi), NLMSG_ALIGNTO) < 0 ||
	    nla_put_u32(msg, IFLA_GROUP, group) < 0) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	return conn_talk(r, msg, NULL, NULL);
}

struct group_count {
	uint32_t group;
	size_t n;
};

static int count_group_cb(struct nl_msg *msg, void *arg)
{
	struct group_count *c = arg;
	struct nlattr *tb[IFLA_MAX + 1];

	if (nlmsg_parse(nlmsg_hdr(msg), sizeof(struct ifinfomsg), tb, IFLA_MAX, NULL) < 0)
		return NL_SKIP;
	if (tb[IFLA_GROUP] && nla_get_u32(tb[IFLA_GROUP]) == c->group)
		c->n++;
	return NL_OK;
}

/* How many devices of this namespace are in group @group, or -errno. */
static long group_size(struct nl_conn *r, uint32_t group)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC };
	struct nl_msg *msg = nlmsg_alloc_simple(RTM_GETLINK, NLM_F_DUMP);
	struct group_count c = { group, 0 };
	int err;

	/* the group is all we want: no statistics in the replies */
	if (!msg || nlmsg_append(msg, &ifi, sizeof(ifi), NLMSG_ALIGNTO) < 0 ||
	    nla_put_u32(msg, IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS) < 0) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	err = conn_talk(r, msg, count_group_cb, &c);
	return err ? err : (long)c.n;
}

int topo_remove_links(const struct topo_obj *const *objs, char *const *ids, size_t n)
{
	unsigned int *ifindex = topo_must(calloc(n + 1, sizeof(*ifindex)));
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC };
	size_t i, in_group = 0;
	struct nl_msg *msg;
	struct nl_conn *r = topo_ns_rtnl(NULL, false);
	uint32_t group = 0;
	int err = 0;

	if (!r) {
		err = -EIO;
		goto out;
	}
	/* a group no one uses: a random one, checked below */
	while (group < 0x10000) {
		if (getrandom(&group, sizeof(group), 0) != sizeof(group)) {
			err = -EIO;
			goto out;
		}
	}
	for (i = 0; i < n && !err; i++) {
		if (sscanf(ids[i], "ifindex %u", &ifindex[i]) != 1 ||
		    topo_ns_ifindex(NULL, objs[i]->dev) != ifindex[i]) {
			ifindex[i] = 0;		/* gone already, or not ours */
			continue;
		}
		err = set_group(r, ifindex[i], group);
		in_group += !err;
	}
	if (!in_group)
		goto out;	/* all gone already */
	if (!err && group_size(r, group) != (long)in_group)
		err = -EEXIST;	/* another device has the group */
	if (!err) {
		msg = nlmsg_alloc_simple(RTM_DELLINK, 0);
		if (!msg || nlmsg_append(msg, &ifi, sizeof(ifi), NLMSG_ALIGNTO) < 0 ||
		    nla_put_u32(msg, IFLA_GROUP, group) < 0) {
			nlmsg_free(msg);
			err = -ENOMEM;
		} else {
			err = conn_talk(r, msg, NULL, NULL);
		}
	}
	if (err) {
		for (i = 0; i < n; i++)
			if (ifindex[i])
				set_group(r, ifindex[i], 0);
	}
out:
	free(ifindex);
	return err;
}

int topo_remove_namespaces(const struct topo_obj *const *objs, size_t n, size_t *failed)
{
	struct stat *ns = topo_must(calloc(n + 1, sizeof(*ns)));
	size_t i, found = 0;
	struct nst_error e;
	int ret = 0;

	*failed = n;
	for (i = 0; i < n; i++) {
		int fd;

		topo_ns_forget(objs[i]->ns);
		fd = slice_open(objs[i]->ns);
		if (fd >= 0) {
			/* its identity only: an fd held would keep the namespace */
			if (fstat(fd, &ns[found]) == 0)
				found++;
			close(fd);
		} else if (fd != -ENOENT && fd != -ESTALE) {
			err_msg("topo: namespace %s: %s", objs[i]->ns, strerror(-fd));
			*failed = *failed < n ? *failed : i;
			ret = EXIT_RUNTIME;
		}
	}
	if (nst_procs_kill_many(ns, found, GRACE_MS, &e) < 0) {
		err_msg("topo: ending the processes of %zu namespaces: %s", found, e.msg);
		ret = EXIT_RUNTIME;
	}
	free(ns);
	/* as slice del: on past a failure, so that what can go goes */
	for (i = 0; i < n; i++) {
		if (nst_name_unbind(NST_NETNS_DIR, objs[i]->ns, &e) < 0 ||
		    nst_name_unbind(NST_USERNS_DIR, objs[i]->ns, &e) < 0) {
			err_msg("topo: namespace %s: %s", objs[i]->ns, e.msg);
			*failed = *failed < n ? *failed : i;
			ret = EXIT_RUNTIME;
		}
	}
	return ret;
}
