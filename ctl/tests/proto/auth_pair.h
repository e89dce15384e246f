/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Two real struct auth instances wired back to back for test_chap.c and
 * test_pap.c: what one sends is queued for the other's auth_input()
 * (a queue, not a direct call, as auth.h asks of its owner), timers are
 * recorded and fired by hand, and each side's `debug ppp authentication`
 * output is captured with an injected clock.
 *
 * Side A is "maui-soho-01" (BR0:1), side B "maui-soho-03" (BR1:1), as in
 * Cisco's note; their secrets files are under data/auth/.
 */
#ifndef AUTH_PAIR_H
#define AUTH_PAIR_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proto/auth.h"
#include "proto/chap.h"
#include "proto/debug.h"
#include "proto/pap.h"

#define AP_STAMPS	64
#define AP_QUEUE	64
#define AP_PKT		1600

struct ap_side {
	struct auth a;
	struct auth_conf conf;
	struct dbg d;
	FILE *f;
	char *buf;
	size_t len;
	char ifname[16];
	/* clock: queued stamps first, then 00:00:00.000 + 1 ms per line */
	struct tm tm[AP_STAMPS];
	unsigned int ms[AP_STAMPS];
	int nstamps, nextstamp;
	unsigned int automs;
	/* timers */
	bool armed[2];
	unsigned int timer_ms[2];
	int starts[2], stops[2], bad_stops;
	/* outcome */
	int ndone;
	bool ok;
	char why[2048];
	/* what ops->authorized said */
	int nauthz;
	char authz_name[AUTH_NAME_MAX + 1];
	char authz_addrs[600];
	unsigned int authz_naddrs;
	/* what it sent */
	int nsent;
	int drop;		/* drop the next this many packets */
	bool drop_all;
	uint8_t last[AP_PKT];
	size_t lastlen;
	uint16_t lastproto;
	struct ap_pair *pair;
	int idx;
};

struct ap_msg {
	int to;
	uint16_t proto;
	uint8_t b[AP_PKT];
	size_t len;
};

struct ap_pair {
	struct ap_side s[2];
	struct ap_msg q[AP_QUEUE];
	int qh, qt;
	int overflow;
};

static inline void ap_clock(void *arg, struct tm *tm, unsigned int *msec)
{
	struct ap_side *s = arg;

	if (s->nextstamp < s->nstamps) {
		*tm = s->tm[s->nextstamp];
		*msec = s->ms[s->nextstamp++];
		return;
	}
	memset(tm, 0, sizeof(*tm));
	tm->tm_mon = 2;
	tm->tm_mday = 1;
	tm->tm_sec = (int)(s->automs / 1000);
	*msec = s->automs % 1000;
	s->automs++;
}

static inline void ap_send(void *owner, uint16_t proto, const uint8_t *pkt, size_t len)
{
	struct ap_side *s = owner;
	struct ap_pair *p = s->pair;
	struct ap_msg *m;

	s->nsent++;
	if (len <= sizeof(s->last)) {
		memcpy(s->last, pkt, len);
		s->lastlen = len;
		s->lastproto = proto;
	}
	if (s->drop_all)
		return;
	if (s->drop > 0) {
		s->drop--;
		return;
	}
	if ((p->qt + 1) % AP_QUEUE == p->qh || len > AP_PKT) {
		p->overflow++;
		return;
	}
	m = &p->q[p->qt];
	p->qt = (p->qt + 1) % AP_QUEUE;
	m->to = !s->idx;
	m->proto = proto;
	memcpy(m->b, pkt, len);
	m->len = len;
}

static inline void ap_start_timer(void *owner, int which, unsigned int ms)
{
	struct ap_side *s = owner;

	s->armed[which] = true;
	s->timer_ms[which] = ms;
	s->starts[which]++;
}

static inline void ap_stop_timer(void *owner, int which)
{
	struct ap_side *s = owner;

	if (!s->armed[which])
		s->bad_stops++;
	s->armed[which] = false;
	s->stops[which]++;
}

static inline void ap_done(void *owner, bool ok, const char *why)
{
	struct ap_side *s = owner;

	s->ndone++;
	s->ok = ok;
	snprintf(s->why, sizeof(s->why), "%s", why ? why : "");
}

static inline void ap_authorized(void *owner, const char *name,
				 const char *addrs, unsigned int naddrs)
{
	struct ap_side *s = owner;

	s->nauthz++;
	snprintf(s->authz_name, sizeof(s->authz_name), "%s", name);
	snprintf(s->authz_addrs, sizeof(s->authz_addrs), "%s", addrs);
	s->authz_naddrs = naddrs;
}

