#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The bash completion completes what pppctl has: each case is a command
# line, the cursor at its end, and the words that must (or must not) be
# offered.  Peers come from ctl/tests/data/etc-ppp (PPPCTL_ETC_PPP).
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
[ -x "$top/ctl/pppctl" ] || { echo "completion: ctl/pppctl not built" >&2; exit 1; }
export PATH=$top/ctl:$PATH PPPCTL_ETC_PPP=$top/ctl/tests/data/etc-ppp
fail=0

# complete LINE: the words offered, one line.
complete_line() {
	bash --norc --noprofile -c '
		source "$1"
		read -ra COMP_WORDS <<<"$2"
		[[ $2 == *" " ]] && COMP_WORDS+=("")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		COMP_LINE=$2 COMP_POINT=${#2}
		_pppctl
		echo "${COMPREPLY[*]}"
	' _ "$top/dist/pppctl.bash-completion" "$1"
}

# expect LINE +WORD... -WORD...
expect() {
	local line=$1 got w
	shift
	got=" $(complete_line "$line") "
	for w in "$@"; do
		case $w in
		+*) [[ $got == *" ${w#+} "* ]] && continue ;;
		-*) [[ $got != *" ${w#-} "* ]] && continue ;;
		esac
		echo "completion: '$line' offers [${got# }], expected ${w:0:1} '${w:1}'" >&2
		fail=1
	done
}

# Every command of pppctl --help, nothing else.
cmds=$(pppctl --help | sed -n '/^Commands:/,/^$/{s/^  \([a-z][a-z0-9-]*\) .*/+\1/p}')
expect "pppctl " $cmds +help -up/
expect "pppctl -j sh" +show -up
expect "pppctl --" +--json +--stats +--help +--version
# Every word of pppctl up --help, after the tty.
words=$(pppctl up --help | sed -n '/^Options (pppd words):/,$p' | tail -n +2 |
	grep -oE '^  [a-z+][a-z0-9+-]*' | sed 's/^  /+/')
expect "pppctl up /dev/ttyS0 " $words +-d
expect "pppctl up /dev/ttyS0 lcp-echo-i" +lcp-echo-interval -lcp-echo-failure
expect "pppctl up /dev/ttyS0 ms-dns " -noauth
expect "pppctl up /dev/ttyS0 debug " +negotiation +authentication +all
expect "pppctl up /dev/tt" +/dev/tty
expect "pppctl call " +lte +demand -options
expect "pppctl call lte " +mru +debug
expect "pppctl call lte call " +lte
expect "pppctl explain --" +--no-ladder +--svg
expect "pppctl down pppk0 " +--wait
exit $fail
