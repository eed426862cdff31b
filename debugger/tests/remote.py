#!/usr/bin/python3
"""hdb's GDB remote-protocol client against real servers, gdb as the oracle.

Two servers that hdb's remote target was written for besides the kernel's
own stub (tested in hdb-kernel):

- gdbserver running a test program: `target remote 127.0.0.1:PORT`, then
  break/continue/bt/print/step/next/finish/x/info registers. The same
  commands run under gdb against a second gdbserver on the same program,
  and the outputs are compared line for line.
- QEMU's gdbstub (`-gdb tcp:...` with `-S`) holding the kernel before its
  first instruction: hbreak kmain, continue, bt, p, x, info registers rip,
  compared with gdb's on a second QEMU booted the same way.

Normalised, with the reasons: the pid (as in hdb-oracle); hdb announces
"Remote debugging using" in batch mode too (the kernel suite waits for it),
gdb only at a terminal; frames inside the dynamic loader before it has set
up its r_debug (gdb finds ld.so from PT_INTERP, hdb only through r_debug);
gdb names a gdbserver process "process N" because it negotiates
multiprocess thread ids, hdb says "Remote target" as for any stub; the
order of `info sharedlibrary`. Prints TAP: ok N - hdb.remote.NAME
"""
import argparse
import difflib
import os
import re
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import oracle  # noqa: E402  (normalise, ex)

results = []


def free_port():
    s = socket.socket()
    s.bind(('127.0.0.1', 0))
    port = s.getsockname()[1]
    s.close()
    return port


def wait_port(port, proc, timeout=30):
    end = time.time() + timeout
    while time.time() < end:
        if proc.poll() is not None:
            return False
        try:
            socket.create_connection(('127.0.0.1', port), 0.2).close()
            return True
        except OSError:
            time.sleep(0.05)
    return False


def run_client(cmd):
    p = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, timeout=120)
    return p.returncode, p.stdout.decode('utf-8', 'replace')


def normalise(text):
    lines = oracle.normalise(text, 'drop')
    out = []
    for l in lines:
        if l.startswith('Remote debugging using '):
            continue
        l = l.replace('[Inferior 1 (Remote target) killed]', '[Inferior 1 (process PID) killed]')
        l = l.replace('[Inferior 1 (Remote target) detached]',
                      '[Inferior 1 (process PID) detached]')
        out.append(l)
    return out


def compare(name, h, g, hrc, grc, must):
    h = h + ['exit status %d' % hrc]
    g = g + ['exit status %d' % grc]
    ok = h == g and all(any(re.search(m, l) for l in h) for m in must)
    detail = '' if ok else '\n'.join(difflib.unified_diff(g, h, 'gdb', 'hdb', lineterm=''))
    if not ok and h == g:
        detail = 'equal, but missing one of %s:\n%s' % (must, '\n'.join(h))
    results.append((name, ok, detail))


# ---- gdbserver ----------------------------------------------------------------

GDBSERVER_SCENARIOS = [
    ('gdbserver.break_bt_finish', 'basic',
     ['b add', 'c', 'bt', 'p a', 'p counter + b', 'finish', 'next', 'step', 'bt',
      'info registers rip', 'p origin', 'x/4xw &table', 'p $pc', 'kill'],
     [r'^Breakpoint 1, add \(a=1, b=2\)', r'^Value returned is \$\d+ = 3']),
    ('gdbserver.stepi_display_watch', 'basic',
     ['b twice', 'c', 'stepi', 'nexti', 'info registers rsp', 'display counter', 'b bump', 'c',
      'finish', 'tbreak 45', 'c', 'p total', 'info sharedlibrary', 'kill'],
     [r'^0x0000555555555164\t28\t', r'^main \(argc=1, ', r'^1: counter = 43']),
    ('gdbserver.recursion_up_down', 'recurse',
     ['b recurse.c:10', 'c', 'bt', 'up 2', 'p n', 'info frame', 'down', 'p n', 'finish', 'kill'],
     [r'^#4 +0x[0-9a-f]+ in fact \(n=5\)']),
    ('gdbserver.run_to_exit', 'basic', ['b bump', 'c', 'delete', 'c'],
     [r'exited with code 03']),
    # Calls through the remote protocol alone: registers written with G (gdbserver takes
    # no P), the stack written with X/M, the vector registers from the `g` payload.
    ('gdbserver.calls', 'calls',
     ['b main', 'c', 'next', 'next', 'p add(2, 3)', 'p twice(x)', 'p mkpoint(5, 6)',
      'p mkbig(2)', 'p norm1(&local)', 'p half(3)', 'p first("xyz")', 'call bump()',
      'p counter', 'b add', 'p twice(2)', 'bt', 'c', 'bt', 'p $pc', 'info registers rip rsp',
      'kill'],
     [r'^\$1 = 5$', r'^\$6 = 1\.5$', r'^#2  <function called from gdb>$']),
]


