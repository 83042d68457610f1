// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdio.h>

#include "nlerr.h"

int nlerr_parse(const struct nlmsghdr *nlh, char *msg, size_t len)
{
	const struct nlmsgerr *err = NLMSG_DATA(nlh);
	const struct nlattr *attr;
	size_t off;

	msg[0] = '\0';
	if (nlh->nlmsg_len < NLMSG_LENGTH(sizeof(*err)))
		return -EBADMSG;
	if (err->error == 0 || !(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return err->error;

	/* The TLVs follow the error, after the echoed request unless capped. */
	off = NLMSG_LENGTH(sizeof(*err));
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		off += NLMSG_ALIGN(err->msg.nlmsg_len - NLMSG_HDRLEN);
	while (off + NLA_HDRLEN <= nlh->nlmsg_len) {
		const char *payload;
		size_t plen;

		attr = (const struct nlattr *)((const char *)nlh + off);
		if (attr->nla_len < NLA_HDRLEN || off + attr->nla_len > nlh->nlmsg_len)
			break;
		payload = (const char *)attr + NLA_HDRLEN;
		plen = attr->nla_len - NLA_HDRLEN;
		if ((attr->nla_type & NLA_TYPE_MASK) == NLMSGERR_ATTR_MSG &&
		    plen > 0 && payload[plen - 1] == '\0')
			snprintf(msg, len, "%s", payload);
		off += NLA_ALIGN(attr->nla_len);
	}
	return err->error;
}
