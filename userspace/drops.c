// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <linux/genetlink.h>

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

static int drops_attr_cb(const struct nlattr *attr, void *data)
{
	struct trellis_drops *d = data;
	uint16_t type = mnl_attr_get_type(attr);

	/* reasons this egrectl does not know yet are skipped */
	if (type > TRELLIS_DROP_MAX || !drop_names[type])
		return MNL_CB_OK;
	if (mnl_attr_validate(attr, MNL_TYPE_U64) < 0)
		return MNL_CB_ERROR;
	d->count[type] = mnl_attr_get_u64(attr);
	return MNL_CB_OK;
}

int drops_parse(const struct nlattr *nest, struct trellis_drops *d)
{
	memset(d, 0, sizeof(*d));
	if (mnl_attr_parse_nested(nest, drops_attr_cb, d) < 0)
		return -EBADMSG;
	d->present = true;
	return 0;
}

static int link_attr_cb(const struct nlattr *attr, void *data)
{
	if (mnl_attr_get_type(attr) == TRELLIS_ATTR_DROPS)
		return drops_parse(attr, data) ? MNL_CB_ERROR : MNL_CB_OK;
	return MNL_CB_OK;
}

static int link_cb(const struct nlmsghdr *nlh, void *data)
{
	return mnl_attr_parse(nlh, sizeof(struct genlmsghdr), link_attr_cb, data);
}

int drops_get_link(struct trellis_genl *g, unsigned int ifindex,
		   struct trellis_drops *d)
{
	struct nlmsghdr *nlh;
	int ret;

	memset(d, 0, sizeof(*d));
	nlh = trellis_genl_start(g, TRELLIS_CMD_GET_LINK, 0);
	mnl_attr_put_u32(nlh, TRELLIS_ATTR_IFINDEX, ifindex);
	ret = trellis_genl_request(g, nlh, link_cb, d);
	if (ret)
		return ret;
	return d->present ? 0 : -EBADMSG;
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
