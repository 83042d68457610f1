/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What redirect_load.c writes into redirect.bpf.c's read-only data before
 * the programs load: the devices and the tunnel they join.
 */
#ifndef BENCH_REDIRECT_H
#define BENCH_REDIRECT_H

#include <linux/types.h>

struct redirect_cfg {
	__u32 tunnel_ifindex;	/* the collect_md ("external") gretap device */
	__u32 slice_ifindex;	/* the node's end of the slice's veth */
	__u32 remote;		/* the peer node's underlay address, host order */
	__u32 key;		/* the link's GRE key */
};

#endif
