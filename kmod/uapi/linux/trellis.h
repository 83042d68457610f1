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
 *	%TRELLIS_ATTR_FEATURES, %TRELLIS_ATTR_NETNS_COOKIE, %TRELLIS_ATTR_LINKS,
 *	%TRELLIS_ATTR_DROPS (packets that reached no link: bad header, bad
 *	version or flags, unknown key).
 * @TRELLIS_CMD_GET_LINK: a trellis link's state beyond rtnetlink. Request:
 *	%TRELLIS_ATTR_IFINDEX (do), or nothing (dump: every trellis link in the
 *	namespace). Reply: %TRELLIS_ATTR_IFINDEX, %TRELLIS_ATTR_DROPS.
 * @TRELLIS_CMD_BIND: join two devices of the caller's namespace in a
 *	shortbridge binding. Request: %TRELLIS_ATTR_NAME, %TRELLIS_ATTR_PORT_A,
 *	%TRELLIS_ATTR_PORT_B.
 * @TRELLIS_CMD_UNBIND: undo a binding. Request: %TRELLIS_ATTR_NAME.
 * @TRELLIS_CMD_GET_BINDING: a binding (do, by %TRELLIS_ATTR_NAME) or all of
 *	the namespace's (dump). Reply: %TRELLIS_ATTR_NAME, %TRELLIS_ATTR_PORT_A,
 *	%TRELLIS_ATTR_PORT_B, %TRELLIS_ATTR_BINDING_STATS.
 * @TRELLIS_CMD_GET_SLICE_LINK: a shortbridge link made from the caller's
 *	namespace (do, by %TRELLIS_ATTR_NAME) or all of them (dump). Its
 *	devices live in slices. Reply: %TRELLIS_ATTR_NAME, one
 *	%TRELLIS_ATTR_END per device, and %TRELLIS_ATTR_IFINDEX: the egre
 *	link it is bound to (absent for a slice-to-slice link, or once that
 *	link is gone).
 * @TRELLIS_CMD_DEL_SLICE_LINK: delete a shortbridge link (both devices of
 *	a slice-to-slice link). Request: %TRELLIS_ATTR_NAME.
 */
