// SPDX-License-Identifier: GPL-2.0
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

static const char *conf_strdup(const char *s)
{
	size_t len = strlen(s) + 1;
	struct str_chunk *c = str_chunks;
	char *p;

	if (!c || c->size - c->used < len) {
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
	/* pppd: our name defaults to the hostname. */
	if (gethostname(c->name, sizeof(c->name) - 1))
		c->name[0] = '\0';
	c->chap_secrets = "/etc/ppp/chap-secrets";
	c->pap_secrets = "/etc/ppp/pap-secrets";
}

enum kind { K_FLAG, K_UINT, K_HEX, K_STR, K_PATH, K_ADDR };

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

static const struct word words[] = {
	S("ifname", ifname, "NAME  interface name (default pppk%d)"),
	U("speed", speed, 50, 4000000, "BAUD  line speed"),
	/* RFC 1661's 16 bits; pppd's MINMRU */
	U("mru", mru, 128, 65535, "N  ask the peer for this MRU"),
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
	P("chap-secrets", chap_secrets, "FILE  (default /etc/ppp/chap-secrets)"),
	P("pap-secrets", pap_secrets, "FILE  (default /etc/ppp/pap-secrets)"),
	F("noip", noip, "no IPCP"),
	F("ipcp-accept-local", accept_local, "take the address the peer gives us"),
	F("ipcp-accept-remote", accept_remote, "take the address the peer asks for"),
	F("usepeerdns", usepeerdns, "ask the peer for DNS servers"),
	F("defaultroute", defaultroute, "default route through the link"),
	F("nopeerroute", no_peer_route, "no route to the peer (Cisco: no peer neighbor-route)"),
	F("+ipv6", ipv6, "negotiate IPV6CP (link-local addresses)"),
	F("cdpcp", cdpcp, "open CDPCP (Cisco Discovery Protocol)"),
	P("logfile", logfile, "FILE  debug output there instead of stderr"),
	/* the automaton's counters are 8 bits */
	U("max-configure", max_configure, 1, 255, "N  Configure-Requests before giving up (default 10)"),
	U("max-terminate", max_terminate, 1, 255, "N  Terminate-Requests (default 2)"),
	U("max-failure", max_failure, 1, 255, "N  Naks before rejecting (default 5)"),
	U("restart", restart_ms, 10, 3600000, "MS  restart timer (default 3000)"),
};

void conf_usage(FILE *f)
{
	size_t i;

	fprintf(f, "Options (pppd words):\n");
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		const char *arg = words[i].kind == K_FLAG ? "" : " ";

		fprintf(f, "  %s%s%s\n", words[i].name, arg, words[i].help);
	}
	fprintf(f, "  require-chap | require-pap   the peer must authenticate this way\n"
		   "  noipv6                       no IPV6CP (default)\n"
		   "  ms-dns ADDR | ms-wins ADDR   give the peer a DNS / WINS server (twice for two)\n"
		   "  debug [negotiation|authentication|all]   Cisco-format debug output\n"
		   "  LOCAL:REMOTE                 IPv4 addresses, either may be empty\n");
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

/*
 * Set @wd from @v; -1 when @v is not a value of its kind, -2 when a number
 * is out of the word's range.
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

int conf_parse_words(struct link_conf *c, int argc, char **argv,
		     bool allow_tty, char *err, size_t errlen)
{
	const struct word *wd;
	int i, cls;

	for (i = 0; i < argc; i++) {
		const char *w = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(w, "require-chap")) {
			c->require = PPP_CHAP;
		} else if (!strcmp(w, "require-pap")) {
			c->require = PPP_PAP;
		} else if (!strcmp(w, "noauth")) {
			c->require = 0;
			c->auth_any = false;
		} else if (!strcmp(w, "noipv6") || !strcmp(w, "-ipv6")) {
			c->ipv6 = false;
		} else if (!strcmp(w, "ms-dns") || !strcmp(w, "ms-wins")) {
			if (!v || add_server(w[3] == 'd' ? c->ms_dns : c->ms_wins, v))
				goto bad_value;
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
		} else if ((wd = find_word(w))) {
			if (wd->kind == K_FLAG) {
				*(bool *)((char *)c + wd->off) = true;
				continue;
			}
			if (v && set_value(c, wd, v) == -2) {
				snprintf(err, errlen, "option '%s': %s is out of range %lu-%lu",
					 w, v, wd->min, wd->max);
				return -1;
			}
			if (!v || set_value(c, wd, v))
				goto bad_value;
			i++;
		} else if (allow_tty && !c->tty && !strncmp(w, "fd:", 3)) {
			if (conf_tty_fd(w) < 0) {
				snprintf(err, errlen, "tty '%s': fd: takes the number of an open descriptor, e.g. fd:3",
					 w);
				return -1;
			}
			if (set_path(&c->tty, w))
				goto bad_value;
		} else if (strchr(w, ':') && w[0] != '/' && !parse_pair(c, w)) {
			continue;
		} else if (w[0] >= '1' && w[0] <= '9' &&
			   strspn(w, "0123456789") == strlen(w)) {
			/* pppd: a bare speed */
			if (set_value(c, find_word("speed"), w)) {
				snprintf(err, errlen, "speed %s is out of range 50-4000000", w);
				return -1;
			}
		} else if (allow_tty && !c->tty) {
			char path[PATH_MAX];
			int r = snprintf(path, sizeof(path), "%s%s",
					 w[0] == '/' ? "" : "/dev/", w);

			if (r < 0 || (size_t)r >= sizeof(path) ||
			    set_path(&c->tty, path))
				goto bad_value;
		} else {
			snprintf(err, errlen, "unknown option '%s' (see pppctl up --help)", w);
			return -1;
		}
		continue;
