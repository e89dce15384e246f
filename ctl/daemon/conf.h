/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A link's configuration in pppd's option words (and a few of Cisco's).
 * conf_parse_words() reads "pppctl up" arguments; conf_parse_file() reads a
 * file of many links: options before the first "link NAME" apply to all;
 * conf_parse_call() reads pppd's option files.  Files are split into words
 * as pppd splits them: quotes, backslash escapes, # comments.
 */
#ifndef PPPCTL_CONF_H
#define PPPCTL_CONF_H

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <net/if.h>
#include <netinet/in.h>

#define CONF_NAME_MAX	64
#define CONF_SECRET_MAX	256	/* PAP's longest, with the NUL */

/*
 * Paths (tty, secrets files, log file) are pointers to strings that live as
 * long as the process, shared between the links that inherit them from a
 * file's global options: a controller of 10,000 links keeps one small
 * struct per link, not four PATH_MAX buffers.  NULL: not given.
 */
struct link_conf {
	const char *tty;		/* a path, or "fd:N": an inherited descriptor */
	char ifname[IFNAMSIZ];
	unsigned int speed;		/* baud, 0 = leave the line alone */
	bool crtscts, nocrtscts;	/* set / clear RTS/CTS; neither: leave */
	bool modem;			/* honour carrier (no CLOCAL), HUPCL */
	bool lock;			/* UUCP lock file in /run/lock */
	char ipparam[CONF_NAME_MAX];	/* for the scripts */
	const char *linkname;		/* pppd's: /run/ppp-NAME.pid, LINKNAME */
	const char *call;		/* pppctl call NAME: CALL_FILE */
	int unit;			/* pppd's unit: ifname pppkN; -1: none */
	unsigned int idle;		/* s without data each way: close, 0 = never */
	unsigned int maxconnect;	/* s after the first NCP came up, 0 = none */

	/* the line around the link (dial.h) */
	unsigned int connect_delay;	/* ms to wait for the peer after connect */
	const char *init, *connect, *disconnect;	/* sh -c, tty on stdio */
	unsigned int holdoff;		/* s between attempts (default 30) */
	unsigned int maxfail;		/* failed attempts in a row, 0 = no limit */

	/* LCP */
	unsigned int mru;		/* 0: do not ask */
	unsigned int mtu;		/* pppd's: the interface's MTU at most, 0 = none */
	/* pppd's escape: bit c%32 of word c/32 escapes octet c; NULL: none */
	const uint32_t *xaccm;
	uint32_t asyncmap;
	bool default_asyncmap;		/* do not negotiate ACCM */
	bool nopcomp, noaccomp, nomagic;
	bool passive, silent;
	bool peer_auth_first;	/* answer the peer's Challenge after it passed ours */
	unsigned int echo_interval;	/* seconds, 0 = no keepalives */
	unsigned int echo_failure;
	bool echo_adaptive;
	bool down_when_looped;

	/* authentication */
	uint16_t require;		/* 0, PPP_PAP or PPP_CHAP: the peer must */
	bool auth_any;			/* "auth": CHAP, or PAP if the peer insists */
	bool refuse_pap, refuse_chap;
	char name[CONF_NAME_MAX];
	char user[CONF_NAME_MAX];
	char remotename[CONF_NAME_MAX];
	/* (here, where they pack: 10,000 links each hold one of these) */
	/* IPV6CP, CDPCP */
	bool ipv6;
	bool cdpcp;
	/* the line around the link */
	bool persist;			/* redial when the link ends */
	bool updetach;			/* detach once the network phase is up */
	bool detach;			/* detach once the link exists */
	/* pppd's password: our secret for PAP and CHAP, instead of the files */
	const char *password;
	const char *chap_secrets;
	const char *pap_secrets;

	/* IPCP */
	struct in_addr local, remote;	/* 0.0.0.0 = to be negotiated */
	struct in_addr ms_dns[2], ms_wins[2];
	bool noip;
	bool accept_local, accept_remote;
	bool usepeerdns;
	bool defaultroute;
	bool replacedefaultroute;	/* ... replacing one, restored at down */
	bool no_peer_route;		/* Cisco "no peer neighbor-route" */
	bool xonxoff;			/* software flow control (XON/XOFF) */

	uint64_t ipv6_local, ipv6_remote; /* pppd's ipv6 L,R; 0: negotiated */

	/* debug */
	unsigned int debug;		/* DBG_* classes */
	int debug_format;		/* enum dbg_format: debug-format ios|pppd */
	const char *logfile;
	unsigned int max_configure, max_terminate, max_failure, restart_ms;
};

/* XON (0x11) and XOFF (0x13) in an ACCM: what xonxoff escapes. */
#define XONXOFF_ACCM	0x000A0000U

void conf_defaults(struct link_conf *c);
/* The folder of pppd's files: /etc/ppp, or PPPCTL_ETC_PPP (for tests). */
const char *conf_etc_ppp(void);
/* A report line of the controller's own, on stderr: "pppctl: LINE". */
void conf_say_stderr(void *arg, const char *line);
/*
 * Apply option words; on error returns -1 and writes one line naming the
 * bad word to @err.  The first word that is not an option and does not
 * parse as an address pair is taken as the tty when @allow_tty.
 */
int conf_parse_words(struct link_conf *c, int argc, char **argv,
		     bool allow_tty, char *err, size_t errlen);
/*
 * Read a file of links.  Returns the number of links put in *@links
 * (malloc'd), or -1 with a message naming the file and line in @err.
 */
int conf_parse_file(const char *path, struct link_conf **links, char *err,
		    size_t errlen);
/*
 * pppd's "call NAME": the options of /etc/ppp/options (when it exists),
 * then of /etc/ppp/peers/NAME, then @argv's words, a later word overriding
 * an earlier one; "file FILE" and "call NAME" may appear in any of them.
 * The tty is a bare word in any of them.  The environment variable
 * PPPCTL_ETC_PPP replaces /etc/ppp (for tests).  On error returns -1 with
 * one line in @err naming the file and line of the bad word.
 */
int conf_parse_call(struct link_conf *c, const char *name, int argc,
		    char **argv, char *err, size_t errlen);
/*
 * The descriptor of a tty given as "fd:N" (a descriptor the controller
 * inherited, e.g. a pty master, which has no path), or -1 when @tty is not
 * of that form.  A word starting "fd:" that is not a valid descriptor
 * number is refused by the parsers with one line naming it.
 */
int conf_tty_fd(const char *tty);
/* One line per option word, for --help. */
void conf_usage(FILE *f);

#endif
