// SPDX-License-Identifier: GPL-2.0
/* egrectl info: the module's version and features, and this namespace's state. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <linux/trellis.h>

#include "egrectl.h"
#include "info.h"
#include "print.h"
#include "util.h"

static const char *const feature_names[__TRELLIS_FEATURE_COUNT] = {
	[TRELLIS_FEATURE_EGRE] = "egre",
	[TRELLIS_FEATURE_EGRE_UDP] = "egre-udp",
	[TRELLIS_FEATURE_EGRE_IPV6] = "egre-ipv6",
	[TRELLIS_FEATURE_DROP_REASONS] = "drop-reasons",
	[TRELLIS_FEATURE_SHORTBRIDGE] = "shortbridge",
	[TRELLIS_FEATURE_SHORTBRIDGE_FAST] = "shortbridge-fast",
};

const char *trellis_feature_name(unsigned int bit)
{
	return bit < __TRELLIS_FEATURE_COUNT ? feature_names[bit] : NULL;
}

/* Text: the module on one line, this namespace on the next, then its drops. */
void trellis_info_print(const struct trellis_info *info)
{
	char unknown[32];

	print_open_object(NULL);
	print_string(PRINT_ANY, "version", "trellis %s ", info->version);
	print_u64(PRINT_ANY, "genl_version", "genl_version %" PRIu64 " ", info->genl_version);
	print_open_array("features");
	print_text("features");
	for (unsigned int bit = 0; bit < 64; bit++) {
		const char *name = trellis_feature_name(bit);

		if (!(info->features & (1ULL << bit)))
			continue;
		if (!name) {
			snprintf(unknown, sizeof(unknown), "bit%u", bit);
			name = unknown;
		}
		print_string(PRINT_ANY, NULL, " %s", name);
	}
	print_close_array();
	print_u64(PRINT_ANY, "netns_cookie", "\nnetns_cookie %" PRIu64 " ", info->netns_cookie);
	print_u64(PRINT_ANY, "links", "links %" PRIu64, info->links);
	if (info->drops.present)
		drops_print(&info->drops, true);
	print_nl();
	print_close_object();
}

static void info_usage(FILE *f)
{
	fprintf(f,
		"Usage: egrectl info [-j]\n"
		"\n"
		"Shows the loaded trellis module's version, its generic netlink family\n"
		"version and features, and the state of the current network namespace\n"
		"(its cookie, how many trellis links it holds, and the packets dropped\n"
		"before they reached any link, by reason).\n");
}

static int info_run(int argc, char **argv)
{
	struct trellis_genl g;
	struct trellis_info info;
	int ret;

	for (int i = 0; i < argc; i++) {
		if (egrectl_json_arg(argv[i]))
			continue;
		if (matches(argv[i], "help")) {
			info_usage(stdout);
			return 0;
		}
		return egrectl_bad_arg(&egrectl_cmd_info, argv[i]);
	}

	ret = egrectl_genl_open(&g, "info");
	if (ret)
		return ret;
	ret = trellis_info_get(&g, &info);
	if (ret) {
		ret = egrectl_genl_error(&g, "info", ret);
		trellis_genl_close(&g);
		return ret;
	}
	trellis_genl_close(&g);

	print_start(stdout, egrectl_opts.json, egrectl_opts.pretty);
	trellis_info_print(&info);
	print_finish();
	return 0;
}

const struct egrectl_cmd egrectl_cmd_info = {
	.name = "info",
	.synopsis = "egrectl info",
	.summary = "module version, features and this namespace's state",
	.run = info_run,
	.usage = info_usage,
};
