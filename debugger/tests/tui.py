#!/usr/bin/python3
"""hdb --tui driven in tmux: keys in with send-keys, screen out with
capture-pane, assertions on the screen text. Prints TAP ok N - hdb.tui.NAME.
"""
import argparse
import os
import re
import subprocess
import sys
import time

SESSION = 'hdbtui%d' % os.getpid()
results = []


def tmux(*args, check=True):
    return subprocess.run(['tmux'] + list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          check=check).stdout.decode('utf-8', 'replace')


def screen():
    return tmux('capture-pane', '-t', SESSION, '-p')


def wait_for(pattern, timeout=20.0):
    """The screen once pattern (a regex or a predicate) holds, or the last screen at the timeout."""
    end = time.time() + timeout
    text = ''
    while time.time() < end:
        text = screen()
        if pattern(text) if callable(pattern) else re.search(pattern, text, re.M):
            return text
        time.sleep(0.05)
    return text


def keys(*k):
    tmux('send-keys', '-t', SESSION, *k)


def check(name, ok, text=''):
    results.append((name, bool(ok), text))


def alive():
    return subprocess.run(['tmux', 'has-session', '-t', SESSION], stderr=subprocess.DEVNULL).returncode == 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--hdb', required=True)
    ap.add_argument('--progs', required=True)
    args = ap.parse_args()
    if subprocess.run(['which', 'tmux'], stdout=subprocess.DEVNULL).returncode != 0:
        print('1..0 # SKIP tmux not installed')
        return 0
    prog = os.path.join(args.progs, 'basic')
    # TERM=xterm so that F-keys are the escape sequences curses expects.
    tmux('new-session', '-d', '-s', SESSION, '-x', '100', '-y', '30',
         'env TERM=xterm %s --tui %s' % (args.hdb, prog))
    try:
        s = wait_for(r'\(hdb\)')
        check('panes_present', 'registers' in s and 'source' in s and '(hdb)' in s and
              'no process' in s, s)

        keys('b add', 'Enter')
        s = wait_for(r'Breakpoint 1 at')
        keys('r', 'Enter')
        s = wait_for(r'b>\s+22 ')
        check('breakpoint_and_current_line', re.search(r'b>\s+22\s+int sum = a \+ b;', s)
              and 'basic.c:22' in s and re.search(r'rip\s+0x555555555143', s), s)

        keys('F10')
        s = wait_for(r' >\s+23 ')
        check('f10_next_moves_the_mark', re.search(r' >\s+23\s+return sum;', s)
              and re.search(r'b \s+22 ', s) and 'basic.c:23' in s, s)

        # Source pane: up to line 22, F9 removes its breakpoint, F9 sets it again.
        keys('Escape')
        s = wait_for(r'SOURCE')
        keys('k')
        keys('F9')
        s = wait_for(r'\(hdb\) delete 1')
        removed = re.search(r'\n.\s{2}\s*22\s+int sum', s) is not None and not re.search(r'b\s+22 ', s)
        keys('F9')
        s2 = wait_for(r'Breakpoint 2 at')
        check('f9_toggles_a_breakpoint', removed and re.search(r'b\s+22 ', s2), s + s2)
        keys('i')

        keys('F5')
        s = wait_for(r'Breakpoint 2, add \(a=3, b=3\)')
        check('f5_continue_hits_breakpoint', re.search(r'b>\s+22 ', s), s)

        keys('F11')
        s = wait_for(r' >\s+23 ')
        keys('F11')
        s = wait_for(r' >\s+24 ')
        keys('F11')
        s = wait_for(r'twice \(v=3\) at')
        check('f11_step_returns_to_caller', re.search(r' >\s+29\s+return r;', s), s)

        # After a resize, wait until the frame is redrawn at the new size (the
        # whole check is the condition: a redraw may be captured half done).
        def small_ok(t):
            lines = t.rstrip('\n').split('\n')
            return (len(lines) <= 24 and all(len(l) <= 80 for l in lines) and
                    re.search(r' >\s+29 ', t) and '(hdb)' in t and
                    re.search(r'registers .{10,}\n', t) and re.search(r'rax\s+0x', t))
        tmux('resize-window', '-t', SESSION, '-x', '80', '-y', '24')
        s = wait_for(small_ok)
        check('resize_80x24', small_ok(s), s)

        def big_ok(t):
            lines = t.rstrip('\n').split('\n')
            return (len(lines) <= 60 and max(len(l) for l in lines) > 150 and
                    re.search(r' >\s+29 ', t) and 'registers' in t and
                    re.search(r'rip\s+0x', t) and '(hdb)' in t)
        tmux('resize-window', '-t', SESSION, '-x', '200', '-y', '60')
        s = wait_for(big_ok)
        check('resize_200x60', big_ok(s), s)

        # Typed commands run like the command line; their output lands in the console.
        keys('p counter', 'Enter')
        s = wait_for(r'\$\d+ = 42')
        check('console_print', re.search(r'\$\d+ = 42', s), s)
        keys('bt', 'Enter')
        s = wait_for(r'#1 .* in main')
        check('console_backtrace', '#0  twice (v=3)' in s and re.search(r'#1 .* in main', s), s)

        keys('q', 'Enter')
        end = time.time() + 5
        while alive() and time.time() < end:
            time.sleep(0.05)
        check('quit', not alive(), '')
    finally:
        if alive():
            tmux('kill-session', '-t', SESSION, check=False)
    print('1..%d' % len(results))
    failed = 0
    for i, (name, ok, text) in enumerate(results, 1):
        print('%s %d - hdb.tui.%s' % ('ok' if ok else 'not ok', i, name))
        if not ok:
            failed += 1
            for line in text.splitlines():
                print('# ' + line)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
