// SPDX-License-Identifier: GPL-2.0
/*
 * trellis.ko: kernel-space virtual links for network testbeds.
 *
 * Module init and exit only: a ladder of subsystem inits, unwound in
 * reverse order on failure and on unload.
 */
#include <linux/module.h>
#include <net/genetlink.h>

#include "trellis.h"
#include "netns.h"
#include "genl.h"
#include "egre.h"
#include "shortbridge.h"

static u64 trellis_feature_mask __read_mostly;

/* Subsystems announce a capability once it is registered and usable. */
void trellis_feature_add(enum trellis_feature feature)
{
	WRITE_ONCE(trellis_feature_mask, trellis_feature_mask | BIT_ULL(feature));
}

u64 trellis_features(void)
{
	return READ_ONCE(trellis_feature_mask);
}

static int __init trellis_init(void)
{
	int err;

	err = trellis_netns_init();
	if (err)
		goto err_netns;
	err = egre_init();
	if (err)
		goto err_egre;
	err = shortbridge_init();
	if (err)
		goto err_shortbridge;
	/* Last: userspace can reach the family as soon as it is registered. */
	err = trellis_genl_init();
	if (err)
		goto err_genl;

	pr_info("trellis %s loaded\n", TRELLIS_VERSION);
	return 0;

err_genl:
	shortbridge_uninit();
err_shortbridge:
	egre_uninit();
err_egre:
	trellis_netns_uninit();
err_netns:
	return err;
}

static void __exit trellis_exit(void)
{
	trellis_genl_uninit();
	shortbridge_uninit();
	egre_uninit();
	trellis_netns_uninit();
}

module_init(trellis_init);
module_exit(trellis_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("trellis: virtual links (EGRE, shortbridge) for network testbeds");
MODULE_AUTHOR("The trellis developers");
MODULE_VERSION(TRELLIS_VERSION);
MODULE_ALIAS_GENL_FAMILY(TRELLIS_GENL_NAME);
