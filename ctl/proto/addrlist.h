/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The IPv4 addresses a peer may use, from the address words of the
 * secrets entry it authenticated with (secrets.h; man pppd,
 * AUTHENTICATION: "Any following words on the same line are taken to be a
 * list of acceptable IP addresses for that client").  Pure: no I/O, no
 * name lookups.
 *
 * The words, in order; the first entry that matches an address decides:
 *   A.B.C.D        that address is allowed
 *   A.B.C.D/N      the subnet (N = 1..32) is allowed
 *   !A.B.C.D[/N]   that address or subnet is NOT allowed
 *   *              any address is allowed (words after it are not read)
 *   -              ends the list: nothing after it is read (as the first
 *                  word: no address is allowed)
 * An address no entry matches is not allowed.  So an entry with no address
 * words (only client, server and secret) allows no address at all, as in
 * pppd: write "*" to allow any.
 *
 * What pppd reads and we do not: host names (not looked up here) and
 * pppd's "A.B.C.D/N+" (an address picked by the unit number).  Such a word,
 * or a malformed one, allows nothing and is counted in `ignored`; when it
 * is an exclusion ("!name") the list ends there, since skipping it could
 * allow what it meant to exclude.  Lists longer than ADDRLIST_MAX entries
 * end there too (`cut`).  Ending a list early never allows more: what the
 * dropped words would have allowed is refused.
 */
#ifndef PPPCTL_ADDRLIST_H
#define PPPCTL_ADDRLIST_H

#include <stdbool.h>
#include <stdint.h>
#include <netinet/in.h>

#define ADDRLIST_MAX	32

struct addrlist_ent {
	uint32_t base, mask;	/* host byte order; base is masked */
	bool permit;
};

struct addrlist {
	struct addrlist_ent e[ADDRLIST_MAX];
	uint8_t n;		/* entries in e */
	uint8_t ignored;	/* words that allow nothing (see above) */
	bool cut;		/* words after some point were not read */
	/*
	 * The first single address the list allows (a word without /N),
	 * 0.0.0.0 when none: what we offer a peer that asks for an address
	 * it may not use (pppd's "suggested" remote address).
	 */
	struct in_addr suggest;
};

/*
 * Parse words (single blanks between them, as struct secret.addrs holds
 * them) into l.  nwords is how many words the entry had: when the blanks
 * do not give that count (a quoted word held a blank), the list is refused
 * whole (nothing allowed, cut set).  words may be NULL when nwords is 0.
 */
void addrlist_parse(struct addrlist *l, const char *words,
		    unsigned int nwords);

/* true when l allows address a (network byte order). */
bool addrlist_allows(const struct addrlist *l, struct in_addr a);

#endif
