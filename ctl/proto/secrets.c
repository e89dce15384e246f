// SPDX-License-Identifier: GPL-2.0
/* pppd-format secrets files: tokenizer and best-match lookup. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "secrets.h"

/* A file (read(2) in chunks) or a buffer, read one octet at a time. */
struct src {
	int fd;			/* -1: memory */
	const uint8_t *mem;
	size_t memlen, pos;
	uint8_t buf[1024];
	size_t n;
	int back;		/* one pushed-back octet, or -1 */
	int err;		/* errno of a failed read */
	unsigned int line;	/* newlines consumed */
	size_t total, limit;	/* octets read; 0: no limit */
};

/* An @file holds one word: give up on anything bigger than this. */
#define AT_FILE_LIMIT	(64 * 1024)

static void src_mem(struct src *s, const void *mem, size_t len)
{
	memset(s, 0, sizeof(*s));
	s->fd = -1;
	s->mem = mem;
	s->memlen = len;
	s->back = -1;
}

static void src_fd(struct src *s, int fd)
{
	memset(s, 0, sizeof(*s));
	s->fd = fd;
	s->back = -1;
}

static void src_wipe(struct src *s)
{
	explicit_bzero(s->buf, sizeof(s->buf));
}

static int src_getc(struct src *s)
{
	int c;

	if (s->back >= 0) {
		c = s->back;
		s->back = -1;
		return c;
	}
	if (s->fd < 0) {
		if (s->pos >= s->memlen)
			return -1;
		c = s->mem[s->pos++];
	} else {
		if (s->pos >= s->n) {
			ssize_t k;

			if (s->err)
				return -1;
			do
				k = read(s->fd, s->buf, sizeof(s->buf));
			while (k < 0 && errno == EINTR);
			if (k <= 0) {
				if (k < 0)
					s->err = errno;
				return -1;
			}
			s->n = (size_t)k;
			s->pos = 0;
		}
		c = s->buf[s->pos++];
		if (s->limit && ++s->total > s->limit) {
			s->err = EFBIG;
			s->pos = s->n;
			return -1;
		}
	}
	if (c == '\n')
		s->line++;
	return c;
}

/* Only ever pushes back digits, never a newline. */
static void src_ungetc(struct src *s, int c)
{
	s->back = c;
}

