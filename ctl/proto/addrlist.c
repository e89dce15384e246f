// SPDX-License-Identifier: GPL-2.0
/* The addresses a peer may use, from its secrets entry; see addrlist.h. */
#include <arpa/inet.h>
#include <string.h>

#include "addrlist.h"

/* "A.B.C.D" or "A.B.C.D/N" (w is NUL-terminated): false when not that. */
static bool parse_net(const char *w, uint32_t *base, uint32_t *mask,
		      bool *single)
{
	char a[16];
	const char *slash = strchr(w, '/');
	size_t alen = slash ? (size_t)(slash - w) : strlen(w);
	struct in_addr in;
	unsigned int bits = 32;

	if (!alen || alen >= sizeof(a))
		return false;
	memcpy(a, w, alen);
	a[alen] = 0;
	if (inet_pton(AF_INET, a, &in) != 1)
		return false;
	if (slash) {
		const char *d = slash + 1;

		/* 1-32, decimal, nothing after it (pppd's "+" is not read) */
		if (!*d || strspn(d, "0123456789") != strlen(d) ||
		    strlen(d) > 2)
			return false;
		bits = (unsigned int)(d[0] - '0');
		if (d[1])
			bits = bits * 10 + (unsigned int)(d[1] - '0');
		if (bits < 1 || bits > 32)
			return false;
	}
	*mask = bits == 32 ? 0xffffffffu : ~(0xffffffffu >> bits);
	*base = ntohl(in.s_addr) & *mask;
	*single = !slash;
	return true;
}

void addrlist_parse(struct addrlist *l, const char *words,
		    unsigned int nwords)
{
	char w[64];
	const char *p = words, *end;
	unsigned int count = 0;
	uint32_t base, mask;
	bool single, permit;
	size_t len;

	memset(l, 0, sizeof(*l));
	if (!nwords || !words)
		return;
	/* the blanks must give the words back, else refuse the list */
	for (end = words; *end; end++)
		count += *end == ' ';
	if (!*words || count + 1 != nwords) {
		l->cut = true;
		return;
	}
	for (; *p; p = *end ? end + 1 : end) {
		end = strchr(p, ' ');
		if (!end)
			end = p + strlen(p);
		len = (size_t)(end - p);
		if (len == 1 && p[0] == '-') {
			l->cut = *end != 0;
			return;
		}
		if (l->n == ADDRLIST_MAX) {
			l->cut = true;
			return;
		}
		if (len == 1 && p[0] == '*') {
			l->e[l->n++] = (struct addrlist_ent){ 0, 0, true };
			l->cut = *end != 0;
			return;
		}
		permit = p[0] != '!';
		if (!permit) {
			p++;
			len--;
		}
		if (len < sizeof(w)) {
			memcpy(w, p, len);
			w[len] = 0;
		}
		if (len >= sizeof(w) || !parse_net(w, &base, &mask, &single)) {
			if (l->ignored < 255)
				l->ignored++;
			if (!permit) {
				/* skipping an exclusion could allow it */
				l->cut = true;
				return;
			}
			continue;
		}
		l->e[l->n++] = (struct addrlist_ent){ base, mask, permit };
		/* the first single address that is allowed, not excluded */
		if (permit && single && !l->suggest.s_addr &&
		    addrlist_allows(l, (struct in_addr){ htonl(base) }))
			l->suggest.s_addr = htonl(base);
	}
}

bool addrlist_allows(const struct addrlist *l, struct in_addr a)
{
	uint32_t h = ntohl(a.s_addr);
	unsigned int i;

	for (i = 0; i < l->n && i < ADDRLIST_MAX; i++)
		if ((h & l->e[i].mask) == l->e[i].base)
			return l->e[i].permit;
	return false;
}
