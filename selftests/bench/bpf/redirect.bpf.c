// SPDX-License-Identifier: GPL-2.0
/*
 * The bench's eBPF anchor, Cilium's way of joining a namespace to a tunnel:
 * tc programs on the node's devices, no bridge and no stack in between.
 *
 * to_tunnel, at the ingress of the node's end of a slice veth: gives the
 * frame its tunnel (remote, key) and redirects it to a collect_md gretap
 * device, which encapsulates it. from_tunnel, at that device's ingress:
 * takes frames of the link's key and hands them to the slice with
 * bpf_redirect_peer, straight into the veth's other end in the slice.
 */
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>

#include "redirect.h"

const volatile struct redirect_cfg cfg;

SEC("tc")
int to_tunnel(struct __sk_buff *skb)
{
	struct bpf_tunnel_key key = {
		.tunnel_id = cfg.key,
		.remote_ipv4 = cfg.remote,
		.tunnel_ttl = 64,
	};

	/* no GRE checksum: as the gretap devices of the other scenarios */
	if (bpf_skb_set_tunnel_key(skb, &key, sizeof(key), BPF_F_ZERO_CSUM_TX) < 0)
		return TC_ACT_SHOT;
	return bpf_redirect(cfg.tunnel_ifindex, 0);
}

SEC("tc")
int from_tunnel(struct __sk_buff *skb)
{
	struct bpf_tunnel_key key;

	if (bpf_skb_get_tunnel_key(skb, &key, sizeof(key), 0) < 0 || key.tunnel_id != cfg.key)
		return TC_ACT_SHOT;
	return bpf_redirect_peer(cfg.slice_ifindex, 0);
}

char _license[] SEC("license") = "GPL";
