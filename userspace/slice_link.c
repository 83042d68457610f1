// SPDX-License-Identifier: GPL-2.0
/*
 * egrectl link ... type shortbridge: fast slice interfaces.
 *
 *   link add NAME type shortbridge slice SLICE [ifname IF]
 *            (link EGRE | peer-slice SLICE2 [peer-ifname IF2])
 *            [address MAC] [mtu M]
 *
 * The device is made from the node's namespace straight into the slice
 * (slice_link_query.c talks to the kernel). NAME is the link's name in the
 * node; the trellis family finds it there for show and del.
 */
#include <errno.h>
#include <inttypes.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/trellis.h>

#include "egrectl.h"
#include "link_args.h"
#include "print.h"
#include "nl.h"
#include "shape.h"
#include "slice_link.h"
#include "slice_link_query.h"
#include "slices.h"
#include "util.h"

struct slice_link_opts {
	const char *slice, *ifname, *link, *peer_slice, *peer_ifname;
	bool has_mtu, has_address;
	uint32_t mtu;
	uint8_t address[6];
};

/* The words of a shortbridge link; any unique prefix of one is taken for it. */
static const char *const slice_link_words[] = {
	"type", "slice", "ifname", "link", "peer-slice", "peer-ifname", "address", "mtu", NULL,
};

static int opts_parse(struct slice_link_opts *o, int argc, char **argv)
{
	memset(o, 0, sizeof(*o));
	for (int i = 0; i < argc; i++) {
		const char *word = keyword(argv[i], slice_link_words);
		const char *val = i + 1 < argc ? argv[i + 1] : NULL;

		if (!word)
			return egrectl_bad_arg(&egrectl_cmd_link, argv[i]);
		if (!val) {
			err_msg("link add: \"%s\" needs a value", word);
			return EXIT_USAGE;
		}
		i++;
		if ((!strcmp(word, "slice") || !strcmp(word, "peer-slice")) &&
		    strlen(val) > SLICE_NAME_LEN_MAX) {
			err_msg("link add: %s name \"%s\" is longer than %d characters", word, val,
				SLICE_NAME_LEN_MAX);
			return EXIT_USAGE;
		}
		if (!strcmp(word, "slice")) {
			o->slice = val;
		} else if (!strcmp(word, "ifname") || !strcmp(word, "peer-ifname")) {
			if (strlen(val) >= IFNAMSIZ) {
				err_msg("link add: %s \"%s\" is longer than %d characters", word, val,
					IFNAMSIZ - 1);
				return EXIT_USAGE;
			}
			*(word[0] == 'p' ? &o->peer_ifname : &o->ifname) = val;
		} else if (!strcmp(word, "link")) {
			o->link = val;
		} else if (!strcmp(word, "peer-slice")) {
			o->peer_slice = val;
		} else if (!strcmp(word, "address")) {
			if (!link_parse_mac(val, o->address)) {
				err_msg("link add: malformed Ethernet address \"%s\" (want xx:xx:xx:xx:xx:xx)",
					val);
				return EXIT_USAGE;
			}
			o->has_address = true;
		} else if (!strcmp(word, "mtu")) {
			if (!link_parse_mtu(val, &o->mtu)) {
				err_msg("link add: mtu \"%s\" is not %d..%d", val, LINK_MTU_MIN,
					LINK_MTU_MAX);
				return EXIT_USAGE;
			}
			o->has_mtu = true;
		}
	}
	if (!o->slice) {
		err_msg("link add: a shortbridge link needs \"slice SLICE\"");
		return EXIT_USAGE;
	}
	if (!o->link == !o->peer_slice) {
		err_msg("link add: a shortbridge link needs \"link EGRE\" or \"peer-slice SLICE\", not both");
		return EXIT_USAGE;
	}
	if (o->peer_ifname && !o->peer_slice) {
		err_msg("link add: \"peer-ifname\" needs \"peer-slice\"");
		return EXIT_USAGE;
	}
	return 0;
}

