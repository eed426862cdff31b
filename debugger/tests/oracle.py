#!/usr/bin/python3
"""hdb against gdb: the same command sequences under `hdb -batch` and
`gdb -batch -nx` on the same programs, compared after normalisation.

gdb is run with startup-with-shell off and LINES/COLUMNS unset so that the
program sees the same argv and environment under both debuggers (then even
stack addresses agree). Normalisation removes what differs by design:
process and thread ids and gdb's thread-library announcements. Libraries'
frames, with libc6-dbg's DWARF, are compared as they are (raise()'s tail
call frames too). Each scenario prints one TAP line `ok N - hdb.NAME`;
a failure shows a unified diff as TAP comments.
"""
import argparse
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile

from oracle_misc import MISC_FILTERS, MISC_SCENARIOS
from oracle_scenarios import SCENARIOS

GDB_PREFIX = ['-ex', 'set startup-with-shell off',
              '-ex', 'unset environment LINES', '-ex', 'unset environment COLUMNS']

DROP = [
    r'\[answered [YN]; input not from terminal\]$',  # gdb's queries, answered by batch mode
    r'^\[Thread debugging using libthread_db',
    r'^Using host libthread_db',
    r'^\[New Thread ',
    r'^\[Thread 0x[0-9a-f]+ \(LWP \d+\) exited\]',
    r'^\[Switching to Thread ',
    r'^\[New LWP ', r'^\[LWP \d+ exited\]',
    r'^\[New process \d+\]',  # gdb's notice when its thread library is not yet loaded
]


def normalise(text, libc_frames='keep'):
    out = []
    for line in text.splitlines():
        if any(re.search(p, line) for p in DROP):
            continue
        line = re.sub(r'process \d+', 'process PID', line)
        line = re.sub(r'LWP \d+', 'LWP N', line)
        if libc_frames == 'drop':
            # A frame or stop inside a shared library (hdb-remote: see remote.py).
            if re.search(r'0x00007fff[0-9a-f]{8} in ', line) or re.search(r'^#\d+ +0x00007fff', line):
                continue
            if re.match(r'^\d+\t\.\./|^\d+\t\./', line):
                continue
            if re.match(r'^\w+ \(.*\) at \.\.?/', line):
                continue
        out.append(line)
    return out


def run(cmd, stdin=None):
    p = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, timeout=60)
    return p.returncode, p.stdout.decode('utf-8', 'replace')


def ex(cmds):
    args = []
    for c in cmds:
        args += ['-ex', c]
    return args




def filtered(lines, how):
    if how in MISC_FILTERS:
        return MISC_FILTERS[how](lines)
    if how == 'no_k':
        # gdb shows the AVX-512 mask registers where the CPU has them, and the
        # segment bases only when its target description has them; hdb always
        # shows the integer registers and fs_base/gs_base.
        return [l for l in lines if not re.match(r'^(k[0-7]|fs_base|gs_base) ', l)]
    if how == 'no_k_hi16':
        # As no_k, and zmm16-31 too: gdb 13 reads the AVX-512 state at the XSAVE offsets of
        # CPUs with MPX (k0-7 at 1088, zmm16-31 at 1664); this machine's CPUID leaf 0DH puts
        # them at 832 and 1408, where the kernel's NT_X86_XSTATE has them and hdb reads them
        # (a program that loads k1 and zmm17 shows gdb 13 reading 0 for both here).
        return [l for l in lines if not re.match(r'^(k[0-7]|fs_base|gs_base|zmm(1[6-9]|2\d|3[01])) ', l)]
    if how == 'threads':
        # Thread lines: hdb has no libthread_db, so its Target Id is just the LWP.
        # Where the main thread is inside libc (creating the thread or waiting
        # for it) depends on timing, so only that it is in libc is compared.
        res = []
        for l in lines:
            m = re.match(r'^([* ]) (\d+) +(?:Thread 0x[0-9a-f]+ \()?LWP N\)? *(?:"[^"]*" )?(.*)$', l)
            if m:
                frame = m.group(3)
                if 'debugger/tests/progs' not in frame:
                    frame = 'LIBC'
                res.append('%s %s %s' % (m.group(1), m.group(2), frame))
            elif l.startswith('  Id'):
                res.append('HEADER')
            elif l.startswith('[Switching to thread'):
                res.append(re.sub(r'\(.*\)', '', l))
            elif l.startswith('[Current thread'):
                res.append(re.sub(r'\(.*\)', '', l))
            elif re.match(r'^#0 ', l) and 'debugger/tests/progs' not in l:
                res.append('#0 LIBC')
            elif re.match(r'^\d+\t\.\.?/', l):
                continue
            else:
                res.append(l)
        return res
    if how == 'sorted':
        # The same libraries; gdb lists the dynamic loader first (it finds it
        # through PT_INTERP before r_debug exists), hdb in link_map order.
        return sorted(lines)
    return lines


