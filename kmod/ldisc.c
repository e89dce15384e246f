// SPDX-License-Identifier: GPL-2.0
/*
 * The pppk line discipline.  Links attach it to their tty from the kernel;
 * a process that sets it with TIOCSETD on its own is refused, since the
 * discipline means nothing without a link behind it.
 *
 * Module references: the tty core pins the module of every attached line
 * discipline, which would make rmmod impossible while links exist.  pppk
 * wants rmmod to tear links down instead, so open() drops the reference
 * the core took, and close() takes one back just before the core releases
 * it.  rmmod stays safe: it begins only when no netlink request is in
 * flight (the family is unregistered first), and deletes every link, each
 * waiting for its close() to be done with it, before the discipline is
 * unregistered.
 *
 * Lifetimes: open() runs only inside pppk_ldisc_attach() (LINK_NEW); from
 * then on the link owns a reference to the tty's file.  close() runs on a
 * hang-up, on the last close or when a deleter puts N_TTY back, and may run
 * on another CPU at the very moment a deleter finds link->tty already
 * NULL: the deleter waits for ldisc_closed, completed by close() as its
 * last touch of the link, before it frees anything.
 */

#include <linux/delay.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/tty.h>
#include <linux/tty_ldisc.h>

#include "compat.h"
#include "device.h"
#include "ldisc.h"
#include "receive.h"
#include "send.h"
#include "timers.h"

/* The link being attached, handed from pppk_ldisc_attach() to open(). */
static DEFINE_MUTEX(pppk_attach_lock);
static DEFINE_SPINLOCK(pppk_attaching_lock);
static struct pppk_link *pppk_attaching;
static struct tty_struct *pppk_attaching_tty;
static struct file *pppk_attaching_file;

/*
 * Every tty file (and /dev/ptmx, and the console) reads through the tty
 * core's read_iter; nothing else does.  The core does not export it, so
 * learn it from /dev/ptmx once.
 */
static ssize_t (*pppk_tty_read_iter)(struct kiocb *, struct iov_iter *);

static int pppk_learn_tty_fops(void)
{
	struct file *f;

	if (READ_ONCE(pppk_tty_read_iter))
		return 0;
	f = filp_open("/dev/ptmx", O_RDWR | O_NOCTTY, 0);
	if (IS_ERR(f))
		return PTR_ERR(f);
	WRITE_ONCE(pppk_tty_read_iter, f->f_op->read_iter);
	fput(f);
	return 0;
}

struct tty_struct *pppk_tty_from_file(struct file *file)
{
	struct tty_file_private *priv;
	int ret;

	ret = pppk_learn_tty_fops();
	if (ret)
		return ERR_PTR(ret);
	if (!S_ISCHR(file_inode(file)->i_mode) || !file->f_op ||
	    file->f_op->read_iter != READ_ONCE(pppk_tty_read_iter))
		return ERR_PTR(-ENOTTY);
	priv = file->private_data;
	return tty_kref_get(priv->tty);
}

static int pppk_ldisc_open(struct tty_struct *tty)
{
	struct pppk_link *link;
	struct file *file;

	spin_lock(&pppk_attaching_lock);
	link = pppk_attaching_tty == tty ? pppk_attaching : NULL;
	file = pppk_attaching_file;
	spin_unlock(&pppk_attaching_lock);
	if (!link)
		return -EPERM;

	/*
	 * Everything close() undoes is set up here, before the tty can be
	 * closed: a hang-up right after open() finds a whole link.
	 */
	link->file = get_file(file);
	link->ldisc_opened = true;
	tty->disc_data = link;
	tty->receive_room = 65536;
	rcu_assign_pointer(link->tty, tty_kref_get(tty));
	module_put(THIS_MODULE);	/* see the comment at the top */
	return 0;
}

static void pppk_ldisc_close(struct tty_struct *tty)
{
	struct pppk_link *link = tty->disc_data;

	if (!link)
		return;
	tty->disc_data = NULL;
	RCU_INIT_POINTER(link->tty, NULL);
	/* No transmitter is inside a tty write once this returns. */
	synchronize_rcu();
	pppk_timers_stop(link);
	pppk_send_stop(link);
	tty_kref_put(tty);
	pppk_link_tty_gone(link);
	/* The core drops the discipline's module reference next. */
	__module_get(THIS_MODULE);
	/* The last touch of the link: a deleter may free it from here on. */
	complete(&link->ldisc_closed);
}

