// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdio.h>

#include "nlerr.h"

/* Copies the NLMSGERR_ATTR_MSG among the TLVs from @off to the end of @nlh. */
static void extack_msg(const struct nlmsghdr *nlh, size_t off, char *msg, size_t len)
{
	while (off + NLA_HDRLEN <= nlh->nlmsg_len) {
		const struct nlattr *attr = (const struct nlattr *)((const char *)nlh + off);
		const char *payload;
		size_t plen;

		if (attr->nla_len < NLA_HDRLEN || off + attr->nla_len > nlh->nlmsg_len)
			break;
		payload = (const char *)attr + NLA_HDRLEN;
		plen = attr->nla_len - NLA_HDRLEN;
		if ((attr->nla_type & NLA_TYPE_MASK) == NLMSGERR_ATTR_MSG &&
		    plen > 0 && payload[plen - 1] == '\0')
			snprintf(msg, len, "%s", payload);
		off += NLA_ALIGN(attr->nla_len);
	}
}

int nlerr_parse(const struct nlmsghdr *nlh, char *msg, size_t len)
{
	const struct nlmsgerr *err = NLMSG_DATA(nlh);
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
	extack_msg(nlh, off, msg, len);
	return err->error;
}

int nlerr_done_parse(const struct nlmsghdr *nlh, char *msg, size_t len)
{
	const int *error = NLMSG_DATA(nlh);

	msg[0] = '\0';
	if (nlh->nlmsg_len < NLMSG_LENGTH(sizeof(*error)))
		return 0;	/* no payload: a dump that ended well */
	if (*error > 0)
		return -EBADMSG;
	if (*error && (nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		extack_msg(nlh, NLMSG_LENGTH(sizeof(*error)), msg, len);
	return *error;
}
