// SPDX-License-Identifier: GPL-2.0
/*
 * Diagnosing authentication: who rejected whom, with hints from IOS's
 * notes (username not found, MD/DES compare failed, unable to
 * authenticate) and challenges never answered.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "proto/dbgopt.h"
#include "diagnose.h"
#include "proto/vocab.h"

struct auth_hints {
	unsigned int user;	/* "... not found" */
	unsigned int secret;	/* "MD/DES compare failed" */
	unsigned int cannot;	/* "Unable to authenticate for peer" */
	unsigned int unanswered, first_chal;
	int chal_run;
};

static void hints_scan(const struct dl_link *l, struct auth_hints *h)
{
	size_t k;

	memset(h, 0, sizeof(*h));
	for (k = 0; k < l->nev; k++) {
		const struct dl_ev *e = &l->ev[k];

		if (e->type == DL_NOTE && (strcasestr(e->text, "not found") ||
					     e->note == DN_NO_SECRET_PEER))
			h->user = e->line;
		if ((e->type == DL_NOTE || e->type == DL_PACKET) &&
		    (strcasestr(e->text, "compare failed") ||
		     strcasestr(e->text, "MD/DES")))
			h->secret = e->line;
		if (e->type == DL_NOTE && e->note != DN_PEER_NO_AUTH &&
		    (strcasestr(e->text, "Unable to authenticate") ||
		     e->note == DN_NO_SECRET_LOCAL))
			h->cannot = e->line;
		if (dl_is_pkt(e, PPP_CHAP, 'O', CHAP_CHALLENGE)) {
			if (!h->chal_run++)
				h->first_chal = e->line;
			if (h->chal_run >= SILENT_MIN)
				h->unanswered = e->line;
		} else if (dl_is_pkt(e, PPP_CHAP, 'I', CHAP_RESPONSE)) {
			h->chal_run = 0;
			h->unanswered = 0;
		}
	}
}

static void auth_peer_failed(struct dl_link *l, const struct auth_hints *h)
{
	const struct dl_authdir *a = &l->auth_peer;
	struct dl_diag *d;
	char n[24];

	dl_times(a->fails, n, sizeof(n));
	if (dl_pppd_words(l) && a->proto == PPP_PAP)
		d = dl_diag_add(l, DG_AUTH_FAILED, a->proto,
				"authentication failed: we refused the peer's PAP login "
				"\"%s\" (line %u%s): wrong user name or password; check "
				"the line for \"%s\" in /etc/ppp/pap-secrets here against "
				"what the peer sends (its `user` and password)",
				a->name, a->fail_line, n, a->name);
	else if (dl_pppd_words(l) && h->user)
		d = dl_diag_add(l, DG_AUTH_FAILED, a->proto,
				"authentication failed: we rejected the peer's CHAP "
				"response as \"%s\" (line %u%s): there is no secret for "
				"\"%s\" in /etc/ppp/chap-secrets here (line %u); add a "
				"line for it or fix the peer's `name`",
				a->name, a->fail_line, n, a->name, h->user);
	else if (dl_pppd_words(l))
		d = dl_diag_add(l, DG_AUTH_FAILED, a->proto,
				"authentication failed: we rejected the peer's CHAP "
				"response as \"%s\" (line %u%s): the secret for \"%s\" "
				"differs between the two ends; compare its line in "
				"/etc/ppp/chap-secrets here with the peer's",
				a->name, a->fail_line, n, a->name);
	else if (a->proto == PPP_PAP)
		d = dl_diag_add(l, DG_AUTH_FAILED, a->proto,
				"authentication failed: we refused the peer's PAP login "
				"\"%s\" (line %u%s): wrong username or password; check "
				"`username %s password` here against what the peer sends "
				"(`ppp pap sent-username`)",
				a->name, a->fail_line, n, a->name);
	else if (h->user)
		d = dl_diag_add(l, DG_AUTH_FAILED, a->proto,
				"authentication failed: we rejected the peer's CHAP "
				"response as \"%s\" (line %u%s): that username is not "
				"known here (line %u); add `username %s password ...` or "
				"fix the peer's hostname",
				a->name, a->fail_line, n, h->user, a->name);
	else
		d = dl_diag_add(l, DG_AUTH_FAILED, a->proto,
				"authentication failed: we rejected the peer's CHAP "
				"response as \"%s\" (line %u%s): the secret for \"%s\" "
				"differs between the two ends; compare `username %s "
				"password` here with the peer's",
				a->name, a->fail_line, n, a->name, a->name);
	dl_diag_cite(d, a->fail_line);
	dl_diag_cite(d, h->user);
	dl_diag_cite(d, h->secret);
}

