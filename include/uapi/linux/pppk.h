/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/*
 * pppk: PPP data plane in the kernel, negotiation in userspace.
 *
 * The kernel half of pppk frames and unframes PPP over a tty (RFC 1662) and
 * carries IPv4 and IPv6 between the line and one net_device per link.  All
 * negotiation policy lives in a userspace controller (pppctl), which talks to
 * the kernel over the generic netlink family PPPK_GENL_NAME.
 *
 * Every command requires CAP_NET_ADMIN in the user namespace that owns the
 * network namespace of the socket used (GENL_UNS_ADMIN_PERM).
 *
 * Commands
 * --------
 *
 * PPPK_CMD_LINK_GET
 *   Without NLM_F_DUMP: look up one link by PPPK_A_LINK_IFINDEX or
 *   PPPK_A_LINK_IFNAME and reply with its attributes.  With NLM_F_DUMP:
 *   one message per link in the caller's network namespace.  Each reply
 *   carries:
 *
 *     PPPK_A_LINK_IFINDEX: NLA_U32
 *     PPPK_A_LINK_IFNAME: NLA_NUL_STRING, maxlen IFNAMSIZ - 1
 *
 * Multicast groups
 * ----------------
 *
 * PPPK_MCGRP_EVENTS ("events"): link events for monitors.
 *
 * Attribute trees not described above are reserved for later versions;
 * userspace must skip attributes it does not know.
 */

#ifndef _UAPI_LINUX_PPPK_H
#define _UAPI_LINUX_PPPK_H

#define PPPK_GENL_NAME		"pppk"
#define PPPK_GENL_VERSION	1
#define PPPK_MCGRP_EVENTS	"events"

enum pppk_cmd {
	PPPK_CMD_UNSPEC,
	PPPK_CMD_LINK_GET,

	__PPPK_CMD_MAX,
	PPPK_CMD_MAX = __PPPK_CMD_MAX - 1
};

enum pppk_attr {
	PPPK_A_UNSPEC,
	PPPK_A_LINK_IFINDEX,
	PPPK_A_LINK_IFNAME,

	__PPPK_A_MAX,
	PPPK_A_MAX = __PPPK_A_MAX - 1
};

#endif /* _UAPI_LINUX_PPPK_H */
