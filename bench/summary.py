#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
# summary.py DIR: one table of every figure `make bench` took, each beside
# the anchor measured in the same run and the goal from issue 6.  Reads
# framing.json, link.json and scale.json in DIR (whichever exist) and writes
# summary.json there.  Figures only: nothing passes or fails here.
import json
import os
import sys

d = sys.argv[1]
rows = []


def load(name):
    try:
        with open(os.path.join(d, name)) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def num(x):
    return isinstance(x, (int, float)) and x >= 0


def row(what, anchor_name, anchor, pppk, goal, higher_better=True):
    ratio = None
    if num(anchor) and num(pppk) and anchor > 0 and pppk > 0:
        ratio = pppk / anchor if higher_better else anchor / pppk
    rows.append({"what": what, "anchor": anchor_name, "anchor_value": anchor,
                 "pppk": pppk, "ratio": ratio, "goal": goal})


framing = load("framing.json") or []
for op in ("encode", "decode"):
    for size, accm, goal in ((1500, "0x00000000", ">= 4 GB/s"),
                             (1500, "0xffffffff", ">= 1 GB/s"),
                             (64, "0x00000000", ""),
                             (64, "0xffffffff", "")):
        for e in framing:
            if e.get("op") == op and e.get("bytes") == size and \
               e.get("accm") == accm:
                row("%s %d B ACCM %s, GB/s" % (op, size, accm[2:]),
                    "byte loop", e.get("ref_gbps"), e.get("core_gbps"), goal)
for op in ("fcs16", "fcs32"):
    for e in framing:
        if e.get("op") == op and e.get("bytes") == 1500:
            row("%s 1500 B, GB/s" % op, "byte loop", e.get("ref_gbps"),
                e.get("core_gbps"), "")

link = load("link.json") or {}
a, k, kd = (link.get(n, {}) for n in ("pppd-pppd", "pppk-pppk", "pppk-pppd"))
for key, what in (("tcp_a_to_b_mbit", "TCP a>b, Mbit/s"),
                  ("tcp_b_to_a_mbit", "TCP b>a, Mbit/s")):
    if key in k:
        row(what, "pppd-pppd", a.get(key), k.get(key), ">= 2x")
        row(what + " (pppk-pppd)", "pppd-pppd", a.get(key), kd.get(key), "")
for key, what in (("negotiation_ms", "exec to IPCP Open, ms (median)"),
                  ("negotiation_best_ms", "exec to IPCP Open, ms (best)")):
    if key in k:
        row(what, "pppd-pppd", a.get(key), k.get(key), "<= 20 ms",
            higher_better=False)
        row(what + " (pppk-pppd)", "pppd-pppd", a.get(key), kd.get(key),
            "", higher_better=False)

scale = load("scale.json") or {}
pppd_rss = scale.get("pppd_rss_kb_per_link")
pppd_pss = scale.get("pppd_pss_kb_per_link")
for n in ("n1000", "n10000"):
    s = scale.get(n)
    if not s:
        continue
    tag = "%s links" % s.get("links_up", n[1:])
    row(tag + ": all up, s", "", None, s.get("all_up_s"), "")
    row(tag + ": controller RSS/link, KB", "pppd RSS/link", pppd_rss,
        s.get("ctl_rss_kb_per_link"), "<= 8 KB", higher_better=False)
    row(tag + ": controller Pss/link, KB", "pppd Pss/link", pppd_pss,
        s.get("ctl_pss_kb_per_link"), "", higher_better=False)
    row(tag + ": kernel/link, KB", "", None, s.get("kernel_kb_per_link"),
        "<= 16 KB")
    row(tag + ": kernel/link without ptys, KB", "", None,
        s.get("kernel_kb_per_link_pppk"), "")
    row(tag + ": idle controller CPU, %", "", None,
        s.get("idle_ctl_cpu_pct"), "~0")


def fmt(x):
    if x is None:
        return "-"
    if isinstance(x, float):
        return "%.2f" % x if x < 100 else "%.0f" % x
    return str(x)


print("%-48s %-14s %9s %9s %8s  %s" % ("figure", "anchor", "anchor",
                                        "pppk", "ratio", "goal"))
for r in rows:
    print("%-48s %-14s %9s %9s %8s  %s" % (
        r["what"], r["anchor"], fmt(r["anchor_value"]), fmt(r["pppk"]),
        "%.2fx" % r["ratio"] if r["ratio"] else "-", r["goal"]))
with open(os.path.join(d, "summary.json"), "w") as f:
    json.dump(rows, f, indent=1)
