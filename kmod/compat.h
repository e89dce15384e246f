/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel API differences, all in one place.  The .c files are written
 * against the newest API; what older kernels lack or spell differently is
 * provided here under the newest name or, where no name can carry the
 * difference (a struct field, a callback's type), by a pppk_ helper.
 *
 * Each difference is a PPPK_HAVE_* test on the version of the kernel built
 * against, from <linux/version.h>.  Stable series that took an API from a
 * later release are checked to the sublevel: Debian's 6.1 and 6.12 kernels
 * have such backports (see each item).
 *
 * pppk needs 6.1 at least (genl_family.resv_start_op).
 */
#ifndef _PPPK_COMPAT_H
#define _PPPK_COMPAT_H

#include <linux/netdevice.h>
#include <linux/timer.h>
#include <linux/tty.h>
#include <linux/types.h>
#include <linux/version.h>

/*
 * The kernel built against, as KERNEL_VERSION(): the value of
 * LINUX_VERSION_CODE, sublevel capped at 255 the same way, built from its
 * parts because checkpatch flags every use of that name.
 */
#define PPPK_KERNEL_VERSION	KERNEL_VERSION(LINUX_VERSION_MAJOR,	\
					       LINUX_VERSION_PATCHLEVEL, \
					       LINUX_VERSION_SUBLEVEL)
#define PPPK_KERNEL_AT_LEAST(a, b, c) \
	(KERNEL_VERSION(a, b, c) <= PPPK_KERNEL_VERSION)

#if !PPPK_KERNEL_AT_LEAST(6, 1, 0)
#error "pppk needs Linux 6.1 or later"
#endif

/* <asm/unaligned.h> moved to <linux/unaligned.h> in 6.12. */
#define PPPK_HAVE_LINUX_UNALIGNED_H	PPPK_KERNEL_AT_LEAST(6, 12, 0)

#if PPPK_HAVE_LINUX_UNALIGNED_H
#include <linux/unaligned.h>
#else
#include <asm/unaligned.h>
#endif

/*
 * del_timer_sync() was renamed timer_delete_sync() in 6.2, and in 6.1.84;
 * 7.3 has only the new name.
 */
#define PPPK_HAVE_TIMER_DELETE_SYNC	PPPK_KERNEL_AT_LEAST(6, 1, 84)

#if !PPPK_HAVE_TIMER_DELETE_SYNC
static inline int timer_delete_sync(struct timer_list *timer)
{
	return del_timer_sync(timer);
}
#endif

/*
 * timer_shutdown_sync() (6.2, and 6.1.158) stops a timer about to be freed
 * for good: a later mod_timer() of it does nothing.  Before, the nearest
 * there is only stops it; pppk's teardown keeps whatever arms the echo
 * timer away from a link being freed in any case.
 */
#define PPPK_HAVE_TIMER_SHUTDOWN_SYNC	PPPK_KERNEL_AT_LEAST(6, 1, 158)

#if !PPPK_HAVE_TIMER_SHUTDOWN_SYNC
static inline int timer_shutdown_sync(struct timer_list *timer)
{
	return timer_delete_sync(timer);
}
#endif

/*
 * from_timer() was renamed timer_container_of() in 6.16; 7.3 has only the
 * new name.  6.1.192 and 6.12.118 have not taken it; should a later stable
 * release take it, its own definition stands.
 */
#define PPPK_HAVE_TIMER_CONTAINER_OF	PPPK_KERNEL_AT_LEAST(6, 16, 0)

#if !PPPK_HAVE_TIMER_CONTAINER_OF && !defined(timer_container_of)
#define timer_container_of(var, callback_timer, timer_fieldname) \
	from_timer(var, callback_timer, timer_fieldname)
#endif

/*
 * A net_device that may not move to another namespace: the
 * NETIF_F_NETNS_LOCAL feature until 6.11, the dev->netns_local bit from
 * 6.12, renamed dev->netns_immutable in 6.15 and in 6.12.114.
 */
#define PPPK_HAVE_NETDEV_NETNS_IMMUTABLE			\
	(PPPK_KERNEL_AT_LEAST(6, 15, 0) ||			\
	 (PPPK_KERNEL_AT_LEAST(6, 12, 114) &&			\
	  !PPPK_KERNEL_AT_LEAST(6, 13, 0)))
#define PPPK_HAVE_NETDEV_NETNS_LOCAL				\
	(PPPK_KERNEL_AT_LEAST(6, 12, 0) && !PPPK_HAVE_NETDEV_NETNS_IMMUTABLE)

static inline void pppk_netdev_set_netns_immutable(struct net_device *dev)
{
#if PPPK_HAVE_NETDEV_NETNS_IMMUTABLE
	dev->netns_immutable = true;
#elif PPPK_HAVE_NETDEV_NETNS_LOCAL
	dev->netns_local = true;
#else
	dev->features |= NETIF_F_NETNS_LOCAL;
#endif
}

/*
 * tty_ldisc_ops.receive_buf() takes (const u8 *cp, const u8 *fp,
 * size_t count) since 6.6, (const unsigned char *cp, const char *fp,
 * int count) before.  PPPK_LDISC_RECEIVE_BUF(name, fn) defines @name, a
 * receive_buf() of this kernel's type that hands its arguments to @fn, of
 * the 6.6 type.
 */
#define PPPK_HAVE_LDISC_RECEIVE_BUF_U8	PPPK_KERNEL_AT_LEAST(6, 6, 0)

#if PPPK_HAVE_LDISC_RECEIVE_BUF_U8
#define PPPK_LDISC_RECEIVE_BUF(name, fn)				\
static void name(struct tty_struct *tty, const u8 *cp, const u8 *fp,	\
		 size_t count)						\
{									\
	fn(tty, cp, fp, count);						\
}
#else
#define PPPK_LDISC_RECEIVE_BUF(name, fn)				\
static void name(struct tty_struct *tty, const unsigned char *cp,	\
		 const char *fp, int count)				\
{									\
	fn(tty, cp, (const u8 *)fp, count);				\
}
#endif

#endif /* _PPPK_COMPAT_H */
