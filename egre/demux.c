// SPDX-License-Identifier: GPL-2.0
/*
 * The receive demux: in each namespace, a hash table of egre links keyed by
 * (key, local, remote, UDP port, family), read under RCU, resized as links
 * come and go, so the cost of a lookup does not grow with the number of
 * links. Also the namespace's count of packets that reached no link.
 */
#include <linux/jhash.h>
#include <linux/rhashtable.h>
#include <net/ipv6.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>

#include "egre.h"

struct egre_net {
	struct rhashtable links;
	struct egre_drops __percpu *drops;	/* packets no link claimed */
};

static unsigned int egre_net_id __read_mostly;

/*
 * Every packet's lookup hashes its key: the GRE key and each address
 * folded to one word (as ip6_gre's table folds them), then mixed with the
 * table's random seed. jhash2 over all ten words of the key cost about 2%
 * of a 64-byte frame's forwarding. A bucket holds every link whose folds
 * collide; the lookup compares whole keys.
 */
static u32 egre_demux_hash(const void *data, u32 len, u32 seed)
{
	const struct egre_key *key = data;

	return jhash_3words((__force u32)key->ikey, ipv6_addr_hash(&key->remote),
			    ipv6_addr_hash(&key->local) ^
			    ((__force u32)key->port << 8 | key->family), seed);
}

static int egre_demux_cmp(struct rhashtable_compare_arg *arg, const void *obj)
{
	return !egre_key_equal(arg->key, &((const struct egre_dev *)obj)->key);
}

static const struct rhashtable_params egre_demux_params = {
	.key_len = sizeof(struct egre_key),
	.hashfn = egre_demux_hash,
	.obj_cmpfn = egre_demux_cmp,
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

void egre_net_drop(struct net *net, enum trellis_drop why)
{
	egre_drops_inc(egre_net(net)->drops, why);
}

int egre_net_fill_drops(struct sk_buff *msg, struct net *net)
{
	return egre_drops_fill(msg, egre_net(net)->drops);
}

static int __net_init egre_net_init(struct net *net)
{
	struct egre_net *en = egre_net(net);
	int err;

	en->drops = egre_drops_alloc();
	if (!en->drops)
		return -ENOMEM;
	err = rhashtable_init(&en->links, &egre_demux_params);
	if (err)
		egre_drops_free(en->drops);
	return err;
}

/* Runs after the namespace's devices are gone: the table is empty. */
static void __net_exit egre_net_exit(struct net *net)
{
	struct egre_net *en = egre_net(net);

	rhashtable_destroy(&en->links);
	egre_drops_free(en->drops);
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
