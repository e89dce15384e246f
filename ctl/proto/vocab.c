// SPDX-License-Identifier: GPL-2.0
/*
 * The words of `debug ppp negotiation`.  Spellings come from Cisco's PPP
 * troubleshooting note ("Understanding debug ppp negotiation Output") where
 * it shows them; where it does not, the entry says "own" and the word is
 * the plainest IOS-like one: CamelCase, no spaces, abbreviations IOS
 * already uses.
 */
#include <stddef.h>
#include <strings.h>

#include "vocab.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

struct numname {
	unsigned int num;
	const char *name;
};

static const char *num_to_name(const struct numname *t, size_t n,
			       unsigned int num)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (t[i].num == num)
			return t[i].name;
	return NULL;
}

static int name_to_num(const struct numname *t, size_t n, const char *name)
{
	size_t i;

	if (!name)
		return -1;
	for (i = 0; i < n; i++)
		if (!strcasecmp(t[i].name, name))
			return (int)t[i].num;
	return -1;
}

static const struct numname protos[] = {
	{ PPP_LCP, "LCP" },
	{ PPP_PAP, "PAP" },
	{ PPP_CHAP, "CHAP" },
	{ PPP_IPCP, "IPCP" },
	{ PPP_IPV6CP, "IPV6CP" },
	{ PPP_CDPCP, "CDPCP" },
	{ PPP_CCP, "CCP" },
	{ PPP_IP, "IP" },
	{ PPP_IPV6, "IPV6" },
	{ PPP_CDP, "CDP" },
	{ PPP_MP, "MLP" },	/* IOS's prefix for multilink lines */
	{ PPP_LQR, "LQR" },	/* own */
	{ PPP_EAP, "EAP" },
};

const char *vocab_proto_name(uint16_t proto)
{
	return num_to_name(protos, ARRAY_SIZE(protos), proto);
}

int vocab_proto_num(const char *name)
{
	return name_to_num(protos, ARRAY_SIZE(protos), name);
}

static const struct numname cp_codes[] = {
	{ CP_CONFREQ, "CONFREQ" },
	{ CP_CONFACK, "CONFACK" },
	{ CP_CONFNAK, "CONFNAK" },
	{ CP_CONFREJ, "CONFREJ" },
	{ CP_TERMREQ, "TERMREQ" },
	{ CP_TERMACK, "TERMACK" },
	{ CP_CODEREJ, "CODEREJ" },
	{ CP_PROTREJ, "PROTREJ" },
	{ CP_ECHOREQ, "ECHOREQ" },
	{ CP_ECHOREP, "ECHOREP" },
	{ CP_DISCREQ, "DISCREQ" },
	{ CCP_RESETREQ, "RESETREQ" },	/* own, CCP only */
	{ CCP_RESETACK, "RESETACK" },	/* own, CCP only */
};

static const struct numname pap_codes[] = {
	{ PAP_AUTHREQ, "AUTH-REQ" },
	{ PAP_AUTHACK, "AUTH-ACK" },
	{ PAP_AUTHNAK, "AUTH-NAK" },
};

static const struct numname chap_codes[] = {
	{ CHAP_CHALLENGE, "CHALLENGE" },
	{ CHAP_RESPONSE, "RESPONSE" },
	{ CHAP_SUCCESS, "SUCCESS" },
	{ CHAP_FAILURE, "FAILURE" },
};

static const struct numname *code_table(uint16_t proto, size_t *n)
{
	if (proto == PPP_PAP) {
		*n = ARRAY_SIZE(pap_codes);
		return pap_codes;
	}
	if (proto == PPP_CHAP) {
		*n = ARRAY_SIZE(chap_codes);
		return chap_codes;
	}
	/* RESETREQ/RESETACK exist only in CCP. */
	*n = ARRAY_SIZE(cp_codes) - (proto == PPP_CCP ? 0 : 2);
	return cp_codes;
}

const char *vocab_code_name(uint16_t proto, unsigned int code)
{
	size_t n;
	const struct numname *t = code_table(proto, &n);

	return num_to_name(t, n, code);
}

int vocab_code_num(uint16_t proto, const char *name)
{
	size_t n;
	const struct numname *t = code_table(proto, &n);

	return name_to_num(t, n, name);
}

