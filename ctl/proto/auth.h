/* SPDX-License-Identifier: GPL-2.0 */
/*
 * PPP authentication, both directions on one link: PAP (RFC 1334) and CHAP
 * with MD5 (RFC 1994), as authenticator ("we require", we authenticate the
 * peer) and as authenticatee ("the peer requires", we authenticate
 * ourselves), with secrets from pppd-format files (secrets.h).
 *
 * No I/O, no timers and no global state of its own: the owner (the link)
 * passes packets in with auth_input(), and gets packets, timer requests and
 * the outcome through const struct auth_ops callbacks.  One struct auth per
 * link; it is small (see sizeof(struct auth)) and holds no secret except
 * while a CHAP response is saved for "Waiting for peer to authenticate
 * first" (an MD5 digest, wiped when sent or on auth_stop()).  Secrets are
 * read from the files each time they are needed, wiped right after use and
 * never printed.
 *
 * Driving it
 * ----------
 *   auth_init      once per link (the instance is idle)
 *   auth_start     LCP is up: start authenticating in the directions LCP
 *                  agreed (0, PPP_PAP or PPP_CHAP for each)
 *   auth_input     a PAP (0xc023) or CHAP (0xc223) packet: the Information
 *                  field, protocol field stripped; octets past Length are
 *                  padding and ignored
 *   auth_timeout   a timer asked for with ops->start_timer fired
 *   auth_stop      the link goes down: timers stopped, state wiped; the
 *                  instance is idle again and can be started again
 *
 * Timers: AUTH_TIMER_PEER belongs to the direction in which we authenticate
 * the peer (CHAP: retransmit the Challenge every timeout_ms, a new
 * Identifier and value each time, max_tries Challenges in all; PAP: the
 * overall wait for the peer's Authenticate-Request, timeout_ms * max_tries,
 * like pppd's 30 s pap-timeout), AUTH_TIMER_US to the direction in which we
 * authenticate ourselves (PAP: retransmit the Authenticate-Request every
 * timeout_ms, a new Identifier each time, max_tries in all; CHAP: overall
 * wait for the peer's Challenge and Success, timeout_ms * max_tries, started
 * again by every Challenge).  start_timer (re)arms a one-shot timer;
 * stop_timer is called only for an armed timer.  A stale auth_timeout()
 * for a timer that is not armed is ignored.
 *
 * Outcome: done(ok = true, why = NULL) once every required direction has
 * succeeded (at once from auth_start when none is required); done(false,
 * why) at the first failure, with why one line for the user (the secrets
 * file that cannot be read, no secret for a name, the peer refused us, no
 * answer after max_tries, ...).  After a failure the instance ignores input
 * until auth_stop()/auth_start().  After success it keeps answering: a
 * retransmitted Response/Authenticate-Request (our Success/Ack was lost) is
 * verified and answered again, and a new Challenge from the peer (RFC 1994
 * re-challenge) is answered; done(false, why) may then follow done(true)
 * if the peer refuses us or sends wrong credentials.
 *
 * Re-entrancy: done() is the last thing an auth_* call does; it may call
 * auth_stop() on the instance.  send, start_timer and stop_timer must not
 * call back into the same instance (queue the packet instead).
 *
 * Names and secrets (pppd semantics, man pppd "AUTHENTICATION"):
 *   - We authenticate the peer: the secret for (client = the name the peer
 *     gives, server = conf->name).  When conf->remote_name is set, the peer
 *     must authenticate as exactly that name.
 *   - We authenticate ourselves: our name is conf->user (conf->name when
 *     NULL); the secret for (client = that name, server = conf->remote_name,
 *     or for CHAP the name in the peer's Challenge when remote_name is
 *     NULL, or for PAP any server).
 *   - Names from the wire longer than 255 octets or holding a NUL octet
 *     match no entry.  Our own names must be at most 255 octets.
 *   - CHAP never uses an empty secret (anyone can compute the response to
 *     one): as authenticator the peer fails (Failure "Authentication
 *     failure"), as authenticatee we do not answer; both fail with a line
 *     naming the file and the entry's line.
 *
 * IOS's "Waiting for peer to authenticate first": with wait_for_peer_first
 * set (the owner sets it for silent/callin links and for the pppctl word
 * peer-auth-first), while we have not yet accepted the peer, a Challenge
 * from the peer is answered only once we have sent our Success (or PAP
 * Ack).  Its response is computed when it arrives (so a missing secret
 * fails at once) and kept until then.
 *
 * CHAP reflection: while our own Challenge is outstanding (or answered), a
 * Challenge from the peer carrying the same value (whatever its
 * Identifier) is never answered: with two-way CHAP and one secret for both
 * directions our Response to it is the Response the peer owes us, so a
 * peer without the secret could send it back as its own.  It is counted
 * in rx_ignored and logged; the wait for a real Challenge goes on.
 * wait_for_peer_first closes that door for every other Challenge too.
 *
 * Debug output (class DBG_AUTHENTICATION of debug.h; IOS wording where IOS
 * has one, marked "own" where it does not), names escaped, secrets and PAP
 * passwords never:
 *   CHAP: O CHALLENGE id 4 len 33 from "maui-soho-01"    every packet, I and O
 *   CHAP: Waiting for peer to authenticate first
 *   CHAP: Challenge from peer equals ours: reflection refused   (own)
 *   CHAP: Processing saved Challenge, id 3
 *   CHAP: Username NAME not found                         no secret for peer
 *   CHAP: Unable to validate Response.  Username NAME: MD/DES compare failed
 *   CHAP: Unable to validate Response.  Username NAME: not the expected
 *         remote name RNAME                               (own)
 *   CHAP: Unable to authenticate for peer PEER: no secret for NAME  (IOS + own)
 *   CHAP: Unable to validate Response.  Username NAME: the secret is empty
 *                                                         (own)
 *   CHAP: Unable to authenticate for peer PEER: the secret for NAME is empty
 *                                                         (own)
 *   CHAP: No response to N Challenges, giving up          (own)
 *   CHAP: Timeout waiting for peer to authenticate us     (own)
 *   PAP: Username NAME not found
 *   PAP: Unable to validate Password.  Username NAME: Authentication failure
 *   PAP: Unable to validate Password.  Username NAME: not the expected
 *        remote name RNAME                                (own)
 *   PAP: Unable to authenticate for peer: no secret for user NAME  (IOS + own)
 *   PAP: Secret for user NAME is longer than 255 octets  (own)
 *   PAP: No reply to N AUTH-REQs, giving up               (own)
 *   PAP: Timeout waiting for AUTH-REQ from peer           (own)
 *   CHAP|PAP: cannot open /etc/ppp/chap-secrets: No such file or directory
 *         (any one-line error of secrets.h, naming the file)
 *   CHAP: cannot get a random challenge: REASON          (own; getrandom)
 * Messages we send: CHAP Success and PAP Ack empty ("O SUCCESS id 4 len 4",
 * as in Cisco's note); CHAP Failure "MD/DES compare failed" for a wrong
 * response (as IOS, which lets the peer's log say what is wrong) and
 * "Authentication failure" otherwise; PAP Nak "Authentication failure".
 */
