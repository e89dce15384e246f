/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/*
 * pppk: PPP data plane in the kernel, negotiation in userspace.
 *
 * The kernel half of pppk frames and unframes PPP over a tty (RFC 1662) and
 * carries IPv4 and IPv6 between the line and one net_device per link; it
 * answers LCP Echo-Requests and sends keepalives itself.  Everything else -
 * LCP option negotiation, authentication, the NCPs - belongs to a userspace
 * controller (pppctl), which talks to the kernel over the generic netlink
 * family PPPK_GENL_NAME.  The kernel holds no policy and no secrets.
 *
 * Every command requires CAP_NET_ADMIN in the user namespace that owns the
 * network namespace of the socket used (GENL_UNS_ADMIN_PERM).  Links live in
 * the network namespace of the socket that created them; commands see only
 * the links of their socket's namespace.  Errors carry an extack message.
 *
 * A link is named in requests by PPPK_A_LINK_IFINDEX or PPPK_A_LINK_IFNAME
 * (the index wins when both are given).
 *
 * Commands
 * --------
 *
 * Attaching a tty
 * ---------------
 *
 * A link is made of a tty the caller holds open for reading and writing,
 * as for any line discipline: set pppk's discipline on it with
 * ioctl(fd, TIOCSETD, &(int){PPPK_LDISC}), which makes the tty a channel,
 * read the channel's number with ioctl(fd, PPPKIOCGCHAN, &(__u32){0}), and
 * name both in PPPK_CMD_LINK_NEW.  A channel carries one link at a time;
 * while it carries none, what the tty receives is dropped.  The tty leaves
 * pppk (and the link, if any, is deleted: PPPK_EVENT_HANGUP) when it hangs
 * up, when its last file is closed or when TIOCSETD sets another
 * discipline.  Deleting a link leaves the tty a channel; the module cannot
 * be unloaded while any tty has the discipline.
 *
 * Links are network interfaces of kind "pppk" (rtnetlink): "ip -d link"
 * shows them, "ip link del" deletes them; they are deleted with their
 * network namespace and on module unload, in batches.  They are created
 * only with PPPK_CMD_LINK_NEW, never with "ip link add".
 *
 * Commands
 * --------
 *
 * PPPK_CMD_LINK_NEW
 *   Create a link on a channel.  The link keeps its own reference to the
 *   tty's file, so the tty stays open after the caller closes its
 *   descriptor, until the link is deleted.  The sending socket becomes the
 *   link's controller.  The link starts in the state RFC 1661 prescribes
 *   before LCP is opened: default ACCM, no compression, FCS-16, MRU 1500,
 *   no network protocol up, keepalives off.
 *
 *     PPPK_A_LINK_CHANNEL: NLA_U32, required, from PPPKIOCGCHAN
 *     PPPK_A_LINK_TTY_FD: NLA_U32, required, an open descriptor of that
 *                         channel's tty in the caller, for reading and
 *                         writing
 *     PPPK_A_LINK_IFNAME: NLA_NUL_STRING, optional, default "pppk%d"
 *
 *   The reply is a PPPK_CMD_LINK_NEW message shaped like a LINK_GET reply.
 *
 * PPPK_CMD_LINK_DEL
 *   Delete the link and its net_device; the tty stays a channel.  Or, with
 *
 *     PPPK_A_LINK_LIST: NLA_NESTED, PPPK_A_LINK_IFINDEX entries
 *
 *   delete every link named there that still exists, in one batch (one
 *   RCU grace period for them all: a controller ending many links at once
 *   should name them together); links already gone are skipped.
 *
 * PPPK_CMD_LINK_GET
 *   Without NLM_F_DUMP: one link.  With NLM_F_DUMP: every link in the
 *   caller's network namespace.  Each reply carries:
 *
 *     PPPK_A_LINK_IFINDEX: NLA_U32
 *     PPPK_A_LINK_IFNAME: NLA_NUL_STRING
 *     PPPK_A_LINK_TTY_NAME: NLA_NUL_STRING, e.g. "pts3", absent once hung up
 *     PPPK_A_LINK_CONTROLLER: NLA_U32, netlink port id of the controller,
 *                             0 when it has gone away
 *     PPPK_A_LINK_PHASE: NLA_U8, enum pppk_phase, as last set
 *     PPPK_A_LINK_PROTOS: NLA_NESTED, as last set (see LINK_SET)
 *     PPPK_A_LINK_LCP_OPEN, PPPK_A_LINK_IPV4_UP, PPPK_A_LINK_IPV6_UP: NLA_U8
 *     PPPK_A_LINK_IPV4_LOCAL, PPPK_A_LINK_IPV4_PEER, PPPK_A_LINK_IPV4_DNS1,
 *     PPPK_A_LINK_IPV4_DNS2, PPPK_A_LINK_IPV6_LOCAL_ID,
 *     PPPK_A_LINK_IPV6_PEER_ID, PPPK_A_LINK_AUTH_PEER,
 *     PPPK_A_LINK_AUTH_SELF: as last set, each only once set (see LINK_SET)
 *     PPPK_A_LINK_TX, PPPK_A_LINK_RX: NLA_NESTED, the framing options in
 *                             force in each direction (PPPK_A_CFG_*)
 *     PPPK_A_LINK_MAGIC_LOCAL, PPPK_A_LINK_MAGIC_PEER: NLA_U32
 *     PPPK_A_LINK_ECHO_INTERVAL: NLA_U32 (ms), PPPK_A_LINK_ECHO_FAILURE:
 *                             NLA_U32, PPPK_A_LINK_ECHO_ADAPTIVE: NLA_U8
 *     PPPK_A_LINK_STATS: NLA_NESTED, PPPK_A_STAT_* counters, each NLA_U64
 *
 * PPPK_CMD_LINK_SET
 *   Push negotiated state down.  Any subset of:
 *
 *     PPPK_A_LINK_ADOPT: NLA_FLAG, the sending socket becomes the link's
 *                             controller, to re-adopt a link after a
 *                             controller restart
 *     PPPK_A_LINK_PHASE: NLA_U8, enum pppk_phase (kept for display;
 *                             a change is a PPPK_EVENT_PHASE)
 *     PPPK_A_LINK_PROTOS: NLA_NESTED array of PPPK_A_PROTO entries, each
 *                             NLA_NESTED { PPPK_A_PROTO_NUMBER: NLA_U16,
 *                             PPPK_A_PROTO_STATE: NLA_U8 (RFC 1661 state,
 *                             enum pppk_fsm_state) }, at most
 *                             PPPK_MAX_PROTOS; replaces the stored list
 *     PPPK_A_LINK_LCP_OPEN: NLA_U8 0/1. While 0 the link transmits with the
 *                             defaults above whatever PPPK_A_LINK_TX says,
 *                             and Echo-Requests are not answered
 *     PPPK_A_LINK_IPV4_UP, PPPK_A_LINK_IPV6_UP: NLA_U8 0/1, whether IPv4
 *                             (0x0021) / IPv6 (0x0057) pass between the
 *                             line and the net_device; a change is a
 *                             PPPK_EVENT_IP_UP/IP_DOWN/IPV6_UP/IPV6_DOWN
 *
 *   The controller's view of the link, kept for monitors (the events
 *   below), for pppctl show and for a controller that adopts the link:
 *
 *     PPPK_A_LINK_IPV4_LOCAL, PPPK_A_LINK_IPV4_PEER: NLA_BE32, the IPv4
 *                             addresses IPCP agreed, 0 = none
 *     PPPK_A_LINK_IPV4_DNS1, PPPK_A_LINK_IPV4_DNS2: NLA_BE32, the DNS
 *                             servers the peer gave, 0 = none
 *     PPPK_A_LINK_IPV6_LOCAL_ID, PPPK_A_LINK_IPV6_PEER_ID: NLA_U64, the
 *                             interface identifiers IPV6CP agreed
 *     PPPK_A_LINK_AUTH_PEER: NLA_NESTED, how we authenticated the peer,
 *     PPPK_A_LINK_AUTH_SELF: NLA_NESTED, how the peer authenticated us;
 *                             each replaces what was stored, and a
 *                             change is a PPPK_EVENT_AUTH:
 *         PPPK_A_AUTH_PROTO: NLA_U16, the protocol (0xc023 PAP, 0xc223
 *         CHAP), 0 = none
 *         PPPK_A_AUTH_RESULT: NLA_U8, enum pppk_auth_result
 *         PPPK_A_AUTH_NAME: NLA_NUL_STRING, at most PPPK_MAX_AUTH_NAME
 *         octets: the name given that way (never a secret)
 *
 *     PPPK_A_LINK_TX: NLA_NESTED, what the peer asked of us:
 *         PPPK_A_CFG_ACCM: NLA_U32, PPPK_A_CFG_XACCM: NLA_BINARY 32 octets
 *         (256-bit map of further octets to escape), PPPK_A_CFG_PFC,
 *         PPPK_A_CFG_ACFC: NLA_U8 0/1, PPPK_A_CFG_FCS32: NLA_U8 0/1,
 *         PPPK_A_CFG_MRU: NLA_U16 64-65535, the peer's MRU: the
 *         net_device's MTU
 *     PPPK_A_LINK_RX: NLA_NESTED, what we asked of the peer:
 *         PPPK_A_CFG_ACCM, PPPK_A_CFG_FCS32, PPPK_A_CFG_MRU (frames up to
 *         max(MRU, 1500) are accepted, into buffers of that size);
 *         PFC/ACFC are always accepted
 *     PPPK_A_LINK_RX_PENDING: NLA_NESTED, receive options to take at the
 *         very frame that acks our LCP Configure-Request, before the
 *         controller hears of the Ack (the peer uses them from its next
 *         frame on):
 *         PPPK_A_CFG_REQ_ID: NLA_U8, required, the Configure-Request's
 *         identifier, and any of PPPK_A_CFG_ACCM, PPPK_A_CFG_FCS32,
 *         PPPK_A_CFG_MRU.  They are taken when a Configure-Ack comes with
 *         that identifier and the very options of the last
 *         Configure-Request the link sent with it (PPPK_CMD_FRAME_SEND),
 *         once; any other Configure-Ack (stale, duplicate, altered)
 *         changes nothing.  Arm it before sending the request.
 *     PPPK_A_LINK_MAGIC_LOCAL, PPPK_A_LINK_MAGIC_PEER: NLA_U32, 0 = none
 *     PPPK_A_LINK_ECHO_INTERVAL: NLA_U32 ms between keepalives, 0 = off
 *     PPPK_A_LINK_ECHO_FAILURE: NLA_U32, missed replies that declare the
 *                             peer dead (PPPK_EVENT_DEAD_PEER), 0 = never
 *     PPPK_A_LINK_ECHO_ADAPTIVE: NLA_U8, any received frame counts as a
 *                             reply (pppd's lcp-echo-adaptive)
 *     PPPK_A_LINK_CLOSE: NLA_FLAG, ask the link's controller to terminate
 *                             the link (PPPK_EVENT_CLOSE_REQUESTED); the
 *                             kernel itself changes nothing
 *
 * PPPK_CMD_FRAME_SEND
 *   Send one control frame (LCP, PAP, CHAP, an NCP, ...) on the link:
 *
 *     PPPK_A_FRAME_PROTO: NLA_U16, PPP protocol number
 *     PPPK_A_FRAME_DATA: NLA_BINARY, the packet after the protocol field,
 *                        at most PPPK_MAX_FRAME octets
 *
 *   LCP codes 1-7 always go out with the default ACCM and full
 *   address/control and protocol fields.  IPv4 and IPv6 are refused here:
 *   they belong to the net_device.
 *
 * Notifications
 * -------------
 *
 * PPPK_CMD_FRAME_RECV (unicast to the link's controller only)
 *   A received frame the kernel does not handle itself: every protocol but
 *   IPv4/IPv6 while up, LCP Echo-Request/Reply and Discard-Request.
 *   Carries PPPK_A_LINK_IFINDEX, PPPK_A_FRAME_PROTO, PPPK_A_FRAME_DATA
 *   (the first PPPK_MAX_FRAME octets of a longer frame: enough for a
 *   Protocol-Reject).
 *
 * PPPK_CMD_LINK_EVENT (multicast group PPPK_MCGRP_EVENTS)
 *   Carries PPPK_A_LINK_IFINDEX, PPPK_A_LINK_IFNAME, PPPK_A_EVENT (NLA_U32,
 *   enum pppk_event) and what the event is about:
 *     DEAD_PEER: PPPK_A_LINK_ECHO_FAILURE
 *     PHASE: PPPK_A_LINK_PHASE, the new phase
 *     IP_UP, IP_DOWN: PPPK_A_LINK_IPV4_LOCAL, PPPK_A_LINK_IPV4_PEER and
 *       those of PPPK_A_LINK_IPV4_DNS1/DNS2 that are set
 *     IPV6_UP, IPV6_DOWN: PPPK_A_LINK_IPV6_LOCAL_ID, _PEER_ID
 *     AUTH: PPPK_A_LINK_AUTH_PEER and PPPK_A_LINK_AUTH_SELF, those set
 *   The controller's view events come only when a LINK_SET changed a
 *   value, to every member of the group but the socket that sent the
 *   LINK_SET; of one LINK_SET in the order IP_DOWN, IPV6_DOWN, AUTH,
 *   PHASE, IP_UP, IPV6_UP.
 *
 * Attributes not described above are reserved; userspace must skip
 * attributes it does not know.
 */