/* Exactly as IOS prints them between brackets. */
static const struct numname states[] = {
	{ VS_INITIAL, "Initial" },
	{ VS_STARTING, "Starting" },
	{ VS_CLOSED, "Closed" },
	{ VS_STOPPED, "Stopped" },
	{ VS_CLOSING, "Closing" },
	{ VS_STOPPING, "Stopping" },
	{ VS_REQSENT, "REQsent" },
	{ VS_ACKRCVD, "ACKrcvd" },
	{ VS_ACKSENT, "ACKsent" },
	{ VS_OPENED, "Open" },
	{ VS_LISTEN, "Listen" },	/* IOS: passive, Stopped-like */
};

const char *vocab_state_name(enum vocab_state st)
{
	return num_to_name(states, ARRAY_SIZE(states), st);
}

/*
 * Read-only alias: some IOS releases print "TERMsent" for Closing (a
 * Terminate-Request sent, waiting for the Ack).  We print Closing.
 */
int vocab_state_num(const char *name)
{
	if (name && !strcasecmp(name, "TERMsent"))
		return VS_CLOSING;
	return name_to_num(states, ARRAY_SIZE(states), name);
}

static const struct numname phases[] = {
	{ VP_DOWN, "DOWN" },
	{ VP_ESTABLISHING, "ESTABLISHING" },
	{ VP_AUTHENTICATING, "AUTHENTICATING" },
	{ VP_UP, "UP" },
	{ VP_TERMINATING, "TERMINATING" },
};

const char *vocab_phase_name(enum vocab_phase ph)
{
	return num_to_name(phases, ARRAY_SIZE(phases), ph);
}

int vocab_phase_num(const char *name)
{
	return name_to_num(phases, ARRAY_SIZE(phases), name);
}

/*
 * Option tables.  Lengths count the whole option.  Names marked "own" are
 * not shown in the Cisco note; the rest are.
 */
static const struct vocab_opt lcp_opts[] = {
	{ 1, VK_DEC16, 4, 4, "MRU" },
	{ 2, VK_HEX32, 6, 6, "ACCM" },
	{ 3, VK_AUTH, 4, 255, "AuthProto" },
	{ 4, VK_QUALITY, 4, 255, "QualityType" },
	{ 5, VK_HEX32, 6, 6, "MagicNumber" },
	{ 7, VK_NONE, 2, 2, "PFC" },
	{ 8, VK_NONE, 2, 2, "ACFC" },
	{ 9, VK_DEC8, 3, 3, "FCSAlternatives" },	/* own */
	{ 10, VK_DEC8, 3, 3, "SelfDescPad" },		/* own */
	{ 11, VK_RAW, 3, 255, "NumberedMode" },		/* own */
	{ 13, VK_DEC8, 3, 255, "Callback" },
	{ 15, VK_NONE, 2, 2, "CompoundFrames" },	/* own */
	{ 17, VK_DEC16, 4, 4, "MRRU" },
	{ 18, VK_NONE, 2, 2, "ShortSeq" },		/* own */
	{ 19, VK_EPDISC, 3, 255, "EndpointDisc" },
	{ 23, VK_DEC16, 4, 4, "LinkDisc" },		/* own */
};

static const struct vocab_opt ipcp_opts[] = {
	{ 1, VK_RAW, 10, 10, "Addresses" },		/* own, RFC 1172 */
	{ 2, VK_IPCOMP, 4, 255, "CompressType" },
	{ 3, VK_IPV4, 6, 6, "Address" },
	{ 129, VK_IPV4, 6, 6, "PrimaryDNS" },
	{ 130, VK_IPV4, 6, 6, "PrimaryWINS" },
	{ 131, VK_IPV4, 6, 6, "SecondaryDNS" },
	{ 132, VK_IPV4, 6, 6, "SecondaryWINS" },
};

static const struct vocab_opt ipv6cp_opts[] = {
	{ 1, VK_IFID, 10, 10, "InterfaceId" },
	{ 2, VK_IPCOMP, 4, 255, "CompressType" },
};

