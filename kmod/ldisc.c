// SPDX-License-Identifier: GPL-2.0
/*
 * The pppk line discipline, and the channels it makes of ttys.
 *
 * Attaching works as for every other discipline: the controller opens the
 * tty (the kernel's own permission checks apply), sets the discipline with
 * TIOCSETD, asks the channel's number with PPPKIOCGCHAN, and creates a link
 * on it with PPPK_CMD_LINK_NEW, passing the tty's descriptor again.  The
 * descriptor proves the caller holds the tty open: it must be one of the
 * files the tty core lists for that tty.  Nothing here ever looks inside a
 * file of another kind.  The tty core pins this module while any tty has
 * the discipline, as it does for every discipline.
 *
 * Lifetimes.  A channel lives from open() to close() plus whatever
 * references links hold.  A link is on at most one channel; two parties
 * may take it off: close() (hang-up, last close, another TIOCSETD), which
 * then queues the link for deletion, and a deleter (pppk_chan_unbind()).
 * Whoever finds chan->link pointing at the link under chan->lock takes it
 * off and owns the tty side of the teardown; a deleter that finds close()
 * got there first waits for close() to finish with the link (close() needs
 * no lock a deleter holds).  Input and write wake-ups reach the link under
 * RCU, so a link taken off a channel is quiet after one grace period.
 */

#include <linux/file.h>
#include <linux/fs.h>
#include <linux/idr.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/tty.h>
#include <linux/tty_ldisc.h>

#include "compat.h"
#include "device.h"
#include "ldisc.h"
#include "receive.h"
#include "send.h"
#include "timers.h"

static DEFINE_IDR(pppk_chans);
static DEFINE_SPINLOCK(pppk_chans_lock);

static void pppk_chan_free(struct kref *ref)
{
	kfree(container_of(ref, struct pppk_chan, ref));
}

void pppk_chan_put(struct pppk_chan *chan)
{
	kref_put(&chan->ref, pppk_chan_free);
}

/* Is @file one of @tty's open files?  Pointers compared, nothing read. */
static bool pppk_tty_has_file(struct tty_struct *tty, struct file *file)
{
	struct tty_file_private *priv;
	bool found = false;

	spin_lock(&tty->files_lock);
	list_for_each_entry(priv, &tty->tty_files, list) {
		if (priv->file == file) {
			found = true;
			break;
		}
	}
	spin_unlock(&tty->files_lock);
	return found;
}

struct pppk_chan *pppk_chan_get(u32 index, struct file *file)
{
	struct pppk_chan *chan;

	spin_lock(&pppk_chans_lock);
	chan = idr_find(&pppk_chans, index);
	/* Listed channels are open: their tty is there. */
	if (chan && !pppk_tty_has_file(chan->tty, file))
		chan = NULL;
	if (chan)
		kref_get(&chan->ref);
	spin_unlock(&pppk_chans_lock);
	return chan ?: ERR_PTR(-ENOENT);
}

int pppk_chan_bind(struct pppk_chan *chan, struct pppk_link *link,
		   struct file *file)
{
	int ret = 0;

	spin_lock_bh(&chan->lock);
	if (chan->closed) {
		ret = -ENODEV;
	} else if (rcu_access_pointer(chan->link)) {
		ret = -EBUSY;
	} else {
		kref_get(&chan->ref);
		strscpy(link->tty_name, tty_name(chan->tty),
			sizeof(link->tty_name));
		link->chan = chan;
		link->file = get_file(file);
		link->tty_ref = tty_kref_get(chan->tty);
		rcu_assign_pointer(link->tty, link->tty_ref);
		rcu_assign_pointer(chan->link, link);
	}
	spin_unlock_bh(&chan->lock);
	return ret;
}

bool pppk_chan_unbind(struct pppk_link *link)
{
	struct pppk_chan *chan = link->chan;
	bool mine;

	if (!chan)
		return false;
	spin_lock_bh(&chan->lock);
	mine = rcu_access_pointer(chan->link) == link;
	if (mine)
		RCU_INIT_POINTER(chan->link, NULL);
	spin_unlock_bh(&chan->lock);
	if (mine) {
		RCU_INIT_POINTER(link->tty, NULL);
		return false;
	}
	wait_for_completion(&link->tty_done);
	return true;
}

void pppk_chan_release(struct pppk_link *link)
{
	if (!link->chan)
		return;
	tty_kref_put(link->tty_ref);
	link->tty_ref = NULL;
	pppk_chan_put(link->chan);
	link->chan = NULL;
	fput(link->file);
	link->file = NULL;
}

static int pppk_ldisc_open(struct tty_struct *tty)
{
	struct pppk_chan *chan;
	int id;

	/* The link writes frames: a tty that cannot send is no use. */
	if (!tty->ops->write)
		return -EOPNOTSUPP;
	chan = kzalloc(sizeof(*chan), GFP_KERNEL);
	if (!chan)
		return -ENOMEM;
	kref_init(&chan->ref);
	spin_lock_init(&chan->lock);
	chan->tty = tty;

	idr_preload(GFP_KERNEL);
	spin_lock(&pppk_chans_lock);
	id = idr_alloc_cyclic(&pppk_chans, chan, 1, INT_MAX, GFP_NOWAIT);
	if (id > 0)
		chan->index = id;
	spin_unlock(&pppk_chans_lock);
	idr_preload_end();
	if (id < 0) {
		kfree(chan);
		return id;
	}
	tty->disc_data = chan;
	tty->receive_room = 65536;
	return 0;
}

