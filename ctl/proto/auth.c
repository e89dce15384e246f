// SPDX-License-Identifier: GPL-2.0
/* PAP and CHAP-MD5 in both directions on one link; see auth.h. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>

#include "auth.h"
#include "chap.h"
#include "pap.h"
#include "secrets.h"

/* a->state and dir->state */
enum { AS_IDLE, AS_RUNNING, AS_OK, AS_FAILED };
/* dir->state uses AS_IDLE for "not required" */

/* a->flags */
#define AF_RESPONDED	0x01	/* CHAP authenticatee: a Response was sent */
#define AF_SAVED	0x02	/* a Challenge waits for our Success */
#define AF_NAMED	0x04	/* peer_name is valid */

#define ESC_MAX		(4 * AUTH_NAME_MAX + 1)	/* a name, escaped */
#define WHY_MAX		(2 * ESC_MAX + 256)
#define ERR_MAX		512

#define MSG_FAIL	"Authentication failure"
#define MSG_MD5_FAIL	"MD/DES compare failed"

/* ------------------------------------------------------------------ */
/* Helpers                                                              */
/* ------------------------------------------------------------------ */

/*
 * A name or message from the wire or the configuration, printable: \xNN for
 * control octets, non-ASCII, backslash and double quote.
 */
static const char *esc(char *out, const void *name, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	const uint8_t *p = name;
	size_t i, k = 0;

	if (len > AUTH_NAME_MAX)
		len = AUTH_NAME_MAX;
	for (i = 0; i < len; i++) {
		if (p[i] >= 0x20 && p[i] < 0x7f && p[i] != '\\' && p[i] != '"') {
			out[k++] = (char)p[i];
		} else {
			out[k++] = '\\';
			out[k++] = 'x';
			out[k++] = hex[p[i] >> 4];
			out[k++] = hex[p[i] & 15];
		}
	}
	out[k] = 0;
	return out;
}

/* A wire name as a C string for lookups; false when it can match nothing. */
static bool cname(char *out, const uint8_t *name, size_t len)
{
	if (len > AUTH_NAME_MAX || (len && memchr(name, 0, len))) {
		out[0] = 0;
		return false;
	}
	if (len)
		memcpy(out, name, len);
	out[len] = 0;
	return true;
}

static const char *our_name(const struct auth *a)
{
	return a->conf->name ? a->conf->name : "";
}

static const char *our_user(const struct auth *a)
{
	return a->conf->user ? a->conf->user : our_name(a);
}

static const char *chap_file(const struct auth *a)
{
	return a->conf->chap_secrets ? a->conf->chap_secrets
				     : SECRETS_CHAP_DEFAULT;
}

static const char *pap_file(const struct auth *a)
{
	return a->conf->pap_secrets ? a->conf->pap_secrets
				    : SECRETS_PAP_DEFAULT;
}

/*
 * Our own secret, to authenticate ourselves: pppd's password when given
 * (the file is not read), else the entry of @file.  As secrets_lookup().
 */
static int own_secret(const struct auth *a, const char *file,
		      const char *user, const char *server, struct secret *sec,
		      char *err, size_t errlen)
{
	const char *pw = a->conf->password;
	size_t len;

	if (!pw)
		return secrets_lookup(file, user, server, sec, err, errlen);
	len = strlen(pw);
	memset(sec, 0, sizeof(*sec));
	if (len >= sizeof(sec->val))
		len = sizeof(sec->val) - 1;
	memcpy(sec->val, pw, len);
	sec->len = len;
	return 1;
}

static unsigned int timeout_ms(const struct auth *a)
{
	return a->conf->timeout_ms ? a->conf->timeout_ms : AUTH_DEF_TIMEOUT_MS;
}

static unsigned int max_tries(const struct auth *a)
{
	unsigned int n = a->conf->max_tries ? a->conf->max_tries
					    : AUTH_DEF_MAX_TRIES;

	return n > 255 ? 255 : n;
}

/* The overall waits: timeout_ms * max_tries. */
static unsigned int wait_ms(const struct auth *a)
{
	unsigned long long ms = (unsigned long long)timeout_ms(a) * max_tries(a);

	return ms > 0xffffffffu ? 0xffffffffu : (unsigned int)ms;
}

