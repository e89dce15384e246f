/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _PPPK_NETLINK_H
#define _PPPK_NETLINK_H

#include <linux/gfp.h>
#include <uapi/linux/pppk.h>

struct pppk_link;

/* Tell the link's namespace's monitors (PPPK_MCGRP_EVENTS). */
void pppk_nl_event(struct pppk_link *link, enum pppk_event event, gfp_t gfp);
/* Hand a received control frame to the link's controller. */
void pppk_nl_frame_up(struct pppk_link *link, u16 proto, const u8 *data,
		      size_t len);

/* Make @portid @link's controller (0: none); cfg_lock held. */
void pppk_nl_set_controller(struct pppk_link *link, u32 portid);

int pppk_genl_init(void);
void pppk_genl_uninit(void);

#endif /* _PPPK_NETLINK_H */
