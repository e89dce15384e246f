// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for pppd-format secrets files (secrets.c): the input is
 * a file, read both from memory and through a real file descriptor (a
 * memfd, so read(2) in chunks is exercised), looked up for names taken
 * from the input and a few fixed ones, NULL server included.
 *
 * Checked: no memory error (ASan/UBSan); both readers agree exactly; a
 * result is NUL-terminated within its buffers and its address list has
 * naddrs words; the error text is one line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "proto/addrlist.h"
#include "proto/secrets.h"

#define CHECK(x) do { if (!(x)) abort(); } while (0)

static void check_result(int rc, const struct secret *s, const char *err)
{
	struct addrlist al;
	size_t i, blanks;

	/* malformed lines, by number, in file order */
	for (i = 0; i < s->bad_lines && i < SECRETS_BAD_AT; i++)
		CHECK(s->bad_at[i] >= 1 && (!i || s->bad_at[i] > s->bad_at[i - 1]));

	CHECK(rc >= -1 && rc <= 1);
	if (rc < 0) {
		CHECK(err[0] && !strchr(err, '\n'));
		CHECK(s->len == 0);
		return;
	}
	if (rc == 0)
		return;
	CHECK(s->len < SECRET_MAX && s->val[s->len] == 0);
	CHECK(strlen(s->addrs) < SECRET_ADDRS_MAX);
	/* words are joined by one blank; a quoted word may hold blanks too */
	for (i = 0, blanks = 0; s->addrs[i]; i++)
		blanks += s->addrs[i] == ' ';
	if (s->naddrs == 0)
		CHECK(s->addrs[0] == 0);
	else
		CHECK(blanks >= s->naddrs - 1);
	CHECK(s->line >= 1);
	/* the address words as IPCP reads them for the peer */
	addrlist_parse(&al, s->addrs, s->naddrs);
	CHECK(al.n <= ADDRLIST_MAX);
	if (al.suggest.s_addr)
		CHECK(addrlist_allows(&al, al.suggest));
	if (!al.n)
		CHECK(!addrlist_allows(&al, al.suggest));
}

static void one(const char *buf, size_t len, int fd, const char *client,
		const char *server)
{
	static struct secret a, b;
	char ea[512], eb[512], path[64];
	int ra, rb;

	ea[0] = eb[0] = 0;
	ra = secrets_lookup_mem("fuzz", buf, len, client, server, &a, ea,
				sizeof(ea));
	check_result(ra, &a, ea);
	if (fd >= 0) {
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
		rb = secrets_lookup(path, client, server, &b, eb, sizeof(eb));
		check_result(rb, &b, eb);
		CHECK(ra == rb);
		if (ra == 1) {
			CHECK(a.len == b.len && !memcmp(a.val, b.val, a.len));
			CHECK(!strcmp(a.addrs, b.addrs) && a.naddrs == b.naddrs);
			CHECK(a.line == b.line);
		}
		CHECK(a.bad_lines == b.bad_lines);
		CHECK(!memcmp(a.bad_at, b.bad_at, sizeof(a.bad_at)));
		secret_wipe(&b);
	}
	secret_wipe(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char client[32], server[32];
	size_t cl, sl;
	int fd;

	/* names: up to the first two NUL-separated strings of the input */
	cl = strnlen((const char *)data, size < 31 ? size : 31);
	memcpy(client, data, cl);
	client[cl] = 0;
	sl = cl < size ? strnlen((const char *)data + cl + 1,
				 size - cl - 1 < 31 ? size - cl - 1 : 31) : 0;
	memcpy(server, data + (cl < size ? cl + 1 : cl), sl);
	server[sl] = 0;

	fd = memfd_create("fuzz_secrets", MFD_CLOEXEC);
	if (fd >= 0 && (size_t)write(fd, data, size) != size) {
		close(fd);
		fd = -1;
	}
	one((const char *)data, size, fd, client, server);
	one((const char *)data, size, fd, client, NULL);
	one((const char *)data, size, fd, "a", "b");
	one((const char *)data, size, fd, "*", "*");
	one((const char *)data, size, fd, "", "");
	if (fd >= 0) {
		static struct secret sc;
		static struct secret lk;
		char path[64], err[512];

		/* the scan sees the lookup's malformed lines, keeps no secret */
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
		if (secrets_scan(path, &sc, err, sizeof(err)) == 0) {
			CHECK(sc.len == 0 && sc.naddrs == 0);
			secrets_lookup_mem("fuzz", (const char *)data, size, "a",
					   "b", &lk, err, sizeof(err));
			CHECK(sc.bad_lines == lk.bad_lines);
			CHECK(!memcmp(sc.bad_at, lk.bad_at, sizeof(sc.bad_at)));
			secret_wipe(&lk);
		}
		secret_wipe(&sc);
		close(fd);
	}
	return 0;
}
