// SPDX-License-Identifier: GPL-2.0
/*
 * Per-namespace state of trellis, created for every network namespace that
 * exists while the module is loaded.
 */
#include "netns.h"

unsigned int trellis_net_id __read_mostly;

static int __net_init trellis_net_init(struct net *net)
{
	struct trellis_net *tn = trellis_net(net);

	tn->net = net;
	tn->links = 0;
	INIT_LIST_HEAD(&tn->bindings);
	INIT_LIST_HEAD(&tn->slice_links);
	return 0;
}

static void __net_exit trellis_net_exit(struct net *net)
{
	/* Link devices are gone before their namespace: a count left is a leak. */
	WARN_ON_ONCE(trellis_net(net)->links);
	WARN_ON_ONCE(!list_empty(&trellis_net(net)->bindings));
	WARN_ON_ONCE(!list_empty(&trellis_net(net)->slice_links));
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