static void pppk_ldisc_hangup(struct tty_struct *tty)
{
	/* close() follows; stop writing to a line that is gone right away. */
	struct pppk_link *link = tty->disc_data;

	if (link)
		netif_carrier_off(link->dev);
}

static void pppk_ldisc_receive(struct tty_struct *tty, const u8 *cp,
			       const u8 *fp, size_t count)
{
	struct pppk_link *link = tty->disc_data;

	if (link && count)
		pppk_receive(link, cp, fp, count);
	/*
	 * Everything is consumed at once; tell the driver there is room.  A
	 * pty only wakes its writer this way.  (tty_unthrottle() would take
	 * the termios lock, which a driver may hold while calling us.)
	 */
	if (test_and_clear_bit(TTY_THROTTLED, &tty->flags) &&
	    tty->ops->unthrottle)
		tty->ops->unthrottle(tty);
}

PPPK_LDISC_RECEIVE_BUF(pppk_ldisc_receive_buf, pppk_ldisc_receive)

static void pppk_ldisc_write_wakeup(struct tty_struct *tty)
{
	struct pppk_link *link = tty->disc_data;

	clear_bit(TTY_DO_WRITE_WAKEUP, &tty->flags);
	if (link)
		pppk_send_wakeup(link);
}

static struct tty_ldisc_ops pppk_ldisc_ops = {
	.owner		= THIS_MODULE,
	.num		= N_PPPK,
	.name		= "pppk",
	.open		= pppk_ldisc_open,
	.close		= pppk_ldisc_close,
	.hangup		= pppk_ldisc_hangup,
	.receive_buf	= pppk_ldisc_receive_buf,
	.write_wakeup	= pppk_ldisc_write_wakeup,
};

int pppk_ldisc_attach(struct pppk_link *link, struct file *file,
		      struct tty_struct *tty)
{
	int ret;

	mutex_lock(&pppk_attach_lock);
	spin_lock(&pppk_attaching_lock);
	pppk_attaching = link;
	pppk_attaching_tty = tty;
	pppk_attaching_file = file;
	spin_unlock(&pppk_attaching_lock);

	ret = tty_set_ldisc(tty, N_PPPK);

	spin_lock(&pppk_attaching_lock);
	pppk_attaching = NULL;
	pppk_attaching_tty = NULL;
	pppk_attaching_file = NULL;
	spin_unlock(&pppk_attaching_lock);
	mutex_unlock(&pppk_attach_lock);

	/*
	 * Success without open() means the tty had pppk already, for another
	 * link.  After open() the link may be closed again already (a
	 * hang-up): that is still success, destroy_work deletes it.
	 */
	if (!ret && !link->ldisc_opened)
		ret = -EBUSY;
	tty_kref_put(tty);
	return ret;
}

void pppk_ldisc_detach(struct pppk_link *link)
{
	struct tty_struct *tty;
	int tries = 0;

	for (;;) {
		rcu_read_lock();
		tty = tty_kref_get(rcu_dereference(link->tty));
		rcu_read_unlock();
		if (!tty)
			break;
		if (tty_set_ldisc(tty, N_TTY) && ++tries % 10 == 0)
			pr_warn("%s: still waiting to detach from %s\n",
				link->dev->name, link->tty_name);
		tty_kref_put(tty);
		if (rcu_access_pointer(link->tty))
			msleep(100);
	}
	/* A close() that cleared link->tty may still be running: wait. */
	if (link->ldisc_opened)
		wait_for_completion(&link->ldisc_closed);
	if (link->file) {
		fput(link->file);
		link->file = NULL;
	}
}

int pppk_ldisc_init(void)
{
	/* Learn the tty file operations now if we can; lazily otherwise. */
	pppk_learn_tty_fops();
	return tty_register_ldisc(&pppk_ldisc_ops);
}

void pppk_ldisc_uninit(void)
{
	tty_unregister_ldisc(&pppk_ldisc_ops);
}
