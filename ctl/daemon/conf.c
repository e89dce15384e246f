// SPDX-License-Identifier: GPL-2.0
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "conf.h"
#include "proto/debug.h"
#include "proto/vocab.h"

/*
 * Strings of configurations live as long as the process, in chunks handed
 * out from a bump allocator: many links, no per-string allocation.
 */
struct str_chunk {
	struct str_chunk *next;
	size_t used, size;
	char data[];
};

static struct str_chunk *str_chunks;

static void *conf_memdup(const void *s, size_t len)
{
	struct str_chunk *c = str_chunks;
	char *p;

	if (c)
		c->used = (c->used + 7) & ~(size_t)7;	/* for the escape map */
	if (!c || c->used > c->size || c->size - c->used < len) {
		size_t size = len > 16384 ? len : 16384;

		c = malloc(sizeof(*c) + size);
		if (!c)
			return NULL;
		c->size = size;
		c->used = 0;
		c->next = str_chunks;
		str_chunks = c;
	}
	p = c->data + c->used;
	c->used += len;
	memcpy(p, s, len);
	return p;
}

static const char *conf_strdup(const char *s)
{
	return conf_memdup(s, strlen(s) + 1);
}

/* Set a path option; the same value as before keeps the shared string. */
static int set_path(const char **field, const char *v)
{
	const char *p;

	if (strlen(v) >= PATH_MAX)
		return -1;
	if (*field && !strcmp(*field, v))
		return 0;
	p = conf_strdup(v);
	if (!p)
		return -1;
	*field = p;
	return 0;
}

int conf_tty_fd(const char *tty)
{
	const char *d;
	long n = 0;

	if (!tty || strncmp(tty, "fd:", 3))
		return -1;
	d = tty + 3;
	if (!*d || strspn(d, "0123456789") != strlen(d) || strlen(d) > 9)
		return -1;
	while (*d)
		n = n * 10 + (*d++ - '0');
	return (int)n;
}

void conf_defaults(struct link_conf *c)
{
	memset(c, 0, sizeof(*c));
	/* Cisco's keepalive defaults: every 10 s, down after 5 misses. */
	c->echo_interval = 10;
	c->echo_failure = 5;
	c->debug = 0;
	c->unit = -1;
	/* pppd: our name defaults to the hostname. */
	if (gethostname(c->name, sizeof(c->name) - 1))
		c->name[0] = '\0';
	c->connect_delay = 1000;	/* pppd's */
	c->holdoff = 30;		/* pppd's */
	c->maxfail = 10;		/* pppd's */
	c->chap_secrets = "/etc/ppp/chap-secrets";
	c->pap_secrets = "/etc/ppp/pap-secrets";
}

/*
 * K_NOOP: a pppd word for what pppk never does anyway, taken and listed as
 * such; K_REFUSED(_ARG): a pppd word for what pppk does not do yet, refused
 * in one line rather than silently taken; K_UNFLAG clears a K_FLAG's field
 * (a later file or the command line overriding an earlier one).
 */
enum kind {
	K_FLAG, K_UNFLAG, K_UINT, K_HEX, K_STR, K_PATH, K_ADDR,
	K_SECRET,	/* as K_PATH, but never shown back, not even when wrong */
	K_SPECIAL,	/* parsed by set_special() */
	K_NOOP, K_REFUSED, K_REFUSED_ARG,
};

struct word {
	const char *name;
	enum kind kind;
	size_t off;		/* into struct link_conf */
	size_t size;		/* K_STR: buffer size */
	const char *help;
	unsigned long min, max;	/* K_UINT: the range taken */
};

#define W(n, k, field, h) .name = n, .kind = k, \
			  .off = offsetof(struct link_conf, field), .help = h
#define F(n, field, h) { W(n, K_FLAG, field, h) }
#define U(n, field, lo, hi, h) { W(n, K_UINT, field, h), .min = lo, .max = hi }
#define S(n, field, h) { W(n, K_STR, field, h), \
			 .size = sizeof(((struct link_conf *)0)->field) }
#define P(n, field, h) { W(n, K_PATH, field, h) }
#define A(n, field, h) { W(n, K_ADDR, field, h) }
#define C(n, field, h) { W(n, K_UNFLAG, field, h) }
#define X(n, field, h) { W(n, K_SPECIAL, field, h) }
#define N(n, why) { .name = n, .kind = K_NOOP, \
		    .help = "(accepted, no effect: " why ")" }
#define R(n) { .name = n, .kind = K_REFUSED, .help = "not supported" }
#define RA(n, arg) { .name = n, .kind = K_REFUSED_ARG, \
		     .help = arg "  not supported" }