#ifndef _UAPI_LINUX_PPPK_H
#define _UAPI_LINUX_PPPK_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define PPPK_GENL_NAME		"pppk"
#define PPPK_GENL_VERSION	1
#define PPPK_MCGRP_EVENTS	"events"

/* The line discipline (N_DEVELOPMENT out of tree) and its ioctl. */
#define PPPK_LDISC		29
#define PPPKIOCGCHAN		_IOR('t', 0xb0, __u32)

#define PPPK_MAX_PROTOS		16
/* Largest control frame through netlink (FRAME_SEND, FRAME_RECV), octets. */
#define PPPK_MAX_FRAME		4000
/* Largest MRU, either way (RFC 1661's 16-bit field), and net_device MTU. */
#define PPPK_MAX_MRU		65535

enum pppk_cmd {
	PPPK_CMD_UNSPEC,
	PPPK_CMD_LINK_NEW,
	PPPK_CMD_LINK_DEL,
	PPPK_CMD_LINK_GET,
	PPPK_CMD_LINK_SET,
	PPPK_CMD_FRAME_SEND,
	PPPK_CMD_FRAME_RECV,
	PPPK_CMD_LINK_EVENT,

	__PPPK_CMD_MAX,
	PPPK_CMD_MAX = __PPPK_CMD_MAX - 1
};

