#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""A scripted PPP peer on a tty: real RFC 1662 frames, chosen misbehaviour.

    ppp_peer.py TTY SCENARIO [SECONDS]

The peer acks every LCP Configure-Request it gets (so it agrees to
whatever pppctl asks, authentication included), asks nothing but a
Magic-Number itself, answers Echo-Requests, and then does what SCENARIO
says once LCP is open:

  renegotiate   send a fresh LCP Configure-Request 1 s after LCP opened
                (RFC 1661: the link goes back to link establishment)
  coderej-echo  answer every Echo-Request with a Code-Reject (a peer
                without LCP echo)
  xoff          software flow control: 1 s after LCP opened send a raw
                XOFF (0x13, outside any frame; printed "XOFF"), 0.5 s
                later print "SETTLED" (frames already on their way have
                arrived), 2.5 s after the XOFF a raw XON (0x11, "XON")
  auth-protrej  while pppctl waits for it to authenticate: send an IPCP
                Configure-Request (which must be dropped, not
                Protocol-Rejected, RFC 1661 3.4), then 1 s later a
                Protocol-Reject of PAP and CHAP

Every frame received is printed as "I PROTO CODE" (hex), every frame sent
as "O PROTO CODE", one per line, so a test can grep what crossed.  The
peer runs for SECONDS (default 10) and exits 0.
"""
import os
import select
import struct
import sys
import termios
import time
import tty

LCP, IPCP, PAP, CHAP = 0xC021, 0x8021, 0xC023, 0xC223


def fcs16(data):
    fcs = 0xFFFF
    for b in data:
        fcs ^= b
        for _ in range(8):
            fcs = (fcs >> 1) ^ 0x8408 if fcs & 1 else fcs >> 1
    return fcs ^ 0xFFFF


def frame(proto, payload):
    body = bytes([0xFF, 0x03]) + struct.pack(">H", proto) + payload
    body += struct.pack("<H", fcs16(body))
    out = bytearray([0x7E])
    for b in body:   # escape every control character: any ACCM takes it
        if b < 0x20 or b in (0x7D, 0x7E):
            out += bytes([0x7D, b ^ 0x20])
        else:
            out.append(b)
    out.append(0x7E)
    return bytes(out)


def unframe(raw):
    data = bytearray()
    esc = False
    for b in raw:
        if esc:
            data.append(b ^ 0x20)
            esc = False
        elif b == 0x7D:
            esc = True
        else:
            data.append(b)
    if len(data) < 4 or fcs16(bytes(data[:-2])) != struct.unpack("<H", data[-2:])[0]:
        return None
    data = data[:-2]
    if data[:2] == b"\xff\x03":
        data = data[2:]
    if not data:
        return None
    if data[0] & 1:                         # compressed protocol field
        return data[0], bytes(data[1:])
    if len(data) < 2:
        return None
    return data[0] << 8 | data[1], bytes(data[2:])


class Peer:
    def __init__(self, fd, scenario):
        self.fd = fd
        self.scenario = scenario
        self.buf = bytearray()
        self.magic = 0x5EED0001
        self.acked = False      # we acked its request
        self.ours_acked = False  # it acked ours
        self.req_sent = False   # ours went out this negotiation
        self.opened_at = None
        self.done = set()
        self.id = 0x40

    def send(self, proto, code, ident, data=b""):
        pkt = struct.pack(">BBH", code, ident, 4 + len(data)) + data
        os.write(self.fd, frame(proto, pkt))
        print("O %04x %d" % (proto, code), flush=True)

    def next_id(self):
        self.id = (self.id + 1) & 0xFF
        return self.id

    def our_request(self):
        self.send(LCP, 1, self.next_id(), struct.pack(">BBI", 5, 6, self.magic))

    def lcp_open(self):
        return self.acked and self.ours_acked

    def input(self, proto, pkt):
        if len(pkt) < 4:
            return
        code, ident, length = struct.unpack(">BBH", pkt[:4])
        data = pkt[4:length]
        print("I %04x %d" % (proto, code), flush=True)
        if proto != LCP:
            return
        if code == 1:                       # Configure-Request: ack all
            self.send(LCP, 2, ident, data)
            self.acked = True
            if not self.req_sent:
                self.req_sent = True
                self.our_request()
        elif code == 2:                     # Configure-Ack of ours
            self.ours_acked = True
        elif code == 9:                     # Echo-Request
            if self.scenario == "coderej-echo":
                self.send(LCP, 7, self.next_id(), pkt[:length])
            else:
                self.send(LCP, 10, ident, struct.pack(">I", self.magic) + data[4:])
        elif code == 5:                     # Terminate-Request
            self.send(LCP, 6, ident)
            self.acked = self.ours_acked = self.req_sent = False

    def tick(self, now):
        if not self.lcp_open():
            self.opened_at = None
            return
        if self.opened_at is None:
            self.opened_at = now
        t = now - self.opened_at
        if self.scenario == "renegotiate" and t > 1 and "reneg" not in self.done:
            self.done.add("reneg")
            self.acked = self.ours_acked = False
            self.req_sent = True
            self.magic += 1
            self.our_request()
        if self.scenario == "xoff":
            if t > 1 and "xoff" not in self.done:
                self.done.add("xoff")
                os.write(self.fd, b"\x13")
                print("XOFF", flush=True)
            if t > 1.5 and "settled" not in self.done:
                # what was on its way before the XOFF has arrived by now
                self.done.add("settled")
                print("SETTLED", flush=True)
            if t > 3.5 and "xon" not in self.done:
                self.done.add("xon")
                os.write(self.fd, b"\x11")
                print("XON", flush=True)
        if self.scenario == "auth-protrej":
            if "ipcp" not in self.done:
                self.done.add("ipcp")
                self.send(IPCP, 1, self.next_id(),
                          struct.pack(">BB4s", 3, 6, bytes([10, 0, 0, 9])))
            if t > 1 and "protrej" not in self.done:
                self.done.add("protrej")
                for p in (PAP, CHAP):
                    self.send(LCP, 8, self.next_id(),
                              struct.pack(">H", p) + b"\x01\x01\x00\x04")

    def feed(self, chunk):
        self.buf += chunk
        while True:
            try:
                start = self.buf.index(0x7E)
            except ValueError:
                self.buf.clear()
                return
            try:
                end = self.buf.index(0x7E, start + 1)
            except ValueError:
                del self.buf[:start]
                return
            raw = bytes(self.buf[start + 1:end])
            del self.buf[:end]
            if raw:
                got = unframe(raw)
                if got:
                    self.input(*got)


def main():
    path, scenario = sys.argv[1], sys.argv[2]
    seconds = float(sys.argv[3]) if len(sys.argv) > 3 else 10.0
    fd = os.open(path, os.O_RDWR | os.O_NOCTTY)
    tty.setraw(fd)
    attrs = termios.tcgetattr(fd)
    attrs[3] &= ~termios.ECHO
    termios.tcsetattr(fd, termios.TCSANOW, attrs)
    peer = Peer(fd, scenario)
    end = time.monotonic() + seconds
    while True:
        now = time.monotonic()
        if now >= end:
            break
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            peer.feed(chunk)
        peer.tick(time.monotonic())
    return 0


if __name__ == "__main__":
    sys.exit(main())
