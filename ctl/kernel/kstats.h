/* SPDX-License-Identifier: GPL-2.0 */
/* Names of the kernel's per-link counters and link events, as shown. */
#ifndef PPPCTL_KSTATS_H
#define PPPCTL_KSTATS_H

/* NULL for a counter this pppctl does not know. */
const char *kstat_name(int type);

/* "created", "dead_peer", ... for PPPK_EVENT_*; NULL when unknown. */
const char *kevent_name(unsigned int event);

#endif
