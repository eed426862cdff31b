#!/usr/bin/python3
"""hdb --tui driven in tmux: keys in with send-keys, screen out with
capture-pane, assertions on the screen text. Prints TAP ok N - hdb.tui.NAME.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile
import time

SESSION = 'hdbtui%d' % os.getpid()
results = []


def tmux(*args, check=True):
    return subprocess.run(['tmux'] + list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          check=check).stdout.decode('utf-8', 'replace')


def screen():
    return tmux('capture-pane', '-t', SESSION, '-p')


def wait_for(pattern, timeout=20.0):
    """The screen once pattern (a regex or a predicate) holds and the screen has
    settled (two captures 0.1 s apart agree: a capture can land in the middle of
    a redraw, the pattern's line drawn and the next ones not yet), or the last
    screen at the timeout."""
    def holds(t):
        return pattern(t) if callable(pattern) else re.search(pattern, t, re.M)
    end = time.time() + timeout
    text = ''
    while time.time() < end:
        text = screen()
        if holds(text):
            time.sleep(0.1)
            again = screen()
            if again == text or time.time() >= end:
                return again if holds(again) else text
            continue
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
    try:
        interrupt_session(args)
        panes_session(args)
        arrays_session(args)
        stdin_session(args)
    except Exception:  # a screen not as expected: the test fails, showing where and what
        import traceback
        check('panes_session_ran', False, traceback.format_exc() + screen())
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


def stdin_session(args):
    """A program reading its standard input under the TUI: its prompt shows while it
    runs, what is typed goes to it (echoed and edited by its terminal), and what it
    then does is what gdb shows with the same line as its input."""
    prog = os.path.join(args.progs, 'reader')
    tmux('new-session', '-d', '-s', SESSION, '-x', '100', '-y', '30',
         'env TERM=xterm %s --tui %s' % (args.hdb, prog))
    wait_for(r'\(hdb\)')
    keys('b greet', 'Enter')
    wait_for(r'Breakpoint 1 at')
    keys('r', 'Enter')
    s = wait_for(r'(?s)is running .*\nname\? *\n')
    check('output_while_running', re.search(r'process \d+ is running +\| +keys go to the program', s)
          and re.search(r'\nname\? *\n', s) and '(hdb) r\n' in s, s)

    # "wo", an erase, "orld": the program reads "world", the console shows the line as typed.
    keys('w', 'o', 'BSpace', 'o', 'r', 'l', 'd')
    s0 = wait_for(r'name\? world *\n')
    keys('Enter')
    s = wait_for(r'Breakpoint 1, greet \(name=')
    keys('p name', 'Enter', 'c', 'Enter')
    s2 = wait_for(r'exited with code')
    with tempfile.NamedTemporaryFile('w', suffix='.in') as f:
        f.write('world\n')
        f.flush()
        g = subprocess.run(['gdb', '-batch', '-nx', '-ex', 'b greet', '-ex', 'r < %s' % f.name,
                            '-ex', 'p name', '-ex', 'c', prog], stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True, timeout=60).stdout
    # The stack's addresses differ with the environment: the values after them must not.
    def noaddr(t):
        return re.sub(r'0x[0-9a-f]{6,}', 'ADDR', t)
    gstop = re.search(r'Breakpoint 1, greet \(.*\) at .*', g)
    gp = re.search(r'^\$1 = .*', g, re.M)
    gend = re.search(r'hello, .*\n\[Inferior 1 \(process \d+\) exited with code \d+\]', g)
    hstop = re.search(r'Breakpoint 1, greet \(.*\) at .*', s)
    check('typed_input_reaches_program',
          'name? world' in s0 and gstop and hstop and gp and gend and
          noaddr(hstop.group(0)) == noaddr(gstop.group(0)) and
          noaddr(gp.group(0)) in noaddr(s2) and
          re.sub(r'process \d+', '', gend.group(0)) in re.sub(r'process \d+', '', s2),
          s0 + s + s2 + g)

    # Ctrl-C while the program waits for its line: it stops with SIGINT in the read,
    # the terminal having echoed ^C as a terminal does.
    keys('r', 'Enter')
    wait_for(r'(?s)\(hdb\) r\n.*is running')
    time.sleep(0.3)
    keys('C-c')
    s = wait_for(r'Program received signal SIGINT')
    check('ctrl_c_while_reading', re.search(r'name\? \^C\n+Program received signal SIGINT, Interrupt\.', s)
          and re.search(r'process \d+, thread 1 +\|', s), s)
    # The stop is in libc's read.c: the source pane's file was libc's line table's; after
    # the kill the program's table is back (this read a freed table once).
    keys('kill', 'Enter')
    s = wait_for(r'\[Inferior 1 \(process \d+\) killed\]')
    check('kill_after_a_stop_in_a_library', alive() and re.search(r'killed\]\n\(hdb\)', s) and
          re.search(r' no process +\|', s), s)
    keys('q', 'Enter')
    end = time.time() + 5
    while alive() and time.time() < end:
        time.sleep(0.05)


def gdb_values(prog, cmds):
    """gdb's output for the commands at line 45 (tuiprog's and arrays' breakpoint): the oracle."""
    argv = ['gdb', '-batch', '-nx', '-ex', 'b 45', '-ex', 'r']
    for c in cmds:
        argv += ['-ex', c]
    return subprocess.run(argv + [prog], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, timeout=60).stdout


def gdb_value(out, n):
    m = re.search(r'^\$%d = (.*)$' % n, out, re.M)
    return m.group(1) if m else None


def rows_of(text, title):
    """The text of a pane's rows: the columns under its title, down to its bottom border.
    Frames are ACS (l q k x) or Unicode line characters, as the terminal has them."""
    lines = text.split('\n')
    for i, l in enumerate(lines):
        k = l.find(' %s ' % title)
        if k < 0:
            continue
        left = max(l.rfind('l', 0, k), l.rfind('\u250c', 0, k))
        after = k + len(title) + 1
        right = min(x for x in (l.find('k', after), l.find('\u2510', after), len(l)) if x >= 0)
        out = []
        for r in lines[i + 1:]:
            if left >= len(r) or r[left] not in 'x\u2502':
                break
            out.append(r[left + 1:right].rstrip())
        return out
    return []


def arrays_session(args):
    """Multi-dimensional arrays in the locals pane: rows as gdb's info locals prints them
    (a VLA too), a 2-D watch opening to its rows, a row to its elements."""
    prog = os.path.join(args.progs, 'arrays')
    oracle = gdb_values(prog, ['p grid', 'p grid[0]', 'p grid[1]', 'p grid[1][0]',
                               'p grid[1][2]', 'info locals'])
    tmux('new-session', '-d', '-s', SESSION, '-x', '200', '-y', '70',
         'env TERM=xterm %s --tui %s' % (args.hdb, prog))
    wait_for(r'\(hdb\)')
    keys('tui panes locals', 'Enter', 'b 45', 'Enter', 'r', 'Enter')
    wait_for(r'b>\s+45 ')
    keys('display grid', 'Enter')
    s = wait_for(r'\+ grid = \{\{')
    rows = rows_of(s, 'locals')
    want = [l for l in oracle.split('\n') if re.match(r'^(local|vla) = ', l)]
    shown = [r[2:] for r in rows if re.match(r'^\+ (local|vla) = ', r)]
    check('locals_pane_multidim_as_gdb', len(want) == 2 and shown == want and
          '+ grid = ' + (gdb_value(oracle, 1) or '?') in rows, s + oracle)
    keys('Tab')
    wait_for(r'LOCALS: j/k move')
    at = next((i for i, r in enumerate(rows) if r.startswith('+ grid = ')), 0)
    for _ in range(at):
        keys('j')
    keys('Enter')
    s = wait_for(r'  \+ \[1\] = ')
    keys('j', 'j', 'Enter')
    s2 = wait_for(r'      \[2\] = ')
    rows = rows_of(s2, 'locals [Tab]')
    k = next((i for i, r in enumerate(rows) if r.startswith('- grid = ')), -1)
    got = rows[k + 1:k + 6] if k >= 0 else []
    check('locals_pane_2d_rows_open', got == [
        '  + [0] = ' + str(gdb_value(oracle, 2)), '  - [1] = ' + str(gdb_value(oracle, 3)),
        '      [0] = ' + str(gdb_value(oracle, 4)), '      [1] = 5',
        '      [2] = ' + str(gdb_value(oracle, 5))], s + s2 + oracle)
    keys('i', 'kill', 'Enter', 'q', 'Enter')
    end = time.time() + 5
    while alive() and time.time() < end:
        time.sleep(0.05)


def interrupt_session(args):
    """Ctrl-C in the TUI: nothing while the program is stopped (hdb stays), and the
    running program, on its own terminal, stops with SIGINT as gdb reports it."""
    tmux('new-session', '-d', '-s', SESSION, '-x', '100', '-y', '30',
         'env TERM=xterm %s --tui %s' % (args.hdb, os.path.join(args.progs, 'spin')))
    wait_for(r'\(hdb\)')
    # The TUI's own commands refuse what they cannot do, in one line, and go on.
    keys('tui mem $sp', 'Enter', 'tui panes stack nosuch', 'Enter', 'tui panes', 'Enter')
    s = wait_for(r'tui panes auto \| NAME')
    check('tui_commands_errors', re.search(r'\(hdb\) tui mem \$sp\nThe program is not being run\.\n', s)
          and 'No pane named "nosuch".' in s and
          re.search(r'Panes under the source: none \(chosen by the terminal', s), s)
    keys('C-c')
    keys('r', 'Enter')
    s = wait_for(r'process \d+, thread 1')
    time.sleep(0.3)
    keys('C-c')
    # In libc's nanosleep: with libc6-dbg's DWARF gdb names the frame with its source
    # (no address when the pc starts a line), else by its address.
    stop = r'Program received signal SIGINT, Interrupt\.\n(0x[0-9a-f]+ in )?\w+ \('
    s = wait_for(stop)
    check('ctrl_c_interrupts_the_program', alive() and re.search(stop, s), s)
    keys('kill', 'Enter')
    keys('q', 'Enter')
    end = time.time() + 5
    while alive() and time.time() < end:
        time.sleep(0.05)


def panes_session(args):
    """tuiprog: the program's output, the strip's panes and their keys, search, split."""
    prog = os.path.join(args.progs, 'tuiprog')
    oracle = gdb_values(prog, ['info args', 'p copy.id', 'p copy.in', 'p copy.vals', 'p copy.in.a',
                               'p copy.in.tag', 'p pair[1]', 'p pair[1].a', 'p pair',
                               'x/16xb pattern',
                               'frame 1', 'info locals'])
    tmux('new-session', '-d', '-s', SESSION, '-x', '200', '-y', '50',
         'env TERM=xterm %s --tui %s' % (args.hdb, prog))
    wait_for(r'\(hdb\)')
    keys('b 45', 'Enter')
    wait_for(r'Breakpoint 1 at')
    keys('r', 'Enter')
    # The whole redraw, top to bottom: the source pane, the status line, the console.
    s = wait_for(r'(?s)b>\s+45 .*process \d+, thread 1 .*hit Breakpoint 1, inspect.*\n45 ')

    # The program's output, written to its own pseudo-terminal, shows in the console
    # (in order, before the stop) and nowhere else: the frame of the panes is intact.
    def frame_ok(t):
        lines = t.split('\n')
        return lines[0][:1] in ('l', '\u250c') and all(
            not re.search(r'line \d+ from the program', l) for l in lines[:lines.index(next(
                l for l in lines if ' process ' in l and '|' in l))])
    check('program_output_in_console',
          re.search(r'line 0 from the program\nline 1 from the program\nline 2 from the program\n'
                    r'\n?Thread 1 "tuiprog" hit Breakpoint 1', s) and frame_ok(s), s)
    pid = int(re.search(r'process (\d+), thread', s).group(1))

    # Redraws send what changed: a command's output costs a small part of what a
    # full repaint (Ctrl-L) costs, in bytes written to the terminal.
    def bytes_for(*k, pattern):
        out = os.path.join(args.progs, 'tui-pipe-%d' % os.getpid())
        tmux('pipe-pane', '-t', SESSION, '-o', 'cat > %s' % out)
        keys(*k)
        wait_for(pattern)
        time.sleep(0.3)
        tmux('pipe-pane', '-t', SESSION)
        time.sleep(0.1)
        n = os.path.getsize(out) if os.path.exists(out) else -1
        if os.path.exists(out):
            os.unlink(out)
        return n
    cmd = bytes_for('p 6*7', 'Enter', pattern=r'\$1 = 42')
    full = bytes_for('C-l', pattern=r'\$1 = 42')
    check('redraws_only_what_changed', 0 < cmd < full / 4, 'command %d bytes, repaint %d' % (cmd, full))

    # An expression the memory pane cannot follow: the error print gives (gdb's words).
    keys('tui mem nosuchsym + 1', 'Enter')
    s = wait_for(r'\(hdb\) tui mem nosuchsym \+ 1\n.+\n')
    gerr = gdb_values(prog, ['p nosuchsym + 1']).strip().split('\n')[-1]
    check('tui_mem_error_as_gdb', re.search(r'\(hdb\) tui mem nosuchsym \+ 1\n%s\n' % re.escape(gerr),
                                          s) and 'No symbol' in gerr, s + gerr)

    # The locals pane: arguments, locals, watches; Enter opens copy and then copy.in.
    keys('tui panes locals threads', 'Enter')
    s = wait_for(r' locals .* threads ')
    keys('display pair', 'Enter')
    # The local pair is there before the command: wait for the watch's row too.
    s = wait_for(r'(?s)\+ pair = \{\{a = 1.*\+ pair = \{\{a = 1')
    rows = rows_of(s, 'locals')
    # The argument as gdb's `info args` prints it (a pointer without its type), at whatever
    # address the stack has here.
    garg = re.search(r'^o = (0x[0-9a-f]+)$', oracle, re.M)
    check('locals_and_watches', rows[:2] and garg and re.match(r'\+ o = 0x[0-9a-f]+$', rows[0]) and
          rows[1].startswith('+ copy = {id = 1, in = {a = 5') and
          any(r.startswith('  sum = ') for r in rows) and
          sum(1 for r in rows if r.startswith('+ pair = {{a = 1, tag = "p\\000\\000"}')) == 2, s)
    keys('Tab')
    wait_for(r'LOCALS: j/k move')
    # Each wait is the whole check: a capture may land in the middle of a redraw.
    def opened_ok(t):
        rows = rows_of(t, 'locals [Tab]')
        return (len(rows) > 5 and rows[1].startswith('- copy = ') and
                rows[2] == '    id = ' + gdb_value(oracle, 1) and
                rows[3] == '  + in = ' + gdb_value(oracle, 2) and
                rows[4] == '  + vals = ' + gdb_value(oracle, 3))

    def nested_ok(t):
        rows = rows_of(t, 'locals [Tab]')
        return (len(rows) > 6 and rows[3] == '  - in = ' + gdb_value(oracle, 2) and
                rows[4] == '      a = ' + gdb_value(oracle, 4) and
                rows[5] == '    + tag = ' + gdb_value(oracle, 5))  # a char array opens too
    keys('j', 'Enter')
    s = wait_for(opened_ok)
    rows = rows_of(s, 'locals [Tab]')
    opened = opened_ok(s)
    keys('j', 'j', 'Enter')
    s2 = wait_for(nested_ok)
    rows2 = rows_of(s2, 'locals [Tab]')
    nested = nested_ok(s2)
    check('locals_expand_nested_as_gdb_prints', opened and nested,
          s + s2 + '\n'.join(rows + rows2) + oracle)
    # The watch (display pair) opens to its elements, an element to its members.
    for _ in range(12):
        keys('j')
    keys('Enter')

    def elems_of(t):
        return [r[len('  + [0] = '):] for r in rows_of(t, 'locals [Tab]')
                if re.match(r'  \+ \[[01]\] = ', r)]

    def array_ok(t):
        elems = elems_of(t)
        return (len(elems) == 2 and elems[1] == gdb_value(oracle, 6) and
                '{%s, %s}' % tuple(elems) == gdb_value(oracle, 8))
    s = wait_for(array_ok)
    check('watch_array_opens', array_ok(s), s)
    # Enter on copy again closes it: its members go.
    for _ in range(20):
        keys('k')
    keys('j', 'Enter')
    s = wait_for(lambda t: '+ copy = ' in t and '  - in = ' not in t)
    check('locals_collapse', '+ copy = ' in s and '    id = 1' not in s, s)
    keys('i')

    # Threads: the LWPs /proc/PID/task lists, thread 1 where gdb stops (inspect at :45).
    rows = rows_of(s, 'threads')
    lwps = sorted(int(x) for x in re.findall(r'LWP (\d+)', '\n'.join(rows)))
    tasks = sorted(int(x) for x in os.listdir('/proc/%d/task' % pid))
    check('threads_pane', lwps == tasks and len(lwps) == 2 and
          re.search(r'^\* 1\s+LWP %d\s+inspect \(o=0x' % pid, rows[1] if len(rows) > 1 else '')
          and rows[0].split() == ['Id', 'Target', 'Id', 'Frame'], '\n'.join(rows) + repr(tasks))

    # Memory: tui mem pattern shows the bytes gdb's x/16xb shows, at the same address
    # (in place of the strip's last pane).
    keys('tui mem pattern', 'Enter')
    gx = re.findall(r'^(0x[0-9a-f]+) <pattern(?:\+\d+)?>:\s+(.*)$', oracle, re.M)
    want = ['%s: %s' % (gx[0][0], ' '.join(b[2:] for b in (gx[0][1] + ' ' + gx[1][1]).split()))]
    title = 'memory: pattern (%s)' % gx[0][0] if gx else 'memory'

    def mem_shown(t, head):
        """The pane's first row once its body is drawn (the title can come first)."""
        r = rows_of(t, head) if head in t else []
        return r if r and re.match(r'^0x[0-9a-f]+: ', r[0]) else None
    s = wait_for(lambda t: mem_shown(t, title) and
                 ' '.join(mem_shown(t, title)[0].split()[:17]) == want[0])
    rows = mem_shown(s, title) or []
    mem_ok = gx and rows and ' '.join(rows[0].split()[:17]) == want[0]
    # j scrolls a row: the next row's address and bytes (pattern[i] = 3i + 1).
    keys('Tab', 'Tab')
    wait_for(r'MEMORY: j/k')
    keys('j')
    per = len(rows[0].split()) - 2 if rows else 0
    moved = '%x' % (int(gx[0][0], 16) + per) if gx else ''
    s2 = wait_for(lambda t: (mem_shown(t, title + ' [Tab]') or [''])[0].startswith('0x' + moved))
    rows2 = mem_shown(s2, title + ' [Tab]') or []
    scrolled = rows2 and rows2[0].split()[1] == '%02x' % (per * 3 + 1) and \
        int(rows2[0].split()[0][:-1], 16) == int(gx[0][0], 16) + per
    check('memory_pane_as_gdb_x', mem_ok and scrolled, s + s2 + oracle)
    keys('i')

    # Resizes with these panes: every pane there and the screen inside 80x24, then 200x60.
    keys('tui panes locals threads memory', 'Enter', 'tui mem pattern', 'Enter')
    wait_for(r' locals .* threads .* memory')
    def small_ok(t):
        lines = t.rstrip('\n').split('\n')
        return (len(lines) <= 24 and all(len(l) <= 80 for l in lines) and
                re.search(r' locals .* threads .* memory', t) and '(hdb)' in t and
                re.search(r'b>\s+45 ', t))
    tmux('resize-window', '-t', SESSION, '-x', '80', '-y', '24')
    s = wait_for(small_ok)
    check('resize_80x24_with_new_panes', small_ok(s), s)

    def big_ok(t):
        lines = t.rstrip('\n').split('\n')
        mem = rows_of(t, 'memory: pattern (0x555555558060)')
        return (len(lines) <= 60 and re.search(r' locals .* threads .* memory', t) and
                mem and mem[0].startswith('0x555555558060: 01 04 07 0a ') and
                re.search(r'b>\s+45 ', t))
    tmux('resize-window', '-t', SESSION, '-x', '200', '-y', '60')
    s = wait_for(big_ok)
    check('resize_200x60_with_new_panes', big_ok(s), s)

    # The stack pane: Enter on frame 1 selects it; source and locals follow (main's, as gdb's).
    keys('tui panes stack locals breakpoints', 'Enter')
    wait_for(r' stack .* locals .* breakpoints ')
    keys('b shout', 'Enter')
    s = wait_for(r'Breakpoint 2 at .*line \d+\.')
    shout_line = re.search(r'Breakpoint 2 at .*line (\d+)\.', s)
    shout_line = shout_line.group(1) if shout_line else 'none'
    keys('Tab')
    wait_for(r'STACK: j/k')
    keys('j', 'Enter')
    s = wait_for(r'\(hdb\) frame 1\n#1  0x[0-9a-f]+ in main \(\) at debugger/tests/progs/tuiprog\.c:58')
    rows = rows_of(s, 'locals')
    gl = oracle[oracle.index('#1  '):].split('\n')[2:]
    gl = [l for l in gl if ' = ' in l]
    in2 = next((l for l in gl if l.startswith('in2 = ')), '?')
    r0 = next((l for l in gl if l.startswith('r = ')), '?')
    check('stack_pane_enter_selects_frame', re.search(r'tuiprog\.c:58 ', s) and
          '+ ' + in2 in rows and '  ' + r0 in rows, s + '\n'.join(gl))
    keys('i')
    keys('frame 0', 'Enter')
    wait_for(r'\(hdb\) frame 0')

    # Breakpoints: Enter shows breakpoint 2's line (shout) in the source, d deletes it.
    keys('Tab', 'Tab', 'Tab')
    wait_for(r'BREAKPOINTS: j/k')
    keys('j', 'Enter')
    s = wait_for(r'SOURCE: j/k')
    shown_line = any(re.match(r'.b\s+%s\s+for \(int i = 0; i < n; i\+\+\)' % shout_line, l)
                     for l in s.split('\n'))
    keys('Tab')  # source -> console (no disassembly in layout src)
    keys('Tab', 'Tab', 'Tab')
    wait_for(r'BREAKPOINTS: j/k')
    keys('j', 'd')
    s2 = wait_for(r'\(hdb\) delete 2')
    rows = rows_of(s2, 'breakpoints [Tab]')
    check('breakpoints_pane_enter_and_delete', shown_line and rows and
          re.match(r'1\s+y\s+break\s+1 hit\s+inspect at', rows[0]) and
          not any(r.startswith('2 ') for r in rows), s + s2)
    keys('i')

    # vi search in the source pane: / finds the next line, n the one after, N back.
    keys('Escape')
    wait_for(r'SOURCE: j/k')

    def cursor_line(t):
        """The source line under the cursor: the underlined one (capture with escapes)."""
        for l in t.split('\n'):
            m = re.search(r'\x1b\[[0-9;]*4[0-9;]*m\S*\s*(\d+) ', l)
            if m:
                return int(m.group(1))
        return None
    esc = lambda: tmux('capture-pane', '-t', SESSION, '-p', '-e')
    keys('/', 'p', 'a', 'i', 'r', 'Enter')
    time.sleep(0.3)
    first = cursor_line(esc())
    keys('n')
    time.sleep(0.3)
    second = cursor_line(esc())
    keys('N')
    time.sleep(0.3)
    back = cursor_line(esc())
    keys('/', 'z', 'q', 'x', 'Enter')
    s = wait_for(r'Pattern not found: zqx')
    check('vi_search', first == 44 and second == 45 and back == 44 and
          'Pattern not found: zqx' in s, '%r %r %r\n%s' % (first, second, back, s))
    keys('i')

    # layout split: Tab from the source gives the disassembly its keys; F9 there sets
    # a breakpoint on the instruction under its cursor.
    keys('layout split', 'Enter')
    wait_for(r'=>0x')
    keys('Escape')
    wait_for(r'SOURCE: j/k')
    keys('Tab')
    s = wait_for(r'ASM: j/k')
    pc = re.search(r'=>0x0*([0-9a-f]+)', s)
    keys('j', 'F9')
    s2 = wait_for(r'\(hdb\) break \*0x[0-9a-f]+\nBreakpoint \d+ at 0x')
    m = re.search(r'\(hdb\) break \*0x[0-9a-f]+\nBreakpoint (\d+) at 0x0*([0-9a-f]+)', s2)
    nxt = re.search(r'=>0x0*%s <\+\d+>.*\n.{1,4}\s*0x0*([0-9a-f]+) <' % pc.group(1), s) if pc else None
    check('layout_split_asm_keys', 'ASM: j/k' in s and m and nxt and m.group(2) == nxt.group(1),
          s + s2)
    keys('i')
    keys('layout src', 'Enter')
    wait_for(lambda t: '=>0x' not in t)

    # The caps pane on a process: its descriptors (the pty it runs on, as ls -l shows
    # /proc/PID/fd) and mappings; Enter on the program's first mapping shows its bytes
    # in the memory pane: the ELF magic.
    keys('tui panes caps memory', 'Enter')
    s = wait_for(r'caps: descriptors and mappings')
    rows = rows_of(s, 'caps: descriptors and mappings')
    links = {int(a): b for a, b in re.findall(
        r' (\d+) -> (.*)$', subprocess.run(['ls', '-l', '/proc/%d/fd' % pid],
                                           stdout=subprocess.PIPE, text=True).stdout, re.M)}
    fd_rows = [r.split() for r in rows[1:] if r[:1].isdigit() and not r.startswith('0x')]
    fds_ok = (rows and rows[0].split() == ['fd', 'kind', 'object', 'flags', 'offset'] and
              [int(r[0]) for r in fd_rows] == sorted(links) and
              all(r[2] == links[int(r[0])] for r in fd_rows) and
              fd_rows[0][1] == 'tty' and links[0].startswith('/dev/pts/'))
    keys('Tab')
    wait_for(r'CAPS: j/k')
    first_map = next((k for k, r in enumerate(rows[1:]) if r.startswith('0x')), None)
    for _ in range(first_map or 0):
        keys('j')
    keys('Enter')
    s2 = wait_for(r'memory: 0x555555554000')
    mem = rows_of(s2, 'memory: 0x555555554000 (0x555555554000)')
    check('caps_pane_process', fds_ok and first_map is not None and mem and
          mem[0].split()[1:5] == ['7f', '45', '4c', '46'], s + s2 + repr(links))
    keys('i')
    wait_for(r'\|  F5 cont')

    # The program prints 40 lines and exits while the TUI is up: all in the console,
    # the panes' frame intact, nothing written over the screen. It prints
    # inspect's result: copy.in.a + pair[1].a, as gdb has them.
    tmux('send-keys', '-t', SESSION, '-l', 'delete')  # literally: "delete" names a key
    keys('Enter')
    wait_for(r'\(hdb\) delete\n')
    keys('c', 'Enter')
    s = wait_for(r'exited normally')
    done = 'done %d' % (int(gdb_value(oracle, 4)) + int(gdb_value(oracle, 7)))
    check('program_prints_while_tui_up', 'line 39 from the program' in s and done in s and
          frame_ok(s) and re.search(r'\[Inferior 1 \(process \d+\) exited normally\]', s), s)
    keys('q', 'Enter')
    end = time.time() + 5
    while alive() and time.time() < end:
        time.sleep(0.05)


if __name__ == '__main__':
    sys.exit(main())
