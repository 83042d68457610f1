// SPDX-License-Identifier: GPL-2.0
/*
 * The receive demux: in each namespace, a hash table of egre links keyed by
 * (ikey, local, remote), read under RCU, resized as links come and go, so
 * the cost of a lookup does not grow with the number of links.
 */
#include <linux/rhashtable.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>

#include "egre.h"

struct egre_net {
	struct rhashtable links;
	atomic64_t unknown_key;		/* packets no link claimed */
};

static unsigned int egre_net_id __read_mostly;

static const struct rhashtable_params egre_demux_params = {
	.key_len = sizeof(struct egre_key),
	.key_offset = offsetof(struct egre_dev, key),
	.head_offset = offsetof(struct egre_dev, node),
	.automatic_shrinking = true,
};

static struct egre_net *egre_net(const struct net *net)
{
	return net_generic(net, egre_net_id);
}

int egre_demux_add(struct egre_dev *egre, struct netlink_ext_ack *extack)
{
	int err;

	err = rhashtable_lookup_insert_fast(&egre_net(egre->net)->links,
					    &egre->node, egre_demux_params);
	if (err == -EEXIST)
		NL_SET_ERR_MSG(extack,
			       "a link with this key, local and remote address exists");
	return err;
}

void egre_demux_del(struct egre_dev *egre)
{
	rhashtable_remove_fast(&egre_net(egre->net)->links, &egre->node,
			       egre_demux_params);
}

/* Caller holds rcu_read_lock(). */
struct egre_dev *egre_demux_lookup(struct net *net, const struct egre_key *key)
{
	return rhashtable_lookup(&egre_net(net)->links, key, egre_demux_params);
}

void egre_demux_count_unknown(struct net *net)
{
	atomic64_inc(&egre_net(net)->unknown_key);
}

static int __net_init egre_net_init(struct net *net)
{
	struct egre_net *en = egre_net(net);

	atomic64_set(&en->unknown_key, 0);
	return rhashtable_init(&en->links, &egre_demux_params);
}

/* Runs after the namespace's devices are gone: the table is empty. */
static void __net_exit egre_net_exit(struct net *net)
{
	rhashtable_destroy(&egre_net(net)->links);
}

static struct pernet_operations egre_net_ops = {
	.init = egre_net_init,
	.exit = egre_net_exit,
	.id = &egre_net_id,
	.size = sizeof(struct egre_net),
};

int egre_demux_init(void)
{
	return register_pernet_subsys(&egre_net_ops);
}

void egre_demux_uninit(void)
{
	unregister_pernet_subsys(&egre_net_ops);
}
