/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers the C selftests share: time, the kernel log, pty pairs, HDLC
 * frames written on a pty master by hand (the default ACCM, full headers,
 * FCS-16), net_devices by name, and a tally of the answers a loop got.
 * static inline: each test takes what it needs.
 */
#ifndef _PPPK_SELFTESTS_TLIB_H
#define _PPPK_SELFTESTS_TLIB_H

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <sys/ioctl.h>

static inline int env_int(const char *name, int def)
{
	const char *v = getenv(name);

	return v && *v ? atoi(v) : def;
}

static inline long long now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000LL + ts.tv_nsec / 1000;
}

/* Poll @cond every millisecond or so until it holds or @ms pass. */
#define WAIT_UNTIL(cond, ms) ({						\
	long long __end = now_us() + (ms) * 1000LL;			\
	int __ok;							\
	while (!(__ok = !!(cond)) && now_us() < __end)			\
		usleep(1000);						\
	__ok;								\
})

/* A line in the kernel log, to place kernel reports among the tests. */
static inline void kmsg(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	int fd, n;

	fd = open("/dev/kmsg", O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	n = snprintf(buf, sizeof(buf), "<4>pppk-selftest: ");
	va_start(ap, fmt);
	n += vsnprintf(buf + n, sizeof(buf) - n, fmt, ap);
	va_end(ap);
	if (write(fd, buf, n) < 0)
		n = 0;
	close(fd);
}

/* ---- ptys ------------------------------------------------------------------- */

struct pty {
	int m, s;
};

static inline void raw_tty(int fd)
{
	struct termios t;

	if (tcgetattr(fd, &t) == 0) {
		cfmakeraw(&t);
		tcsetattr(fd, TCSANOW, &t);
	}
}

/* A raw pty pair; @mflags (e.g. O_NONBLOCK) for the master. */
static inline int pty_open(struct pty *p, int mflags)
{
	char path[64];

	p->s = -1;
	p->m = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC | mflags);
	if (p->m < 0)
		return -errno;
	if (grantpt(p->m) || unlockpt(p->m) || ptsname_r(p->m, path, sizeof(path)))
		goto fail;
	p->s = open(path, O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (p->s < 0)
		goto fail;
	raw_tty(p->m);
	raw_tty(p->s);
	return 0;
fail:
	close(p->m);
	p->m = -1;
	return -errno ?: -EIO;
}

static inline void pty_close(struct pty *p)
{
	if (p->m >= 0)
		close(p->m);
	if (p->s >= 0)
		close(p->s);
	p->m = p->s = -1;
}

/* The lowest free pty index (a master opened and closed at once). */
static inline int pty_lowest_free(void)
{
	int fd = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC), idx = -1;

	if (fd >= 0 && ioctl(fd, TIOCGPTN, &idx))
		idx = -1;
	if (fd >= 0)
		close(fd);
	return idx;
}

/* ---- HDLC framing on the master side ----------------------------------- */

static inline uint16_t fcs16(const uint8_t *p, size_t n)
{
	uint16_t fcs = 0xffff;

	while (n--) {
		fcs ^= *p++;
		for (int k = 0; k < 8; k++)
			fcs = fcs & 1 ? (fcs >> 1) ^ 0x8408 : fcs >> 1;
	}
	return fcs;
}

/*
 * One frame of up to 1500 octets with full headers into @out (room for it
 * escaped: 2 * (len + 6) + 2), escaping the control octets in @accm (and
 * always 0x7d, 0x7e); its length.
 */
static inline size_t hdlc_frame_accm(uint8_t *out, uint16_t proto,
				     const uint8_t *data, size_t len,
				     uint32_t accm)
{
	uint8_t raw[1600];
	size_t n = 0, o = 0, i;
	uint16_t fcs;

	raw[n++] = 0xff;
	raw[n++] = 0x03;
	raw[n++] = proto >> 8;
	raw[n++] = proto & 0xff;
	memcpy(raw + n, data, len);
	n += len;
	fcs = ~fcs16(raw, n);
	raw[n++] = fcs & 0xff;
	raw[n++] = fcs >> 8;
	out[o++] = 0x7e;
	for (i = 0; i < n; i++) {
		if ((raw[i] < 0x20 && (accm >> raw[i] & 1)) ||
		    raw[i] == 0x7d || raw[i] == 0x7e) {
			out[o++] = 0x7d;
			out[o++] = raw[i] ^ 0x20;
		} else {
			out[o++] = raw[i];
		}
	}
	out[o++] = 0x7e;
	return o;
}

/* The same with the default ACCM. */
static inline size_t hdlc_frame(uint8_t *out, uint16_t proto,
				const uint8_t *data, size_t len)
{
	return hdlc_frame_accm(out, proto, data, len, 0xffffffff);
}

/* ---- net_devices and answers ---------------------------------------------- */

/*
 * The index of net_device @name in the namespace, or 0.  Not
 * if_nametoindex(): SIOCGIFINDEX of a name that does not exist makes the
 * kernel try to load a module of that name (modprobe, seconds in the VM).
 */
static inline int dev_index(const char *name)
{
	char path[64], buf[16];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/sys/class/net/%s/ifindex", name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	return atoi(buf);
}

/* Answers seen in a loop, for the log: "0 x12, ENODEV x3". */
struct tally {
	int rc[8], n[8], used;
};

static inline void tally(struct tally *t, int rc)
{
	int i;

	for (i = 0; i < t->used; i++)
		if (t->rc[i] == rc)
			break;
	if (i == t->used) {
		if (t->used == 8)
			return;
		t->rc[t->used++] = rc;
	}
	t->n[i]++;
}

static inline const char *tally_str(const struct tally *t, char *buf,
				    size_t size)
{
	size_t o = 0;

	snprintf(buf, size, "none");
	for (int i = 0; i < t->used && o < size; i++)
		o += snprintf(buf + o, size - o, "%s%s x%d", i ? ", " : "",
			      t->rc[i] ? strerrorname_np(-t->rc[i]) : "0",
			      t->n[i]);
	return buf;
}

#endif /* _PPPK_SELFTESTS_TLIB_H */
