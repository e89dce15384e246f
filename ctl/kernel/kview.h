/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The controller's view of a link as the kernel holds it (LINK_GET, the
 * dump and the view events of pppk.h): phase, IPCP's and IPV6CP's
 * addresses, authentication each way.  Parsed from the attributes of a
 * message for pppctl show, monitor and wait, and named as they print it.
 */
#ifndef PPPCTL_KVIEW_H
#define PPPCTL_KVIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>
#include <libmnl/libmnl.h>
#include <linux/pppk.h>

/* kview.auth[] */
enum { KVIEW_PEER, KVIEW_SELF, KVIEW_WAYS };

struct kview_auth {
	uint16_t proto;			/* 0: not reported */
	uint8_t result;			/* enum pppk_auth_result */
	char name[PPPK_MAX_AUTH_NAME + 1];
};

struct kview {
	bool has_phase;
	unsigned int phase;		/* enum pppk_phase */
	bool ipv4_up, ipv6_up;
	bool has_ipv4, has_ipv6;	/* addresses / identifiers given */
	struct in_addr local, peer, dns[2];
	uint64_t id_local, id_peer;
	struct kview_auth auth[KVIEW_WAYS];
};

void kview_init(struct kview *v);
/*
 * Take @a (a top-level attribute of a pppk message) if it is part of the
 * view; false for any other, or one that does not validate.
 */
bool kview_attr(struct kview *v, const struct nlattr *a);

/* IOS's words: "DOWN", "ESTABLISHING", ... "UP"; "?" when unknown. */
const char *kview_phase_name(unsigned int phase);
/* "PAP", "CHAP", or "0xXXXX" in @buf. */
const char *kview_auth_proto(uint16_t proto, char *buf, size_t len);
/* "ok", "failed", "pending"; "?" when unknown. */
const char *kview_auth_result(uint8_t result);
/* An interface identifier as its link-local address, "fe80::...". */
const char *kview_ll(uint64_t id, char *buf, size_t len);
/*
 * @s for one line of text: \xNN for control and non-ASCII octets, backslash
 * and double quote escaped; cut short to fit @len.
 */
const char *kview_esc(const char *s, char *buf, size_t len);

#endif