static int open_slice(const char *name)
{
	int fd = slice_open(name);

	if (fd == -ENOENT)
		err_msg("link add: no such slice \"%s\"", name);
	else if (fd == -ESTALE)
		err_msg("link add: slice \"%s\" is gone (no namespace behind %s/%s)", name,
			SLICES_DIR, name);
	else if (fd < 0)
		err_msg("link add: slice \"%s\": %s", name, strerror(-fd));
	return fd;
}

int slice_link_add(const char *name, int argc, char **argv)
{
	int slice_fd = -1, peer_fd = -1, err, ret = EXIT_RUNTIME;
	struct slice_link_opts o;
	struct slice_link_new req;
	unsigned int link = 0;
	struct nl_conn r;

	err = opts_parse(&o, argc, argv);
	if (err)
		return err;
	if (o.link) {
		link = if_nametoindex(o.link);
		if (!link) {
			err_msg("link add %s: no such link \"%s\"", name, o.link);
			return EXIT_RUNTIME;
		}
	}
	slice_fd = open_slice(o.slice);
	if (slice_fd < 0)
		return EXIT_RUNTIME;
	if (o.peer_slice) {
		peer_fd = open_slice(o.peer_slice);
		if (peer_fd < 0)
			goto out;
	}
	req = (struct slice_link_new) {
		.name = name,
		.ifname = o.ifname ? o.ifname : name,
		.peer_ifname = o.peer_ifname ? o.peer_ifname : name,
		.slice_fd = slice_fd, .peer_fd = peer_fd, .link = link,
		.has_mtu = o.has_mtu, .mtu = o.mtu, .has_address = o.has_address,
	};
	memcpy(req.address, o.address, sizeof(req.address));
	err = conn_open(&r, NETLINK_ROUTE);
	if (!err) {
		err = slice_link_create(&r, &req);
		conn_close(&r);
	}
	if (err == -EOPNOTSUPP && !r.errmsg[0])
		egrectl_module_absent();
	else if (err == -EEXIST && !r.errmsg[0])
		err_msg("link add %s: a device \"%s\" exists in slice %s", name,
			o.ifname ? o.ifname : name, o.slice);
	else if (err)
		err_msg("link add %s: %s", name, r.errmsg[0] ? r.errmsg : strerror(-err));
	else
		ret = 0;
out:
	if (peer_fd >= 0)
		close(peer_fd);
	close(slice_fd);
	return ret;
}

int slice_link_del(const char *name)
{
	struct trellis_genl g;
	int err;

	if (trellis_genl_open(&g))
		return 1;	/* no module: no slice links either */
	err = slice_link_remove(&g, name);
	if (err == -ENOENT) {
		trellis_genl_close(&g);
		return 1;
	}
	if (err)
		err = egrectl_genl_error(&g, "link del", err);
	trellis_genl_close(&g);
	return err;
}

/*
 * One end: where it is and, when it can be read there, its state; its
 * counters (-s) in JSON here, in text into @c for the end of the line.
 */
static bool end_print(const char *key, const struct slice_end *e, int stats,
		      struct dev_counters *c)
{
	struct dev_info dev;
	bool found = slice_end_read(e, &dev) == 0;
	/* the first end's members are the link's own; the peer is an object */
	if (key) {
		print_open_object(key);
		print_string(PRINT_TEXT, NULL, "%s ", key);
	}
	print_string(PRINT_ANY, "slice", "slice %s ", e->slice[0] ? e->slice : NULL);
	print_string(PRINT_ANY, "ifname", "ifname %s ", e->ifname);
	if (found) {
		char mac[LINK_MAC_TEXT];

		print_string(PRINT_ANY, "state", "state %s ", link_operstate_name(dev.operstate));
		print_flag(PRINT_JSON, "up", NULL, dev.flags & IFF_UP);
		print_u64(PRINT_ANY, "mtu", "mtu %" PRIu64 " ", dev.mtu);
		link_mac_text(dev.address, mac);
		print_string(egrectl_opts.details ? PRINT_ANY : PRINT_JSON, "address",
			     "address %s ", dev.has_address ? mac : NULL);
		*c = dev.stats;
		if (stats)
			print_dev_counters(PRINT_JSON, NULL, c);
	}
	if (key)
		print_close_object();
	return found;
}