static bool is_blank(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The octet an escape stands for, c being the octet after the backslash. */
static int unescape(struct src *s, int c)
{
	int v, d, i;

	switch (c) {
	case 'n': return '\n';
	case 't': return '\t';
	case 'r': return '\r';
	case 'b': return '\b';
	case 'f': return '\f';
	case 'a': return '\a';
	case 'v': return '\v';
	case 's': return ' ';
	case 'x':
		v = -1;
		for (i = 0; i < 2; i++) {
			d = src_getc(s);
			if (d < 0)
				break;
			if (hexval(d) < 0) {
				src_ungetc(s, d);
				break;
			}
			v = (v < 0 ? 0 : v * 16) + hexval(d);
		}
		return v < 0 ? 'x' : v;
	}
	if (c >= '0' && c <= '7') {
		v = c - '0';
		for (i = 0; i < 2; i++) {
			d = src_getc(s);
			if (d < 0)
				break;
			if (d < '0' || d > '7') {
				src_ungetc(s, d);
				break;
			}
			v = v * 8 + d - '0';
		}
		return v > 255 ? 0 : v;	/* out of range: as bad as NUL */
	}
	return c;
}

/*
 * One word starting with octet c.  Returns what ended it: ' ' (a blank),
 * '\n' or -1 (end of input).  *len is its length; *bad is set for an
 * unterminated quote, a NUL octet or a word too long for cap.
 */
static int read_word(struct src *s, int c, char *out, size_t cap,
		     size_t *len, bool *quoted, bool *bad)
{
	int q = 0;
	size_t n = 0;

	*quoted = false;
	for (;; c = src_getc(s)) {
		if (c < 0) {
			if (q)
				*bad = true;
			break;
		}
		if (!q) {
			if (c == '\n' || is_blank(c))
				break;
			if (c == '"' || c == '\'') {
				q = c;
				*quoted = true;
				continue;
			}
		} else if (c == q) {
			q = 0;
			continue;
		} else if (c == '\n') {
			*bad = true;
			break;
		}
		if (c == '\\') {
			c = src_getc(s);
			if (c < 0) {
				*bad = true;
				break;
			}
			if (c == '\n')
				continue;
			c = unescape(s, c);
		}
		if (c == 0)
			*bad = true;
		if (n + 1 >= cap)
			*bad = true;
		else
			out[n++] = (char)c;
	}
	out[n] = 0;
	*len = n;
	if (c < 0)
		return -1;
	return c == '\n' ? '\n' : ' ';
}

struct entry {
	char w[3][SECRET_MAX];		/* client, server, secret */
	size_t wl[3];
	char tmp[SECRET_MAX];		/* address words, one at a time */
	char addrs[SECRET_ADDRS_MAX];
	size_t alen;
	unsigned int nwords, naddrs, line;
	bool trunc, bad;
};

static void entry_wipe(struct entry *e)
{
	explicit_bzero(e, sizeof(*e));
}

static void add_addr(struct entry *e, const char *w, size_t len)
{
	size_t need = len + (e->naddrs ? 1 : 0);

	if (e->trunc || e->alen + need + 1 > sizeof(e->addrs)) {
		e->trunc = true;
		return;
	}
	if (e->naddrs)
		e->addrs[e->alen++] = ' ';
	memcpy(e->addrs + e->alen, w, len);
	e->alen += len;
	e->addrs[e->alen] = 0;
	e->naddrs++;
}

/*
 * One entry (a line, with its continuations).  Returns 0 at the end of the
 * input when there was nothing left, else 1 (e->nwords may be 0 for blank
 * and comment lines).
 */
static int read_entry(struct src *s, struct entry *e)
{
	int c, end;
	bool quoted, any = false;

	e->nwords = e->naddrs = 0;
	e->alen = 0;
	e->addrs[0] = 0;
	e->trunc = e->bad = false;
	e->line = s->line + 1;
	for (;;) {
		char *w;
		size_t len;

		c = src_getc(s);
		if (c < 0)
			return any;
		any = true;
		if (c == '\n')
			return 1;
		if (is_blank(c))
			continue;
		if (c == '#') {
			while ((c = src_getc(s)) >= 0 && c != '\n')
				;
			return 1;
		}
		w = e->nwords < 3 ? e->w[e->nwords] : e->tmp;
		end = read_word(s, c, w, SECRET_MAX, &len, &quoted, &e->bad);
		if (len || quoted) {
			if (e->nwords < 3)
				e->wl[e->nwords] = len;
			else
				add_addr(e, w, len);
			e->nwords++;
		}
		if (end != ' ')
			return 1;
	}
}

static bool is_wild(const char *w)
{
	return w[0] == '*' && w[1] == 0;
}

/* -1: no match, else the rank (higher is better). */
static int rank(const struct entry *e, const char *client, const char *server)
{
	int r = 0;

	if (!is_wild(e->w[0])) {
		if (!client || strcmp(e->w[0], client))
			return -1;
		r += 2;
	}
	if (!is_wild(e->w[1]) && server) {
		if (strcmp(e->w[1], server))
			return -1;
		r += 1;
	}
	return r;
}

/* A path for an error line: control octets as \xNN, so it stays one line. */
static const char *printable(char *out, size_t n, const char *s)
{
	size_t k = 0;

	for (; *s && k + 5 < n; s++) {
		unsigned char c = (unsigned char)*s;

		if (c < 0x20 || c == 0x7f)
			k += (size_t)snprintf(out + k, n - k, "\\x%02X", c);
		else
			out[k++] = (char)c;
	}
	out[k] = 0;
	return out;
}

/* fmt has two %s: a path (made printable) and a reason or a second path. */
static void set_err(char *err, size_t errlen, const char *fmt, const char *a,
		    const char *b)
{
	char pa[512], pb[512];

	if (err && errlen)
		snprintf(err, errlen, fmt, printable(pa, sizeof(pa), a),
			 printable(pb, sizeof(pb), b));
}

/* Open a secrets file: a regular file, without blocking on anything else. */
static int open_secrets(const char *path, char *err, size_t errlen)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);

	if (fd < 0) {
		set_err(err, errlen, "cannot open %s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		set_err(err, errlen, "cannot use %s: %s", path,
			"not a regular file");
		close(fd);
		return -1;
	}
	return fd;
}

