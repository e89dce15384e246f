/* SPDX-License-Identifier: GPL-2.0 */
/* Names of the kernel's per-link counters (PPPK_A_STAT_*), as shown. */
#ifndef PPPCTL_KSTATS_H
#define PPPCTL_KSTATS_H

/* NULL for a counter this pppctl does not know. */
const char *kstat_name(int type);

#endif