static void timer_start(struct auth *a, int which, unsigned int ms)
{
	a->timers |= 1u << which;
	a->ops->start_timer(a->owner, which, ms);
}

static void timer_stop(struct auth *a, int which)
{
	if (!(a->timers & (1u << which)))
		return;
	a->timers &= ~(1u << which);
	a->ops->stop_timer(a->owner, which);
}

static void send_pkt(struct auth *a, uint16_t proto, const uint8_t *pkt,
		     size_t len)
{
	if (!len)
		return;
	dbg_packet(a->dbg, a->ifname, proto, 'O', NULL, pkt, len);
	a->ops->send(a->owner, proto, pkt, len);
}

static void wipe_saved(struct auth *a)
{
	explicit_bzero(a->saved_resp, sizeof(a->saved_resp));
	a->flags &= ~AF_SAVED;
}

static void reset(struct auth *a)
{
	timer_stop(a, AUTH_TIMER_US);
	timer_stop(a, AUTH_TIMER_PEER);
	wipe_saved(a);
	explicit_bzero(a->chal, sizeof(a->chal));
	a->flags &= ~AF_RESPONDED;
}

/* The end: done() is the last thing that touches the instance. */
static void fail(struct auth *a, struct auth_dir *d, const char *why)
{
	if (d)
		d->state = AS_FAILED;
	a->state = AS_FAILED;
	reset(a);
	a->ops->done(a->owner, false, why);
}

static bool dir_settled(const struct auth_dir *d)
{
	return d->state == AS_IDLE || d->state == AS_OK;
}

static void maybe_done(struct auth *a)
{
	if (a->state != AS_RUNNING || !dir_settled(&a->us) ||
	    !dir_settled(&a->peer))
		return;
	a->state = AS_OK;
	a->ops->done(a->owner, true, NULL);
}

static void set_peer_name(struct auth *a, const char *name)
{
	snprintf(a->peer_name, sizeof(a->peer_name), "%s", name);
	a->flags |= AF_NAMED;
}

/* The name the peer tries, until one is accepted: for auth_result(). */
static void note_tried_name(struct auth *a, bool valid, const char *name)
{
	if (valid && !(a->flags & AF_NAMED))
		snprintf(a->peer_name, sizeof(a->peer_name), "%s", name);
}

/* ------------------------------------------------------------------ */
/* CHAP                                                                 */
/* ------------------------------------------------------------------ */

static void chap_send_challenge(struct auth *a)
{
	uint8_t pkt[CHAP_MAX_PKT];
	const char *name = our_name(a);
	char why[128];
	size_t len;
	ssize_t k;

	do
		k = getrandom(a->chal, sizeof(a->chal), 0);
	while (k < 0 && errno == EINTR);
	if (k != (ssize_t)sizeof(a->chal)) {
		snprintf(why, sizeof(why), "CHAP: cannot get a random challenge: %s",
			 k < 0 ? strerror(errno) : "short read");
		dbg_msg(a->dbg, DBG_AUTHENTICATION, a->ifname, "CHAP", "%s", why + 6);
		fail(a, &a->peer, why);
		return;
	}
	a->peer.id = a->next_id++;
	a->peer.tries++;
	len = chap_build(pkt, sizeof(pkt), CHAP_CHALLENGE, a->peer.id, a->chal,
			 sizeof(a->chal), (const uint8_t *)name, strlen(name));
	timer_start(a, AUTH_TIMER_PEER, timeout_ms(a));
	send_pkt(a, PPP_CHAP, pkt, len);
}

static void chap_send_status(struct auth *a, uint8_t code, uint8_t id,
			     const char *msg)
{
	uint8_t pkt[CHAP_HDRLEN + 64];

	send_pkt(a, PPP_CHAP, pkt,
		 chap_build_status(pkt, sizeof(pkt), code, id, msg));
}

