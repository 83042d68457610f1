// SPDX-License-Identifier: GPL-2.0
/*
 * redirect_load OBJ to-tunnel SLICE_DEV TUNNEL_DEV REMOTE KEY
 * redirect_load OBJ from-tunnel TUNNEL_DEV SLICE_DEV KEY
 *
 * Loads redirect.bpf.c's program of that name with the devices (of this
 * namespace) and the tunnel written into its read-only data, and attaches
 * it to the first device's tc ingress (a clsact qdisc, made if missing).
 * The filter holds the program once this exits.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/libbpf.h>

#include "redirect.h"

static int fail(const char *what, int err)
{
	fprintf(stderr, "redirect_load: %s: %s\n", what, strerror(err < 0 ? -err : err));
	return 1;
}

static unsigned int dev_index(const char *name)
{
	unsigned int ifindex = if_nametoindex(name);

	if (!ifindex)
		fprintf(stderr, "redirect_load: no device \"%s\" here\n", name);
	return ifindex;
}

/* Writes @cfg over the object's .rodata (it holds cfg alone). */
static int set_cfg(struct bpf_object *obj, const struct redirect_cfg *cfg)
{
	struct bpf_map *map;

	bpf_object__for_each_map(map, obj) {
		const char *name = bpf_map__name(map);
		size_t size;

		if (!strstr(name, ".rodata"))
			continue;
		if (!bpf_map__initial_value(map, &size) || size != sizeof(*cfg))
			return -EINVAL;
		return bpf_map__set_initial_value(map, cfg, sizeof(*cfg));
	}
	return -ENOENT;
}

int main(int argc, char **argv)
{
	struct redirect_cfg cfg = { 0 };
	struct bpf_object *obj;
	struct bpf_program *prog;
	struct in_addr remote;
	unsigned int attach;
	const char *which;
	int err;

	if (argc == 7 && !strcmp(argv[2], "to-tunnel")) {
		which = "to_tunnel";
		attach = cfg.slice_ifindex = dev_index(argv[3]);
		cfg.tunnel_ifindex = dev_index(argv[4]);
		if (inet_pton(AF_INET, argv[5], &remote) != 1)
			return fail("remote is not an IPv4 address", EINVAL);
		cfg.remote = ntohl(remote.s_addr);
		cfg.key = (__u32)strtoul(argv[6], NULL, 0);
	} else if (argc == 6 && !strcmp(argv[2], "from-tunnel")) {
		which = "from_tunnel";
		attach = cfg.tunnel_ifindex = dev_index(argv[3]);
		cfg.slice_ifindex = dev_index(argv[4]);
		cfg.key = (__u32)strtoul(argv[5], NULL, 0);
	} else {
		fprintf(stderr, "usage: redirect_load OBJ to-tunnel SLICE_DEV TUNNEL_DEV REMOTE KEY\n"
				"       redirect_load OBJ from-tunnel TUNNEL_DEV SLICE_DEV KEY\n");
		return 1;
	}
	if (!cfg.slice_ifindex || !cfg.tunnel_ifindex)
		return 1;

	obj = bpf_object__open_file(argv[1], NULL);
	if (!obj)
		return fail(argv[1], errno);
	err = set_cfg(obj, &cfg);
	if (err)
		return fail("the object's .rodata", err);
	err = bpf_object__load(obj);
	if (err)
		return fail("load", err);
	prog = bpf_object__find_program_by_name(obj, which);
	if (!prog)
		return fail(which, ENOENT);

	LIBBPF_OPTS(bpf_tc_hook, hook, .ifindex = (int)attach, .attach_point = BPF_TC_INGRESS);
	LIBBPF_OPTS(bpf_tc_opts, opts, .handle = 1, .priority = 1,
		    .prog_fd = bpf_program__fd(prog));
	err = bpf_tc_hook_create(&hook);
	if (err && err != -EEXIST)
		return fail("clsact", err);
	err = bpf_tc_attach(&hook, &opts);
	if (err)
		return fail("attach", err);
	bpf_object__close(obj);
	return 0;
}
