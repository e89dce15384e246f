/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pppd's idle and maxconnect for a link, from the first network protocol
 * up (pppd's np_up):
 *
 *   idle N        no data packet either way for N seconds: the link is
 *                 closed, "Link inactive".  The interface's counters are
 *                 read from the kernel (rtnetlink, one small request) at
 *                 most every N/8 seconds (1 to 60), and at the moment the
 *                 N seconds since the last activity seen would be over,
 *                 so a link closes at most that late, never early.
 *   maxconnect N  N seconds after: closed, "Connect time expired".
 *
 * Neither restarts while the link lives; both stop when it ends.
 */
#ifndef PPPCTL_IDLE_H
#define PPPCTL_IDLE_H

struct plink;

void idle_start(struct plink *l);
void idle_stop(struct plink *l);
/* Longest time between two reads of the counters, in ms, for idle N s. */
unsigned int idle_poll_ms(unsigned int idle_s);

#endif
