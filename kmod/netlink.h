/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _PPPK_NETLINK_H
#define _PPPK_NETLINK_H

int pppk_genl_init(void);
void pppk_genl_uninit(void);

#endif /* _PPPK_NETLINK_H */