enum trellis_cmd {
	TRELLIS_CMD_UNSPEC,
	TRELLIS_CMD_GET_INFO,
	TRELLIS_CMD_GET_LINK,
	TRELLIS_CMD_BIND,
	TRELLIS_CMD_UNBIND,
	TRELLIS_CMD_GET_BINDING,
	TRELLIS_CMD_GET_SLICE_LINK,
	TRELLIS_CMD_DEL_SLICE_LINK,

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
 * @TRELLIS_ATTR_IFINDEX: u32, a link device's ifindex in the caller's
 *	namespace.
 * @TRELLIS_ATTR_DROPS: nest of enum trellis_drop, each a u64 count of
 *	packets dropped for that reason.
 * @TRELLIS_ATTR_NAME: NUL-terminated string (under IFNAMSIZ), the name of
 *	a binding or of a shortbridge link.
 * @TRELLIS_ATTR_PORT_A: u32, ifindex of a binding's first port.
 * @TRELLIS_ATTR_PORT_B: u32, ifindex of its second port.
 * @TRELLIS_ATTR_BINDING_STATS: nest of enum trellis_binding_stat, each u64.
 * @TRELLIS_ATTR_END: nest of enum trellis_end_attr: one device of a
 *	shortbridge link, in its slice.
 */
enum trellis_attr {
	TRELLIS_ATTR_UNSPEC,
	TRELLIS_ATTR_VERSION,
	TRELLIS_ATTR_GENL_VERSION,
	TRELLIS_ATTR_FEATURES,
	TRELLIS_ATTR_NETNS_COOKIE,
	TRELLIS_ATTR_LINKS,
	TRELLIS_ATTR_PAD,
	TRELLIS_ATTR_IFINDEX,
	TRELLIS_ATTR_DROPS,
	TRELLIS_ATTR_NAME,
	TRELLIS_ATTR_PORT_A,
	TRELLIS_ATTR_PORT_B,
	TRELLIS_ATTR_BINDING_STATS,
	TRELLIS_ATTR_END,

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

/**
 * enum trellis_drop - why a packet was dropped; attributes of
 *	%TRELLIS_ATTR_DROPS, each a u64
 * @TRELLIS_DROP_NO_ROUTE: transmit: no route to the remote (or it loops
 *	back into the link).
 * @TRELLIS_DROP_BAD_HEADER: receive: truncated GRE or UDP header, or an
 *	inner frame shorter than an Ethernet header.
 * @TRELLIS_DROP_BAD_VERSION: receive: GRE version not 0, a flag trellis
 *	does not speak (routing, strict source route, recursion), a payload
 *	other than Ethernet, no key, or checksum/sequence flags that differ
 *	from the link's.
 * @TRELLIS_DROP_UNKNOWN_KEY: receive: no link has this (key, local,
 *	remote).
 * @TRELLIS_DROP_CSUM: receive: GRE checksum wrong.
 * @TRELLIS_DROP_SEQ: receive: sequence number not after the last one.
 * @TRELLIS_DROP_TOO_BIG: transmit: frame bigger than the path MTU allows.
 * @TRELLIS_DROP_UNDERLAY_DOWN: transmit: the pinned underlay device is
 *	down. The link's carrier follows that device, so once the carrier
 *	change has taken effect the stack stops handing frames to the link
 *	(its qdisc discards them); this counts the frames that still came.
 * @TRELLIS_DROP_ECN: receive: outer header marked CE, inner packet not
 *	ECN-capable (RFC 6040).
 * @TRELLIS_DROP_PAD: padding; never carries data.
 * @TRELLIS_DROP_LOOP: transmit: a frame links have carried on from one to
 *	another, with no IP router between them, until its hop budget (the
 *	outer TTL it arrived with, less one a link) was spent: it loops.
 */
enum trellis_drop {
	TRELLIS_DROP_UNSPEC,
	TRELLIS_DROP_NO_ROUTE,
	TRELLIS_DROP_BAD_HEADER,
	TRELLIS_DROP_BAD_VERSION,
	TRELLIS_DROP_UNKNOWN_KEY,
	TRELLIS_DROP_CSUM,
	TRELLIS_DROP_SEQ,
	TRELLIS_DROP_TOO_BIG,
	TRELLIS_DROP_UNDERLAY_DOWN,
	TRELLIS_DROP_ECN,
	TRELLIS_DROP_PAD,
	TRELLIS_DROP_LOOP,

	__TRELLIS_DROP_MAX,
};

#define TRELLIS_DROP_MAX (__TRELLIS_DROP_MAX - 1)

/**
 * enum trellis_binding_stat - attributes of %TRELLIS_ATTR_BINDING_STATS,
 *	each a u64
 * @TRELLIS_BINDING_A_PACKETS: frames received on port A and sent on port B.
 * @TRELLIS_BINDING_A_BYTES: their bytes (with the Ethernet header).
 * @TRELLIS_BINDING_B_PACKETS: frames from port B to port A.
 * @TRELLIS_BINDING_B_BYTES: their bytes.
 * @TRELLIS_BINDING_TOO_BIG: frames dropped: bigger than the other port's MTU.
 * @TRELLIS_BINDING_DOWN: frames dropped: the other port down.
 * @TRELLIS_BINDING_PAD: padding; never carries data.
 */
enum trellis_binding_stat {
	TRELLIS_BINDING_UNSPEC,
	TRELLIS_BINDING_A_PACKETS,
	TRELLIS_BINDING_A_BYTES,
	TRELLIS_BINDING_B_PACKETS,
	TRELLIS_BINDING_B_BYTES,
	TRELLIS_BINDING_TOO_BIG,
	TRELLIS_BINDING_DOWN,
	TRELLIS_BINDING_PAD,

	__TRELLIS_BINDING_MAX,
};

#define TRELLIS_BINDING_MAX (__TRELLIS_BINDING_MAX - 1)

/**
 * enum trellis_end_attr - attributes of %TRELLIS_ATTR_END
 * @TRELLIS_END_NETNS_INODE: u32, the inode number of the slice's network
 *	namespace (as stat(2) gives it for /run/netns/SLICE).
 * @TRELLIS_END_IFINDEX: u32, the device's ifindex in that namespace.
 * @TRELLIS_END_IFNAME: NUL-terminated string, its name there.
 */
enum trellis_end_attr {
	TRELLIS_END_UNSPEC,
	TRELLIS_END_NETNS_INODE,
	TRELLIS_END_IFINDEX,
	TRELLIS_END_IFNAME,

