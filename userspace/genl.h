/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The netlink layer for the trellis generic netlink family, over libmnl:
 * resolve the family, send one request, hand each reply to a callback, and
 * bring back the kernel's extended-ack message with any error.
 */
#ifndef EGRECTL_GENL_H
#define EGRECTL_GENL_H

#include <stdbool.h>
#include <stdint.h>
#include <libmnl/libmnl.h>

struct trellis_genl {
	struct mnl_socket *nl;
	uint32_t portid;
	uint32_t seq;
	uint16_t family_id;
	uint32_t family_version;
	char *buf;		/* MNL_SOCKET_BUFFER_SIZE bytes */
	char errmsg[256];	/* extack message of the last error, or "" */
};

/*
 * Opens a socket in the current network namespace and resolves the
 * family. Returns 0, -ENOENT when the family is not registered (module
 * not loaded), or another -errno.
 */
int trellis_genl_open(struct trellis_genl *g);
void trellis_genl_close(struct trellis_genl *g);

/*
 * While on, trellis_genl_close keeps one socket and the next open takes it
 * again (egrectl -batch: one socket for all its commands). Turning it off
 * closes the kept one.
 */
void trellis_genl_keep_socket(bool on);

/* Starts a request for @cmd in g->buf; add attributes, then send it. */
struct nlmsghdr *trellis_genl_start(struct trellis_genl *g, uint8_t cmd,
				    uint16_t flags);

/*
 * Sends @nlh and runs @cb on every reply message until the kernel's ack.
 * Returns 0 or -errno; on error g->errmsg holds the extack message if the
 * kernel gave one.
 */
int trellis_genl_request(struct trellis_genl *g, struct nlmsghdr *nlh,
			 mnl_cb_t cb, void *data);

/*
 * Runs @cb on the replies to request @seq in one received buffer. Returns 1
 * while more are due, 0 at the final ack or at the end of a dump, or -errno
 * (an NLMSG_ERROR, or a dump that ended with an error); g->errmsg as above.
 */
int trellis_genl_dispatch(struct trellis_genl *g, uint32_t seq, const void *buf,
			  size_t len, mnl_cb_t cb, void *data);

#endif