enum pppk_attr {
	PPPK_A_UNSPEC,
	PPPK_A_LINK_IFINDEX,
	PPPK_A_LINK_IFNAME,
	PPPK_A_LINK_TTY_FD,
	PPPK_A_LINK_TTY_NAME,
	PPPK_A_LINK_CONTROLLER,
	PPPK_A_LINK_PHASE,
	PPPK_A_LINK_PROTOS,
	PPPK_A_LINK_LCP_OPEN,
	PPPK_A_LINK_IPV4_UP,
	PPPK_A_LINK_IPV6_UP,
	PPPK_A_LINK_TX,
	PPPK_A_LINK_RX,
	PPPK_A_LINK_MAGIC_LOCAL,
	PPPK_A_LINK_MAGIC_PEER,
	PPPK_A_LINK_ECHO_INTERVAL,
	PPPK_A_LINK_ECHO_FAILURE,
	PPPK_A_LINK_ECHO_ADAPTIVE,
	PPPK_A_LINK_STATS,
	PPPK_A_FRAME_PROTO,
	PPPK_A_FRAME_DATA,
	PPPK_A_EVENT,
	PPPK_A_PAD,
	PPPK_A_LINK_ADOPT,
	PPPK_A_LINK_CLOSE,
	PPPK_A_LINK_CHANNEL,
	PPPK_A_LINK_RX_PENDING,
	PPPK_A_LINK_LIST,
	PPPK_A_LINK_IPV4_LOCAL,
	PPPK_A_LINK_IPV4_PEER,
	PPPK_A_LINK_IPV4_DNS1,
	PPPK_A_LINK_IPV4_DNS2,
	PPPK_A_LINK_IPV6_LOCAL_ID,
	PPPK_A_LINK_IPV6_PEER_ID,
	PPPK_A_LINK_AUTH_PEER,
	PPPK_A_LINK_AUTH_SELF,