static const struct word words[] = {
	S("ifname", ifname, "NAME  interface name (default pppk%d)"),
	U("speed", speed, 50, 4000000, "BAUD  line speed"),
	/* RFC 1661's 16 bits; pppd's MINMRU */
	U("mru", mru, 128, 65535, "N  ask the peer for this MRU"),
	U("mtu", mtu, 128, 65535, "N  the interface's MTU at most (the peer's MRU when smaller)"),
	X("escape", xaccm, "X,Y,...  also escape these octets (hex) when sending; not 20-3f or 5e"),
	{ W("asyncmap", K_HEX, asyncmap,
	    "MAP  ask the peer to escape these control characters (default 0)") },
	F("default-asyncmap", default_asyncmap, "do not negotiate the ACCM"),
	F("nopcomp", nopcomp, "no protocol field compression"),
	F("noaccomp", noaccomp, "no address/control field compression"),
	F("nomagic", nomagic, "no magic number (no loop detection)"),
	F("passive", passive, "keep waiting for the peer after Max-Configure"),
	F("silent", silent, "wait for the peer's Configure-Request (Listen)"),
	/* a day; the kernel counts milliseconds in 32 bits */
	U("lcp-echo-interval", echo_interval, 0, 86400, "S  keepalive interval, 0 = off (default 10)"),
	U("lcp-echo-failure", echo_failure, 0, 65535, "N  missed keepalives that bring the link down (default 5)"),
	F("lcp-echo-adaptive", echo_adaptive, "any frame counts as a keepalive reply"),
	F("down-when-looped", down_when_looped, "take the link down when it is looped back"),
	F("auth", auth_any, "require the peer to authenticate (CHAP, or PAP)"),
	F("refuse-pap", refuse_pap, "never authenticate ourselves with PAP"),
	F("refuse-chap", refuse_chap, "never authenticate ourselves with CHAP"),
	F("peer-auth-first", peer_auth_first, "answer the peer's CHAP Challenge only once it has authenticated to us"),
	S("name", name, "NAME  our name (CHAP challenges, secrets lookup)"),
	S("user", user, "NAME  the name we authenticate as"),
	S("remotename", remotename, "NAME  the peer's name for secrets lookup"),
	{ W("password", K_SECRET, password,
	    "SECRET  ours for PAP and CHAP instead of the secrets files (ps shows it: prefer the files)") },
	P("chap-secrets", chap_secrets, "FILE  (default /etc/ppp/chap-secrets)"),
	P("pap-secrets", pap_secrets, "FILE  (default /etc/ppp/pap-secrets)"),
	F("noip", noip, "no IPCP"),
	F("ipcp-accept-local", accept_local, "take the address the peer gives us"),
	F("ipcp-accept-remote", accept_remote, "take the address the peer asks for"),
	F("usepeerdns", usepeerdns, "ask the peer for DNS servers"),
	F("defaultroute", defaultroute, "default route through the link"),
	F("replacedefaultroute", replacedefaultroute, "with defaultroute: replace an existing default route, restored at link down"),
	C("noreplacedefaultroute", replacedefaultroute, "keep an existing default route (the default)"),
	F("nopeerroute", no_peer_route, "no route to the peer (Cisco: no peer neighbor-route)"),
	F("+ipv6", ipv6, "negotiate IPV6CP (link-local addresses)"),
	X("ipv6", ipv6_local, "LOCAL,REMOTE  IPV6CP interface identifiers, e.g. ::1,::2 (either may be empty; with +ipv6)"),
	F("cdpcp", cdpcp, "open CDPCP (Cisco Discovery Protocol)"),
	P("logfile", logfile, "FILE  debug output there instead of stderr"),
	/* the automaton's counters are 8 bits */
	U("max-configure", max_configure, 1, 255, "N  Configure-Requests before giving up (default 10)"),
	U("max-terminate", max_terminate, 1, 255, "N  Terminate-Requests (default 2)"),
	U("max-failure", max_failure, 1, 255, "N  Naks before rejecting (default 5)"),
	U("restart", restart_ms, 10, 3600000, "MS  restart timer (default 3000)"),
	C("nodefaultroute", defaultroute, "no default route through the link (the default)"),

	/* pppd's words for what pppk never does */
	N("novj", "pppk has no Van Jacobson compression"),
	N("novjccomp", "pppk has no Van Jacobson compression"),
	N("noccp", "pppk never negotiates compression"),
	N("nobsdcomp", "pppk never negotiates compression"),
	N("nodeflate", "pppk never negotiates compression"),
	N("nopredictor1", "pppk never negotiates compression"),
	C("local", modem, "ignore the modem control lines (the default)"),
	C("nodetach", detach, "stay in the foreground (the default)"),
	C("nopersist", persist, "exit when the link ends (the default)"),
	C("nolock", lock, "take no UUCP lock file (the default)"),
	N("noipx", "pppk has no IPX"),
	N("noipdefault", "pppk never takes a local address from the hostname; the peer gives it unless one is set"),
	N("refuse-mschap", "pppk never does MS-CHAP"),
	N("refuse-mschap-v2", "pppk never does MS-CHAP"),
	N("refuse-eap", "pppk never does EAP"),

	/* the line around the link */
	P("connect", connect, "SCRIPT  run with the tty as stdin/stdout before PPP starts (chat)"),
	P("disconnect", disconnect, "SCRIPT  run on the tty after the link ends (not after a hang-up)"),
	P("init", init, "SCRIPT  run on the tty before connect"),
	U("connect-delay", connect_delay, 0, 3600000, "MS  after connect, wait this long for the peer's first frame (default 1000)"),
	F("persist", persist, "redial when the link ends (reopen the tty, connect again)"),
	U("holdoff", holdoff, 0, 86400, "S  wait between attempts with persist (default 30)"),
	U("maxfail", maxfail, 0, 65535, "N  give up after N failed attempts in a row, 0 = never (default 10)"),
	F("updetach", updetach, "go to the background once the link is up; exit 1 if it fails first"),
	F("detach", detach, "go to the background once the link exists (pppd's default)"),

	/* pppd's words for what pppk does not do yet */
	RA("welcome", "SCRIPT"),
	RA("pty", "COMMAND"),
	RA("plugin", "FILE"),
	R("demand"),
	/* loop timers count milliseconds in 32 bits */
	U("idle", idle, 0, 2000000, "S  close the link after S seconds without data packets either way, 0 = never"),
	U("maxconnect", maxconnect, 0, 2000000, "S  close the link S seconds after the first NCP came up, 0 = never"),
	F("lock", lock, "take a UUCP lock file for the tty (/run/lock/LCK..NAME)"),
	F("crtscts", crtscts, "hardware (RTS/CTS) flow control"),
	F("nocrtscts", nocrtscts, "no hardware flow control"),
	R("cdtrcts"),
	F("xonxoff", xonxoff, "software flow control (XON/XOFF): the peer's XOFF stops our output; both ends escape XON and XOFF"),
	F("modem", modem, "use the modem control lines: carrier loss hangs up"),
	S("ipparam", ipparam, "STRING  passed to ip-up and ip-down"),
	X("linkname", linkname, "NAME  the link's name: pidfile /run/ppp-NAME.pid, LINKNAME for the scripts"),
	X("unit", unit, "N  interface pppkN (refused when it exists)"),
	R("proxyarp"),
	N("hide-password", "pppk's debug output never shows a password"),
};