#ifndef PPPCTL_AUTH_H
#define PPPCTL_AUTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "debug.h"

enum { AUTH_TIMER_US, AUTH_TIMER_PEER };

#define AUTH_DEF_TIMEOUT_MS	3000
#define AUTH_DEF_MAX_TRIES	10
#define AUTH_NAME_MAX		255

/* The owner's, read-only, may be shared by many links.  0/NULL: default. */
struct auth_conf {
	const char *name;		/* pppd `name`: ours as authenticator
					   (NULL: ""; pppd defaults it to the
					   hostname, the owner should too) */
	const char *user;		/* pppd `user`: ours as authenticatee (NULL: name) */
	const char *remote_name;	/* pppd `remotename` */
	const char *chap_secrets;	/* NULL: /etc/ppp/chap-secrets */
	const char *pap_secrets;	/* NULL: /etc/ppp/pap-secrets */
	/*
	 * pppd `password`: our secret for PAP and CHAP, the files not read
	 * for it (they still are for the peer's).  NULL: none.
	 */
	const char *password;
	unsigned int timeout_ms;	/* 0: 3000 */
	unsigned int max_tries;		/* 0: 10 (pppd); at most 255 */
	bool wait_for_peer_first;	/* IOS callin behaviour, see above
					   (silent, peer-auth-first) */
};

