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

        # A tall terminal has room for the stack and breakpoints panes under the source:
        # the frames as bt shows them, breakpoint 2 (set with F9) hit once at add.
        def info_ok(t):
            return (re.search(r' stack .*breakpoints ', t) and '#0  twice (v=3) at' in t and
                    re.search(r'#1  0x0*5555555551bd in main \(argc=1', t) and
                    re.search(r'2\s+y\s+break\s+1 hit\s+add at debugger/tests/progs/basic\.c:22', t))
        s = wait_for(info_ok)
        check('stack_and_breakpoints_panes', info_ok(s), s)
        # 200 columns leave room for the locals too: twice's argument and local, as
        # info args and info locals give them (v = 3, r = add(3, 3) = 6).
        def locals_ok(t):
            return (re.search(r' stack .* locals .* breakpoints ', t) and
                    re.search(r'v = 3 ', t) and re.search(r'r = 6 ', t))
        s = wait_for(locals_ok)
        check('locals_pane', locals_ok(s), s)

        # Typed commands run like the command line; their output lands in the console.
        keys('p counter', 'Enter')
        s = wait_for(r'\$\d+ = 42')
        check('console_print', re.search(r'\$\d+ = 42', s), s)
        keys('bt', 'Enter')
        s = wait_for(r'#1 .* in main')
        check('console_backtrace', '#0  twice (v=3)' in s and re.search(r'#1 .* in main', s), s)

        # layout split: the source above the disassembly, the pc marked in both;
        # the marked instruction is where rip is, and stepping moves the mark.
        def asm_mark(t):
            m = re.search(r'=>0x0*([0-9a-f]+) <\+\d+>\s+\S', t)
            r = re.search(r'rip\s+0x([0-9a-f]+)', t)
            return m and r and m.group(1) == r.group(1)
        keys('layout split', 'Enter')
        s = wait_for(lambda t: asm_mark(t) and re.search(r' >\s+29 ', t))
        check('layout_split', asm_mark(s) and re.search(r' >\s+29 ', s) and
              re.search(r'q twice q', s.replace('\u2500', 'q')) and 'basic.c:29' in s, s)
        before = re.search(r'=>0x0*([0-9a-f]+)', s)
        keys('si', 'Enter')
        s = wait_for(lambda t: asm_mark(t) and before and
                     re.search(r'=>0x0*([0-9a-f]+)', t).group(1) != before.group(1))
        check('layout_split_stepi_moves_mark', asm_mark(s) and before and
              re.search(r'=>0x0*([0-9a-f]+)', s).group(1) != before.group(1), s)
        keys('layout asm', 'Enter')
        # The top border is the disassembly's (titled with the function), not the source's.
        def asm_only(t):
            top = t.split('\n')[0]
            return asm_mark(t) and 'twice' in top and 'basic.c' not in top and 'registers' in top
        s = wait_for(asm_only)
        check('layout_asm', asm_only(s), s)
        # Esc gives the disassembly pane the keys: k moves up one instruction, F9 sets
        # a breakpoint on it (break *ADDR) and marks it, F9 again deletes it.
        pc = re.search(r'=>0x0*([0-9a-f]+)', s).group(1) if re.search(r'=>0x0*([0-9a-f]+)', s) else ''
        prev = re.search(r'^.{1,3}\s+0x0*([0-9a-f]+) <\+\d+>.*\n.*=>0x0*%s' % pc, s, re.M) if pc else None
        keys('Escape')
        wait_for(r'ASM: j/k')
        keys('k', 'F9')
        want = prev.group(1) if prev else 'none'
        s = wait_for(r'Breakpoint \d+ at 0x0*%s' % want)
        marked = re.search(r'b  0x0*%s <' % want, s)
        keys('F9')
        s2 = wait_for(r'\(hdb\) delete \d+')
        check('asm_pane_f9_breakpoint', prev and marked and not re.search(r'b  0x0*%s <' % want, s2),
              s + s2)
        keys('i')

        keys('layout src', 'Enter')
        s = wait_for(lambda t: 'basic.c:29' in t and '=>0x' not in t)
        check('layout_src', 'basic.c:29' in s and '=>0x' not in s, s)

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
