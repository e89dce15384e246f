/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Netlink helpers of the C selftests.  Naming a tty in PPPK_CMD_LINK_NEW:
 * set the pppk discipline on it, read the channel's number, and put both
 * the channel and the descriptor in the request, as pppctl does.  Reading
 * a reply: attr_cb() files top-level attributes by type.
 */
#ifndef _PPPK_SELFTEST_CHAN_H
#define _PPPK_SELFTEST_CHAN_H

#include <errno.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <libmnl/libmnl.h>
#include <linux/pppk.h>

/* The channel of @fd's tty, made one if need be; -errno if it cannot be. */
static inline int64_t tty_chan(int fd)
{
	int disc = PPPK_LDISC, cur;
	uint32_t chan;

	if (ioctl(fd, TIOCGETD, &cur) < 0)
		return -errno;
	if (cur != PPPK_LDISC && ioctl(fd, TIOCSETD, &disc) < 0)
		return -errno;
	if (ioctl(fd, PPPKIOCGCHAN, &chan) < 0)
		return -errno;
	return chan;
}

/*
 * Put @fd (and its channel, when it has or can have one) in @nlh; the
 * channel or -errno.  A descriptor that is no tty still goes in, for the
 * tests of what the kernel refuses.
 */
static inline int64_t put_tty(struct nlmsghdr *nlh, int fd)
{
	int64_t chan = tty_chan(fd);

	if (chan >= 0)
		mnl_attr_put_u32(nlh, PPPK_A_LINK_CHANNEL, (uint32_t)chan);
	mnl_attr_put_u32(nlh, PPPK_A_LINK_TTY_FD, fd);
	return chan;
}

/* mnl_attr_parse() callback: @data is a struct nlattr *[PPPK_A_MAX + 1]. */
static inline int attr_cb(const struct nlattr *attr, void *data)
{
	const struct nlattr **tb = data;

	if (mnl_attr_type_valid(attr, PPPK_A_MAX) >= 0)
		tb[mnl_attr_get_type(attr)] = attr;
	return MNL_CB_OK;
}

#endif /* _PPPK_SELFTEST_CHAN_H */
