#!/usr/bin/python3
"""make bench-debugger: hdb against gdb, in the same run, on a terminal.

Each debugger runs interactively on a pseudo-terminal, as a person would
use it, and the clock is read when its output shows what was asked for:

  prompt   hdb/gdb started on python3.11d (Debian's python3.11-dbg, 24 MB,
           10 MB of .debug_info) until the first prompt appears
  run      `run` of python3.11d -c "[].append(1)" with a breakpoint on
           PyList_Append, until the stop is reported and the prompt is back
  hits     breakpoint hits per second: a conditional breakpoint on tick() in
           loop.c, true only on the last of N calls; N / (time of that run
           - time of the same run without a breakpoint)

gdb runs with -nx (no ~/.gdbinit), debuginfod, styling, confirmation and pagination
off, startup-with-shell off (hdb starts the program directly too); it keeps
its other defaults, such as auto-loading python3.11d's gdb extension, which
is what a user of gdb gets. Medians of --repeat runs (hits: --hit-runs).
"""
import argparse
import json
import os
import platform
import pty
import re
import select
import signal
import statistics
import subprocess
import sys
import time

PYTHON = '/usr/bin/python3.11d'


class Session:
    """A debugger on a pty; expect() waits for a pattern in what it prints."""

    def __init__(self, argv):
        self.master, slave = pty.openpty()
        env = dict(os.environ, TERM='xterm', COLUMNS='200', LINES='50')
        self.t0 = time.monotonic()
        self.proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env,
                                     close_fds=True, start_new_session=True)
        os.close(slave)
        self.buf = b''
        self.pos = 0

    def expect(self, pattern, timeout=600):
        rx = re.compile(pattern.encode())
        end = time.monotonic() + timeout
        while True:
            m = rx.search(self.buf, self.pos)
            if m:
                self.pos = m.end()
                return time.monotonic()
            left = end - time.monotonic()
            if left <= 0:
                raise TimeoutError('no %r in %r' % (pattern, self.buf[-500:]))
            r, _, _ = select.select([self.master], [], [], left)
            if r:
                try:
                    data = os.read(self.master, 65536)
                except OSError:
                    data = b''
                if not data:
                    raise EOFError('debugger exited: %r' % self.buf[-500:])
                self.buf += data

    def send(self, line):
        os.write(self.master, line.encode() + b'\r')
        return time.monotonic()

    def close(self):
        try:
            self.send('kill')
            self.send('quit')
            self.proc.wait(timeout=10)
        except Exception:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        os.close(self.master)


def argv_of(which, hdb, prog, args=()):
    if which == 'hdb':
        return [hdb, '--args', prog] + list(args)
    return ['gdb', '-nx', '-q', '-iex', 'set debuginfod enabled off', '-iex', 'set confirm off',
            '-iex', 'set style enabled off',
            '-iex', 'set pagination off', '-iex', 'set startup-with-shell off',
            '--args', prog] + list(args)


def prompt_re(which):
    return r'\(%s\) ' % which


def time_prompt(which, hdb):
    s = Session(argv_of(which, hdb, PYTHON))
    t = s.expect(prompt_re(which), timeout=120) - s.t0
    s.close()
    return t


def time_run(which, hdb):
    s = Session(argv_of(which, hdb, PYTHON, ['-c', '[].append(1)']))
    s.expect(prompt_re(which), timeout=120)
    s.send('break PyList_Append')
    s.expect(prompt_re(which))
    t0 = s.send('run')
    s.expect(r'Breakpoint 1, PyList_Append')
    t1 = s.expect(prompt_re(which))
    s.close()
    return t1 - t0


def time_loop(which, hdb, loop, n, cond):
    s = Session(argv_of(which, hdb, loop, [str(n)]))
    s.expect(prompt_re(which))
    if cond:
        s.send('break tick if i == %d' % (n - 1))
        s.expect(prompt_re(which))
    t0 = s.send('run')
    if cond:
        s.expect(r'Breakpoint 1, tick \(i=%d\)' % (n - 1))
    else:
        s.expect(r'exited normally')
    t1 = s.expect(prompt_re(which))
    s.close()
    return t1 - t0


def median(f, runs):
    return statistics.median(f() for _ in range(runs))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--hdb', required=True)
    ap.add_argument('--loop', required=True)
    ap.add_argument('--json')
    ap.add_argument('--iterations', type=int, default=100000)
    ap.add_argument('--repeat', type=int, default=5)
    ap.add_argument('--hit-runs', type=int, default=1)
    args = ap.parse_args()
    if not os.path.exists(PYTHON):
        print('bench-debugger: %s missing (python3.11-dbg; scripts/deps.sh --bench)' % PYTHON)
        return 1
    res = {}
    for which in ('hdb', 'gdb'):
        r = {}
        r['prompt_s'] = median(lambda: time_prompt(which, args.hdb), args.repeat)
        r['run_to_bp_s'] = median(lambda: time_run(which, args.hdb), args.repeat)
        base = median(lambda: time_loop(which, args.hdb, args.loop, args.iterations, False),
                      args.hit_runs)
        with_bp = median(lambda: time_loop(which, args.hdb, args.loop, args.iterations, True),
                         args.hit_runs)
        r['loop_no_bp_s'] = base
        r['loop_cond_bp_s'] = with_bp
        r['hits_per_s'] = args.iterations / max(with_bp - base, 1e-9)
        res[which] = r
        print('  %s done' % which, file=sys.stderr)
    h, g = res['hdb'], res['gdb']
    rows = [
        ('first prompt, python3.11d loaded', '%.3f s' % h['prompt_s'], '%.3f s' % g['prompt_s'],
         g['prompt_s'] / h['prompt_s']),
        ('run to PyList_Append', '%.3f s' % h['run_to_bp_s'], '%.3f s' % g['run_to_bp_s'],
         g['run_to_bp_s'] / h['run_to_bp_s']),
        ('conditional breakpoint hits/s (%d)' % args.iterations, '%.0f' % h['hits_per_s'],
         '%.0f' % g['hits_per_s'], h['hits_per_s'] / g['hits_per_s']),
    ]
    print('%-42s %12s %12s %10s' % ('', 'hdb', 'gdb', 'hdb vs gdb'))
    for name, a, b, ratio in rows:
        print('%-42s %12s %12s %9.2fx' % (name, a, b, ratio))
    print('(ratios: how many times faster hdb is; medians of %d runs, hits of %d)'
          % (args.repeat, args.hit_runs))
    if args.json:
        os.makedirs(os.path.dirname(args.json), exist_ok=True)
        gdbv = subprocess.run(['gdb', '--version'], capture_output=True, text=True).stdout
        res['machine'] = {'cpus': os.cpu_count(), 'kernel': platform.release(),
                          'gdb': gdbv.splitlines()[0] if gdbv else '',
                          'date': time.strftime('%Y-%m-%d', time.gmtime())}
        with open(args.json, 'w') as f:
            json.dump(res, f, indent=1)
    return 0


if __name__ == '__main__':
    sys.exit(main())
