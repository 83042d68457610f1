// SPDX-License-Identifier: GPL-2.0
/* The topology model's memory and its list of problems. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "topo_model.h"

void *topo_must(void *p)
{
	if (!p) {
		fprintf(stderr, "egrectl: out of memory\n");
		exit(2);
	}
	return p;
}

char *topo_strdup(const char *s)
{
	return topo_must(strdup(s));
}

/*
 * @fmt's text with each "%s" replaced, into @buf; false when @fmt has
 * another conversion or the result does not fit. Plans of thousands of
 * objects make most of their keys this way, and vsnprintf costs several
 * times as much.
 */
static bool strings_only(char *buf, size_t len, const char *fmt, va_list ap)
{
	size_t n = 0;

	for (const char *f = fmt; *f; f++) {
		const char *s = f;
		size_t m = 1;

		if (*f == '%') {
			if (f[1] != 's')
				return false;
			s = va_arg(ap, const char *);
			if (!s)
				return false;
			m = strlen(s);
			f++;
		}
		if (n + m >= len)
			return false;
		memcpy(buf + n, s, m);
		n += m;
	}
	buf[n] = '\0';
	return true;
}

char *topo_strdupf(const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	if (!strings_only(buf, sizeof(buf), fmt, ap)) {
		va_end(ap);
		va_start(ap, fmt);
		vsnprintf(buf, sizeof(buf), fmt, ap);
	}
	va_end(ap);
	return topo_strdup(buf);
}

void *topo_grow(void *arr, size_t *n, size_t size)
{
	char *a = arr;

	/*
	 * Room for twice as many whenever the count reaches a power of two:
	 * lists of tens of thousands would otherwise be copied once an entry.
	 */
	if ((*n & (*n - 1)) == 0)
		a = topo_must(realloc(arr, (*n ? *n * 2 : 1) * size));

	memset(a + *n * size, 0, size);
	(*n)++;
	return a;
}

void topo_error(struct topo_errors *e, const char *file, struct topo_pos pos,
		const char *fmt, ...)
{
	char msg[600], where[64] = "";
	size_t len;
	char *line;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (pos.line)
		snprintf(where, sizeof(where), ":%d:%d", pos.line, pos.col);
	len = strlen(file) + strlen(where) + strlen(msg) + 3;
	line = topo_must(malloc(len));
	snprintf(line, len, "%s%s: %s", file, where, msg);
	e->lines = topo_grow(e->lines, &e->n, sizeof(char *));
	e->lines[e->n - 1] = line;
}

void topo_errors_free(struct topo_errors *e)
{
	for (size_t i = 0; i < e->n; i++)
		free(e->lines[i]);
	free(e->lines);
	e->lines = NULL;
	e->n = 0;
}

static void free_end(struct topo_end *end)
{
	free(end->vnode_name);
	free(end->ifname);
}

static void free_vnode(struct topo_vnode *v)
{
	size_t i;

	free(v->name);
	free(v->node_name);
	free(v->loopback);
	for (i = 0; i < v->n_ifaces; i++) {
		free(v->ifaces[i].name);
		free(v->ifaces[i].addrs);
	}
	free(v->ifaces);
	for (i = 0; i < v->n_routes; i++) {
		free(v->routes[i].dev);
		free(v->routes[i].text);
	}
	free(v->routes);
	for (i = 0; i < v->n_sysctls; i++) {
		free(v->sysctls[i].key);
		free(v->sysctls[i].value);
	}
	free(v->sysctls);
	for (i = 0; i < v->n_run; i++)
		free(v->run[i].line);
	free(v->run);
}

static void free_link(struct topo_link *l)
{
	free(l->name);
	for (int i = 0; i < 2; i++) {
		free_end(&l->end[i]);
		for (size_t w = 0; w < l->shape[i].n_words; w++)
			free(l->shape[i].words[w]);
		free(l->shape[i].words);
	}
}

static void free_slice(struct topo_slice *s)
{
	size_t i, j;

	free(s->name);
	free(s->admin);
	for (i = 0; i < s->n_vnodes; i++)
		free_vnode(&s->vnodes[i]);
	free(s->vnodes);
	for (i = 0; i < s->n_links; i++)
		free_link(&s->links[i]);
	free(s->links);
	for (i = 0; i < s->n_lans; i++) {
		free(s->lans[i].name);
		for (j = 0; j < s->lans[i].n_ends; j++)
			free_end(&s->lans[i].ends[j]);
		free(s->lans[i].ends);
		free(s->lans[i].nodes);
		free(s->lans[i].keys);
	}
	free(s->lans);
}

void topo_free(struct topo *t)
{
	size_t i;

	free(t->file);
	free(t->name);
	free(t->source);
	for (i = 0; i < t->n_nodes; i++) {
		free(t->nodes[i].name);
		free(t->nodes[i].underlay);
		free(t->nodes[i].dev);
	}
	free(t->nodes);
	for (i = 0; i < t->n_slices; i++)
		free_slice(&t->slices[i]);
	free(t->slices);
	memset(t, 0, sizeof(*t));
}
