// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for PAP and CHAP (auth.c): two real instances back to
 * back, in any combination of roles (none, PAP, CHAP each way; waiting for
 * the peer first or not), with the fuzzer as the line between them:
 * packets delivered, dropped, corrupted, truncated, or made up, timers
 * fired, links stopped and restarted.  Made-up packets often reuse the
 * Identifier and value of the last packet sent, so the deep paths (right
 * id, wrong digest) are reached.
 *
 * Checked: no memory error (ASan/UBSan); every packet sent parses; a timer
 * is stopped only while armed and timeouts fire only when armed; after
 * done(false) nothing more is reported until a restart, and done(true) at
 * most once; the debug output and the failure reasons never hold the CHAP
 * secret, nor the PAP password unless the fuzzer typed it into a packet
 * itself or altered a request that carried it (see pw_altered).  A side
 * never answers its own Challenge sent back to it (reflection), never
 * accepts a peer whose CHAP secret is empty ("delta"), and hands the
 * owner the address words of the entry that let the peer in.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "proto/auth.h"
#include "proto/chap.h"
#include "proto/pap.h"

#define CHECK(x) do { if (!(x)) abort(); } while (0)

#define CHAP_SECRET	"Fz-chap-S3cret"
#define PAP_PASS	"Fz-pap-Passw0rd"
#define QLEN		16

static char chap_path[64], pap_path[64];

struct msg {
	int to;
	uint16_t proto;
	uint8_t b[CHAP_MAX_PKT + PAP_MAX_PKT];
	size_t len;
};

struct side {
	struct auth a;
	struct auth_conf conf;
	struct dbg d;
	bool armed[2];
	bool failed;		/* done(false) seen since the last start */
	bool succeeded;		/* done(true) seen since the last start */
	uint8_t last[CHAP_MAX_PKT + PAP_MAX_PKT];
	size_t lastlen;
	struct world *w;
	int idx;
	int nsent;
	uint16_t lastproto;
};

struct world {
	struct side s[2];
	struct msg q[QLEN];
	int qh, qn;
	const uint8_t *in;
	size_t left;
	FILE *out;
	/*
	 * A packet holding the PAP password (an Authenticate-Request on the
	 * line) was altered or relabelled by the fuzzer: its password octets
	 * may then show up in the receiver's debug output as a name or a
	 * message -- wire data, not a leak of our own secrets.
	 */
	bool pw_altered;
	bool pw_typed;		/* the input itself holds the password */
	bool chap_typed;	/* ... or the CHAP secret */
	char *outbuf;
	size_t outlen;
};

/*
 * memmem by hand: libFuzzer hooks memmem/strstr and would learn the secrets
 * from these checks, then type them into its inputs, which turns the leak
 * checks off (pw_typed, chap_typed).
 */
static bool has(const void *hay, size_t n, const char *needle)
{
	const uint8_t *h = hay;
	size_t k = strlen(needle), i, j;

	for (i = 0; i + k <= n; i++) {
		for (j = 0; j < k && h[i + j] == (uint8_t)needle[j]; j++)
			;
		if (j == k)
			return true;
	}
	return false;
}

static uint8_t take(struct world *w)
{
	if (!w->left)
		return 0;
	w->left--;
	return *w->in++;
}

static void fz_send(void *owner, uint16_t proto, const uint8_t *pkt, size_t len)
{
	struct side *s = owner;
	struct world *w = s->w;
	struct pap_req q;
	struct pap_reply r;
	struct chap_pkt c;
	struct msg *m;

	CHECK(len <= sizeof(s->last));
	if (proto == PPP_CHAP)
		CHECK(!chap_parse(pkt, len, &c) && len == ((size_t)pkt[2] << 8 | pkt[3]));
	else if (proto == PPP_PAP && pkt[0] == PAP_AUTHREQ)
		CHECK(!pap_parse_req(pkt, len, &q));
	else
		CHECK(proto == PPP_PAP && !pap_parse_reply(pkt, len, &r));
	memcpy(s->last, pkt, len);
	s->lastlen = len;
	s->lastproto = proto;
	s->nsent++;
	if (w->qn == QLEN)
		return;		/* the line drops it */
	m = &w->q[(w->qh + w->qn++) % QLEN];
	m->to = !s->idx;
	m->proto = proto;
	memcpy(m->b, pkt, len);
	m->len = len;
}

static void fz_start_timer(void *owner, int which, unsigned int ms)
{
	struct side *s = owner;

	CHECK(which == AUTH_TIMER_US || which == AUTH_TIMER_PEER);
	CHECK(ms > 0);
	s->armed[which] = true;
}