static void chap_send_response(struct auth *a, uint8_t id,
			       const uint8_t resp[CHAP_MD5_LEN])
{
	uint8_t pkt[CHAP_MAX_PKT];
	const char *user = our_user(a);
	size_t len;

	len = chap_build(pkt, sizeof(pkt), CHAP_RESPONSE, id, resp, CHAP_MD5_LEN,
			 (const uint8_t *)user, strlen(user));
	a->us.id = id;
	a->flags |= AF_RESPONDED;
	send_pkt(a, PPP_CHAP, pkt, len);
	explicit_bzero(pkt, sizeof(pkt));
}

/* After we accepted the peer: answer the Challenge we kept back. */
static void process_saved(struct auth *a)
{
	uint8_t resp[CHAP_MD5_LEN];

	if (!(a->flags & AF_SAVED))
		return;
	dbg_msg(a->dbg, DBG_AUTHENTICATION, a->ifname, "CHAP",
		"Processing saved Challenge, id %u", a->saved_id);
	memcpy(resp, a->saved_resp, sizeof(resp));
	wipe_saved(a);
	chap_send_response(a, a->saved_id, resp);
	explicit_bzero(resp, sizeof(resp));
}

/* Only the secret of sec: its address words are still needed. */
static void wipe_val(struct secret *sec)
{
	explicit_bzero(sec->val, sizeof(sec->val));
	sec->len = 0;
}

/*
 * We accepted the peer (the first time this run): tell the owner what its
 * entry allows, then answer a Challenge kept back, then maybe done().
 */
static void accepted(struct auth *a, const char *name, struct secret *sec)
{
	a->peer.state = AS_OK;
	set_peer_name(a, name);
	if (a->ops->authorized)
		a->ops->authorized(a->owner, name, sec->addrs, sec->naddrs);
	secret_wipe(sec);
	process_saved(a);
	maybe_done(a);
}

/* We are the authenticator: the peer's Response. */
static void chap_rx_response(struct auth *a, const struct chap_pkt *p)
{
	struct auth_dir *d = &a->peer;
	const struct auth_conf *c = a->conf;
	char name[AUTH_NAME_MAX + 1], shown[ESC_MAX], rshown[ESC_MAX];
	char err[ERR_MAX], why[WHY_MAX];
	uint8_t want[CHAP_MD5_LEN];
	struct secret sec;
	bool valid, ok;
	int r;

	if (d->proto != PPP_CHAP || (d->state != AS_RUNNING && d->state != AS_OK) ||
	    p->id != d->id) {
		a->stats.rx_ignored++;
		return;
	}
	valid = cname(name, p->name, p->name_len);
	esc(shown, p->name, p->name_len);
	note_tried_name(a, valid, name);
	if (d->state == AS_RUNNING)
		timer_stop(a, AUTH_TIMER_PEER);

	if (c->remote_name && (!valid || strcmp(name, c->remote_name))) {
		dbg_msg(a->dbg, DBG_AUTHENTICATION, a->ifname, "CHAP",
			"Unable to validate Response.  Username %s: not the expected remote name %s",
			shown, esc(rshown, c->remote_name, strlen(c->remote_name)));
		chap_send_status(a, CHAP_FAILURE, p->id, MSG_FAIL);
		snprintf(why, sizeof(why),
			 "CHAP: the peer authenticated as \"%s\", not as the remote name \"%s\"",
			 shown, rshown);
		fail(a, d, why);
		return;
	}
	r = valid ? secrets_lookup(chap_file(a), name, our_name(a), &sec, err,
				   sizeof(err))
		  : 0;
	if (r < 0) {
		dbg_msg(a->dbg, DBG_AUTHENTICATION, a->ifname, "CHAP", "%s", err);
		chap_send_status(a, CHAP_FAILURE, p->id, MSG_FAIL);
		snprintf(why, sizeof(why), "CHAP: %s", err);
		secret_wipe(&sec);
		fail(a, d, why);
		return;
	}
	if (r == 0) {
		dbg_msg(a->dbg, DBG_AUTHENTICATION, a->ifname, "CHAP",
			"Username %s not found", shown);
		chap_send_status(a, CHAP_FAILURE, p->id, MSG_FAIL);
		snprintf(why, sizeof(why),
			 "CHAP: no secret for peer \"%s\" (server \"%s\") in %s",
			 shown, esc(rshown, our_name(a), strlen(our_name(a))),
			 chap_file(a));
		secret_wipe(&sec);
		fail(a, d, why);
		return;
	}
	if (!sec.len) {
		/* anyone can compute the response to an empty secret */
		dbg_msg(a->dbg, DBG_AUTHENTICATION, a->ifname, "CHAP",
			"Unable to validate Response.  Username %s: the secret is empty",
			shown);
		chap_send_status(a, CHAP_FAILURE, p->id, MSG_FAIL);
		snprintf(why, sizeof(why),
			 "CHAP: the secret for peer \"%s\" in %s (line %u) is empty: refused",
			 shown, chap_file(a), sec.line);
		secret_wipe(&sec);
		fail(a, d, why);
		return;
	}
	chap_md5_response(p->id, sec.val, sec.len, a->chal, sizeof(a->chal), want);
	wipe_val(&sec);
	ok = secret_equal(want, sizeof(want), p->value, p->value_len);
	explicit_bzero(want, sizeof(want));
	if (!ok) {
		dbg_msg(a->dbg, DBG_AUTHENTICATION, a->ifname, "CHAP",
			"Unable to validate Response.  Username %s: MD/DES compare failed",
			shown);
		chap_send_status(a, CHAP_FAILURE, p->id, MSG_MD5_FAIL);
		snprintf(why, sizeof(why),
			 "CHAP: peer \"%s\" failed authentication: its secret differs from ours (%s)",
			 shown, chap_file(a));
		secret_wipe(&sec);
		fail(a, d, why);
		return;
	}
	chap_send_status(a, CHAP_SUCCESS, p->id, NULL);
	if (d->state == AS_OK) {
		secret_wipe(&sec);
		return;		/* our Success was lost: said it again */
	}
	accepted(a, name, &sec);
}

