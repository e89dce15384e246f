/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _PPPK_TIMERS_H
#define _PPPK_TIMERS_H

#include "link.h"

void pppk_timers_init(struct pppk_link *link);
/* Start, restart or stop keepalives after the controller changed them. */
void pppk_timers_update(struct pppk_link *link);
void pppk_timers_stop(struct pppk_link *link);
/*
 * The link is being freed: stop keepalives for good, so that nothing can
 * arm the timer again (a LINK_SET after the tty closed may have).
 */
void pppk_timers_uninit(struct pppk_link *link);

#endif /* _PPPK_TIMERS_H */