/* "WORD ARG" in one column, its text in the next. */
static void usage_line(FILE *f, const char *left, int leftlen, const char *text)
{
	fprintf(f, "  %-*.*s  %s\n", 30, leftlen, left, text);
}

void conf_usage(FILE *f)
{
	static const char *const extra[][2] = {
		{ "TTY", "the tty: /dev/ttyS0, ttyS0 (in /dev) or fd:N" },
		{ "SPEED", "a bare number: the line speed, as speed" },
		{ "LOCAL:REMOTE", "IPv4 addresses, either may be empty" },
		{ "require-chap | require-pap", "the peer must authenticate this way" },
		{ "noauth", "do not require the peer to authenticate (the default)" },
		{ "noipv6", "no IPV6CP (the default)" },
		{ "ms-dns ADDR | ms-wins ADDR", "give the peer a DNS / WINS server (twice for two)" },
		{ "debug [CLASS]", "Cisco-format debug output; CLASS: negotiation, authentication or all" },
		{ "debug-format FORMAT", "debug lines as Cisco IOS writes them (ios, the default) or as pppd does (pppd)" },
		{ "file FILE", "read more options from FILE (pppd's tokens)" },
		{ "call NAME", "read more options from /etc/ppp/peers/NAME" },
	};
	char left[64];
	size_t i;

	fprintf(f, "Options (pppd words):\n");
	for (i = 0; i < sizeof(extra) / sizeof(extra[0]); i++)
		usage_line(f, extra[i][0], (int)strlen(extra[i][0]), extra[i][1]);
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		const struct word *wd = &words[i];
		const char *text = wd->help, *sep = NULL;
		int n;

		/* Words that take a value: the help starts "ARG  text". */
		if (wd->kind != K_FLAG && wd->kind != K_UNFLAG &&
		    wd->kind != K_NOOP && wd->kind != K_REFUSED)
			sep = strstr(text, "  ");
		if (sep) {
			n = snprintf(left, sizeof(left), "%s %.*s", wd->name,
				     (int)(sep - text), text);
			text = sep + 2;
		} else {
			n = snprintf(left, sizeof(left), "%s", wd->name);
		}
		if (n < 0)
			continue;
		if ((size_t)n >= sizeof(left))
			n = sizeof(left) - 1;
		usage_line(f, left, n, text);
	}
}

static int parse_addr(const char *s, struct in_addr *a)
{
	return inet_pton(AF_INET, s, a) == 1 ? 0 : -1;
}

/* "10.0.0.1:10.0.0.2", ":10.0.0.2", "10.0.0.1:" */
static int parse_pair(struct link_conf *c, const char *w)
{
	char buf[64];
	const char *colon = strchr(w, ':');

	if (!colon || strlen(w) >= sizeof(buf) || strchr(colon + 1, ':'))
		return -1;
	memcpy(buf, w, colon - w);
	buf[colon - w] = '\0';
	if (buf[0] && parse_addr(buf, &c->local))
		return -1;
	if (colon[1] && parse_addr(colon + 1, &c->remote))
		return -1;
	return 0;
}

