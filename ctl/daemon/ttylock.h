/* SPDX-License-Identifier: GPL-2.0 */
/*
 * UUCP lock files, as pppd, chat, minicom and cu take them: for the tty
 * /dev/ttyUSB2, the file LCK..ttyUSB2 in /run/lock holding the owner's
 * process id as ten blanks-padded decimal digits and a newline.  A lock
 * whose process no longer exists is stale and taken over; a live one makes
 * the second user fail with one line naming the owner.
 */
#ifndef PPPCTL_TTYLOCK_H
#define PPPCTL_TTYLOCK_H

#include <stddef.h>

#define TTYLOCK_DIR	"/run/lock"

/*
 * Lock @tty (a path; its last component names the lock) in @dir (NULL:
 * TTYLOCK_DIR).  0 and the lock's path in @lock (@locklen octets), or -1
 * and one line in @err ("/dev/ttyS0 is locked by process 1234").
 */
int tty_lock(const char *tty, const char *dir, char *lock, size_t locklen,
	     char *err, size_t errlen);
/* Remove a lock taken by tty_lock(), if it is still ours. */
void tty_unlock(const char *lock);

#endif
