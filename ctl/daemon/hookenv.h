/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pppd's scripts for a link (/etc/ppp/ip-pre-up, ip-up, ip-down, ipv6-up,
 * ipv6-down, auth-up, auth-down) with pppd's arguments and environment
 * (man pppd, SCRIPTS):
 *
 *   always     PATH, IFNAME, DEVICE, SPEED, ORIG_UID, PPPLOGNAME, PPPD_PID,
 *              PPPCTL=1; LINKNAME (linkname), CALL_FILE (pppctl call),
 *              IPPARAM (ipparam), PEERNAME (once the peer authenticated),
 *              DNS1, DNS2 (the peer gave them), USEPEERDNS=1 (usepeerdns
 *              and the peer gave one)
 *   IPv4       IPLOCAL, IPREMOTE     IPv6: LLLOCAL, LLREMOTE
 *   going down CONNECT_TIME (s since negotiation began), BYTES_SENT,
 *              BYTES_RCVD (the interface's data counters, from the kernel)
 *
 * Values are never cut short.  The scripts run from the loop (script.h).
 */
#ifndef PPPCTL_HOOKENV_H
#define PPPCTL_HOOKENV_H

#include <stdbool.h>

struct plink;

enum hook_kind {
	HOOK_IP,	/* ip-pre-up, ip-up, ip-down: IPLOCAL, IPREMOTE */
	HOOK_IP6,	/* ipv6-up, ipv6-down: LLLOCAL, LLREMOTE */
	HOOK_AUTH,	/* auth-up, auth-down: peer and user in the arguments */
};

/*
 * Run /etc/ppp/NAME for @l.  @local, @remote: the addresses (HOOK_IP,
 * HOOK_IP6).  @down: the connection's statistics too.  With @done, it is
 * called once the script ended (or could not start), and 1 is returned;
 * 0 when there is no such script (@done is not called).
 */
int hook_run(struct plink *l, const char *name, enum hook_kind kind,
	     const char *local, const char *remote, bool down,
	     void (*done)(void *arg), void *arg);

/* The environment as NAME=VALUE strings, for tests; free() each and @v. */
int hook_env(struct plink *l, enum hook_kind kind, const char *local,
	     const char *remote, bool down, char ***v);

#endif
