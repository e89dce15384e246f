/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pppd-format secrets files (/etc/ppp/chap-secrets, /etc/ppp/pap-secrets;
 * man pppd, "AUTHENTICATION").
 *
 * One entry per line:
 *
 *   client  server  secret  [IP addresses the client may use ...]
 *
 * Words are separated by blanks.  A '#' at the start of a word comments out
 * the rest of the line.  Words may be quoted with double or single quotes
 * (quotes can appear inside a word: ab"c d"e is the word "abc de"); a
 * backslash escapes the next character inside or outside quotes:
 *   \n \t \r \b \f \a \v   the C control characters, \s a blank,
 *   \ooo                   1-3 octal digits, \xhh 1-2 hex digits,
 *   \<newline>             line continuation (nothing),
 *   \c                     any other character c as itself.
 * A word that is exactly "*" (quoted or not, as in pppd) is a wildcard for
 * client or server.  A secret "@/path" means: the secret is the first word
 * of the file /path (a regular file; relative paths are relative to the
 * current directory).
 *
 * Malformed lines are skipped and counted (with the line numbers of the
 * first few, for secrets_report()), never fatal: fewer than three words, an
 * unterminated quote, a word longer than SECRET_MAX - 1 octets, an escape
 * that makes a NUL octet (names and pppd secrets are C strings).
 *
 * Lookup picks the best entry for (client, server): an exact client beats a
 * wildcard client, then an exact server beats a wildcard server; among
 * entries of the same rank the first in the file wins.  A NULL server
 * matches any server word and ranks as a wildcard (used when we do not know
 * the peer's name, e.g. PAP without `remotename`).
 *
 * Secrets hygiene: files are read with read(2) (no stdio buffers) into
 * buffers that are wiped with explicit_bzero() before they are released;
 * nothing is kept between calls.  Files must be regular files (a FIFO or a
 * device is refused rather than waited on).  The caller wipes its struct secret with secret_wipe() as
 * soon as it has used it.
 */
#ifndef PPPCTL_SECRETS_H
#define PPPCTL_SECRETS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SECRETS_CHAP_DEFAULT	"/etc/ppp/chap-secrets"
#define SECRETS_PAP_DEFAULT	"/etc/ppp/pap-secrets"

#define SECRET_MAX		1024	/* longest word + 1 (pppd MAXWORDLEN) */
#define SECRET_ADDRS_MAX	512	/* the address words, joined */
#define SECRETS_BAD_AT		8	/* malformed lines remembered */

struct secret {
	uint8_t val[SECRET_MAX];	/* the secret, NUL-terminated too */
	size_t len;
	/*
	 * The entry's address words (the 4th word on: the addresses the
	 * client may use), joined by single blanks, NUL-terminated; not
	 * interpreted here (addrlist.h does, for the peer we authenticate).
	 */
	char addrs[SECRET_ADDRS_MAX];
	unsigned int naddrs;		/* words in addrs */
	bool addrs_truncated;		/* more words than addrs could hold */
	unsigned int line;		/* line of the chosen entry */
	unsigned int bad_lines;		/* malformed lines skipped */
	/* the lines of the first SECRETS_BAD_AT of them, in file order */
	unsigned int bad_at[SECRETS_BAD_AT];
};

/*
 * Look up the secret for (client, server) in the file at path.
 * Returns 1 with *out filled, 0 when no entry matches (out->bad_lines is
 * still set), -1 when the file, or the @file the chosen entry names, cannot
 * be read: err then holds one line naming the file and the reason, e.g.
 * "cannot open /etc/ppp/chap-secrets: No such file or directory".
 * out is always wiped first; wipe it again with secret_wipe() after use.
 */
int secrets_lookup(const char *path, const char *client, const char *server,
		   struct secret *out, char *err, size_t errlen);

/* The same on a file already in memory; name is used in error messages. */
int secrets_lookup_mem(const char *name, const char *buf, size_t len,
		       const char *client, const char *server,
		       struct secret *out, char *err, size_t errlen);

void secret_wipe(struct secret *s);

/*
 * Constant-time comparison: true when a[0..alen) equals b[0..blen).  The
 * time depends on alen only (pass the secret as a), never on where the
 * contents differ.
 */
bool secret_equal(const uint8_t *a, size_t alen, const uint8_t *b,
		  size_t blen);

/*
 * Hygiene check for the owner to run once per file (pppd does not; IOS
 * users expect it): returns 1 and a one-line warning in msg when the file
 * can be read by anyone but its owner ("warning: /etc/ppp/chap-secrets is
 * readable by all users (mode 0644)", "... by its group (mode 0640)"), 0
 * when it is not, -1 when it cannot be examined (msg says why).
 */
int secrets_check_mode(const char *path, char *msg, size_t n);

/*
 * Read the whole file for its malformed lines only: out->bad_lines and
 * out->bad_at, nothing else (no entry chosen, no secret kept, no @file
 * read).  0, or -1 with err as for secrets_lookup().
 */
int secrets_scan(const char *path, struct secret *out, char *err,
		 size_t errlen);

/*
 * What the owner tells the user once per file (per controller run; not on
 * every authentication): say() gets one line per finding, never any of the
 * file's content (a line may hold a secret), only its name and line
 * numbers:
 *   warning: FILE is readable by all users (mode 0644)     (or its group)
 *   FILE:LINE: malformed entry skipped          (the first SECRETS_BAD_AT)
 *   FILE: N more malformed entries skipped
 * A file that cannot be examined or read says nothing here: the
 * authentication that needs it fails with that reason.
 */
void secrets_report(const char *path, void (*say)(void *arg, const char *line),
		    void *arg);

#endif