	__PPPK_A_MAX,
	PPPK_A_MAX = __PPPK_A_MAX - 1
};

/* Inside PPPK_A_LINK_TX and PPPK_A_LINK_RX */
enum pppk_cfg_attr {
	PPPK_A_CFG_UNSPEC,
	PPPK_A_CFG_ACCM,
	PPPK_A_CFG_XACCM,
	PPPK_A_CFG_PFC,
	PPPK_A_CFG_ACFC,
	PPPK_A_CFG_FCS32,
	PPPK_A_CFG_MRU,
	PPPK_A_CFG_REQ_ID,	/* PPPK_A_LINK_RX_PENDING only */

	__PPPK_A_CFG_MAX,
	PPPK_A_CFG_MAX = __PPPK_A_CFG_MAX - 1
};

/* PPPK_A_LINK_PROTOS holds PPPK_A_PROTO entries, each of these */
enum pppk_proto_attr {
	PPPK_A_PROTO_UNSPEC,
	PPPK_A_PROTO,
	PPPK_A_PROTO_NUMBER,
	PPPK_A_PROTO_STATE,

	__PPPK_A_PROTO_MAX,
	PPPK_A_PROTO_MAX = __PPPK_A_PROTO_MAX - 1
};

/* Inside PPPK_A_LINK_AUTH_PEER and PPPK_A_LINK_AUTH_SELF */
enum pppk_auth_attr {
	PPPK_A_AUTH_UNSPEC,
	PPPK_A_AUTH_PROTO,
	PPPK_A_AUTH_RESULT,
	PPPK_A_AUTH_NAME,