/* We are the authenticatee: a Challenge. */
static void chap_rx_challenge(struct auth *a, const struct chap_pkt *p)
{
	struct auth_dir *d = &a->us;
	const struct auth_conf *c = a->conf;
	const char *user = our_user(a);
	char name[AUTH_NAME_MAX + 1], shown[ESC_MAX], ushown[ESC_MAX];
	char err[ERR_MAX], why[WHY_MAX];
	uint8_t resp[CHAP_MD5_LEN];
	const char *server;
	struct secret sec;
	bool valid;
	int r;

	if (d->proto != PPP_CHAP || (d->state != AS_RUNNING && d->state != AS_OK)) {
		a->stats.rx_ignored++;
		return;
	}
	/*
	 * Our own Challenge sent back to us: our Response to it would be the
	 * very Response the peer owes us (same secret both ways).  Never
	 * answer it, whatever its Identifier.
	 */
	if (a->peer.proto == PPP_CHAP &&
	    (a->peer.state == AS_RUNNING || a->peer.state == AS_OK) &&
	    p->value_len == sizeof(a->chal) &&
	    !memcmp(p->value, a->chal, sizeof(a->chal))) {
		a->stats.rx_ignored++;
		dbg_msg(a->dbg, DBG_AUTHENTICATION, a->ifname, "CHAP",
			"Challenge from peer equals ours: reflection refused");
		return;
	}
	if (d->state == AS_RUNNING)
		timer_start(a, AUTH_TIMER_US, wait_ms(a));
	valid = cname(name, p->name, p->name_len);
	server = c->remote_name ? c->remote_name : name;
	if (c->remote_name)
		esc(shown, server, strlen(server));
	else
		esc(shown, p->name, p->name_len);
	r = c->remote_name || valid ?
		own_secret(a, chap_file(a), user, server, &sec, err, sizeof(err)) : 0;
	if (r < 0) {
		dbg_msg(a->dbg, DBG_AUTHENTICATION, a->ifname, "CHAP", "%s", err);
		snprintf(why, sizeof(why), "CHAP: %s", err);
		secret_wipe(&sec);
		fail(a, d, why);
		return;
	}
	if (r == 0) {
		esc(ushown, user, strlen(user));
		dbg_msg(a->dbg, DBG_AUTHENTICATION, a->ifname, "CHAP",
			"Unable to authenticate for peer %s: no secret for %s",
			shown, ushown);
		snprintf(why, sizeof(why),
			 "CHAP: no secret for \"%s\" to authenticate to \"%s\" in %s",
			 ushown, shown, chap_file(a));
		secret_wipe(&sec);
		fail(a, d, why);
		return;
	}
	if (!sec.len) {
		esc(ushown, user, strlen(user));
		dbg_msg(a->dbg, DBG_AUTHENTICATION, a->ifname, "CHAP",
			"Unable to authenticate for peer %s: the secret for %s is empty",
			shown, ushown);
		snprintf(why, sizeof(why),
			 "CHAP: the secret for \"%s\" to authenticate to \"%s\" in %s (line %u) is empty: not answering",
			 ushown, shown, chap_file(a), sec.line);
		secret_wipe(&sec);
		fail(a, d, why);
		return;
	}
	chap_md5_response(p->id, sec.val, sec.len, p->value, p->value_len, resp);
	secret_wipe(&sec);
	if (c->wait_for_peer_first && a->peer.state == AS_RUNNING) {
		memcpy(a->saved_resp, resp, sizeof(resp));
		a->saved_id = p->id;
		a->flags |= AF_SAVED;
		dbg_msg(a->dbg, DBG_AUTHENTICATION, a->ifname, "CHAP",
			"Waiting for peer to authenticate first");
	} else {
		chap_send_response(a, p->id, resp);
	}
	explicit_bzero(resp, sizeof(resp));
}

