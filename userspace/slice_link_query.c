// SPDX-License-Identifier: GPL-2.0
/*
 * Slice links as the trellis family reports them (slice_link_query.h):
 * asked for by name, all at once, or by the egre link they are bound to.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/genetlink.h>
#include <net/if.h>

#include <linux/trellis.h>

#include "genl.h"
#include "slice_link_query.h"
#include "slices.h"
#include "util.h"

static int end_cb(const struct nlattr *attr, void *data)
{
	struct slice_end *e = data;

	switch (mnl_attr_get_type(attr)) {
	case TRELLIS_END_NETNS_INODE:
		e->inode = mnl_attr_get_u32(attr);
		break;
	case TRELLIS_END_IFINDEX:
		e->ifindex = mnl_attr_get_u32(attr);
		break;
	case TRELLIS_END_IFNAME:
		snprintf(e->ifname, sizeof(e->ifname), "%s", mnl_attr_get_str(attr));
		break;
	}
	return MNL_CB_OK;
}

static int slice_link_attr_cb(const struct nlattr *attr, void *data)
{
	struct slice_link *l = data;

	switch (mnl_attr_get_type(attr)) {
	case TRELLIS_ATTR_NAME:
		snprintf(l->name, sizeof(l->name), "%s", mnl_attr_get_str(attr));
		break;
	case TRELLIS_ATTR_IFINDEX:
		l->link = mnl_attr_get_u32(attr);
		break;
	case TRELLIS_ATTR_END:
		if (l->ends < 2 &&
		    mnl_attr_parse_nested(attr, end_cb, &l->end[l->ends++]) < 0)
			return MNL_CB_ERROR;
		break;
	}
	return MNL_CB_OK;
}

static int slice_link_cb(const struct nlmsghdr *nlh, void *data)
{
	struct slice_link_list *list = data;
	struct slice_link *l = list_append((void **)&list->links, &list->n, sizeof(*l));

	if (!l)
		return MNL_CB_ERROR;
	return mnl_attr_parse(nlh, sizeof(struct genlmsghdr), slice_link_attr_cb, l);
}

/* GET_SLICE_LINK for @name, or all of them (NULL), into @list. */
int slice_links_get(struct trellis_genl *g, const char *name,
			   struct slice_link_list *list)
{
	struct nlmsghdr *nlh;

	nlh = trellis_genl_start(g, TRELLIS_CMD_GET_SLICE_LINK, name ? 0 : NLM_F_DUMP);
	if (name)
		mnl_attr_put_strz(nlh, TRELLIS_ATTR_NAME, name);
	return trellis_genl_request(g, nlh, slice_link_cb, list);
}

bool slice_link_exists(const char *name)
{
	struct trellis_genl g;
	struct nlmsghdr *nlh;
	int err;

	if (trellis_genl_open(&g))
		return false;
	nlh = trellis_genl_start(&g, TRELLIS_CMD_GET_SLICE_LINK, 0);
	mnl_attr_put_strz(nlh, TRELLIS_ATTR_NAME, name);
	err = trellis_genl_request(&g, nlh, NULL, NULL);
	trellis_genl_close(&g);
	return err == 0;
}

/* The first end of @l into @slice, @ifname and @ifindex. */
static void slice_link_end_device(const struct slice_link *l, char slice[SLICE_NAME_MAX],
				  char ifname[IFNAMSIZ], unsigned int *ifindex)
{
	slice_name_of(l->end[0].inode, slice, SLICE_NAME_MAX);
	snprintf(ifname, IFNAMSIZ, "%s", l->end[0].ifname);
	*ifindex = l->end[0].ifindex;
}

/*
 * The slice links made from here, or only @name: 0, 1 when there are none
 * (or no module), or -errno. The caller frees list->links.
 */
static int slice_links_fetch(const char *name, struct slice_link_list *list)
{
	struct trellis_genl g;
	int err;

	if (trellis_genl_open(&g))
		return 1;	/* no module: no slice links */
	err = slice_links_get(&g, name, list);
	trellis_genl_close(&g);
	if (!err && !list->n)
		err = -ENOENT;
	return err == -ENOENT ? 1 : err;
}

int slice_link_device(const char *name, char slice[SLICE_NAME_MAX], char ifname[IFNAMSIZ],
		      unsigned int *ifindex)
{
	struct slice_link_list list = { 0 };
	int err = slice_links_fetch(name, &list);

	if (!err && !list.links[0].ends)
		err = 1;
	if (!err)
		slice_link_end_device(&list.links[0], slice, ifname, ifindex);
	free(list.links);
	return err;
}

struct slice_links {
	struct slice_link_list list;
};

struct slice_links *slice_links_fetch_all(void)
{
	struct slice_links *all = calloc(1, sizeof(*all));

	if (all && slice_links_fetch(NULL, &all->list) < 0) {
		free(all->list.links);
		free(all);
		all = NULL;
	}
	return all;
}

void slice_links_free(struct slice_links *all)
{
	if (!all)
		return;
	free(all->list.links);
	free(all);
}

int slice_links_on_egre(const struct slice_links *all, unsigned int egre,
			char slice[SLICE_NAME_MAX], char ifname[IFNAMSIZ], unsigned int *ifindex)
{
	for (size_t i = 0; all && i < all->list.n; i++) {
		const struct slice_link *l = &all->list.links[i];

		if (l->link == egre && l->ends) {
			slice_link_end_device(l, slice, ifname, ifindex);
			return 0;
		}
	}
	return 1;
}

int slice_link_on_egre(unsigned int egre, char slice[SLICE_NAME_MAX], char ifname[IFNAMSIZ],
		       unsigned int *ifindex)
{
	struct slice_links *all = slice_links_fetch_all();
	int err;

	if (!all)
		return -EIO;
	err = slice_links_on_egre(all, egre, slice, ifname, ifindex);
	slice_links_free(all);
	return err;
}
