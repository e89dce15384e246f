/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _PPPK_LDISC_H
#define _PPPK_LDISC_H

#include <linux/tty.h>

/*
 * Out of tree the line discipline takes N_DEVELOPMENT, the number the kernel
 * sets aside for such work; an in-tree build would be given its own.
 */
#define N_PPPK N_DEVELOPMENT

int pppk_ldisc_init(void);
void pppk_ldisc_uninit(void);

#endif /* _PPPK_LDISC_H */
