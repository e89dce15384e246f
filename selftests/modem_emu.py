#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""A dial-up modem on a pty, for pppctl's connect scripts (chat).

The caller's tty is the slave of a pty pair whose path is a symlink (LINK).
The emulator answers AT commands as a Hayes modem in ATE0 mode does ("OK"
to any AT, "CONNECT 115200" to ATD...), and on CONNECT starts Debian's
pppd (the ISP) on a second pty pair and relays octets both ways until it
hangs up: when pppd exits, or when the file HANGUP appears (it is removed).
Hanging up closes the pty master, so the caller's tty sees a hang-up as it
would a carrier loss; then a fresh pair is made and LINK points at it, as
a modem would answer the next dial.  The first SESSIONS dials connect,
later ones get "NO CARRIER".  Every event is a line in LOG:
"dial N", "connect N", "hangup N", "no-carrier N", with a monotonic time.

  modem_emu.py LINK LOG SESSIONS HANGUP -- PPPD-COMMAND...
"""
import os
import select
import signal
import subprocess
import sys
import time
import tty


def log(path, what):
    with open(path, "a") as f:
        f.write("%.3f %s\n" % (time.monotonic(), what))


def new_line(link):
    """A fresh pty pair; LINK names its slave.  Returns the master."""
    m, s = os.openpty()
    tty.setraw(s)
    name = os.ttyname(s)
    tmp = link + ".new"
    try:
        os.unlink(tmp)
    except FileNotFoundError:
        pass
    os.symlink(name, tmp)
    os.rename(tmp, link)
    # The slave stays open here until the caller has it: a pty whose
    # slave was never opened reads EIO on the master.
    return m, s, name


def relay(a, pppd_cmd, hangup, logpath, n):
    """CONNECT: pppd on its own pty, octets both ways until a hang-up."""
    bm, bs = os.openpty()
    tty.setraw(bs)
    cmd = [c.replace("@TTY@", os.ttyname(bs)) for c in pppd_cmd]
    with open(logpath + ".pppd-out", "a") as out:
        p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out,
                             stderr=out)
    # bs stays open: a master whose slave nobody has open reads EIO, and
    # pppd opens it only in a moment.
    why = "pppd exited"
    while True:
        if p.poll() is not None:
            break
        if os.path.exists(hangup):
            os.unlink(hangup)
            why = "hang-up asked"
            break
        r, _, _ = select.select([a, bm], [], [], 0.1)
        try:
            if a in r:
                data = os.read(a, 4096)
                if not data:
                    why = "caller closed"
                    break
                os.write(bm, data)
            if bm in r:
                os.write(a, os.read(bm, 4096))
        except OSError:
            why = "a side closed"
            break
    if p.poll() is None:
        p.terminate()
        try:
            p.wait(5)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()
    os.close(bm)
    os.close(bs)
    log(logpath, "hangup %d (%s)" % (n, why))
    return why


def main():
    link, logpath, sessions, hangup = sys.argv[1:5]
    sessions = int(sessions)
    pppd_cmd = sys.argv[sys.argv.index("--") + 1:]
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    dials = 0
    m, s, name = new_line(link)
    buf = b""
    while True:
        r, _, _ = select.select([m], [], [], 0.5)
        if m not in r:
            continue
        try:
            data = os.read(m, 1024)
        except OSError:
            data = b""
        if not data:
            # The caller closed its last descriptor: a new line for the next.
            os.close(m)
            os.close(s)
            m, s, name = new_line(link)
            buf = b""
            continue
        buf += data
        while b"\r" in buf:
            line, buf = buf.split(b"\r", 1)
            line = line.strip().upper()
            if not line.startswith(b"AT"):
                continue
            if line.startswith(b"ATD"):
                dials += 1
                log(logpath, "dial %d" % dials)
                if dials > sessions:
                    os.write(m, b"\r\nNO CARRIER\r\n")
                    log(logpath, "no-carrier %d" % dials)
                    continue
                os.write(m, b"\r\nCONNECT 115200\r\n")
                log(logpath, "connect %d" % dials)
                os.close(s)	# the caller holds the slave now
                why = relay(m, pppd_cmd, hangup, logpath, dials)
                buf = b""
                if why == "hang-up asked":
                    os.close(m)	# the carrier drops: the tty hangs up
                    m, s, name = new_line(link)
                    break
                # The far end ended the call, or the caller closed the
                # line: back in command mode on the same line, quietly,
                # as a modem whose carrier the caller ignores (local).
                s = os.open(name, os.O_RDWR | os.O_NOCTTY)
                break
            os.write(m, b"\r\nOK\r\n")


if __name__ == "__main__":
    main()