static const struct auth_ops ap_ops = {
	.send = ap_send,
	.start_timer = ap_start_timer,
	.stop_timer = ap_stop_timer,
	.done = ap_done,
	.authorized = ap_authorized,
};

/*
 * A pair, not started.  Secrets files default to data/auth/{chap,pap}-0N;
 * tests change conf before ap_start.
 */
static inline struct ap_pair *ap_new(void)
{
	static const char *const names[2] = { "maui-soho-01", "maui-soho-03" };
	static const char *const ifn[2] = { "BR0:1", "BR1:1" };
	static const char *const chap[2] = { "data/auth/chap-01", "data/auth/chap-03" };
	static const char *const pap[2] = { "data/auth/pap-01", "data/auth/pap-03" };
	struct ap_pair *p = calloc(1, sizeof(*p));
	int i;

	if (!p)
		abort();
	for (i = 0; i < 2; i++) {
		struct ap_side *s = &p->s[i];

		s->pair = p;
		s->idx = i;
		snprintf(s->ifname, sizeof(s->ifname), "%s", ifn[i]);
		s->conf.name = names[i];
		s->conf.chap_secrets = chap[i];
		s->conf.pap_secrets = pap[i];
		s->f = open_memstream(&s->buf, &s->len);
		if (!s->f)
			abort();
		dbg_init(&s->d, s->f);
		dbg_set_clock(&s->d, ap_clock, s);
		dbg_enable(&s->d, DBG_AUTHENTICATION);
		auth_init(&s->a, &s->conf, &ap_ops, s, &s->d, s->ifname);
	}
	return p;
}

static inline void ap_free(struct ap_pair *p)
{
	int i;

	for (i = 0; i < 2; i++) {
		auth_stop(&p->s[i].a);
		fclose(p->s[i].f);
		free(p->s[i].buf);
	}
	free(p);
}

/* Queue one stamp, "*Mar  1 00:06:37.054", for the next line of side s. */
static inline int ap_stamp(struct ap_side *s, const char *line)
{
	static const char mon[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	struct tm *tm = &s->tm[s->nstamps];
	char m[4];

	if (s->nstamps >= AP_STAMPS)
		return -1;
	memset(tm, 0, sizeof(*tm));
	if (sscanf(line, "*%3s %d %d:%d:%d.%u:", m, &tm->tm_mday, &tm->tm_hour,
		   &tm->tm_min, &tm->tm_sec, &s->ms[s->nstamps]) != 6 ||
	    !strstr(mon, m))
		return -1;
	tm->tm_mon = (int)((strstr(mon, m) - mon) / 3);
	s->nstamps++;
	return 0;
}

/* Deliver queued packets until none is left; returns how many. */
static inline int ap_run(struct ap_pair *p)
{
	int n = 0;

	while (p->qh != p->qt && n < 1000) {
		struct ap_msg m = p->q[p->qh];

		p->qh = (p->qh + 1) % AP_QUEUE;
		auth_input(&p->s[m.to].a, m.proto, m.b, m.len);
		n++;
	}
	return n;
}

/* Fire an armed timer; -1 when it was not armed. */
static inline int ap_fire(struct ap_side *s, int which)
{
	if (!s->armed[which])
		return -1;
	s->armed[which] = false;
	auth_timeout(&s->a, which);
	return 0;
}

static inline const char *ap_text(struct ap_side *s)
{
	fflush(s->f);
	return s->buf ? s->buf : "";
}

/*
 * The output expected from a side whose clock runs on its own (no queued
 * stamps): each body ("BR0:1 CHAP: ...") gets the next automatic stamp.
 */
static inline const char *ap_expect(const char *const *bodies, int n)
{
	static char out[16384];
	size_t k = 0;
	int i;

	out[0] = 0;
	for (i = 0; i < n && k < sizeof(out); i++)
		k += (size_t)snprintf(out + k, sizeof(out) - k,
				      "*Mar  1 00:00:%02d.%03d: %s\n", i / 1000,
				      i % 1000, bodies[i]);
	return out;
}

/* The text of several lines joined, each with its newline (note stamps). */
static inline const char *ap_join(const char *const *lines, int n)
{
	static char out[16384];
	size_t k = 0;
	int i;

	out[0] = 0;
	for (i = 0; i < n && k < sizeof(out); i++)
		k += (size_t)snprintf(out + k, sizeof(out) - k, "%s\n", lines[i]);
	return out;
}

/* Neither side's output nor outcome holds s (a secret or password). */
static inline bool ap_leaks(struct ap_pair *p, const char *s)
{
	int i;

	for (i = 0; i < 2; i++)
		if (strstr(ap_text(&p->s[i]), s) || strstr(p->s[i].why, s))
			return true;
	return false;
}

#endif
