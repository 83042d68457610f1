/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Slices as iproute2 names network namespaces: /run/netns/NAME. Open one
 * by name, and find a namespace's name from its inode number.
 */
#ifndef EGRECTL_SLICES_H
#define EGRECTL_SLICES_H

#include <stdint.h>
#include <stddef.h>

#define SLICES_DIR "/run/netns"

/*
 * The longest name a slice can have: any file name (NAME_MAX), as ip netns
 * add makes them; egrectl slice add keeps to NST_NAME_MAX.
 */
#define SLICE_NAME_LEN_MAX 255

/*
 * An fd of slice @name's namespace, or -errno: -ENOENT, no such slice;
 * -ESTALE, its name is there but its namespace is gone; -ENAMETOOLONG,
 * @name is longer than SLICE_NAME_LEN_MAX.
 */
int slice_open(const char *name);

/*
 * The name of the slice whose namespace has inode @inode into @buf; an
 * empty string when no name in SLICES_DIR points at it.
 */
void slice_name_of(uint32_t inode, char *buf, size_t len);

/*
 * Runs @fn(@arg) inside slice namespace @fd; returns what it returns, or
 * -errno if it could not enter. If it cannot come back, the process exits
 * (EXIT_RUNTIME, one line on stderr): nothing may run on in the slice.
 */
int in_slice(int fd, int (*fn)(void *arg), void *arg);

#endif