/* We are the authenticatee: Success or Failure to our Response. */
static void chap_rx_status(struct auth *a, const struct chap_pkt *p)
{
	struct auth_dir *d = &a->us;
	char why[WHY_MAX], msg[ESC_MAX];

	if (d->proto != PPP_CHAP || (d->state != AS_RUNNING && d->state != AS_OK) ||
	    !(a->flags & AF_RESPONDED) || p->id != d->id) {
		a->stats.rx_ignored++;
		return;
	}
	if (p->code == CHAP_FAILURE) {
		snprintf(why, sizeof(why), "CHAP: the peer refused our response: \"%s\"",
			 esc(msg, p->msg, p->msg_len));
		fail(a, d, why);
		return;
	}
	if (d->state == AS_OK)
		return;
	d->state = AS_OK;
	timer_stop(a, AUTH_TIMER_US);
	maybe_done(a);
}

static void chap_input(struct auth *a, const uint8_t *pkt, size_t len)
{
	struct chap_pkt p;

	if (chap_parse(pkt, len, &p)) {
		a->stats.rx_malformed++;
		return;
	}
	switch (p.code) {
	case CHAP_CHALLENGE:
		chap_rx_challenge(a, &p);
		break;
	case CHAP_RESPONSE:
		chap_rx_response(a, &p);
		break;
	default:
		chap_rx_status(a, &p);
		break;
	}
}

/* ------------------------------------------------------------------ */
/* PAP                                                                  */
/* ------------------------------------------------------------------ */