static const struct word *find_word(const char *w)
{
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (!strcmp(words[i].name, w))
			return &words[i];
	return NULL;
}

/* "::1,::2", "::1,", ",::2": pppd takes the low 64 bits of each. */
static int parse_ifid(const char *s, size_t len, uint64_t *id)
{
	struct in6_addr a;
	char buf[INET6_ADDRSTRLEN];
	uint64_t v = 0;
	int i;

	if (!len)
		return 0;
	if (len >= sizeof(buf))
		return -1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	if (inet_pton(AF_INET6, buf, &a) != 1)
		return -1;
	for (i = 8; i < 16; i++)
		v = v << 8 | a.s6_addr[i];
	if (!v)
		return -1;
	*id = v;
	return 0;
}

/*
 * pppd's escape: hex octets separated by commas (or blanks), added to the
 * ones given before; 0x20-0x3f and 0x5e cannot be escaped (escaped they
 * become controls a receiver may strip, or a flag).  -1 bad, -3 refused.
 */
static int parse_escape(struct link_conf *c, const char *v)
{
	uint32_t map[8] = { 0 };
	const uint32_t *dup;
	const char *p = v;
	char *end;
	unsigned long n;
	bool any = false;

	if (c->xaccm)
		memcpy(map, c->xaccm, sizeof(map));
	while (*p) {
		if (*p == ',' || *p == ' ' || *p == '\t') {
			p++;
			continue;
		}
		if (!isxdigit((unsigned char)*p))
			return -1;
		errno = 0;
		n = strtoul(p, &end, 16);
		if (errno || n > 0xff)
			return -1;
		if ((n >= 0x20 && n <= 0x3f) || n == 0x5e)
			return -3;
		map[n >> 5] |= 1U << (n & 31);
		any = true;
		p = end;
	}
	if (!any)
		return -1;
	dup = conf_memdup(map, sizeof(map));
	if (!dup)
		return -1;
	c->xaccm = dup;
	return 0;
}

/* The words whose value is not one of the simple kinds. */
static int set_special(struct link_conf *c, const struct word *wd,
		       const char *v)
{
	const char *comma;
	unsigned long n;
	uint64_t l = 0, r = 0;
	char *end;

	if (!strcmp(wd->name, "escape"))
		return parse_escape(c, v);
	if (!strcmp(wd->name, "ipv6")) {
		comma = strchr(v, ',');
		if (!comma || strchr(comma + 1, ',') ||
		    parse_ifid(v, comma - v, &l) ||
		    parse_ifid(comma + 1, strlen(comma + 1), &r) || (!l && !r))
			return -1;
		if (l)
			c->ipv6_local = l;
		if (r)
			c->ipv6_remote = r;
		return 0;
	}
	if (!strcmp(wd->name, "linkname")) {
		/* a file name in /run: no path out of it */
		if (!*v || strchr(v, '/') || v[0] == '.' ||
		    strlen(v) >= CONF_NAME_MAX)
			return -1;
		return set_path(&c->linkname, v);
	}
	/* unit */
	errno = 0;
	n = strtoul(v, &end, 10);
	if (errno || end == v || *end || v[0] == '-' || v[0] == '+')
		return -1;
	if (n > 65535)
		return -2;
	c->unit = (int)n;
	snprintf(c->ifname, sizeof(c->ifname), "pppk%lu", n);
	return 0;
}

/*
 * Set @wd from @v; -1 when @v is not a value of its kind, -2 when a number
 * is out of the word's range, -3 when escape names an octet that cannot be.
 */
static int set_value(struct link_conf *c, const struct word *wd, const char *v)
{
	char *p = (char *)c + wd->off, *end;
	unsigned long n;

	switch (wd->kind) {
	case K_UINT:
	case K_HEX:
		errno = 0;
		n = strtoul(v, &end, wd->kind == K_HEX ? 16 : 0);
		if (errno || end == v || *end || n > UINT32_MAX || v[0] == '-')
			return -1;
		if (wd->kind == K_UINT && (n < wd->min || n > wd->max))
			return -2;
		*(unsigned int *)p = n;
		if (wd->off == offsetof(struct link_conf, asyncmap))
			c->default_asyncmap = false;
		return 0;
	case K_STR:
		if (strlen(v) >= wd->size)
			return -1;
		memcpy(p, v, strlen(v) + 1);
		return 0;
	case K_PATH:
		return set_path((const char **)p, v);
	case K_SECRET:
		if (strlen(v) >= CONF_SECRET_MAX)
			return -1;
		if (!*v) {	/* pppd: an empty password is none */
			*(const char **)p = NULL;
			return 0;
		}
		return set_path((const char **)p, v);
	case K_SPECIAL:
		return set_special(c, wd, v);
	case K_ADDR:
		return parse_addr(v, (struct in_addr *)p);
	default:
		return -1;
	}
}