	__PPPK_A_AUTH_MAX,
	PPPK_A_AUTH_MAX = __PPPK_A_AUTH_MAX - 1
};

/* PPPK_A_AUTH_RESULT */
enum pppk_auth_result {
	PPPK_AUTH_PENDING,	/* started, not finished */
	PPPK_AUTH_OK,
	PPPK_AUTH_FAILED,
};

/* Longest PPPK_A_AUTH_NAME, octets without the NUL (PAP's and CHAP's). */
#define PPPK_MAX_AUTH_NAME	255

/* Inside PPPK_A_LINK_STATS, each NLA_U64 */
enum pppk_stat_attr {
	PPPK_A_STAT_UNSPEC,
	PPPK_A_STAT_PAD,
	PPPK_A_STAT_RX_FRAMES,
	PPPK_A_STAT_RX_BAD_FCS,
	PPPK_A_STAT_RX_ABORTS,
	PPPK_A_STAT_RX_RUNTS,
	PPPK_A_STAT_RX_OVERSIZE,
	PPPK_A_STAT_RX_BAD_HEADER,
	PPPK_A_STAT_RX_ESCAPED,
	PPPK_A_STAT_RX_ACCM_DISCARDED,
	PPPK_A_STAT_RX_NO_BUFFER,
	PPPK_A_STAT_RX_NCP_DOWN,	/* IP/IPv6 dropped: that NCP not up */
	PPPK_A_STAT_RX_CTRL,		/* frames sent up to the controller */
	PPPK_A_STAT_RX_CTRL_DROPPED,	/* ... that found no controller */
	PPPK_A_STAT_TX_FRAMES,
	PPPK_A_STAT_TX_CTRL,		/* control frames from the controller */
	PPPK_A_STAT_TX_DROPPED,
	PPPK_A_STAT_ECHO_REQ_SENT,
	PPPK_A_STAT_ECHO_REQ_ANSWERED,
	PPPK_A_STAT_ECHO_REP_RCVD,
	PPPK_A_STAT_ECHO_MISSED,	/* current run of unanswered requests */
	PPPK_A_STAT_DISCARD_RCVD,