/* The secret is the first word of the file at path (the "@/path" form). */
static int read_at_file(const char *path, const char *from, struct secret *out,
			char *err, size_t errlen)
{
	struct entry *e;
	struct src s;
	int fd, rc = -1;
	char what[64];

	e = calloc(1, sizeof(*e));
	if (!e) {
		set_err(err, errlen, "cannot read secret file %s: %s", path,
			strerror(ENOMEM));
		return -1;
	}
	fd = open_secrets(path, err, errlen);
	if (fd < 0)
		goto out;
	src_fd(&s, fd);
	s.limit = AT_FILE_LIMIT;
	while (read_entry(&s, e)) {
		if (!e->nwords && !e->bad)
			continue;
		break;
	}
	if (s.err) {
		set_err(err, errlen, "cannot read %s: %s", path, strerror(s.err));
	} else if (e->bad || !e->nwords) {
		snprintf(what, sizeof(what), "%s (named in %.40s)",
			 e->bad ? "malformed" : "empty", from);
		set_err(err, errlen, "secret file %s is %s", path, what);
	} else {
		memcpy(out->val, e->w[0], e->wl[0] + 1);
		out->len = e->wl[0];
		rc = 1;
	}
	src_wipe(&s);
	close(fd);
out:
	entry_wipe(e);
	free(e);
	return rc;
}

/*
 * scan: read the whole file for its malformed lines only (out->bad_lines,
 * out->bad_at); no entry is chosen, no @file read.
 */
static int lookup(const char *name, struct src *s, const char *client,
		  const char *server, bool scan, struct secret *out,
		  char *err, size_t errlen)
{
	struct entry *e;
	int best = -1, r;

	secret_wipe(out);
	/* Heap, not stack: 4 KiB of words; wiped before it is freed. */
	e = calloc(1, sizeof(*e));
	if (!e) {
		set_err(err, errlen, "cannot read %s: %s", name, strerror(ENOMEM));
		return -1;
	}
	while (read_entry(s, e)) {
		if (e->bad || (e->nwords && e->nwords < 3)) {
			if (out->bad_lines < SECRETS_BAD_AT)
				out->bad_at[out->bad_lines] = e->line;
			out->bad_lines++;
			continue;
		}
		if (!e->nwords || scan)
			continue;
		r = rank(e, client, server);
		if (r <= best)
			continue;
		best = r;
		memcpy(out->val, e->w[2], e->wl[2] + 1);
		out->len = e->wl[2];
		memcpy(out->addrs, e->addrs, e->alen + 1);
		out->naddrs = e->naddrs;
		out->addrs_truncated = e->trunc;
		out->line = e->line;
	}
	entry_wipe(e);
	free(e);
	if (s->err) {
		unsigned int bad = out->bad_lines;

		secret_wipe(out);
		out->bad_lines = bad;	/* bad_at is gone: the read failed */
		set_err(err, errlen, "cannot read %s: %s", name, strerror(s->err));
		return -1;
	}
	if (best < 0)
		return 0;
	if (out->val[0] == '@') {
		char path[SECRET_MAX];
		unsigned int bad = out->bad_lines, line = out->line;
		unsigned int bad_at[SECRETS_BAD_AT];

		memcpy(bad_at, out->bad_at, sizeof(bad_at));
		memcpy(path, out->val + 1, out->len);	/* with the NUL */
		r = read_at_file(path, name, out, err, errlen);
		explicit_bzero(path, sizeof(path));
		if (r < 0) {
			secret_wipe(out);
			out->bad_lines = bad;
			memcpy(out->bad_at, bad_at, sizeof(bad_at));
			return -1;
		}
		out->line = line;
	}
	return 1;
}