/* CCP: the note names MS-PPC, stacker and predictor; the rest are own. */
static const struct vocab_opt ccp_opts[] = {
	{ 0, VK_RAW, 2, 255, "OUI" },
	{ 1, VK_NONE, 2, 2, "Predictor1" },
	{ 2, VK_NONE, 2, 2, "Predictor2" },
	{ 3, VK_RAW, 2, 255, "PuddleJumper" },
	{ 16, VK_RAW, 2, 255, "HP-PPC" },
	{ 17, VK_RAW, 5, 5, "Stacker" },
	{ 18, VK_HEX32, 6, 6, "MS-PPC" },
	{ 19, VK_RAW, 2, 255, "Gandalf" },
	{ 20, VK_RAW, 2, 255, "V42bis" },
	{ 21, VK_RAW, 3, 3, "BSD" },
	{ 23, VK_RAW, 2, 255, "LZS-DCP" },
	{ 24, VK_RAW, 2, 255, "MVRCA" },
	{ 26, VK_RAW, 4, 4, "Deflate" },
};

static const struct vocab_opt *opt_table(uint16_t proto, size_t *n)
{
	switch (proto) {
	case PPP_LCP:
		*n = ARRAY_SIZE(lcp_opts);
		return lcp_opts;
	case PPP_IPCP:
		*n = ARRAY_SIZE(ipcp_opts);
		return ipcp_opts;
	case PPP_IPV6CP:
		*n = ARRAY_SIZE(ipv6cp_opts);
		return ipv6cp_opts;
	case PPP_CCP:
		*n = ARRAY_SIZE(ccp_opts);
		return ccp_opts;
	}
	*n = 0;
	return NULL;
}

const struct vocab_opt *vocab_opt(uint16_t proto, uint8_t type)
{
	size_t i, n;
	const struct vocab_opt *t = opt_table(proto, &n);

	for (i = 0; i < n; i++)
		if (t[i].type == type)
			return &t[i];
	return NULL;
}

const struct vocab_opt *vocab_opt_by_name(uint16_t proto, const char *name)
{
	size_t i, n;
	const struct vocab_opt *t = opt_table(proto, &n);

	if (!name)
		return NULL;
	for (i = 0; i < n; i++)
		if (!strcasecmp(t[i].name, name))
			return &t[i];
	return NULL;
}

const char *vocab_opt_name(uint16_t proto, uint8_t type)
{
	const struct vocab_opt *o = vocab_opt(proto, type);

	return o ? o->name : NULL;
}

int vocab_opt_num(uint16_t proto, const char *name)
{
	const struct vocab_opt *o = vocab_opt_by_name(proto, name);

	return o ? o->type : -1;
}

/* MS-CHAP spellings are own: the note shows only CHAP and PAP. */
const char *vocab_auth_name(uint16_t proto, int chap_algo)
{
	if (proto == PPP_PAP)
		return "PAP";
	if (proto == PPP_EAP)
		return "EAP";
	if (proto != PPP_CHAP)
		return NULL;
	switch (chap_algo) {
	case 5:
		return "CHAP";
	case 0x80:
		return "MS-CHAP";
	case 0x81:
		return "MS-CHAP-V2";
	}
	return NULL;
}

/*
 * pppd's words (fsm.c, upap.c, chap-new.c and the *_printpkt functions of
 * pppd 2.4): CamelCase code names and lower-case option names.
 */
static const struct numname pppd_cp_codes[] = {
	{ CP_CONFREQ, "ConfReq" },
	{ CP_CONFACK, "ConfAck" },
	{ CP_CONFNAK, "ConfNak" },
	{ CP_CONFREJ, "ConfRej" },
	{ CP_TERMREQ, "TermReq" },
	{ CP_TERMACK, "TermAck" },
	{ CP_CODEREJ, "CodeRej" },
	{ CP_PROTREJ, "ProtRej" },
	{ CP_ECHOREQ, "EchoReq" },
	{ CP_ECHOREP, "EchoRep" },
	{ CP_DISCREQ, "DiscReq" },
	{ 12, "Ident" },
	{ 13, "TimeRem" },
	{ CCP_RESETREQ, "ResetReq" },
	{ CCP_RESETACK, "ResetAck" },
};

static const struct numname pppd_pap_codes[] = {
	{ PAP_AUTHREQ, "AuthReq" },
	{ PAP_AUTHACK, "AuthAck" },
	{ PAP_AUTHNAK, "AuthNak" },
};