static void pppk_ldisc_close(struct tty_struct *tty)
{
	struct pppk_chan *chan = tty->disc_data;
	struct pppk_link *link;

	if (!chan)
		return;
	spin_lock(&pppk_chans_lock);
	idr_remove(&pppk_chans, chan->index);
	spin_unlock(&pppk_chans_lock);

	spin_lock_bh(&chan->lock);
	chan->closed = true;
	link = rcu_dereference_protected(chan->link,
					 lockdep_is_held(&chan->lock));
	RCU_INIT_POINTER(chan->link, NULL);
	spin_unlock_bh(&chan->lock);

	if (link) {
		RCU_INIT_POINTER(link->tty, NULL);
		/* No input, wake-up or transmitter is on the link after this. */
		synchronize_rcu();
		pppk_timers_stop(link);
		pppk_send_stop(link);
		pppk_link_tty_gone(link);
		/* The last touch: a deleter waiting for it may go on. */
		complete(&link->tty_done);
	}
	tty->disc_data = NULL;
	pppk_chan_put(chan);
}

static void pppk_ldisc_hangup(struct tty_struct *tty)
{
	/* close() follows; stop writing to a line that is gone right away. */
	struct pppk_chan *chan = tty->disc_data;
	struct pppk_link *link;

	rcu_read_lock();
	link = chan ? rcu_dereference(chan->link) : NULL;
	if (link)
		netif_carrier_off(link->dev);
	rcu_read_unlock();
}

/*
 * Software flow control (pppd's xonxoff sets IXON): the peer's XOFF and
 * XON stop and start our output, as n_tty and ppp_async do.  Framing
 * never sees them as data: the peer escapes them inside frames, and the
 * receive ACCM the controller asked for (0x000A0000) drops raw ones.
 */
static void pppk_ldisc_flow(struct tty_struct *tty, const u8 *cp,
			    const u8 *fp, size_t count)
{
	size_t i;

	for (i = 0; i < count; i++) {
		if (fp && fp[i] != TTY_NORMAL)
			continue;
		if (cp[i] == STOP_CHAR(tty))
			stop_tty(tty);
		else if (cp[i] == START_CHAR(tty))
			start_tty(tty);
	}
}

static void pppk_ldisc_receive(struct tty_struct *tty, const u8 *cp,
			       const u8 *fp, size_t count)
{
	struct pppk_chan *chan = tty->disc_data;
	struct pppk_link *link;

	if (I_IXON(tty))
		pppk_ldisc_flow(tty, cp, fp, count);
	rcu_read_lock();
	link = chan && count ? rcu_dereference(chan->link) : NULL;
	if (link)
		pppk_receive(link, cp, fp, count);
	rcu_read_unlock();
	/*
	 * Everything is consumed at once (a channel without a link drops
	 * it); tell the driver there is room.  A pty only wakes its writer
	 * this way.  (tty_unthrottle() would take the termios lock, which a
	 * driver may hold while calling us.)
	 */
	if (test_and_clear_bit(TTY_THROTTLED, &tty->flags) &&
	    tty->ops->unthrottle)
		tty->ops->unthrottle(tty);
}

PPPK_LDISC_RECEIVE_BUF(pppk_ldisc_receive_buf, pppk_ldisc_receive)

static void pppk_ldisc_write_wakeup(struct tty_struct *tty)
{
	struct pppk_chan *chan = tty->disc_data;
	struct pppk_link *link;

	clear_bit(TTY_DO_WRITE_WAKEUP, &tty->flags);
	rcu_read_lock();
	link = chan ? rcu_dereference(chan->link) : NULL;
	if (link)
		pppk_send_wakeup(link);
	rcu_read_unlock();
}

static int pppk_ldisc_ioctl(struct tty_struct *tty, unsigned int cmd,
			    unsigned long arg)
{
	struct pppk_chan *chan = tty->disc_data;

	switch (cmd) {
	case PPPKIOCGCHAN:
		if (!chan)
			return -ENXIO;
		return put_user(chan->index, (u32 __user *)arg) ? -EFAULT : 0;
	default:
		/* TCFLSH and friends, as every discipline answers them. */
		return n_tty_ioctl_helper(tty, cmd, arg);
	}
}

static struct tty_ldisc_ops pppk_ldisc_ops = {
	.owner		= THIS_MODULE,
	.num		= N_PPPK,
	.name		= "pppk",
	.open		= pppk_ldisc_open,
	.close		= pppk_ldisc_close,
	.hangup		= pppk_ldisc_hangup,
	.ioctl		= pppk_ldisc_ioctl,
	.receive_buf	= pppk_ldisc_receive_buf,
	.write_wakeup	= pppk_ldisc_write_wakeup,
};

/* TIOCSETD 29 loads pppk, as TIOCSETD N_PPP loads ppp_async. */
MODULE_ALIAS_LDISC(N_PPPK);

int pppk_ldisc_init(void)
{
	BUILD_BUG_ON(N_PPPK != PPPK_LDISC);
	return tty_register_ldisc(&pppk_ldisc_ops);
}

void pppk_ldisc_uninit(void)
{
	tty_unregister_ldisc(&pppk_ldisc_ops);
	/* Every tty let go of the discipline: the module was pinned till then. */
	WARN_ON(!idr_is_empty(&pppk_chans));
	idr_destroy(&pppk_chans);
}