def hardware_watchpoints_fire(progs):
    """Whether a debug-register watchpoint fires on this host, asked of gdb itself.

    Some hypervisors never deliver debug-register traps to their guests'
    processes; there gdb's hardware watchpoints are set but never hit.
    """
    _, out = run(['gdb', '-batch', '-nx'] + GDB_PREFIX + ex(['watch counter', 'r']) +
                 [os.path.join(progs, 'basic')])
    return 'Hardware watchpoint 1: counter' in out and 'Old value' in out


def insn_offsets(path, func):
    """Offsets of every instruction of func in path, from binutils' objdump."""
    _, out = run(['objdump', '-d', '--no-show-raw-insn', path])
    offs, start, inside = [], None, False
    for l in out.splitlines():
        m = re.match(r'^([0-9a-f]+) <(.+)>:$', l)
        if m:
            inside = m.group(2) == func
            start = int(m.group(1), 16)
            continue
        m = re.match(r'^ +([0-9a-f]+):\t', l)
        if inside and m:
            offs.append(int(m.group(1), 16) - start)
    return offs


def every_insn_scenarios(progs):
    """A breakpoint on every instruction of emul.c's mix() and poke_ro(), -O0 and -O2.

    Each hit's registers are compared with gdb's: hdb steps over most of
    these breakpoints by emulating the instruction (linux-port/emulate.c),
    gdb by running it, so a wrong register, flag or store shows here (a
    store shows in later loads and in the program's output). The run ends
    in poke_ro()'s store into read-only data, which must fault under both.
    """
    res = []
    for prog in ('emul', 'emul-o2'):
        path = os.path.join(progs, prog)
        mix, ro = insn_offsets(path, 'mix'), insn_offsets(path, 'poke_ro')
        cmds = ['b *mix+%d' % o for o in mix] + ['b *poke_ro+%d' % o for o in ro] + ['r']
        # mix() is called three times and its loop runs four times a call.
        cmds += ['info registers', 'c'] * (3 * 4 * len(mix) + len(ro) + 2)
        res.append(('emul.every_insn_' + prog.replace('-', '_'), prog, ['ro'], cmds,
                    {'filter': 'no_k'}))
    return res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--hdb', required=True)
    ap.add_argument('--progs', required=True)
    ap.add_argument('--src', required=True)
    ap.add_argument('--only')
    args = ap.parse_args()
    if not os.path.exists('/usr/bin/gdb'):
        print('1..0 # SKIP gdb not installed')
        return 0
    n = 0
    failed = 0
    # The dwz scenario means nothing if dwz left the program as it was.
    _, info = run(['readelf', '--debug-dump=info', os.path.join(args.progs, 'dwz')])
    if 'DW_TAG_partial_unit' not in info or 'DW_TAG_imported_unit' not in info:
        print('Bail out! dwz made no partial units in %s' % os.path.join(args.progs, 'dwz'))
        return 1
    for prog, forms in (('dwzm', ('DW_FORM_GNU_ref_alt', 'DW_FORM_GNU_strp_alt')),
                        ('dwz5', ('DW_FORM_ref_sup4', 'DW_FORM_strp_sup'))):
        _, info = run(['readelf', '--debug-dump=abbrev', os.path.join(args.progs, prog)])
        if any(f not in info for f in forms):
            print('Bail out! dwz made no supplementary file for %s' %
                  os.path.join(args.progs, prog))
            return 1
    scenarios = [s for s in SCENARIOS + MISC_SCENARIOS + every_insn_scenarios(args.progs)
                 if not args.only or args.only in s[0]]
    print('1..%d' % (len(scenarios) + 2))
    hw_traps = hardware_watchpoints_fire(args.progs)
    for name, prog, pargs, cmds, opts in scenarios:
        n += 1
        if opts.get('hw_watch') and not hw_traps:
            # Both would print the same nothing: a comparison that cannot fail.
            print('ok %d - hdb.%s # SKIP this host delivers no debug-register traps '
                  '(gdb\'s own hardware watchpoint never fires here)' % (n, name))
            continue
        path = os.path.join(args.progs, prog)
        gpath = os.path.join(args.progs, opts.get('gdb_prog', prog))
        # A scenario's script runs (-x) before its commands; {tmp} is a directory of each
        # debugger's own, and the files named in 'files' there are compared too.
        tmps = [tempfile.mkdtemp(prefix='hdb-oracle-') for _ in range(2)]
        hx, gx = [], []
        for tmp, xs in zip(tmps, (hx, gx)):
            for fname, text in opts.get('tmpfiles', {}).items():
                with open(os.path.join(tmp, fname), 'w') as f:
                    f.write(text.replace('{tmp}', tmp))
            if 'script' in opts:
                with open(os.path.join(tmp, 'script.gdb'), 'w') as f:
                    f.write(opts['script'].replace('{tmp}', tmp))
                xs += ['-x', os.path.join(tmp, 'script.gdb')]
        hcmds = [c.replace('{tmp}', tmps[0]) for c in cmds]
        gcmds = [c.replace('{tmp}', tmps[1]) for c in cmds]
        hrc, hout = run([args.hdb, '-batch'] + hx + ex(hcmds) + [path] + pargs)
        grc, gout = run(['gdb', '-batch', '-nx'] + GDB_PREFIX + gx + ex(gcmds) + ['--args', gpath] +
                        pargs)
        hout, gout = hout.replace(tmps[0], 'TMP'), gout.replace(tmps[1], 'TMP')
        for fname in opts.get('files', []):
            for tmp, which in ((tmps[0], 'h'), (tmps[1], 'g')):
                try:
                    with open(os.path.join(tmp, fname)) as f:
                        text = '\n'.join('%s: %s' % (fname, l) for l in f.read().splitlines())
                except OSError as e:
                    text = '%s: %s' % (fname, e.strerror)
                if which == 'h':
                    hout += '\n' + text
                else:
                    gout += '\n' + text
        for tmp in tmps:
            shutil.rmtree(tmp, ignore_errors=True)
        h = filtered(normalise(hout), opts.get('filter'))
        g = filtered(normalise(gout), opts.get('filter'))
        if opts.get('dwo_warning'):
            # gdb 13 says a .dwo is missing as a complaint at startup (and then, wrongly, that
            # the skeleton's tag is unexpected); hdb says it once as the warning gdb gives on
            # a lookup in that unit.
            g = [re.sub(r'^During symbol reading: ', 'warning: ', l) for l in g
                 if not l.startswith("Dwarf Error: unexpected tag 'DW_TAG_skeleton_unit'")]
        h.append('exit status %d' % hrc)
        g.append('exit status %d' % grc)
        hit_ok = not opts.get('hw_watch') or any(l.startswith('Old value') for l in g)
        if h == g and hrc in (0, 1) and hit_ok:
            print('ok %d - hdb.%s' % (n, name))
        else:
            failed += 1
            print('not ok %d - hdb.%s' % (n, name))
            for l in difflib.unified_diff(g, h, 'gdb', 'hdb', lineterm=''):
                print('# ' + l)
    # hdwarf reads the supplementary file too: its C declarations of the types dwz moved
    # there, against gdb's ptype of the same program.
    # (For DWARF 5's form, gdb reads the program before dwz.)
    n += 1
    hdwarf = os.path.join(os.path.dirname(args.hdb), 'hdwarf')
    mine, theirs = [], []
    for prog, gprog in (('dwzm', 'dwzm'), ('dwz5', 'dwz0')):
        for t in ('pair_t', 'struct pair', 'enum colour'):
            mine += run([hdwarf, 'type', os.path.join(args.progs, prog), t])[1].splitlines()
            theirs += run(['gdb', '-batch', '-nx', '-ex', 'ptype ' + t,
                           os.path.join(args.progs, gprog)])[1].splitlines()
    if mine == theirs and 'GREEN = 5' in '\n'.join(mine):
        print('ok %d - hdwarf.type.supplementary_file' % n)
    else:
        failed += 1
        print('not ok %d - hdwarf.type.supplementary_file' % n)
        for l in difflib.unified_diff(theirs, mine, 'gdb', 'hdwarf', lineterm=''):
            print('# ' + l)
    # -x FILE runs the same commands as -ex and gives the same output.
    n += 1
    cmds = ['b add', 'r', 'bt', 'finish', 'next', 'p counter']
    with tempfile.NamedTemporaryFile('w', suffix='.hdb', delete=False) as f:
        f.write('\n'.join(cmds) + '\n')
        script = f.name
    path = os.path.join(args.progs, 'basic')
    _, a = run([args.hdb, '-batch'] + ex(cmds) + [path])
    _, b = run([args.hdb, '-batch', '-x', script, path])
    os.unlink(script)
    a, b = normalise(a, 'keep'), normalise(b, 'keep')
    if a == b and any('Value returned is $1 = 3' in l for l in a):
        print('ok %d - hdb.batch.script_file' % n)
    else:
        failed += 1
        print('not ok %d - hdb.batch.script_file' % n)
        for l in difflib.unified_diff(a, b, '-ex', '-x', lineterm=''):
            print('# ' + l)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