static int add_server(struct in_addr *list, const char *v)
{
	if (!list[0].s_addr)
		return parse_addr(v, &list[0]);
	if (!list[1].s_addr)
		return parse_addr(v, &list[1]);
	return -1;
}

/*
 * Where words come from: the command line (path NULL), or a file, each
 * word with its line.  In pppd's way of reading files (pppctl call), a tty
 * or an option given in a later source overrides an earlier one.
 */
struct src {
	const char *path;
	const int *line;
	int depth;		/* "file" and "call" nesting */
	bool pppd;		/* pppctl call: a later source's tty replaces */
};

#define CONF_DEPTH_MAX	8		/* nested "file" and "call" */
#define CONF_WORD_MAX	1024		/* pppd's MAXWORDLEN, with the NUL */
#define CONF_FILE_MAX	(16 << 20)	/* 16 MiB: many thousand links */

/* One line in @err, naming the file and line of word @i when there is one. */
static int __attribute__((format(printf, 5, 6)))
fail(const struct src *s, int i, char *err, size_t errlen, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (s->path)
		snprintf(err, errlen, "%s:%d: %s", s->path, s->line[i], msg);
	else
		snprintf(err, errlen, "%s", msg);
	return -1;
}

static int parse_options_file(struct link_conf *c, const char *path,
			      int depth, bool allow_tty, bool pppd, bool must,
			      char *err, size_t errlen);

void conf_say_stderr(void *arg, const char *line)
{
	(void)arg;
	fprintf(stderr, "pppctl: %s\n", line);
}

const char *conf_etc_ppp(void)
{
	const char *d = getenv("PPPCTL_ETC_PPP");

	return d && *d ? d : "/etc/ppp";
}

/* pppd's rule: a name under peers/, not a path out of it. */
static int peer_path(const char *name, char *path, size_t len)
{
	int r;

	if (!*name || name[0] == '.' || strchr(name, '/'))
		return -1;
	r = snprintf(path, len, "%s/peers/%s", conf_etc_ppp(), name);
	return r < 0 || (size_t)r >= len ? -1 : 0;
}

/* "file FILE" and "call NAME": the options of another file, here. */
static int include(struct link_conf *c, const struct src *s, int i,
		   const char *w, const char *v, bool allow_tty, char *err,
		   size_t errlen)
{
	char path[PATH_MAX];
	int r;

	if (s->depth >= CONF_DEPTH_MAX)
		return fail(s, i, err, errlen,
			    "'%s %s': files nested more than %d deep", w, v,
			    CONF_DEPTH_MAX);
	if (!strcmp(w, "call")) {
		if (peer_path(v, path, sizeof(path)))
			return fail(s, i, err, errlen,
				    "call '%s': a name in %s/peers, not a path",
				    v, conf_etc_ppp());
	} else {
		if (strlen(v) >= sizeof(path))
			return fail(s, i, err, errlen, "file: path too long");
		memcpy(path, v, strlen(v) + 1);
	}
	r = parse_options_file(c, path, s->depth + 1, allow_tty, s->pppd,
			       true, err, errlen);
	if (r == -2 && s->path) {
		char msg[512];

		snprintf(msg, sizeof(msg), "%s", err);
		return fail(s, i, err, errlen, "%s %s", w, msg);
	}
	return r ? -1 : 0;
}

/*
 * A bare word taken as the tty.  In pppctl call, as in pppd, only a
 * device that exists: otherwise a misspelt option in a peers file would
 * become the tty.
 */
static int take_tty(struct link_conf *c, const struct src *s, const char *w)
{
	char path[PATH_MAX];
	struct stat st;
	int r = snprintf(path, sizeof(path), "%s%s",
			 w[0] == '/' ? "" : "/dev/", w);

	if (!*w || r < 0 || (size_t)r >= sizeof(path))
		return -1;
	if (s->pppd && stat(path, &st) &&
	    (errno == ENOENT || errno == ENOTDIR))
		return -1;
	return set_path(&c->tty, path);
}

