#!/usr/bin/python3
"""`info caps` on a Linux process against independent sources: the
descriptors of progs/caps (stopped at ready() under hdb) against `ls -l
/proc/PID/fd`, the fdinfo files read and decoded here, and what the program
itself printed (its descriptor numbers, the ports the kernel chose); its
mappings against /proc/PID/maps read here and against gdb's `info proc
mappings` on its own run of the same program. Prints TAP.
"""
import argparse
import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time

results = []


def check(name, ok, text=''):
    results.append((name, bool(ok), text))


class Hdb:
    """hdb reading commands from a pipe, as they come; output read up to a marker."""

    def __init__(self, hdb, argv):
        self.p = subprocess.Popen([hdb, '-q'] + ['--args'] + argv, stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self.n = 0

    def run(self, *cmds, timeout=20):
        self.n += 1
        mark = 'END-OF-%d' % self.n
        for c in cmds + ('echo %s\\n' % mark,):
            self.p.stdin.write((c + '\n').encode())
        self.p.stdin.flush()
        out = b''
        end = time.time() + timeout
        while mark.encode() not in out and time.time() < end:
            r, _, _ = select.select([self.p.stdout], [], [], 0.5)
            if r:
                chunk = os.read(self.p.stdout.fileno(), 65536)
                if not chunk:
                    break
                out += chunk
        return out.decode('utf-8', 'replace').split(mark)[0]

    def close(self):
        try:
            self.p.stdin.write(b'kill\nquit\n')
            self.p.stdin.close()
            self.p.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self.p.kill()
            self.p.wait()


def table(text, title):
    """The rows of the table after the title line: lists of cells split on runs of 2+ spaces."""
    lines = text.split('\n')
    try:
        i = next(k for k, l in enumerate(lines) if l.startswith(title))
    except StopIteration:
        return None, []
    header = re.split(r'\s{2,}', lines[i + 1].strip())
    rows = []
    for l in lines[i + 2:]:
        if not l or l.endswith(':') or l.startswith('(hdb)'):
            break
        # The last column may be empty (anonymous mappings): split at the header's positions.
        starts = [lines[i + 1].index(h) for h in header]
        cells = [l[s:(starts[k + 1] if k + 1 < len(starts) else None)].strip()
                 for k, s in enumerate(starts)]
        rows.append(cells)
    return header, rows


def decode_flags(octal):
    """fdinfo's flags: field by name, with Python's own O_* values (os module)."""
    f = int(octal, 8)
    acc = {os.O_RDONLY: 'O_RDONLY', os.O_WRONLY: 'O_WRONLY', os.O_RDWR: 'O_RDWR'}[f & 3]
    names = [acc]
    f &= ~3
    f &= ~0o100000  # O_LARGEFILE, set on every file of a 64-bit process (hdb leaves it out)
    for name in ('O_CREAT', 'O_EXCL', 'O_NOCTTY', 'O_TRUNC', 'O_APPEND', 'O_NONBLOCK',
                 'O_SYNC', 'O_DSYNC', 'O_ASYNC', 'O_DIRECT', 'O_DIRECTORY', 'O_NOFOLLOW',
                 'O_NOATIME', 'O_CLOEXEC', 'O_PATH'):
        bit = getattr(os, name, 0)
        if bit and f & bit == bit:
            names.append(name)
            f &= ~bit
    if f:
        names.append('0%o' % f)
    return '|'.join(names)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--hdb', required=True)
    ap.add_argument('--progs', required=True)
    args = ap.parse_args()
    prog = os.path.join(args.progs, 'caps')
    tmp = tempfile.mkdtemp(prefix='hdbcaps')
    with open(os.path.join(tmp, 'read.txt'), 'wb') as f:
        f.write(bytes(range(64)))
    h = Hdb(args.hdb, [prog, tmp])
    try:
        out = h.run('info caps')
        check('no_process_error', 'The program is not being run.' in out, out)
        out = h.run('b ready', 'r')
        m = re.search(r'fds ((?:\d+ ?){13})', out)
        ports = re.search(r'tcp (\d+) udp (\d+)', out)
        check('stopped_at_ready', m and ports and 'ready () at' in out, out)
        if not (m and ports):
            return
        rd, apf, rw, dd, p0, p1, s0, s1, tcp, udp, ux, ev, dup_rd = map(int, m.group(1).split())
        out = h.run('info caps')
        pid = int(re.search(r'File descriptors of process (\d+):', out).group(1))
        header, fds = table(out, 'File descriptors of process')
        mheader, maps = table(out, 'Memory mappings of process')
        check('tables_present', header == ['fd', 'kind', 'object', 'flags', 'offset'] and
              mheader == ['start', 'end', 'size', 'offset', 'perms', 'path'] and fds and maps, out)
        by_fd = {int(r[0]): r for r in fds}

        # Every descriptor ls -l lists, with its link, and no other.
        ls = subprocess.run(['ls', '-l', '/proc/%d/fd' % pid], stdout=subprocess.PIPE,
                            text=True).stdout
        links = {int(a): b for a, b in re.findall(r' (\d+) -> (.*)$', ls, re.M)}
        check('fd_numbers_as_ls', sorted(links) == sorted(by_fd), ls + out)
        bad = []
        for fd, link in links.items():
            r = by_fd.get(fd)
            if not r:
                continue
            kind, obj = r[1], r[2]
            if link.startswith('socket:'):
                ok = kind == 'socket'
            elif link.startswith('anon_inode:'):
                ok = kind == 'anon_inode' and obj == link[len('anon_inode:'):]
            else:
                ok = obj == link
            if not ok:
                bad.append((fd, link, r))
        check('objects_as_ls', not bad, repr(bad))

        # Flags and offsets as fdinfo has them, decoded here.
        bad = []
        for fd in links:
            try:
                info = open('/proc/%d/fdinfo/%d' % (pid, fd)).read()
            except OSError:
                continue
            flags = decode_flags(re.search(r'flags:\s+(\d+)', info).group(1))
            pos = re.search(r'pos:\s+(\d+)', info).group(1)
            r = by_fd.get(fd)
            if not r or r[3] != flags or r[4] != pos:
                bad.append((fd, flags, pos, r))
        check('flags_and_offsets_as_fdinfo', not bad, repr(bad))

        # What the program did, descriptor by descriptor.
        want = {
            rd: ('file', os.path.join(tmp, 'read.txt'), 'O_RDONLY', '10'),
            apf: ('file', os.path.join(tmp, 'append.log'), 'O_WRONLY|O_APPEND', '6'),
            rw: ('file', os.path.join(tmp, 'rw.bin'), 'O_RDWR|O_CLOEXEC', '1234'),
            dd: ('dir', tmp, 'O_RDONLY|O_DIRECTORY', '0'),
            p1: ('pipe', by_fd.get(p0, ['', '', '?'])[2], 'O_WRONLY|O_NONBLOCK', '0'),
            p0: ('pipe', by_fd.get(p1, ['', '', '?'])[2], 'O_RDONLY|O_NONBLOCK', '0'),
            s0: ('socket', 'unix stream', 'O_RDWR', '0'),
            s1: ('socket', 'unix stream', 'O_RDWR', '0'),
            tcp: ('socket', 'tcp 127.0.0.1:%s LISTEN' % ports.group(1), 'O_RDWR', '0'),
            udp: ('socket', 'udp 127.0.0.1:%s' % ports.group(2), 'O_RDWR|O_NONBLOCK', '0'),
            ux: ('socket', 'unix dgram ' + os.path.join(tmp, 'sock'), 'O_RDWR', '0'),
            ev: ('anon_inode', '[eventfd]', 'O_RDWR|O_CLOEXEC', '0'),
            dup_rd: ('file', os.path.join(tmp, 'read.txt'), 'O_RDONLY', '10'),
        }
        bad = [(fd, w, by_fd.get(fd)) for fd, w in want.items()
               if not by_fd.get(fd) or tuple(by_fd[fd][1:]) != w]
        check('descriptors_as_the_program_opened_them', not bad and
              re.match(r'pipe:\[\d+\]$', by_fd[p0][2]), repr(bad))

        # Mappings: /proc/PID/maps read here, line for line.
        mine = []
        for l in open('/proc/%d/maps' % pid):
            f = l.split(None, 5)
            lo, hi = (int(x, 16) for x in f[0].split('-'))
            mine.append(['0x%x' % lo, '0x%x' % hi, '0x%x' % (hi - lo), '0x%x' % int(f[2], 16),
                         f[1], f[5].strip() if len(f) > 5 else ''])
        check('mappings_as_proc_maps', mine == maps, repr(mine) + '\n' + out)
    finally:
        h.close()

    # gdb's `info proc mappings` on its own run (address randomisation off in both).
    if shutil.which('gdb'):
        g = subprocess.run(['gdb', '-batch', '-nx', '-ex', 'b ready', '-ex', 'r', '-ex',
                            'info proc mappings', '--args', prog, tmp],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                           timeout=60).stdout
        gm = []
        for l in g.split('\n'):
            f = l.split(None, 5)
            if len(f) >= 5 and f[0].startswith('0x') and f[1].startswith('0x'):
                gm.append([f[0], f[1], f[2], f[3], f[4], f[5].strip() if len(f) > 5 else ''])
        check('mappings_as_gdb_info_proc_mappings', gm and gm == maps, g + '\n' + repr(maps))

    # Bad input: a task number has no meaning for a process; the session goes on.
    h = Hdb(args.hdb, [prog, tmp])
    try:
        out = h.run('b ready', 'r', 'info caps 3', 'info os', 'p 1+1')
        check('info_caps_task_refused_and_info_os',
              'takes no task' in out and re.search(r'caps\s+File descriptors', out) and
              re.search(r'maps\s+Memory mappings', out) and '$1 = 2' in out, out)
    finally:
        h.close()
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == '__main__':
    try:
        main()
    finally:
        print('1..%d' % len(results))
        failed = 0
        for i, (name, ok, text) in enumerate(results, 1):
            print('%s %d - hdb.caps.%s' % ('ok' if ok else 'not ok', i, name))
            if not ok:
                failed += 1
                for line in str(text).splitlines():
                    print('# ' + line)
    sys.exit(1 if failed else 0)
