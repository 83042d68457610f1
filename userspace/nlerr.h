/* SPDX-License-Identifier: GPL-2.0 */
/*
 * NLMSG_ERROR replies, and the NLMSG_DONE that ends a dump, whichever
 * netlink library received them: the errno and the kernel's extended-ack
 * message.
 */
#ifndef EGRECTL_NLERR_H
#define EGRECTL_NLERR_H

#include <stddef.h>
#include <linux/netlink.h>

/*
 * Returns the error of @nlh (0 for an ack, -errno otherwise, -EBADMSG if
 * truncated) and copies its NLMSGERR_ATTR_MSG into @msg ("" if none).
 */
int nlerr_parse(const struct nlmsghdr *nlh, char *msg, size_t len);

/*
 * Returns the error a dump ended with, carried in its NLMSG_DONE (0 when it
 * ended well, -errno otherwise), and copies the kernel's extended-ack
 * message into @msg ("" if none).
 */
int nlerr_done_parse(const struct nlmsghdr *nlh, char *msg, size_t len);

#endif