static void pap_send_req(struct auth *a)
{
	struct auth_dir *d = &a->us;
	const struct auth_conf *c = a->conf;
	const char *user = our_user(a);
	char err[ERR_MAX], why[WHY_MAX], ushown[ESC_MAX];
	uint8_t pkt[PAP_MAX_PKT];
	struct secret sec;
	size_t len;
	int r;

	r = own_secret(a, pap_file(a), user, c->remote_name, &sec, err,
		       sizeof(err));
	esc(ushown, user, strlen(user));
	if (r < 0) {
		dbg_msg(a->dbg, DBG_AUTHENTICATION, a->ifname, "PAP", "%s", err);
		snprintf(why, sizeof(why), "PAP: %s", err);
	} else if (r == 0) {
		dbg_msg(a->dbg, DBG_AUTHENTICATION, a->ifname, "PAP",
			"Unable to authenticate for peer: no secret for user %s",
			ushown);
		snprintf(why, sizeof(why), "PAP: no secret for user \"%s\" in %s",
			 ushown, pap_file(a));
	} else if (sec.len > PAP_MAX_FIELD) {
		dbg_msg(a->dbg, DBG_AUTHENTICATION, a->ifname, "PAP",
			"Secret for user %s is longer than 255 octets", ushown);
		snprintf(why, sizeof(why),
			 "PAP: the secret for user \"%s\" in %s (line %u) is longer than 255 octets",
			 ushown, pap_file(a), sec.line);
		r = -1;
	}
	if (r <= 0) {
		secret_wipe(&sec);
		fail(a, d, why);
		return;
	}
	d->id = a->next_id++;
	if (!d->tries)
		d->first_id = d->id;
	d->tries++;
	len = pap_build_req(pkt, sizeof(pkt), d->id, (const uint8_t *)user,
			    strlen(user), sec.val, sec.len);
	secret_wipe(&sec);
	timer_start(a, AUTH_TIMER_US, timeout_ms(a));
	send_pkt(a, PPP_PAP, pkt, len);
	explicit_bzero(pkt, sizeof(pkt));
}

static void pap_send_reply(struct auth *a, uint8_t code, uint8_t id,
			   const char *msg)
{
	uint8_t pkt[PAP_HDRLEN + 64];

	send_pkt(a, PPP_PAP, pkt, pap_build_reply(pkt, sizeof(pkt), code, id, msg));
}

/* We are the authenticator: an Authenticate-Request. */
static void pap_rx_req(struct auth *a, const struct pap_req *q)
{
	struct auth_dir *d = &a->peer;
	const struct auth_conf *c = a->conf;
	char name[AUTH_NAME_MAX + 1], shown[ESC_MAX], rshown[ESC_MAX];
	char err[ERR_MAX], why[WHY_MAX];
	struct secret sec;
	bool valid, ok;
	int r;

	if (d->proto != PPP_PAP || (d->state != AS_RUNNING && d->state != AS_OK)) {
		a->stats.rx_ignored++;
		return;
	}
	valid = cname(name, q->user, q->user_len);
	esc(shown, q->user, q->user_len);
	note_tried_name(a, valid, name);
	if (d->state == AS_RUNNING)
		timer_stop(a, AUTH_TIMER_PEER);

	if (c->remote_name && (!valid || strcmp(name, c->remote_name))) {
		dbg_msg(a->dbg, DBG_AUTHENTICATION, a->ifname, "PAP",
			"Unable to validate Password.  Username %s: not the expected remote name %s",
			shown, esc(rshown, c->remote_name, strlen(c->remote_name)));
		pap_send_reply(a, PAP_AUTHNAK, q->id, MSG_FAIL);
		snprintf(why, sizeof(why),
			 "PAP: the peer authenticated as \"%s\", not as the remote name \"%s\"",
			 shown, rshown);
		fail(a, d, why);
		return;
	}
	r = valid ? secrets_lookup(pap_file(a), name, our_name(a), &sec, err,
				   sizeof(err))
		  : 0;
	if (r < 0) {
		dbg_msg(a->dbg, DBG_AUTHENTICATION, a->ifname, "PAP", "%s", err);
		pap_send_reply(a, PAP_AUTHNAK, q->id, MSG_FAIL);
		snprintf(why, sizeof(why), "PAP: %s", err);
		secret_wipe(&sec);
		fail(a, d, why);
		return;
	}
	if (r == 0) {
		dbg_msg(a->dbg, DBG_AUTHENTICATION, a->ifname, "PAP",
			"Username %s not found", shown);
		pap_send_reply(a, PAP_AUTHNAK, q->id, MSG_FAIL);
		snprintf(why, sizeof(why),
			 "PAP: no secret for peer \"%s\" (server \"%s\") in %s",
			 shown, esc(rshown, our_name(a), strlen(our_name(a))),
			 pap_file(a));
		secret_wipe(&sec);
		fail(a, d, why);
		return;
	}
	ok = secret_equal(sec.val, sec.len, q->pass, q->pass_len);
	wipe_val(&sec);
	if (!ok) {
		dbg_msg(a->dbg, DBG_AUTHENTICATION, a->ifname, "PAP",
			"Unable to validate Password.  Username %s: Authentication failure",
			shown);
		pap_send_reply(a, PAP_AUTHNAK, q->id, MSG_FAIL);
		snprintf(why, sizeof(why),
			 "PAP: peer \"%s\" failed authentication: wrong password (%s)",
			 shown, pap_file(a));
		secret_wipe(&sec);
		fail(a, d, why);
		return;
	}
	pap_send_reply(a, PAP_AUTHACK, q->id, NULL);
	if (d->state == AS_OK) {
		secret_wipe(&sec);
		return;		/* our Ack was lost: said it again */
	}
	accepted(a, name, &sec);
}

