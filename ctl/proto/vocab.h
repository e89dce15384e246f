/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The words of `debug ppp negotiation`: protocol numbers and their Cisco
 * names, packet codes, automaton states, phases and option names, in both
 * directions.  Shared by the debug formatter (debug.c) and the log reader
 * (explain/events.c) so that what one writes the other reads.
 *
 * Number-to-name functions return NULL for numbers they do not know;
 * name-to-number functions return -1 for names they do not know and compare
 * names without regard to case (logs get retyped).
 */
#ifndef PPPK_VOCAB_H
#define PPPK_VOCAB_H

#include <stdint.h>

/* PPP protocol field values (RFC 1661 and the assigned numbers). */
enum {
	PPP_IP		= 0x0021,
	PPP_MP		= 0x003d,	/* multilink, RFC 1990 */
	PPP_IPV6	= 0x0057,
	PPP_CDP		= 0x0207,
	PPP_IPCP	= 0x8021,
	PPP_IPV6CP	= 0x8057,
	PPP_CCP		= 0x80fd,
	PPP_CDPCP	= 0x8207,
	PPP_LCP		= 0xc021,
	PPP_PAP		= 0xc023,
	PPP_LQR		= 0xc025,
	PPP_CHAP	= 0xc223,
	PPP_EAP		= 0xc227,
};

/* LCP and NCP packet codes (RFC 1661 section 5; CCP adds 14 and 15). */
enum {
	CP_CONFREQ = 1,
	CP_CONFACK,
	CP_CONFNAK,
	CP_CONFREJ,
	CP_TERMREQ,
	CP_TERMACK,
	CP_CODEREJ,
	CP_PROTREJ,
	CP_ECHOREQ,
	CP_ECHOREP,
	CP_DISCREQ,
	CCP_RESETREQ = 14,
	CCP_RESETACK = 15,
};

/* PAP (RFC 1334) and CHAP (RFC 1994) codes. */
enum { PAP_AUTHREQ = 1, PAP_AUTHACK, PAP_AUTHNAK };
enum { CHAP_CHALLENGE = 1, CHAP_RESPONSE, CHAP_SUCCESS, CHAP_FAILURE };

/*
 * RFC 1661 automaton states.  VS_LISTEN is not an RFC state: it is the
 * name IOS prints for an automaton that waits passively for the peer's
 * Configure-Request (a callin, "Passive Open"); it behaves like Stopped.
 */
enum vocab_state {
	VS_INITIAL,
	VS_STARTING,
	VS_CLOSED,
	VS_STOPPED,
	VS_CLOSING,
	VS_STOPPING,
	VS_REQSENT,
	VS_ACKRCVD,
	VS_ACKSENT,
	VS_OPENED,
	VS_LISTEN,
	VS_COUNT
};

/* Link phases as `PPP: Phase is ...` names them. */
enum vocab_phase {
	VP_DOWN,
	VP_ESTABLISHING,
	VP_AUTHENTICATING,
	VP_UP,
	VP_TERMINATING,
	VP_COUNT
};

/* How an option's value is printed (and read back). */
enum vocab_kind {
	VK_NONE,	/* no value: "PFC" */
	VK_DEC8,	/* one byte, decimal: "Callback 0" */
	VK_DEC16,	/* two bytes, decimal: "MRU 1500" */
	VK_HEX32,	/* four bytes, 0x%08X: "MagicNumber 0x1081E7E1" */
	VK_AUTH,	/* protocol (+ CHAP algorithm): "AuthProto CHAP" */
	VK_QUALITY,	/* protocol + period: "QualityType LQR 1000" */
	VK_IPV4,	/* dotted quad: "Address 172.22.1.1" */
	VK_IPCOMP,	/* protocol (+ VJ slots): "CompressType VJ 15 slots" */
	VK_EPDISC,	/* class + address: "EndpointDisc 1 maui-soho-01" */
	VK_IFID,	/* 64-bit interface id: "InterfaceId 0211:22FF:FE33:4455" */
	VK_RAW,		/* name only; the raw bytes tell the rest */
};

struct vocab_opt {
	uint8_t type;
	uint8_t kind;		/* enum vocab_kind */
	uint8_t minlen;		/* whole option, type and length bytes included */
	uint8_t maxlen;
	const char *name;
};

const char *vocab_proto_name(uint16_t proto);
int vocab_proto_num(const char *name);

/* Codes depend on the protocol: PAP and CHAP have their own. */
const char *vocab_code_name(uint16_t proto, unsigned int code);
int vocab_code_num(uint16_t proto, const char *name);

const char *vocab_state_name(enum vocab_state st);
int vocab_state_num(const char *name);

const char *vocab_phase_name(enum vocab_phase ph);
int vocab_phase_num(const char *name);

/* Options of LCP, IPCP, IPV6CP and CCP; other protocols have none here. */
const struct vocab_opt *vocab_opt(uint16_t proto, uint8_t type);
const struct vocab_opt *vocab_opt_by_name(uint16_t proto, const char *name);
const char *vocab_opt_name(uint16_t proto, uint8_t type);
int vocab_opt_num(uint16_t proto, const char *name);

/* Names of authentication protocols as AuthProto shows them. */
const char *vocab_auth_name(uint16_t proto, int chap_algo);

/*
 * Who authenticates whom, as a bit set: this end authenticates the peer
 * (VB_THIS_END), the peer authenticates this end (VB_PEER).
 */
enum vocab_by { VB_NONE = 0, VB_THIS_END = 1, VB_PEER = 2, VB_BOTH = 3 };
const char *vocab_by_name(int by);
int vocab_by_num(const char *name);

/*
 * pppd's spellings, as its debug output writes packets:
 * "sent [LCP ConfReq id=0x1 <asyncmap 0x0> <magic 0x5f2e3a1b>]".
 * vocab_pppd_code_num() reads a code name ("ConfReq", "AuthReq",
 * "Challenge"), vocab_pppd_opt_num() an option name ("asyncmap", "addr",
 * "ms-dns1"); both return -1 for names they do not know.
 */
int vocab_pppd_code_num(uint16_t proto, const char *name);
const char *vocab_pppd_code_name(uint16_t proto, unsigned int code);
int vocab_pppd_opt_num(uint16_t proto, const char *name);
const char *vocab_pppd_opt_name(uint16_t proto, uint8_t type);

/* True for protocols negotiated with the RFC 1661 automaton (LCP, NCPs). */
int vocab_is_cp(uint16_t proto);
/* True for network control protocols (0x8000-0xbfff). */
int vocab_is_ncp(uint16_t proto);

#endif