struct auth_ops {
	/* One PAP or CHAP packet (Information field) to send. */
	void (*send)(void *owner, uint16_t proto, const uint8_t *pkt,
		     size_t len);
	void (*start_timer)(void *owner, int which, unsigned int ms);
	void (*stop_timer)(void *owner, int which);
	void (*done)(void *owner, bool ok, const char *why);
	/*
	 * Optional.  We accepted the peer (once per auth_start, before the
	 * done() that may follow): the name it authenticated as and the
	 * address words of the secrets entry that let it in (struct
	 * secret.addrs: naddrs words joined by blanks, "" and 0 when the
	 * entry had none), for the owner to limit the addresses the peer may
	 * use (addrlist.h, ipcp.h).  Must not call back into the instance.
	 */
	void (*authorized)(void *owner, const char *name, const char *addrs,
			   unsigned int naddrs);
};

struct auth_stats {
	uint32_t rx_malformed;	/* did not parse: dropped */
	uint32_t rx_ignored;	/* valid, but not expected now (wrong id, role) */
};

/* One direction; internal. */
struct auth_dir {
	uint16_t proto;		/* 0, PPP_PAP, PPP_CHAP */
	uint8_t state;
	uint8_t id;		/* current Challenge / last Response / last Request */
	uint8_t first_id;	/* PAP authenticatee: first Request of this run */
	uint8_t tries;
};

/* Per link.  Fields are internal; use the functions. */
struct auth {
	const struct auth_conf *conf;
	const struct auth_ops *ops;
	void *owner;
	struct dbg *dbg;
	const char *ifname;
	struct auth_stats stats;
	struct auth_dir us;	/* the peer authenticates us */
	struct auth_dir peer;	/* we authenticate the peer */
	uint8_t state;
	uint8_t next_id;
	uint8_t timers;		/* armed timers, bit per AUTH_TIMER_* */
	uint8_t flags;
	uint8_t saved_id;
	uint8_t chal[16];	/* our current Challenge value */
	uint8_t saved_resp[16];	/* response to a saved Challenge */
	char peer_name[AUTH_NAME_MAX + 1]; /* accepted, or last tried */
};

/*
 * Idle instance.  conf, ops, dbg (may be NULL) and ifname must outlive it.
 * The first Identifier is random.
 */
void auth_init(struct auth *a, const struct auth_conf *conf,
	       const struct auth_ops *ops, void *owner, struct dbg *dbg,
	       const char *ifname);
/*
 * we_require: protocol to authenticate the peer with (0, PPP_PAP,
 * PPP_CHAP); peer_requires: protocol the peer authenticates us with.  Any
 * other value fails at once (done(false)).  Restarts a running instance.
 */
void auth_start(struct auth *a, uint16_t we_require, uint16_t peer_requires);
void auth_input(struct auth *a, uint16_t proto, const uint8_t *pkt,
		size_t len);
void auth_timeout(struct auth *a, int which);
void auth_stop(struct auth *a);

/*
 * The name the peer authenticated as (NUL-terminated, may hold any other
 * octet), or NULL when it has not; kept after auth_stop() until the next
 * auth_start().
 */
const char *auth_peer_name(const struct auth *a);
/*
 * One way's outcome, for the kernel's view of the link: @which
 * AUTH_TIMER_PEER (we authenticate the peer) or AUTH_TIMER_US (the peer
 * authenticates us).  Returns the protocol, 0 when that way was not
 * required; *@result AUTH_RESULT_*; *@name the name given that way (the
 * peer's, once it gave a valid one, even if refused; ours) or "".
 */
enum { AUTH_RESULT_PENDING, AUTH_RESULT_OK, AUTH_RESULT_FAILED };
uint16_t auth_result(const struct auth *a, int which, int *result,
		     const char **name);
/* True while started and neither finished nor failed. */
bool auth_running(const struct auth *a);
const struct auth_stats *auth_stats(const struct auth *a);
/* The Identifier of the next packet we originate (tests, reproducible logs). */
void auth_set_next_id(struct auth *a, uint8_t id);

#endif