static int parse_words(struct link_conf *c, const struct src *s, int argc,
		       char **argv, bool allow_tty, char *err, size_t errlen)
{
	const char *auth_word = NULL, *noauth_word = NULL;
	bool tty_here = s->pppd ? false : c->tty != NULL;
	const struct word *wd;
	int i, cls, r;

	for (i = 0; i < argc; i++) {
		const char *w = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(w, "require-chap") || !strcmp(w, "require-pap") ||
		    !strcmp(w, "auth")) {
			/* In one file or command line, noauth and auth conflict. */
			if (noauth_word)
				return fail(s, i, err, errlen,
					    "option '%s' conflicts with '%s'", w,
					    noauth_word);
			auth_word = w;
			if (w[0] == 'a')
				c->auth_any = true;
			else
				c->require = w[8] == 'c' ? PPP_CHAP : PPP_PAP;
		} else if (!strcmp(w, "noauth")) {
			if (auth_word)
				return fail(s, i, err, errlen,
					    "option '%s' conflicts with '%s'", w,
					    auth_word);
			noauth_word = w;
			c->require = 0;
			c->auth_any = false;
		} else if (!strcmp(w, "noipv6") || !strcmp(w, "-ipv6")) {
			c->ipv6 = false;
		} else if (!strcmp(w, "ms-dns") || !strcmp(w, "ms-wins")) {
			if (!v || add_server(w[3] == 'd' ? c->ms_dns : c->ms_wins, v))
				goto bad_value;
			i++;
		} else if (!strcmp(w, "file") || !strcmp(w, "call")) {
			if (!v)
				goto bad_value;
			if (include(c, s, i, w, v, allow_tty, err, errlen))
				return -1;
			i++;
		} else if (!strcmp(w, "debug")) {
			/* "debug" alone: negotiation and authentication */
			cls = v ? dbg_class_by_name(v) : -1;
			if (v && !strcmp(v, "all"))
				cls = DBG_NEGOTIATION | DBG_AUTHENTICATION | DBG_ERROR;
			if (cls > 0) {
				c->debug |= cls;
				i++;
			} else {
				c->debug |= DBG_NEGOTIATION | DBG_AUTHENTICATION |
					    DBG_ERROR;
			}
		} else if (!strcmp(w, "debug-format")) {
			/* debug's lines as IOS writes them, or as pppd does */
			if (!v || dbg_format_by_name(v) < 0)
				goto bad_value;
			c->debug_format = dbg_format_by_name(v);
			i++;
		} else if ((wd = find_word(w))) {
			if (wd->kind == K_FLAG || wd->kind == K_UNFLAG) {
				*(bool *)((char *)c + wd->off) = wd->kind == K_FLAG;
				continue;
			}
			if (wd->kind == K_NOOP)
				continue;
			if (wd->kind == K_REFUSED || wd->kind == K_REFUSED_ARG)
				return fail(s, i, err, errlen,
					    "option '%s' is not supported by pppctl",
					    w);
			r = v ? set_value(c, wd, v) : -1;
			if (r == -2)
				return fail(s, i, err, errlen,
					    "option '%s': %s is out of range %lu-%lu",
					    w, v, wd->min,
					    wd->kind == K_SPECIAL ? 65535 : wd->max);
			if (r == -3)
				return fail(s, i, err, errlen,
					    "option '%s': %s names an octet that cannot be escaped (20-3f, 5e)",
					    w, v);
			if (r && wd->kind == K_SECRET)
				return fail(s, i, err, errlen,
					    "option '%s' needs a secret of at most %d characters",
					    w, CONF_SECRET_MAX - 1);
			if (r)
				goto bad_value;
			i++;
		} else if (allow_tty && !tty_here && !strncmp(w, "fd:", 3)) {
			if (conf_tty_fd(w) < 0)
				return fail(s, i, err, errlen,
					    "tty '%s': fd: takes the number of an open descriptor, e.g. fd:3",
					    w);
			if (set_path(&c->tty, w))
				goto bad_value;
			tty_here = true;
		} else if (strchr(w, ':') && w[0] != '/' && strncmp(w, "fd:", 3)) {
			if (parse_pair(c, w))
				return fail(s, i, err, errlen,
					    "bad address '%s' (LOCAL:REMOTE, e.g. 10.0.0.1:10.0.0.2)",
					    w);
		} else if (w[0] >= '1' && w[0] <= '9' &&
			   strspn(w, "0123456789") == strlen(w)) {
			/* pppd: a bare speed */
			if (set_value(c, find_word("speed"), w))
				return fail(s, i, err, errlen,
					    "speed %s is out of range 50-4000000", w);
		} else if (allow_tty && !tty_here && !take_tty(c, s, w)) {
			tty_here = true;
		} else {
			return fail(s, i, err, errlen, "unknown option '%s'%s", w,
				    s->path ? "" : " (see pppctl up --help)");
		}
		continue;
bad_value:
		return fail(s, i, err, errlen, "option '%s' needs a valid value%s%s",
			    w, v ? ", not " : "", v ? v : "");
	}
	if (c->auth_any && !c->require)
		c->require = PPP_CHAP;
	return 0;
}

/*
 * Words that contradict each other wherever they were given, seen once
 * every source has been read.
 */
static int conf_check(const struct link_conf *c, char *err, size_t errlen)
{
	const char *with = NULL;

	if (!c->noip)
		return 0;
	if (c->defaultroute)
		with = "'defaultroute'";
	else if (c->usepeerdns)
		with = "'usepeerdns'";
	else if (c->local.s_addr || c->remote.s_addr)
		with = "IPv4 addresses (LOCAL:REMOTE)";
	else if (c->ms_dns[0].s_addr)
		with = "'ms-dns'";
	else if (c->ms_wins[0].s_addr)
		with = "'ms-wins'";
	if (!with)
		return 0;
	snprintf(err, errlen, "option 'noip' conflicts with %s", with);
	return -1;
}

