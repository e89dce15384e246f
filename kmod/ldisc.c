// SPDX-License-Identifier: GPL-2.0
/*
 * The pppk line discipline.  Links attach it to their tty from the kernel;
 * a process that sets it with TIOCSETD on its own is refused, since the
 * discipline is useless without a link behind it.
 */

#include <linux/module.h>
#include <linux/tty.h>
#include <linux/tty_ldisc.h>

#include "ldisc.h"

static int pppk_ldisc_open(struct tty_struct *tty)
{
	/* Only the kernel's own attach path may bind a link to a tty. */
	if (!tty->disc_data)
		return -EPERM;
	return 0;
}

static void pppk_ldisc_close(struct tty_struct *tty)
{
	tty->disc_data = NULL;
}

static void pppk_ldisc_receive_buf(struct tty_struct *tty, const u8 *cp,
				   const char *fp, int count)
{
}

static struct tty_ldisc_ops pppk_ldisc_ops = {
	.owner		= THIS_MODULE,
	.num		= N_PPPK,
	.name		= "pppk",
	.open		= pppk_ldisc_open,
	.close		= pppk_ldisc_close,
	.receive_buf	= pppk_ldisc_receive_buf,
};

int pppk_ldisc_init(void)
{
	return tty_register_ldisc(&pppk_ldisc_ops);
}

void pppk_ldisc_uninit(void)
{
	tty_unregister_ldisc(&pppk_ldisc_ops);
}
