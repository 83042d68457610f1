// SPDX-License-Identifier: GPL-2.0
/*
 * Shortbridge set-up and teardown: the notifier, the link kind, and the
 * namespace hook that takes bindings and links with a dying namespace.
 */
#include <linux/rtnetlink.h>
#include <net/net_namespace.h>

#include "netns.h"
#include "shortbridge.h"
#include "trellis.h"

/* Under RTNL, for a namespace that is going (or the module). */
static void __net_exit sb_net_exit_rtnl(struct net *net, struct list_head *kill)
{
	sb_bindings_flush(net);
	sb_home_flush(net, kill);
}

static struct pernet_operations sb_net_ops = {
	.exit_rtnl = sb_net_exit_rtnl,
};

int __init shortbridge_init(void)
{
	int err;

	err = sb_notify_init();
	if (err)
		return err;
	err = register_pernet_subsys(&sb_net_ops);
	if (err)
		goto err_pernet;
	err = sb_dev_init();
	if (err)
		goto err_dev;
	trellis_feature_add(TRELLIS_FEATURE_SHORTBRIDGE);
	trellis_feature_add(TRELLIS_FEATURE_SHORTBRIDGE_FAST);
	return 0;

err_dev:
	unregister_pernet_subsys(&sb_net_ops);
err_pernet:
	sb_notify_uninit();
	return err;
}

void shortbridge_uninit(void)
{
	/* every slice device, in every namespace */
	sb_dev_uninit();
	/* every binding: their ports are given back */
	unregister_pernet_subsys(&sb_net_ops);
	sb_notify_uninit();
}