static const struct numname pppd_chap_codes[] = {
	{ CHAP_CHALLENGE, "Challenge" },
	{ CHAP_RESPONSE, "Response" },
	{ CHAP_SUCCESS, "Success" },
	{ CHAP_FAILURE, "Failure" },
};

static const struct numname *pppd_code_table(uint16_t proto, size_t *n)
{
	if (proto == PPP_PAP) {
		*n = ARRAY_SIZE(pppd_pap_codes);
		return pppd_pap_codes;
	}
	if (proto == PPP_CHAP) {
		*n = ARRAY_SIZE(pppd_chap_codes);
		return pppd_chap_codes;
	}
	*n = ARRAY_SIZE(pppd_cp_codes) - (proto == PPP_CCP ? 0 : 2);
	return pppd_cp_codes;
}

int vocab_pppd_code_num(uint16_t proto, const char *name)
{
	size_t n;
	const struct numname *t = pppd_code_table(proto, &n);

	return name_to_num(t, n, name);
}

const char *vocab_pppd_code_name(uint16_t proto, unsigned int code)
{
	size_t n;
	const struct numname *t = pppd_code_table(proto, &n);

	return num_to_name(t, n, code);
}

struct pppd_opt {
	uint16_t proto;
	uint8_t type;
	const char *name;
};

static const struct pppd_opt pppd_opts[] = {
	{ PPP_LCP, 1, "mru" },
	{ PPP_LCP, 2, "asyncmap" },
	{ PPP_LCP, 3, "auth" },
	{ PPP_LCP, 4, "quality" },
	{ PPP_LCP, 5, "magic" },
	{ PPP_LCP, 7, "pcomp" },
	{ PPP_LCP, 8, "accomp" },
	{ PPP_LCP, 13, "callback" },
	{ PPP_LCP, 17, "mrru" },
	{ PPP_LCP, 18, "ssnhf" },
	{ PPP_LCP, 19, "endpoint" },
	{ PPP_IPCP, 1, "addrs" },
	{ PPP_IPCP, 2, "compress" },
	{ PPP_IPCP, 3, "addr" },
	{ PPP_IPCP, 129, "ms-dns1" },
	{ PPP_IPCP, 130, "ms-wins" },
	{ PPP_IPCP, 131, "ms-dns2" },
	{ PPP_IPV6CP, 1, "addr" },
	{ PPP_IPV6CP, 2, "compress" },
	{ PPP_CCP, 1, "predictor1" },
	{ PPP_CCP, 2, "predictor2" },
	{ PPP_CCP, 18, "mppe" },
	{ PPP_CCP, 21, "bsd" },
	{ PPP_CCP, 24, "deflate(old#)" },
	{ PPP_CCP, 26, "deflate" },
};

int vocab_pppd_opt_num(uint16_t proto, const char *name)
{
	size_t i;

	if (!name)
		return -1;
	for (i = 0; i < ARRAY_SIZE(pppd_opts); i++)
		if (pppd_opts[i].proto == proto &&
		    !strcasecmp(pppd_opts[i].name, name))
			return pppd_opts[i].type;
	return -1;
}

const char *vocab_pppd_opt_name(uint16_t proto, uint8_t type)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(pppd_opts); i++)
		if (pppd_opts[i].proto == proto && pppd_opts[i].type == type)
			return pppd_opts[i].name;
	return NULL;
}

int vocab_is_ncp(uint16_t proto)
{
	return proto >= 0x8000 && proto <= 0xbfff;
}

int vocab_is_cp(uint16_t proto)
{
	return proto == PPP_LCP || vocab_is_ncp(proto);
}

/*
 * The tail of "PPP: Phase is AUTHENTICATING, by both".  The note shows only
 * "by both"; "by this end" and "by the peer" are own, worded the IOS way.
 */
static const struct numname bys[] = {
	{ VB_THIS_END, "by this end" },
	{ VB_PEER, "by the peer" },
	{ VB_BOTH, "by both" },
};

const char *vocab_by_name(int by)
{
	return by >= 0 ? num_to_name(bys, ARRAY_SIZE(bys), (unsigned int)by) : NULL;
}

int vocab_by_num(const char *name)
{
	return name_to_num(bys, ARRAY_SIZE(bys), name);
}