/* -br: the ends, slice/ifname, and what they are joined to. */
static void slice_link_brief(const struct slice_link *l, const char *link)
{
	for (int e = 0; e < l->ends; e++) {
		const struct slice_end *end = &l->end[e];

		if (e)	/* the first end's members are the link's own */
			print_open_object("peer");
		print_string(PRINT_ANY, "slice", "%s/", end->slice[0] ? end->slice : NULL);
		print_string(PRINT_TEXT, NULL, "%s", end->slice[0] ? NULL : "?/");
		print_string(PRINT_ANY, "ifname", "%s", end->ifname);
		print_text(e == 0 && l->ends > 1 ? " <-> " : "");
		if (e)
			print_close_object();
	}
	print_string(PRINT_ANY, "link", " -> %s", link);
}

static void slice_link_print(const struct slice_link *l, int stats)
{
	struct dev_counters c[2];
	bool found[2] = { false, false };
	char buf[IF_NAMESIZE];
	const char *link = l->ends > 1 || !l->link ? NULL :
			   if_indextoname(l->link, buf) ? buf : NULL;

	print_open_object(NULL);
	if (egrectl_opts.brief) {
		struct dev_info dev;
		bool known = l->ends > 0 && slice_end_read(&l->end[0], &dev) == 0;

		print_string(PRINT_ANY, "name", "%-16s ", l->name);
		print_string(PRINT_ANY, "state", "%-14s ",
			     known ? link_operstate_name(dev.operstate) : NULL);
		print_string(PRINT_TEXT, NULL, "%-14s ", known ? NULL : "?");
		slice_link_brief(l, link);
		print_nl();
		print_close_object();
		return;
	}
	print_string(PRINT_ANY, "name", "%s: ", l->name);
	print_string(PRINT_ANY, "kind", "%s ", TRELLIS_SHORTBRIDGE_KIND);
	if (l->ends > 0) {
		found[0] = end_print(NULL, &l->end[0], stats, &c[0]);
		if (l->end[0].slice[0])
			shape_print(NULL, l->end[0].slice, l->end[0].ifname, l->end[0].ifindex);
	}
	if (l->ends > 1)
		found[1] = end_print("peer", &l->end[1], stats, &c[1]);
	else
		print_string(PRINT_ANY, "link", "link %s ", link);
	/* an egre link deleted under it: no carrier until it is deleted too */
	print_text(l->ends == 1 && !link ? "link (deleted) " : "");
	for (int e = 0; stats && e < l->ends; e++) {
		if (found[e])
			print_dev_counters(PRINT_TEXT, l->ends > 1 ? l->end[e].ifname : NULL, &c[e]);
	}
	print_nl();
	print_close_object();
}

int slice_links_show(const char *name, int stats, size_t *shown)
{
	struct slice_link_list list = { 0 };
	struct trellis_genl g;
	int err;

	*shown = 0;
	if (trellis_genl_open(&g))
		return 0;	/* no module: no slice links */
	err = slice_links_get(&g, name, &list);
	if (err == -ENOENT && name)
		err = 0;	/* not a slice link */
	if (err) {
		err = egrectl_genl_error(&g, "link show", err);
		trellis_genl_close(&g);
		free(list.links);
		return err;
	}
	trellis_genl_close(&g);
	for (size_t i = 0; i < list.n; i++) {
		for (int e = 0; e < list.links[i].ends; e++)
			slice_name_of(list.links[i].end[e].inode, list.links[i].end[e].slice,
				      sizeof(list.links[i].end[e].slice));
	}
	/* a slice-to-slice pair is listed once per end: show it once */
	for (size_t i = 0; i < list.n; i++) {
		bool dup = false;

		for (size_t j = 0; j < i && !dup; j++)
			dup = !strcmp(list.links[i].name, list.links[j].name);
		if (dup)
			continue;
		slice_link_print(&list.links[i], stats);
		(*shown)++;
	}
	free(list.links);
	return 0;
}

bool slice_link_typed(int argc, char **argv)
{
	for (int i = 0; i + 1 < argc; i++)
		if (matches(argv[i], "type") && !strcmp(argv[i + 1], TRELLIS_SHORTBRIDGE_KIND))
			return true;
	return false;
}