/* We are the authenticatee: Ack or Nak. */
static void pap_rx_reply(struct auth *a, const struct pap_reply *r)
{
	struct auth_dir *d = &a->us;
	char why[WHY_MAX], msg[ESC_MAX];

	if (d->proto != PPP_PAP || d->state != AS_RUNNING ||
	    (uint8_t)(r->id - d->first_id) >= d->tries) {
		a->stats.rx_ignored++;
		return;
	}
	if (r->code == PAP_AUTHNAK) {
		snprintf(why, sizeof(why), "PAP: the peer refused our login: \"%s\"",
			 esc(msg, r->msg, r->msg_len));
		fail(a, d, why);
		return;
	}
	d->state = AS_OK;
	timer_stop(a, AUTH_TIMER_US);
	maybe_done(a);
}

static void pap_input(struct auth *a, const uint8_t *pkt, size_t len)
{
	struct pap_req q;
	struct pap_reply r;

	if (len >= 1 && pkt[0] == PAP_AUTHREQ) {
		if (pap_parse_req(pkt, len, &q)) {
			a->stats.rx_malformed++;
			return;
		}
		pap_rx_req(a, &q);
		return;
	}
	if (pap_parse_reply(pkt, len, &r)) {
		a->stats.rx_malformed++;
		return;
	}
	pap_rx_reply(a, &r);
}

/* ------------------------------------------------------------------ */
/* The interface                                                        */
/* ------------------------------------------------------------------ */

void auth_init(struct auth *a, const struct auth_conf *conf,
	       const struct auth_ops *ops, void *owner, struct dbg *dbg,
	       const char *ifname)
{
	uint8_t id = 0;

	memset(a, 0, sizeof(*a));
	a->conf = conf;
	a->ops = ops;
	a->owner = owner;
	a->dbg = dbg;
	a->ifname = ifname;
	if (getrandom(&id, 1, GRND_NONBLOCK) != 1)
		id = (uint8_t)(uintptr_t)a;
	a->next_id = id;
}

void auth_set_next_id(struct auth *a, uint8_t id)
{
	a->next_id = id;
}

static bool proto_ok(uint16_t p)
{
	return !p || p == PPP_PAP || p == PPP_CHAP;
}

void auth_start(struct auth *a, uint16_t we_require, uint16_t peer_requires)
{
	char why[WHY_MAX];

	auth_stop(a);
	a->flags &= ~AF_NAMED;
	a->peer_name[0] = 0;
	a->peer = (struct auth_dir){ .proto = we_require,
				     .state = we_require ? AS_RUNNING : AS_IDLE };
	a->us = (struct auth_dir){ .proto = peer_requires,
				   .state = peer_requires ? AS_RUNNING : AS_IDLE };
	a->state = AS_RUNNING;

	if (!proto_ok(we_require) || !proto_ok(peer_requires)) {
		snprintf(why, sizeof(why),
			 "authentication protocol 0x%04X is not supported",
			 proto_ok(we_require) ? peer_requires : we_require);
		fail(a, NULL, why);
		return;
	}
	if (strlen(our_name(a)) > AUTH_NAME_MAX ||
	    strlen(our_user(a)) > AUTH_NAME_MAX) {
		snprintf(why, sizeof(why),
			 "authentication: our name is longer than %d octets",
			 AUTH_NAME_MAX);
		fail(a, NULL, why);
		return;
	}
	if (we_require == PPP_CHAP)
		chap_send_challenge(a);
	else if (we_require == PPP_PAP)
		timer_start(a, AUTH_TIMER_PEER, wait_ms(a));
	if (a->state != AS_RUNNING)
		return;
	if (peer_requires == PPP_PAP)
		pap_send_req(a);
	else if (peer_requires == PPP_CHAP)
		timer_start(a, AUTH_TIMER_US, wait_ms(a));
	if (a->state != AS_RUNNING)
		return;
	maybe_done(a);
}