static void auth_local_failed(struct dl_link *l)
{
	const struct dl_authdir *a = &l->auth_local;
	struct dl_diag *d;
	char n[24];

	dl_times(a->fails, n, sizeof(n));
	if (dl_pppd_words(l) && a->proto == PPP_PAP)
		d = dl_diag_add(l, DG_AUTH_FAILED, a->proto,
				"authentication failed: the peer refused our PAP login"
				"%s%s%s (line %u%s)%s%s%s: check `user%s%s` and its "
				"password in /etc/ppp/pap-secrets here against the "
				"peer's accounts", *a->name ? " \"" : "", a->name,
				*a->name ? "\"" : "", a->fail_line, n,
				*a->msg ? " with \"" : "", a->msg, *a->msg ? "\"" : "",
				*a->name ? " " : "", a->name);
	else if (dl_pppd_words(l))
		d = dl_diag_add(l, DG_AUTH_FAILED, a->proto,
				"authentication failed: the peer%s%s%s rejected our CHAP "
				"response as \"%s\" (line %u%s)%s%s%s: the peer has no "
				"secret for \"%s\" or another one; check `name %s` (or "
				"`user`) and its line in /etc/ppp/chap-secrets here "
				"against the peer's",
				*l->peer_host ? " \"" : "", l->peer_host,
				*l->peer_host ? "\"" : "", a->name, a->fail_line, n,
				*a->msg ? " with \"" : "", a->msg, *a->msg ? "\"" : "",
				a->name, a->name);
	else if (a->proto == PPP_PAP)
		d = dl_diag_add(l, DG_AUTH_FAILED, a->proto,
				"authentication failed: the peer refused our PAP login "
				"\"%s\" (line %u%s)%s%s%s: check `ppp pap sent-username` "
				"here against the peer's usernames",
				a->name, a->fail_line, n, *a->msg ? " with \"" : "",
				a->msg, *a->msg ? "\"" : "");
	else if (strcasestr(a->msg, "compare failed"))
		d = dl_diag_add(l, DG_AUTH_FAILED, a->proto,
				"authentication failed: the peer%s%s%s rejected our CHAP "
				"response%s%s%s (line %u%s) with \"%s\": the peer knows "
				"our name but its secret for it differs from ours; make "
				"`username` on both ends (or `ppp chap password`) carry "
				"the same password",
				*l->peer_host ? " \"" : "", l->peer_host,
				*l->peer_host ? "\"" : "", *a->name ? " as \"" : "",
				a->name, *a->name ? "\"" : "", a->fail_line, n, a->msg);
	else
		d = dl_diag_add(l, DG_AUTH_FAILED, a->proto,
				"authentication failed: the peer%s%s%s rejected our CHAP "
				"response%s%s%s (line %u%s)%s%s%s: the peer has no "
				"`username %s` or another secret for it; check our "
				"hostname (`ppp chap hostname`) and the shared secret",
				*l->peer_host ? " \"" : "", l->peer_host,
				*l->peer_host ? "\"" : "", *a->name ? " as \"" : "",
				a->name, *a->name ? "\"" : "", a->fail_line, n,
				*a->msg ? " with \"" : "", a->msg, *a->msg ? "\"" : "",
				*a->name ? a->name : "<our hostname>");
	dl_diag_cite(d, a->fail_line);
}

static void peer_silent(struct dl_link *l, const struct auth_hints *h)
{
	struct dl_diag *d;

	d = dl_diag_add(l, DG_AUTH_FAILED, PPP_CHAP,
			"authentication failed: the peer never answered our "
			"CHAP challenges (lines %u to %u): it has no secret for "
			"our name or does not do CHAP", h->first_chal,
			h->unanswered);
	dl_diag_cite(d, h->first_chal);
	dl_diag_cite(d, h->unanswered);
}

static void cannot_answer(struct dl_link *l, const struct auth_hints *h)
{
	struct dl_diag *d;

	d = dl_diag_add(l, DG_AUTH_FAILED, PPP_CHAP,
			"authentication failed: we could not answer the peer's "
			"CHAP challenge%s%s%s (line %u): %s",
			*l->peer_host ? " from \"" : "", l->peer_host,
			*l->peer_host ? "\"" : "", h->cannot, dl_pppd_words(l) ?
			"no secret in /etc/ppp/chap-secrets here for our name "
			"(`name`, `user`) and that peer; add one" :
			"no username and secret here for that name");
	dl_diag_cite(d, h->cannot);
}

/* pppd: "peer refused to authenticate: terminating link". */
static void peer_refused(struct dl_link *l, const struct dl_ev *e)
{
	struct dl_diag *d;
	unsigned int rej = 0;
	char why[64] = "";
	size_t k, len;

	for (k = 0; k < l->nev; k++)
		if (dl_is_pkt(&l->ev[k], PPP_LCP, 'I', CP_CONFREJ) &&
		    dl_ev_opt(&l->ev[k], 3, &len))
			rej = l->ev[k].line;
	if (rej)
		snprintf(why, sizeof(why), "; it rejected our AuthProto, line %u",
			 rej);
	if (dl_pppd(l))
		d = dl_diag_add(l, DG_AUTH_FAILED, 0,
				"authentication failed: the peer refused to authenticate "
				"itself (line %u%s) and pppd requires it (`auth`): give the "
				"peer a name and secret to authenticate with (`user` on its "
				"side, a line in our chap-secrets or pap-secrets), or use "
				"`noauth` here if it need not", e->line, why);
	else
		d = dl_diag_add(l, DG_AUTH_FAILED, 0,
				"authentication failed: the peer did not authenticate "
				"itself (line %u%s) and this end requires it (`ppp "
				"authentication`): give the peer a name and secret to "
				"send (`ppp chap hostname`, `ppp chap password` or `ppp "
				"pap sent-username`) and a `username` for it here, or "
				"remove `ppp authentication` if it need not", e->line, why);
	dl_diag_cite(d, e->line);
	dl_diag_cite(d, rej);
}

void dl_diag_auth(struct dl_link *l)
{
	const struct dl_ev *e;
	struct auth_hints h;

	if ((e = dl_note_find(l, DN_PEER_NO_AUTH)))
		peer_refused(l, e);
	hints_scan(l, &h);
	if (l->auth_peer.fails)
		auth_peer_failed(l, &h);
	else if (h.unanswered)
		peer_silent(l, &h);
	if (l->auth_local.fails)
		auth_local_failed(l);
	else if (h.cannot)
		cannot_answer(l, &h);
}
