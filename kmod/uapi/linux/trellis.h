/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * trellis: kernel-space virtual links for network testbeds.
 *
 * The generic netlink family "trellis" carries what rtnetlink has no words
 * for. Every request is served in the network namespace of the calling
 * socket, and needs CAP_NET_ADMIN over that namespace.
 *
 * Compatibility: attributes and commands are only ever added at the end of
 * their enums; TRELLIS_GENL_VERSION grows when the meaning of an existing
 * one changes.
 */
#ifndef _UAPI_LINUX_TRELLIS_H
#define _UAPI_LINUX_TRELLIS_H

#define TRELLIS_GENL_NAME	"trellis"
#define TRELLIS_GENL_VERSION	1

/**
 * enum trellis_cmd - commands of the trellis family
 * @TRELLIS_CMD_GET_INFO: module version, family version, feature flags and
 *	the state of the caller's namespace. Request: no attributes. Reply:
 *	%TRELLIS_ATTR_VERSION, %TRELLIS_ATTR_GENL_VERSION,
 *	%TRELLIS_ATTR_FEATURES, %TRELLIS_ATTR_NETNS_COOKIE, %TRELLIS_ATTR_LINKS.
 */
enum trellis_cmd {
	TRELLIS_CMD_UNSPEC,
	TRELLIS_CMD_GET_INFO,

	__TRELLIS_CMD_MAX,
};

#define TRELLIS_CMD_MAX (__TRELLIS_CMD_MAX - 1)

/**
 * enum trellis_attr - top-level attributes
 * @TRELLIS_ATTR_VERSION: NUL-terminated string, the module version ("0.1.0").
 * @TRELLIS_ATTR_GENL_VERSION: u32, the family version (TRELLIS_GENL_VERSION
 *	of the running module).
 * @TRELLIS_ATTR_FEATURES: u64, a mask of (1 << enum trellis_feature) for the
 *	capabilities this module provides.
 * @TRELLIS_ATTR_NETNS_COOKIE: u64, the cookie of the network namespace the
 *	request was served in (compare SO_NETNS_COOKIE).
 * @TRELLIS_ATTR_LINKS: u32, trellis link devices in that namespace.
 * @TRELLIS_ATTR_PAD: padding for 64-bit attributes; never carries data.
 */
enum trellis_attr {
	TRELLIS_ATTR_UNSPEC,
	TRELLIS_ATTR_VERSION,
	TRELLIS_ATTR_GENL_VERSION,
	TRELLIS_ATTR_FEATURES,
	TRELLIS_ATTR_NETNS_COOKIE,
	TRELLIS_ATTR_LINKS,
	TRELLIS_ATTR_PAD,

	__TRELLIS_ATTR_MAX,
};

#define TRELLIS_ATTR_MAX (__TRELLIS_ATTR_MAX - 1)

/**
 * enum trellis_feature - bits of %TRELLIS_ATTR_FEATURES
 *
 * A bit is set when the running module provides that capability; userspace
 * tests the bit rather than the version.
 *
 * @TRELLIS_FEATURE_EGRE: link kind "egre" (Ethernet over GRE).
 * @TRELLIS_FEATURE_EGRE_UDP: egre links with GRE-in-UDP encapsulation.
 * @TRELLIS_FEATURE_EGRE_IPV6: egre links over an IPv6 underlay.
 * @TRELLIS_FEATURE_DROP_REASONS: per-link drop counters by reason.
 * @TRELLIS_FEATURE_SHORTBRIDGE: two-port shortbridge bindings.
 * @TRELLIS_FEATURE_SHORTBRIDGE_FAST: link kind "shortbridge" (fast slice
 *	interface).
 */
enum trellis_feature {
	TRELLIS_FEATURE_EGRE,
	TRELLIS_FEATURE_EGRE_UDP,
	TRELLIS_FEATURE_EGRE_IPV6,
	TRELLIS_FEATURE_DROP_REASONS,
	TRELLIS_FEATURE_SHORTBRIDGE,
	TRELLIS_FEATURE_SHORTBRIDGE_FAST,

	__TRELLIS_FEATURE_COUNT,
};

/*
 * Link kind "egre" (rtnetlink, IFLA_INFO_KIND): an Ethernet-over-GRE virtual
 * link, wire-compatible with Linux gretap. Its IFLA_INFO_DATA attributes:
 *
 * @IFLA_EGRE_LOCAL: underlay source address, struct in_addr (4 bytes).
 *	Required.
 * @IFLA_EGRE_REMOTE: underlay destination address, same family. Required.
 * @IFLA_EGRE_IKEY: u32 in network byte order (as on the wire), the GRE key
 *	expected on receive. Required.
 * @IFLA_EGRE_OKEY: u32 in network byte order, the GRE key sent (default:
 *	IKEY).
 * @IFLA_EGRE_TTL: u8, outer TTL; 0 copies the inner packet's (default 64).
 * @IFLA_EGRE_TOS: u8, outer TOS; 1 copies the inner packet's (default 0).
 * @IFLA_EGRE_PMTUDISC: u8, 1 sets DF and honours path MTU (default 1).
 * @IFLA_EGRE_LINK: u32, ifindex of the underlay device the link is pinned
 *	to (multihoming); 0 lets the route choose.
 * @IFLA_EGRE_CSUM: u8, 1 sends and requires GRE checksums (default 0).
 * @IFLA_EGRE_SEQ: u8, 1 sends sequence numbers and drops out-of-order
 *	frames on receive (default 0).
 *
 * Receive demux is by (IKEY, LOCAL, REMOTE): a second link with the same
 * triple in one namespace is refused with EEXIST.
 */
#define TRELLIS_EGRE_KIND	"egre"

enum {
	IFLA_EGRE_UNSPEC,
	IFLA_EGRE_LOCAL,
	IFLA_EGRE_REMOTE,
	IFLA_EGRE_IKEY,
	IFLA_EGRE_OKEY,
	IFLA_EGRE_TTL,
	IFLA_EGRE_TOS,
	IFLA_EGRE_PMTUDISC,
	IFLA_EGRE_LINK,
	IFLA_EGRE_CSUM,
	IFLA_EGRE_SEQ,

	__IFLA_EGRE_MAX,
};

#define IFLA_EGRE_MAX (__IFLA_EGRE_MAX - 1)

#define TRELLIS_EGRE_TTL_DEFAULT	64
#define TRELLIS_EGRE_TOS_INHERIT	1

#endif /* _UAPI_LINUX_TRELLIS_H */
