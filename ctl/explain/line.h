/* SPDX-License-Identifier: GPL-2.0 */
/* Internal to explain/: reading one line of a log (line.c). */
#ifndef PPPK_DLOG_LINE_H
#define PPPK_DLOG_LINE_H

#include "log.h"

/* The head of a line: stamp, interface, protocol or console tag. */
struct dl_head {
	bool console;
	uint16_t proto;		/* 0 for PPP */
	char ifname[DL_IFNAMSIZ];
	char stamp[24];
	char tag[48];		/* console: "%LINK-3-UPDOWN" */
	const char *rest;	/* after "PROTO:" or the console tag */
};

/* 0 when s starts the way a debug or console line does. */
int dl_parse_head(const char *s, struct dl_head *h);
void dl_ev_init(struct dl_ev *e, const struct dl_head *h, unsigned int line);
/* The body s of a debug line into e: never fails, a note at worst. */
void dl_parse_event(const struct dl_head *h, const char *s, struct dl_ev *e);
/* The raw bytes of a trailing "(0x0305C22305)"; -1 if there are none. */
int dl_hex_tail(const char *s, uint8_t *out, size_t max);
/* BRI0:1 -> BR0:1, Serial0/0 -> Se0/0, Virtual-Access1 -> Vi1 ... */
void dl_shorten_ifname(char *name);
const char *dl_skip_ws(const char *s);
/* "a.b.c.d" at @s, host order; false when it is not one. */
bool dl_parse_ipv4(const char *s, uint32_t *a);
/* pppd.c: a line of pppd's log into e; -1 when it is not one. */
int dl_parse_pppd(const char *s, struct dl_ev *e, unsigned int line);
/* Whether s looks like a line of pppd's (a packet or a known message). */
bool dl_pppd_like(const char *s);
/* After "... pppd[1234]: ", with the time into stamp; NULL without one. */
const char *dl_pppd_prefix(const char *s, char *stamp, size_t sn);
/* The 1234 of a "pppd[1234]: " prefix; 0 without one. */
unsigned int dl_pppd_pid(const char *s);
void dl_copy_str(char *dst, size_t n, const char *src, size_t len);

/*
 * legacy.c: a line of an older IOS (11.x) debug log.  Such a log prints
 * one option a line; events.c puts them together by kind.
 */
enum dl_lg_kind {
	LG_EVENT,	/* e as it is */
	LG_OPT,		/* an option (opt) of the packet e.dir/proto/code; of
			 * the peer's CONFREQ with our answer (verdict) */
	LG_AUTH_STATUS,	/* "Failed CHAP authentication with remote": e, unless
			 * the packet it stands for was just logged */
	LG_REMOTE_MSG,	/* "Remote message is: x": the last FAILURE's text */
};

struct dl_legacy {
	char ifname[DL_IFNAMSIZ];	/* "" for "ppp:" lines */
	int kind;			/* enum dl_lg_kind */
	int verdict;			/* CP_CONFACK, CP_CONFNAK, CP_CONFREJ */
	struct dl_ev e;
	uint8_t opt[16];
	size_t optlen;
};

/* 0 and lg filled, or -1 when s is not such a line. */
int dl_parse_legacy(const char *s, struct dl_legacy *lg, unsigned int line);

#endif
