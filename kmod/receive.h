/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _PPPK_RECEIVE_H
#define _PPPK_RECEIVE_H

#include "link.h"

int pppk_receive_init(struct pppk_link *link);
void pppk_receive_uninit(struct pppk_link *link);
/* Octets from the tty; @fp (may be NULL) flags line errors per octet. */
void pppk_receive(struct pppk_link *link, const u8 *cp, const u8 *fp,
		  size_t count);

#endif /* _PPPK_RECEIVE_H */