	__TRELLIS_END_MAX,
};

#define TRELLIS_END_MAX (__TRELLIS_END_MAX - 1)

/*
 * Link kind "egre" (rtnetlink, IFLA_INFO_KIND): an Ethernet-over-GRE virtual
 * link, wire-compatible with Linux gretap. Its IFLA_INFO_DATA attributes:
 *
 * @IFLA_EGRE_LOCAL: underlay source address, struct in_addr (4 bytes) or
 *	struct in6_addr (16 bytes). Required.
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
 * @IFLA_EGRE_ENCAP: u8, %TRELLIS_EGRE_ENCAP_GRE (IP protocol 47, default)
 *	or %TRELLIS_EGRE_ENCAP_UDP (GRE-in-UDP, RFC 8086).
 * @IFLA_EGRE_PORT: u16 in network byte order, the UDP destination port
 *	for %TRELLIS_EGRE_ENCAP_UDP, sent to and listened on (default 4754).
 * @IFLA_EGRE_DIRECT: u8, 1 receives the link's packets straight from its
 *	underlay device (IFLA_EGRE_LINK, required), before the IP layer, and
 *	sends its IPv4 packets straight to the underlay's neighbour: the
 *	underlay namespace's netfilter (conntrack, NAT, every hook), IPsec
 *	policy, VRF hooks and IP counters do not see them (default 0). Needs
 *	the device's receive handler free. What is not sure (fragments, IP
 *	options, a UDP checksum to verify, GSO, IPv6 transmit) takes the IP
 *	layer's path as without direct.
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
	IFLA_EGRE_ENCAP,
	IFLA_EGRE_PORT,
	IFLA_EGRE_DIRECT,

	__IFLA_EGRE_MAX,
};

#define IFLA_EGRE_MAX (__IFLA_EGRE_MAX - 1)

#define TRELLIS_EGRE_TTL_DEFAULT	64
#define TRELLIS_EGRE_TOS_INHERIT	1
#define TRELLIS_EGRE_UDP_PORT		4754

enum {
	TRELLIS_EGRE_ENCAP_GRE,
	TRELLIS_EGRE_ENCAP_UDP,
};

/*
 * Link kind "shortbridge" (rtnetlink): a fast slice interface. Created from
 * a node's namespace (the link's home) with IFLA_NET_NS_FD naming the
 * slice it lives in. Its IFLA_INFO_DATA attributes:
 *
 * @IFLA_SHORTBRIDGE_NAME: string, the link's name in its home namespace
 *	(unique there among shortbridge links; default: the device's name).
 * @IFLA_SHORTBRIDGE_LINK: u32, ifindex (in the home namespace) of the egre
 *	link the device is bound to: frames sent in the slice go out on that
 *	link, frames the link receives are delivered in the slice.
 * @IFLA_SHORTBRIDGE_PEER: instead of LINK, a struct ifinfomsg followed by
 *	IFLA_* attributes (IFLA_IFNAME, IFLA_NET_NS_FD, IFLA_ADDRESS, ...) of
 *	a second device, the other end, in another slice of the same node.
 *
 * Exactly one of LINK and PEER. The device's MTU defaults to the egre
 * link's and cannot exceed it; its carrier follows the egre link (or the
 * peer). Deleting the device, its slice, the egre link's node namespace or
 * (for a pair) the other end deletes the whole link; deleting the egre link
 * leaves the device without carrier.
 */
#define TRELLIS_SHORTBRIDGE_KIND	"shortbridge"

enum {
	IFLA_SHORTBRIDGE_UNSPEC,
	IFLA_SHORTBRIDGE_NAME,
	IFLA_SHORTBRIDGE_LINK,
	IFLA_SHORTBRIDGE_PEER,

	__IFLA_SHORTBRIDGE_MAX,
};

#define IFLA_SHORTBRIDGE_MAX (__IFLA_SHORTBRIDGE_MAX - 1)

#endif /* _UAPI_LINUX_TRELLIS_H */