	__PPPK_A_STAT_MAX,
	PPPK_A_STAT_MAX = __PPPK_A_STAT_MAX - 1
};

/* PPPK_A_LINK_PHASE: RFC 1661 section 3 phases */
enum pppk_phase {
	PPPK_PHASE_DEAD,
	PPPK_PHASE_ESTABLISH,
	PPPK_PHASE_AUTHENTICATE,
	PPPK_PHASE_NETWORK,
	PPPK_PHASE_TERMINATE,
};

/* PPPK_A_PROTO_STATE: RFC 1661 section 4.2 automaton states */
enum pppk_fsm_state {
	PPPK_FSM_INITIAL,
	PPPK_FSM_STARTING,
	PPPK_FSM_CLOSED,
	PPPK_FSM_STOPPED,
	PPPK_FSM_CLOSING,
	PPPK_FSM_STOPPING,
	PPPK_FSM_REQ_SENT,
	PPPK_FSM_ACK_RCVD,
	PPPK_FSM_ACK_SENT,
	PPPK_FSM_OPENED,
};

/* PPPK_A_EVENT */
enum pppk_event {
	PPPK_EVENT_UNSPEC,
	PPPK_EVENT_CREATED,	/* link created */
	PPPK_EVENT_DELETED,	/* link deleted: command, ip link del, netns */
	PPPK_EVENT_HANGUP,	/* the tty hung up or was closed: link gone */
	PPPK_EVENT_DEAD_PEER,	/* PPPK_A_LINK_ECHO_FAILURE echoes unanswered */
	PPPK_EVENT_LOOPED,	/* our own magic number came back */
	PPPK_EVENT_CONTROLLER_GONE, /* the controller's socket closed */
	PPPK_EVENT_CLOSE_REQUESTED, /* an administrator asked (LINK_CLOSE) */
	/* The controller's view changed (LINK_SET): */
	PPPK_EVENT_PHASE,	/* PPPK_A_LINK_PHASE */
	PPPK_EVENT_IP_UP,	/* PPPK_A_LINK_IPV4_UP set: addresses */
	PPPK_EVENT_IP_DOWN,	/* ... cleared: the last addresses */
	PPPK_EVENT_IPV6_UP,	/* PPPK_A_LINK_IPV6_UP set: identifiers */
	PPPK_EVENT_IPV6_DOWN,	/* ... cleared: the last identifiers */
	PPPK_EVENT_AUTH,	/* PPPK_A_LINK_AUTH_PEER or _SELF */
};

#endif /* _UAPI_LINUX_PPPK_H */