int conf_parse_words(struct link_conf *c, int argc, char **argv,
		     bool allow_tty, char *err, size_t errlen)
{
	struct src s = { 0 };

	if (parse_words(c, &s, argc, argv, allow_tty, err, errlen))
		return -1;
	return conf_check(c, err, errlen);
}

/* A file's words, split as pppd splits them (see tokenize()). */
struct toks {
	char *buf;		/* the words back to back, each with its NUL */
	char **w;
	int *line;		/* the line each word starts on */
	bool *bol;		/* the first word on its line */
	int n;
};

static void toks_free(struct toks *t)
{
	free(t->buf);
	free(t->w);
	free(t->line);
	free(t->bol);
}

static int hexval(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	ch |= 0x20;
	return ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : -1;
}

/*
 * pppd's words: blanks separate them; "..." and '...' group; a backslash
 * escapes the next character (\n \t \r \s \a \b \f \v, \ooo octal, \xhh,
 * \^C a control character, backslash-newline nothing); # starts a comment
 * where a word could start.  On error returns -1 with the line in *@eline
 * and the reason in @why.
 */
static int tokenize(const char *text, size_t len, struct toks *t,
		    int *eline, const char **why)
{
	size_t i = 0, o = 0, max = len / 2 + 2;
	int line = 1;
	bool bol = true;

	memset(t, 0, sizeof(*t));
	t->buf = malloc(len + 1);
	t->w = calloc(max, sizeof(*t->w));
	t->line = calloc(max, sizeof(*t->line));
	t->bol = calloc(max, sizeof(*t->bol));
	*why = "out of memory";
	*eline = 0;
	if (!t->buf || !t->w || !t->line || !t->bol)
		goto fail;
	for (;;) {
		size_t wl = 0;
		char quote = 0;
		int wline;

		while (i < len) {
			if (text[i] == '\n') {
				line++;
				bol = true;
				i++;
			} else if (isspace((unsigned char)text[i])) {
				i++;
			} else if (text[i] == '#') {
				while (i < len && text[i] != '\n')
					i++;
			} else if (text[i] == '\\' && i + 1 < len &&
				   text[i + 1] == '\n') {
				line++;
				i += 2;
			} else {
				break;
			}
		}
		if (i >= len)
			break;
		wline = line;
		while (i < len) {
			char ch = text[i];
			int d, k;

			if (!quote && isspace((unsigned char)ch))
				break;
			i++;
			if (quote && ch == quote) {
				quote = 0;
				continue;
			}
			if (!quote && (ch == '"' || ch == '\'')) {
				quote = ch;
				continue;
			}
			if (ch == '\n')
				line++;
			if (ch == '\\') {
				*why = "a backslash ends the file";
				if (i >= len)
					goto fail_line;
				ch = text[i++];
				switch (ch) {
				case '\n':
					line++;
					continue;
				case 'a': ch = '\a'; break;
				case 'b': ch = '\b'; break;
				case 'f': ch = '\f'; break;
				case 'n': ch = '\n'; break;
				case 'r': ch = '\r'; break;
				case 's': ch = ' '; break;
				case 't': ch = '\t'; break;
				case 'v': ch = '\v'; break;
				case '^':
					if (i < len)
						ch = text[i++] & 0x1f;
					break;
				case 'x':
					for (d = 0, k = 0; k < 2 && i < len &&
					     hexval(text[i]) >= 0; k++)
						d = d * 16 + hexval(text[i++]);
					if (k)
						ch = (char)d;
					break;
				case '0': case '1': case '2': case '3':
				case '4': case '5': case '6': case '7':
					d = ch - '0';
					for (k = 1; k < 3 && i < len &&
					     text[i] >= '0' && text[i] <= '7'; k++)
						d = d * 8 + text[i++] - '0';
					ch = (char)d;
					break;
				default:
					break;
				}
			}
			*why = "a NUL character in a word";
			if (!ch)
				goto fail_line;
			*why = "a word longer than 1023 characters";
			if (wl >= CONF_WORD_MAX - 1)
				goto fail_line;
			t->buf[o + wl++] = ch;
		}
		*why = "a quote that is never closed";
		if (quote) {
			line = wline;
			goto fail_line;
		}
		t->buf[o + wl] = '\0';
		t->w[t->n] = t->buf + o;
		t->line[t->n] = wline;
		t->bol[t->n] = bol;
		t->n++;
		o += wl + 1;
		bol = false;
	}
	return 0;
fail_line:
	*eline = line;
fail:
	toks_free(t);
	memset(t, 0, sizeof(*t));
	return -1;
}

/*
 * A whole file, NUL-terminated; -1 with "PATH: reason" in @err.  *@len is
 * the length read.
 */
