/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pppd's pid files, for each link: /run/IFNAME.pid holding the process id
 * ("1234\n"), and with linkname NAME /run/ppp-NAME.pid holding the process
 * id and the interface ("1234\nppp0\n"), so that scripts find the process
 * of a link by its interface or by its name.  Written when the link is
 * made, removed when it ends.  PPPCTL_RUN_DIR replaces /run (for tests).
 */
#ifndef PPPCTL_PIDFILE_H
#define PPPCTL_PIDFILE_H

#include <stdbool.h>
#include <stddef.h>

#define PIDFILE_DIR	"/run"

/* The folder: /run, or PPPCTL_RUN_DIR. */
const char *pidfile_dir(void);
/*
 * Write the pid file of interface @ifname (@linkname NULL) or of link name
 * @linkname; 0, or -1 with one line naming the file in @err.  Replaced
 * whole, so that no reader sees half of it.
 */
int pidfile_write(const char *ifname, const char *linkname, char *err,
		  size_t errlen);
/* Remove it, if it still holds our process id. */
void pidfile_remove(const char *ifname, const char *linkname);

#endif