static void fz_stop_timer(void *owner, int which)
{
	struct side *s = owner;

	CHECK(which == AUTH_TIMER_US || which == AUTH_TIMER_PEER);
	CHECK(s->armed[which]);
	s->armed[which] = false;
}

static void fz_done(void *owner, bool ok, const char *why)
{
	struct side *s = owner;

	CHECK(!s->failed);
	CHECK(ok ? why == NULL : why && why[0] && !strchr(why, '\n'));
	CHECK(!ok || !s->succeeded);
	s->succeeded |= ok;
	if (!ok) {
		s->failed = true;
		CHECK(!has(why, strlen(why), CHAP_SECRET) || s->w->chap_typed);
		CHECK(!has(why, strlen(why), PAP_PASS) || s->w->pw_altered || s->w->pw_typed);
		CHECK(!s->armed[0] && !s->armed[1]);
	}
}

static void fz_authorized(void *owner, const char *name, const char *addrs,
			  unsigned int naddrs)
{
	size_t i, blanks = 0;

	(void)owner;
	/* delta's secrets are empty: never good enough for CHAP */
	CHECK(strcmp(name, "delta") || has(addrs, strlen(addrs), "pap"));
	for (i = 0; addrs[i]; i++)
		blanks += addrs[i] == ' ';
	CHECK(naddrs ? blanks + 1 >= naddrs : !addrs[0]);
}

static const struct auth_ops ops = {
	.send = fz_send,
	.start_timer = fz_start_timer,
	.stop_timer = fz_stop_timer,
	.done = fz_done,
	.authorized = fz_authorized,
};

static void fixed(void *arg, struct tm *tm, unsigned int *msec)
{
	(void)arg;
	tm->tm_mon = 2;
	tm->tm_mday = 1;
	*msec = 0;
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (!f || fputs(text, f) < 0 || fclose(f))
		abort();
}

static char dir[] = "/tmp/fuzz_auth_XXXXXX";

