/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _TRELLIS_GENL_H
#define _TRELLIS_GENL_H

int trellis_genl_init(void);
void trellis_genl_uninit(void);

#endif /* _TRELLIS_GENL_H */
