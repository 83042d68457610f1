// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "drops.h"
#include "print.h"

/* Names in JSON and text; the order of enum trellis_drop. */
static const char *const drop_names[TRELLIS_DROP_MAX + 1] = {
	[TRELLIS_DROP_NO_ROUTE] = "no_route",
	[TRELLIS_DROP_BAD_HEADER] = "bad_header",
	[TRELLIS_DROP_BAD_VERSION] = "bad_version",
	[TRELLIS_DROP_UNKNOWN_KEY] = "unknown_key",
	[TRELLIS_DROP_CSUM] = "csum",
	[TRELLIS_DROP_SEQ] = "seq",
	[TRELLIS_DROP_TOO_BIG] = "too_big",
	[TRELLIS_DROP_UNDERLAY_DOWN] = "underlay_down",
	[TRELLIS_DROP_ECN] = "ecn",
	[TRELLIS_DROP_LOOP] = "loop",
};

int drops_parse(struct nlattr *nest, struct trellis_drops *d)
{
	struct nla_policy policy[TRELLIS_DROP_MAX + 1] = { 0 };
	struct nlattr *tb[TRELLIS_DROP_MAX + 1];

	memset(d, 0, sizeof(*d));
	/* the reasons it names; padding and reasons newer than it are skipped */
	for (int why = 1; why <= TRELLIS_DROP_MAX; why++)
		if (drop_names[why])
			policy[why].type = NLA_U64;
	if (nla_parse_nested(tb, TRELLIS_DROP_MAX, nest, policy) < 0)
		return -EBADMSG;
	for (int why = 1; why <= TRELLIS_DROP_MAX; why++)
		if (tb[why] && drop_names[why])
			d->count[why] = nla_get_u64(tb[why]);
	d->present = true;
	return 0;
}

void drops_print(const struct trellis_drops *d, bool text)
{
	char fmt[40];

	print_open_object("drops");
	print_text(text ? "\n    drops:" : "");
	for (int why = 1; why <= TRELLIS_DROP_MAX; why++) {
		if (!drop_names[why])
			continue;
		snprintf(fmt, sizeof(fmt), " %s %%" PRIu64, drop_names[why]);
		print_u64(text ? PRINT_ANY : PRINT_JSON, drop_names[why], fmt, d->count[why]);
	}
	print_close_object();
}