static void cleanup(void)
{
	unlink(chap_path);
	unlink(pap_path);
	rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{

	(void)argc;
	(void)argv;
	if (!mkdtemp(dir))
		abort();
	snprintf(chap_path, sizeof(chap_path), "%s/chap", dir);
	snprintf(pap_path, sizeof(pap_path), "%s/pap", dir);
	write_file(chap_path,
		   "# both names, both ways\n"
		   "alpha beta \"" CHAP_SECRET "\" 10.0.0.1 !10.0.0.2 *\n"
		   "beta alpha \"" CHAP_SECRET "\"\n"
		   "gamma * other-secret\n"
		   "# empty secrets: never used for CHAP\n"
		   "delta * \"\"\n"
		   "alpha delta \"\"\n"
		   "beta delta \"\"\n");
	write_file(pap_path,
		   "alpha * " PAP_PASS "\n"
		   "beta * " PAP_PASS "\n"
		   "delta * " PAP_PASS " pap\n");
	atexit(cleanup);
	return 0;
}

static uint16_t proto_of(uint8_t b)
{
	static const uint16_t p[4] = { 0, PPP_PAP, PPP_CHAP, PPP_CHAP };

	return p[b & 3];
}

static void start(struct world *w, struct side *s)
{
	uint8_t b = take(w);

	s->conf.wait_for_peer_first = b & 0x10;
	s->conf.remote_name = (b & 0x20) ? (s->idx ? "alpha" : "beta") : NULL;
	/* as "delta" (empty CHAP secrets) both as name and as user */
	s->conf.name = (b & 0x40) ? "delta" : s->idx ? "beta" : "alpha";
	s->conf.user = NULL;
	s->failed = s->succeeded = false;
	auth_start(&s->a, proto_of(b), proto_of(b >> 2));
}

/* A packet made up from the input, often shaped like the last one sent. */
static void inject(struct world *w, struct side *s)
{
	struct side *o = &w->s[!s->idx];
	uint8_t pkt[600];
	uint8_t b = take(w);
	size_t len = take(w), i;
	uint16_t proto = b & 1 ? PPP_CHAP : PPP_PAP;

	if (len > sizeof(pkt))
		len = sizeof(pkt);
	if ((b & 6) && o->lastlen) {
		/* the peer's last packet, with a few octets changed */
		len = o->lastlen < sizeof(pkt) ? o->lastlen : sizeof(pkt);
		memcpy(pkt, o->last, len);
		if (has(pkt, len, PAP_PASS))
			w->pw_altered = true;
		for (i = take(w) % 4; i > 0; i--) {
			size_t at = take(w) % len;

			pkt[at] = take(w);
		}
	} else {
		for (i = 0; i < len; i++)
			pkt[i] = take(w);
		if (len >= 4 && (b & 8)) {
			pkt[2] = (uint8_t)(len >> 8);
			pkt[3] = (uint8_t)len;
		}
	}
	auth_input(&s->a, proto, pkt, len);
}

/*
 * A side's own last Challenge sent back to it under the other's name (so
 * that it has a secret to answer with): it must not answer.
 */
static void reflect(struct world *w, struct side *s)
{
	static const char *const names[2] = { "alpha", "beta" };
	const char *other = names[!s->idx];
	uint8_t pkt[CHAP_MAX_PKT];
	struct chap_pkt c;
	size_t len;
	int sent = s->nsent;

	(void)w;
	/* only while that Challenge is still the one it has out */
	if (!s->lastlen || s->lastproto != PPP_CHAP ||
	    chap_parse(s->last, s->lastlen, &c) || c.code != CHAP_CHALLENGE ||
	    c.value_len != sizeof(s->a.chal) ||
	    memcmp(c.value, s->a.chal, sizeof(s->a.chal)))
		return;
	len = chap_build(pkt, sizeof(pkt), CHAP_CHALLENGE, c.id, c.value,
			 c.value_len, (const uint8_t *)other, strlen(other));
	auth_input(&s->a, PPP_CHAP, pkt, len);
	CHECK(s->nsent == sent);
}

static void deliver(struct world *w, int how)
{
	struct msg m;

	if (!w->qn)
		return;
	m = w->q[w->qh];
	w->qh = (w->qh + 1) % QLEN;
	w->qn--;
	if (how == 1)
		return;				/* dropped */
	if (how >= 2 && has(m.b, m.len, PAP_PASS))
		w->pw_altered = true;
	if (how == 2 && m.len)
		m.b[take(w) % m.len] ^= (uint8_t)(take(w) | 1);
	if (how == 3)
		m.len = take(w) % (m.len + 1);
	auth_input(&w->s[m.to].a, m.proto, m.b, m.len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[2] = { "alpha", "beta" };
	struct world *w = calloc(1, sizeof(*w));
	int i, steps = 0;

	CHECK(w);
	w->in = data;
	w->left = size;
	w->pw_typed = has(data, size, PAP_PASS);
	w->chap_typed = has(data, size, CHAP_SECRET);
	w->out = open_memstream(&w->outbuf, &w->outlen);
	CHECK(w->out);
	for (i = 0; i < 2; i++) {
		struct side *s = &w->s[i];

		s->w = w;
		s->idx = i;
		s->conf.name = names[i];
		s->conf.chap_secrets = chap_path;
		s->conf.pap_secrets = pap_path;
		s->conf.max_tries = 1 + take(w) % 4;
		dbg_init(&s->d, w->out);
		dbg_set_clock(&s->d, fixed, NULL);
		dbg_enable(&s->d, DBG_AUTHENTICATION);
		auth_init(&s->a, &s->conf, &ops, s, &s->d, i ? "B" : "A");
	}
	start(w, &w->s[0]);
	start(w, &w->s[1]);
	while (w->left && steps++ < 200) {
		uint8_t op = take(w);
		struct side *s = &w->s[op >> 7];

		switch (op & 15) {
		case 0: case 1: case 2: case 3: case 4: case 5:
			deliver(w, 0);
			break;
		case 6:
			deliver(w, 1);
			break;
		case 7:
			deliver(w, 2);
			break;
		case 8:
			deliver(w, 3);
			break;
		case 9: case 10:
			inject(w, s);
			break;
		case 11: case 12: {
			int which = (op >> 4) & 1;

			if (s->armed[which]) {
				s->armed[which] = false;
				auth_timeout(&s->a, which);
			} else {
				auth_timeout(&s->a, which);	/* stale: ignored */
			}
			break;
		}
		case 13:
			auth_stop(&s->a);
			CHECK(!s->armed[0] && !s->armed[1]);
			break;
		case 14:
			start(w, s);
			break;
		default: {
			const char *n = auth_peer_name(&s->a);

			CHECK(!n || strlen(n) <= AUTH_NAME_MAX);
			if (op & 0x10)
				reflect(w, s);
			break;
		}
		}
	}
	for (i = 0; i < 2; i++) {
		auth_stop(&w->s[i].a);
		CHECK(!w->s[i].armed[0] && !w->s[i].armed[1]);
	}
	fclose(w->out);
	/* the CHAP secret never travels; the PAP password only in requests */
	if (!w->chap_typed)
		CHECK(!has(w->outbuf, w->outlen, CHAP_SECRET));
	if (!w->pw_typed && !w->pw_altered)
		CHECK(!has(w->outbuf, w->outlen, PAP_PASS));
	free(w->outbuf);
	free(w);
	return 0;
}