/* lookup() over the file at path. */
static int lookup_file(const char *path, const char *client,
		       const char *server, bool scan, struct secret *out,
		       char *err, size_t errlen)
{
	struct src s;
	int fd, rc;

	secret_wipe(out);
	fd = open_secrets(path, err, errlen);
	if (fd < 0)
		return -1;
	src_fd(&s, fd);
	rc = lookup(path, &s, client, server, scan, out, err, errlen);
	src_wipe(&s);
	close(fd);
	return rc;
}

int secrets_lookup(const char *path, const char *client, const char *server,
		   struct secret *out, char *err, size_t errlen)
{
	return lookup_file(path, client, server, false, out, err, errlen);
}

int secrets_lookup_mem(const char *name, const char *buf, size_t len,
		       const char *client, const char *server,
		       struct secret *out, char *err, size_t errlen)
{
	struct src s;

	src_mem(&s, buf, len);
	return lookup(name, &s, client, server, false, out, err, errlen);
}

void secret_wipe(struct secret *s)
{
	explicit_bzero(s, sizeof(*s));
}

bool secret_equal(const uint8_t *a, size_t alen, const uint8_t *b,
		  size_t blen)
{
	volatile uint8_t d = alen != blen;
	size_t i;

	for (i = 0; i < alen; i++)
		d |= a[i] ^ (i < blen ? b[i] : 0);
	return d == 0;
}

int secrets_check_mode(const char *path, char *msg, size_t n)
{
	struct stat st;
	char shown[512];

	printable(shown, sizeof(shown), path);
	if (stat(path, &st)) {
		snprintf(msg, n, "cannot examine %s: %s", shown, strerror(errno));
		return -1;
	}
	if (!(st.st_mode & (S_IRGRP | S_IROTH))) {
		if (n)
			msg[0] = 0;
		return 0;
	}
	snprintf(msg, n, "warning: %s is readable by %s (mode %04o)", shown,
		 st.st_mode & S_IROTH ? "all users" : "its group",
		 (unsigned int)(st.st_mode & 07777));
	return 1;
}

int secrets_scan(const char *path, struct secret *out, char *err,
		 size_t errlen)
{
	return lookup_file(path, NULL, NULL, true, out, err, errlen) < 0 ?
	       -1 : 0;
}

void secrets_report(const char *path, void (*say)(void *arg, const char *line),
		    void *arg)
{
	struct secret *sec = calloc(1, sizeof(*sec));
	char msg[640], shown[512];
	unsigned int i;

	if (!sec)
		return;
	printable(shown, sizeof(shown), path);
	if (secrets_check_mode(path, msg, sizeof(msg)) == 1)
		say(arg, msg);
	if (secrets_scan(path, sec, msg, sizeof(msg)) == 0) {
		for (i = 0; i < sec->bad_lines && i < SECRETS_BAD_AT; i++) {
			snprintf(msg, sizeof(msg),
				 "%s:%u: malformed entry skipped", shown,
				 sec->bad_at[i]);
			say(arg, msg);
		}
		if (sec->bad_lines > SECRETS_BAD_AT) {
			snprintf(msg, sizeof(msg),
				 "%s: %u more malformed entries skipped", shown,
				 sec->bad_lines - SECRETS_BAD_AT);
			say(arg, msg);
		}
	}
	secret_wipe(sec);
	free(sec);
}