bad_value:
		snprintf(err, errlen, "option '%s' needs a valid value%s%s", w,
			 v ? ", not " : "", v ? v : "");
		return -1;
	}
	if (c->auth_any && !c->require)
		c->require = PPP_CHAP;
	return 0;
}

/* Split a line into words; quotes group, # starts a comment. */
static int split(char *line, char **w, int max)
{
	int n = 0;
	char *p = line;

	while (*p && n < max) {
		while (isspace((unsigned char)*p))
			p++;
		if (!*p || *p == '#')
			break;
		if (*p == '"') {
			w[n++] = ++p;
			while (*p && *p != '"')
				p++;
		} else {
			w[n++] = p;
			while (*p && !isspace((unsigned char)*p))
				p++;
		}
		if (*p)
			*p++ = '\0';
	}
	return n;
}

int conf_parse_file(const char *path, struct link_conf **links, char *err,
		    size_t errlen)
{
	struct link_conf global, *v = NULL, *cur = &global;
	char line[1024], msg[256], *w[64];
	int n = 0, cap = 0, lineno = 0, nw;
	FILE *f = fopen(path, "r");

	if (!f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	conf_defaults(&global);
	while (fgets(line, sizeof(line), f)) {
		lineno++;
		nw = split(line, w, 64);
		if (!nw)
			continue;
		if (!strcmp(w[0], "link")) {
			struct link_conf *nv = v;

			if (n == cap) {
				cap = cap ? 2 * cap : 16;
				nv = realloc(v, cap * sizeof(*v));
			}
			if (nw < 2 || !nv) {
				free(nv ? nv : v);
				snprintf(err, errlen, "%s:%d: 'link IFNAME' expected",
					 path, lineno);
				fclose(f);
				return -1;
			}
			v = nv;
			cur = &v[n++];
			*cur = global;
			snprintf(cur->ifname, sizeof(cur->ifname), "%s", w[1]);
			if (nw == 2)
				continue;
			memmove(w, w + 2, (nw - 2) * sizeof(w[0]));
			nw -= 2;
		}
		if (conf_parse_words(cur, nw, w, cur != &global, msg,
				     sizeof(msg))) {
			snprintf(err, errlen, "%s:%d: %s", path, lineno, msg);
			free(v);
			fclose(f);
			return -1;
		}
	}
	fclose(f);
	*links = v;
	return n;
}
