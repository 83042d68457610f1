// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#include <linux/trellis.h>

#include "genl.h"
#include "nlerr.h"

int trellis_genl_dispatch(struct trellis_genl *g, uint32_t seq, const void *buf,
			  size_t len, mnl_cb_t cb, void *data)
{
	const struct nlmsghdr *nlh = buf;
	int len_left = (int)len;

	for (; mnl_nlmsg_ok(nlh, len_left); nlh = mnl_nlmsg_next(nlh, &len_left)) {
		if (!mnl_nlmsg_seq_ok(nlh, seq) || !mnl_nlmsg_portid_ok(nlh, g->portid))
			continue;	/* a late answer to an earlier request */
		switch (nlh->nlmsg_type) {
		case NLMSG_ERROR:
			return nlerr_parse(nlh, g->errmsg, sizeof(g->errmsg));
		case NLMSG_DONE:
			/* a dump cut short says why here, not in an NLMSG_ERROR */
			return nlerr_done_parse(nlh, g->errmsg, sizeof(g->errmsg));
		case NLMSG_NOOP:
		case NLMSG_OVERRUN:
			continue;
		}
		if (cb && cb(nlh, data) < MNL_CB_OK)
			return errno ? -errno : -EINVAL;
	}
	return 1;
}

int trellis_genl_request(struct trellis_genl *g, struct nlmsghdr *nlh,
			 mnl_cb_t cb, void *data)
{
	ssize_t len;
	int ret;

	g->errmsg[0] = '\0';
	nlh->nlmsg_flags |= NLM_F_ACK;
	nlh->nlmsg_seq = ++g->seq;
	if (mnl_socket_sendto(g->nl, nlh, nlh->nlmsg_len) < 0)
		return -errno;
	do {
		len = mnl_socket_recvfrom(g->nl, g->buf, MNL_SOCKET_BUFFER_SIZE);
		if (len < 0)
			return -errno;
		/* g->seq, not nlh's: the replies are read over the request */
		ret = trellis_genl_dispatch(g, g->seq, g->buf, (size_t)len, cb, data);
	} while (ret > 0);
	return ret;
}

static struct nlmsghdr *msg_start(struct trellis_genl *g, uint16_t type,
				  uint8_t cmd, uint8_t version, uint16_t flags)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(g->buf);
	struct genlmsghdr *genl;

	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = cmd;
	genl->version = version;
	return nlh;
}

struct nlmsghdr *trellis_genl_start(struct trellis_genl *g, uint8_t cmd,
				    uint16_t flags)
{
	return msg_start(g, g->family_id, cmd, TRELLIS_GENL_VERSION, flags);
}

static int family_attr_cb(const struct nlattr *attr, void *data)
{
	struct trellis_genl *g = data;

	switch (mnl_attr_get_type(attr)) {
	case CTRL_ATTR_FAMILY_ID:
		if (mnl_attr_validate(attr, MNL_TYPE_U16) == 0)
			g->family_id = mnl_attr_get_u16(attr);
		break;
	case CTRL_ATTR_VERSION:
		if (mnl_attr_validate(attr, MNL_TYPE_U32) == 0)
			g->family_version = mnl_attr_get_u32(attr);
		break;
	}
	return MNL_CB_OK;
}

static int family_cb(const struct nlmsghdr *nlh, void *data)
{
	return mnl_attr_parse(nlh, sizeof(struct genlmsghdr), family_attr_cb, data);
}

static int resolve_family(struct trellis_genl *g)
{
	struct nlmsghdr *nlh;
	int ret;

	nlh = msg_start(g, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1, 0);
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, TRELLIS_GENL_NAME);
	ret = trellis_genl_request(g, nlh, family_cb, g);
	if (ret)
		return ret;
	return g->family_id ? 0 : -ENOENT;
}

/* A socket kept between commands (trellis_genl_keep_socket), or none. */
static bool keep;
static struct trellis_genl kept;

void trellis_genl_keep_socket(bool on)
{
	keep = on;
	if (!on && kept.nl)
		trellis_genl_close(&kept);
}

static int socket_open(struct trellis_genl *g)
{
	int one = 1;

	g->buf = malloc(MNL_SOCKET_BUFFER_SIZE);
	if (!g->buf)
		return -ENOMEM;
	g->nl = mnl_socket_open(NETLINK_GENERIC);
	if (!g->nl)
		return -errno;
	/* Ask for the kernel's error messages, without the echoed request. */
	mnl_socket_setsockopt(g->nl, NETLINK_EXT_ACK, &one, sizeof(one));
	mnl_socket_setsockopt(g->nl, NETLINK_CAP_ACK, &one, sizeof(one));
	if (mnl_socket_bind(g->nl, 0, MNL_SOCKET_AUTOPID) < 0)
		return -errno;
	g->portid = mnl_socket_get_portid(g->nl);
	g->seq = (uint32_t)rand();
	return 0;
}

int trellis_genl_open(struct trellis_genl *g)
{
	int ret = 0;

	memset(g, 0, sizeof(*g));
	if (kept.nl) {
		/* late replies to its earlier requests are skipped by sequence */
		*g = kept;
		memset(&kept, 0, sizeof(kept));
	} else {
		ret = socket_open(g);
	}
	/* resolved each time: the module may have been reloaded since */
	if (!ret)
		ret = resolve_family(g);
	if (ret)
		trellis_genl_close(g);
	return ret;
}

void trellis_genl_close(struct trellis_genl *g)
{
	if (g != &kept && keep && !kept.nl && g->nl) {
		kept = *g;
		kept.family_id = 0;
		kept.errmsg[0] = '\0';
	} else {
		if (g->nl)
			mnl_socket_close(g->nl);
		free(g->buf);
	}
	g->nl = NULL;
	g->buf = NULL;
}
