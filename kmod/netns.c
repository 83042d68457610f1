// SPDX-License-Identifier: GPL-2.0
/*
 * Per-namespace state of trellis, created for every network namespace that
 * exists while the module is loaded.
 */
#include <linux/moduleparam.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <linux/user_namespace.h>
#include <net/netlink.h>

#include "netns.h"

unsigned int trellis_net_id __read_mostly;

/*
 * How many trellis objects a namespace owned by a tenant (any user
 * namespace but the initial one) may hold. Their memory is charged to the
 * tenant's memory cgroup as well; the count also bounds what one request
 * loop can pin in slab that no cgroup sees (netdev names, rhashtable).
 */
static unsigned int tenant_max_links = 256;
module_param(tenant_max_links, uint, 0644);
MODULE_PARM_DESC(tenant_max_links,
		 "egre links, slice links and bindings a tenant's namespace may hold");

/* Under RTNL: @count more objects in @net, if its owner may have them. */
int trellis_net_charge(struct net *net, unsigned int count,
		       struct netlink_ext_ack *extack)
{
	struct trellis_net *tn = trellis_net(net);
	unsigned int max = READ_ONCE(tenant_max_links);

	ASSERT_RTNL();
	if (net->user_ns != &init_user_ns && tn->objects + count > max) {
		NL_SET_ERR_MSG_FMT(extack,
				   "this namespace holds %u trellis links, the most a tenant may (tenant_max_links)",
				   tn->objects);
		return -ENOSPC;
	}
	tn->objects += count;
	return 0;
}

void trellis_net_uncharge(struct net *net, unsigned int count)
{
	struct trellis_net *tn = trellis_net(net);

	ASSERT_RTNL();
	if (!WARN_ON_ONCE(tn->objects < count))
		tn->objects -= count;
}

static int __net_init trellis_net_init(struct net *net)
{
	struct trellis_net *tn = trellis_net(net);

	tn->net = net;
	tn->links = 0;
	tn->objects = 0;
	tn->direct_links = 0;
	INIT_LIST_HEAD(&tn->bindings);
	INIT_LIST_HEAD(&tn->slice_links);
	tn->slice_link_names = NULL;
	return 0;
}

static void __net_exit trellis_net_exit(struct net *net)
{
	/* Link devices are gone before their namespace: a count left is a leak. */
	WARN_ON_ONCE(trellis_net(net)->links);
	WARN_ON_ONCE(trellis_net(net)->objects);
	WARN_ON_ONCE(trellis_net(net)->direct_links);
	WARN_ON_ONCE(!list_empty(&trellis_net(net)->bindings));
	WARN_ON_ONCE(!list_empty(&trellis_net(net)->slice_links));
	kvfree(trellis_net(net)->slice_link_names);
}

static struct pernet_operations trellis_net_ops = {
	.init = trellis_net_init,
	.exit = trellis_net_exit,
	.id = &trellis_net_id,
	.size = sizeof(struct trellis_net),
};

int trellis_netns_init(void)
{
	return register_pernet_subsys(&trellis_net_ops);
}

void trellis_netns_uninit(void)
{
	unregister_pernet_subsys(&trellis_net_ops);
}
