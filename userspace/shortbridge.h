/* SPDX-License-Identifier: GPL-2.0 */
/* Shortbridge bindings, for the other command families. */
#ifndef EGRECTL_SHORTBRIDGE_H
#define EGRECTL_SHORTBRIDGE_H

/* The two ports of binding @name: 0, 1 if there is none, or -errno. */
int sb_binding_ports(const char *name, unsigned int port[2]);

#endif