void auth_input(struct auth *a, uint16_t proto, const uint8_t *pkt, size_t len)
{
	if (proto != PPP_PAP && proto != PPP_CHAP) {
		a->stats.rx_ignored++;
		return;
	}
	dbg_packet(a->dbg, a->ifname, proto, 'I', NULL, pkt, len);
	if (a->state != AS_RUNNING && a->state != AS_OK) {
		a->stats.rx_ignored++;
		return;
	}
	if (proto == PPP_CHAP)
		chap_input(a, pkt, len);
	else
		pap_input(a, pkt, len);
}

void auth_timeout(struct auth *a, int which)
{
	struct auth_dir *d;
	char why[WHY_MAX];
	unsigned int n;

	if ((which != AUTH_TIMER_US && which != AUTH_TIMER_PEER) ||
	    !(a->timers & (1u << which)))
		return;
	a->timers &= ~(1u << which);
	d = which == AUTH_TIMER_US ? &a->us : &a->peer;
	if (a->state != AS_RUNNING || d->state != AS_RUNNING)
		return;
	n = max_tries(a);
	if (which == AUTH_TIMER_PEER && d->proto == PPP_CHAP) {
		if (d->tries < n) {
			chap_send_challenge(a);
			return;
		}
		dbg_msg(a->dbg, DBG_AUTHENTICATION, a->ifname, "CHAP",
			"No response to %u Challenges, giving up", n);
		snprintf(why, sizeof(why),
			 "CHAP: the peer did not answer %u Challenges", n);
	} else if (which == AUTH_TIMER_US && d->proto == PPP_PAP) {
		if (d->tries < n) {
			pap_send_req(a);
			return;
		}
		dbg_msg(a->dbg, DBG_AUTHENTICATION, a->ifname, "PAP",
			"No reply to %u AUTH-REQs, giving up", n);
		snprintf(why, sizeof(why),
			 "PAP: the peer did not answer %u Authenticate-Requests", n);
	} else if (which == AUTH_TIMER_PEER) {
		dbg_msg(a->dbg, DBG_AUTHENTICATION, a->ifname, "PAP",
			"Timeout waiting for AUTH-REQ from peer");
		snprintf(why, sizeof(why),
			 "PAP: the peer sent no Authenticate-Request within %u ms",
			 wait_ms(a));
	} else {
		dbg_msg(a->dbg, DBG_AUTHENTICATION, a->ifname, "CHAP",
			"Timeout waiting for peer to authenticate us");
		snprintf(why, sizeof(why),
			 "CHAP: the peer did not finish authenticating us within %u ms",
			 wait_ms(a));
	}
	fail(a, d, why);
}

void auth_stop(struct auth *a)
{
	reset(a);
	a->state = AS_IDLE;
	a->us.state = a->peer.state = AS_IDLE;
	a->us.tries = a->peer.tries = 0;
}

uint16_t auth_result(const struct auth *a, int which, int *result,
		     const char **name)
{
	const struct auth_dir *d = which == AUTH_TIMER_PEER ? &a->peer : &a->us;

	*result = d->state == AS_OK ? AUTH_RESULT_OK :
		  d->state == AS_FAILED ? AUTH_RESULT_FAILED :
		  AUTH_RESULT_PENDING;
	*name = which == AUTH_TIMER_PEER ? a->peer_name : our_user(a);
	return d->proto;
}

const char *auth_peer_name(const struct auth *a)
{
	return a->flags & AF_NAMED ? a->peer_name : NULL;
}

bool auth_running(const struct auth *a)
{
	return a->state == AS_RUNNING;
}

const struct auth_stats *auth_stats(const struct auth *a)
{
	return &a->stats;
}