def wait_listening(srv, timeout=30):
    """gdbserver --once serves the first connection only: wait for its word, not a probe."""
    end = time.time() + timeout
    seen = b''
    while time.time() < end and srv.poll() is None:
        line = srv.stderr.readline()
        seen += line
        if b'Listening on port' in line:
            return True
    return False


def gdbserver_session(client, prog, cmds):
    port = free_port()
    srv = subprocess.Popen(['gdbserver', '--once', '127.0.0.1:%d' % port, prog],
                           stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE)
    try:
        if not wait_listening(srv):
            return 99, 'gdbserver did not listen'
        target = ['target remote 127.0.0.1:%d' % port]
        if client == 'gdb':
            # Libraries read from this machine, as hdb reads them, not over the link.
            return run_client(['gdb', '-batch', '-nx', '-ex', 'set sysroot /'] +
                              oracle.ex(target + cmds) + [prog])
        return run_client([client, '-batch'] + oracle.ex(target + cmds) + [prog])
    finally:
        try:
            srv.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            srv.kill()
            srv.communicate()


def gdbserver_tests(hdb, progs):
    if not os.path.exists('/usr/bin/gdbserver'):
        results.append(('gdbserver', True, '# SKIP gdbserver not installed'))
        return
    for name, prog, cmds, must in GDBSERVER_SCENARIOS:
        path = os.path.join(progs, prog)
        hrc, hout = gdbserver_session(hdb, path, cmds)
        grc, gout = gdbserver_session('gdb', path, cmds)
        h, g = normalise(hout), normalise(gout)
        if 'info sharedlibrary' in cmds:
            h, g = sorted(h), sorted(g)
        compare(name, h, g, hrc, grc, must)


# ---- QEMU's gdbstub ---------------------------------------------------------------

# Not next/step in kmain: gdb shows the inlined rdtsc() as a frame of its own, and
# hdb does not model inlined frames yet (debugger/README.md).
QEMU_CMDS = ['hbreak kmain', 'c', 'bt', 'info registers rip', 'p bootinfo.nregions',
             'p bootinfo.regions[0]', 'p/x bootinfo.regions[1].base', 'x/4xb $pc',
             'x/2i $pc', 'p kmain', 'p &bootinfo', 'whatis bootinfo', 'info breakpoints',
             'hbreak console_init', 'c', 'bt', 'p $pc', 'info symbol $pc', 'info line *$pc',
             'finish', 'kill']


def qemu_session(client, kernel):
    port = free_port()
    qemu = subprocess.Popen(
        ['qemu-system-x86_64', '-accel', 'tcg', '-cpu', 'max', '-m', '128M', '-display', 'none',
         '-no-reboot', '-monitor', 'none', '-nodefaults', '-serial', 'null',
         '-gdb', 'tcp:127.0.0.1:%d' % port, '-S', '-kernel', kernel, '-append', 'gdbtest'],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        if not wait_port(port, qemu):
            return 99, 'qemu did not listen'
        target = ['target remote 127.0.0.1:%d' % port]
        if client == 'gdb':
            return run_client(['gdb', '-batch', '-nx'] + oracle.ex(target + QEMU_CMDS) + [kernel])
        return run_client([client, '-batch'] + oracle.ex(target + QEMU_CMDS) + [kernel])
    finally:
        qemu.kill()
        qemu.wait()


def qemu_tests(hdb, kernel):
    if not kernel or not os.path.exists(kernel):
        results.append(('qemu', True, '# SKIP no kernel'))
        return
    hrc, hout = qemu_session(hdb, kernel)
    grc, gout = qemu_session('gdb', kernel)
    compare('qemu.hbreak_kmain_bt_print', normalise(hout), normalise(gout), hrc, grc,
            [r'^Hardware assisted breakpoint 1 at 0xffffffff8[0-9a-f]+: file ',
             r'^#0 +kmain \(magic=\d+, info=\d+\)', r'^#1 +0x[0-9a-f]+ in kmain \(',
             r'^1 +hw breakpoint +keep y'])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--hdb', required=True)
    ap.add_argument('--progs', required=True)
    ap.add_argument('--kernel')
    ap.add_argument('--only')
    args = ap.parse_args()
    if not os.path.exists('/usr/bin/gdb'):
        print('1..0 # SKIP gdb not installed')
        return 0
    hdb = os.path.abspath(args.hdb)
    if not args.only or 'gdbserver' in args.only:
        gdbserver_tests(hdb, args.progs)
    if not args.only or 'qemu' in args.only:
        qemu_tests(hdb, args.kernel)
    print('1..%d' % len(results))
    failed = 0
    for i, (name, ok, detail) in enumerate(results, 1):
        skip = detail.startswith('# SKIP')
        print('%s %d - hdb.remote.%s%s' % ('ok' if ok else 'not ok', i, name,
                                            ' ' + detail if skip else ''))
        if not ok:
            failed += 1
            for line in detail.splitlines():
                print('# ' + line)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
