#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# man -l renders a page without a warning: groff's and man's warnings go to
# standard error, which must stay empty, and the page must say something.
#
#   dist/tests/man-render.sh PAGE
set -uo pipefail
page=${1:?usage: man-render.sh PAGE}
err=$(mktemp)
trap 'rm -f "$err"' EXIT
out=$(LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 man --warnings -E UTF-8 -l "$page" 2>"$err")
rc=$?
if [ $rc -ne 0 ] || [ -s "$err" ]; then
	cat "$err" >&2
	echo "man-render: man -l $page: status $rc, $(wc -l <"$err") lines on stderr" >&2
	exit 1
fi
if [ "$(grep -c . <<<"$out")" -lt 20 ]; then
	echo "man-render: $page renders to almost nothing" >&2
	exit 1
fi