static char *read_text(const char *path, size_t *len, char *err, size_t errlen)
{
	size_t cap = 4096, n = 0;
	char *buf = NULL, *nb;
	ssize_t r;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return NULL;
	}
	for (;;) {
		if (n == cap || !buf) {
			if (buf)
				cap *= 2;
			nb = cap > CONF_FILE_MAX + 1 ? NULL : realloc(buf, cap);
			if (!nb) {
				errno = cap > CONF_FILE_MAX + 1 ? EFBIG : ENOMEM;
				snprintf(err, errlen, "%s: %s", path,
					 cap > CONF_FILE_MAX + 1 ?
					 "larger than 16 MiB" : strerror(ENOMEM));
				goto fail;
			}
			buf = nb;
		}
		r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			snprintf(err, errlen, "%s: %s", path, strerror(errno));
			goto fail;
		}
		if (r == 0)
			break;
		n += r;
	}
	close(fd);
	*len = n;
	return buf;
fail:
	free(buf);
	close(fd);
	return NULL;
}

static int read_toks(const char *path, struct toks *t, char *err,
		     size_t errlen, int *open_errno)
{
	const char *why;
	size_t len;
	char *text;
	int line;

	errno = 0;
	text = read_text(path, &len, err, errlen);
	*open_errno = errno;
	if (!text)
		return -2;
	if (tokenize(text, len, t, &line, &why)) {
		if (line)
			snprintf(err, errlen, "%s:%d: %s", path, line, why);
		else
			snprintf(err, errlen, "%s: %s", path, why);
		free(text);
		return -1;
	}
	free(text);
	return 0;
}

/*
 * A file of pppd options: -2 with "PATH: reason" when it cannot be read
 * (0 when it does not exist and need not), -1 with a located message when
 * a word in it is wrong.
 */
static int parse_options_file(struct link_conf *c, const char *path,
			      int depth, bool allow_tty, bool pppd, bool must,
			      char *err, size_t errlen)
{
	struct src s = { .path = path, .depth = depth, .pppd = pppd };
	struct toks t;
	int r, oe;

	r = read_toks(path, &t, err, errlen, &oe);
	if (r == -2 && !must && oe == ENOENT)
		return 0;
	if (r)
		return r;
	s.line = t.line;
	r = parse_words(c, &s, t.n, t.w, allow_tty, err, errlen);
	toks_free(&t);
	return r;
}

int conf_parse_call(struct link_conf *c, const char *name, int argc,
		    char **argv, char *err, size_t errlen)
{
	struct src s = { .pppd = true };
	char path[PATH_MAX];
	int r;

	if (peer_path(name, path, sizeof(path))) {
		snprintf(err, errlen, "call '%s': a name in %s/peers, not a path",
			 name, conf_etc_ppp());
		return -1;
	}
	r = snprintf(path, sizeof(path), "%s/options", conf_etc_ppp());
	if (r < 0 || (size_t)r >= sizeof(path) ||
	    parse_options_file(c, path, 1, true, true, false, err, errlen))
		return -1;
	peer_path(name, path, sizeof(path));
	if (parse_options_file(c, path, 1, true, true, true, err, errlen))
		return -1;
	if (set_path(&c->call, name)) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (parse_words(c, &s, argc, argv, true, err, errlen))
		return -1;
	return conf_check(c, err, errlen);
}

int conf_parse_file(const char *path, struct link_conf **links, char *err,
		    size_t errlen)
{
	struct link_conf global, *v = NULL, *cur = &global;
	struct src s = { .path = path };
	struct toks t;
	int n = 0, cap = 0, i, j, nw, oe;
	char msg[512];

	if (read_toks(path, &t, err, errlen, &oe))
		return -1;
	s.line = t.line;
	conf_defaults(&global);
	/* A line at a time: "link" starts one. */
	for (i = 0; i < t.n; i = j) {
		char **w = t.w + i;

		for (j = i + 1; j < t.n && !t.bol[j]; j++)
			;
		nw = j - i;
		if (!strcmp(w[0], "link")) {
			struct link_conf *nv = v;

			if (n == cap) {
				cap = cap ? 2 * cap : 16;
				nv = realloc(v, cap * sizeof(*v));
			}
			if (nw < 2 || !nv || strlen(w[1]) >= IFNAMSIZ) {
				snprintf(err, errlen, "%s:%d: 'link IFNAME' expected%s",
					 path, t.line[i], nw < 2 || nv ?
					 " (IFNAME at most 15 characters)" : "");
				free(nv ? nv : v);
				toks_free(&t);
				return -1;
			}
			v = nv;
			cur = &v[n++];
			*cur = global;
			memcpy(cur->ifname, w[1], strlen(w[1]) + 1);
			s.line = t.line + i + 2;
			if (parse_words(cur, &s, nw - 2, w + 2, true, err, errlen))
				goto fail;
			continue;
		}
		s.line = t.line + i;
		if (parse_words(cur, &s, nw, w, cur != &global, err, errlen))
			goto fail;
	}
	toks_free(&t);
	for (i = 0; i < n; i++) {
		if (conf_check(&v[i], msg, sizeof(msg))) {
			snprintf(err, errlen, "%s: link %s: %s", path,
				 v[i].ifname, msg);
			free(v);
			return -1;
		}
	}
	*links = v;
	return n;
fail:
	toks_free(&t);
	free(v);
	return -1;
}
