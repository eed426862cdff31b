#!/usr/bin/env python3
"""Oracle suite: hdwarf against llvm-dwarfdump, printing TAP.

Builds the programs in dwarf/tests/progs with gcc (DWARF 2, 3, 4, 5, 64-bit
DWARF, type units in .debug_types and in .debug_info, split DWARF, -O0 and
-O2) and clang (DWARF 4 and 5, which use the indexed strx/addrx forms), then
for every binary requires hdwarf's DIE dump and line tables to equal
llvm-dwarfdump's after normalisation (dwarfdump_norm.py): every unit header,
every DIE's offset, depth, tag, abbreviation and parent, every attribute's
name, form and value, every range and location of the lists that
DW_AT_ranges and location attributes name (base addresses applied), every
line-table header field, file entry and row, and every .debug_aranges set.
The rows are checked a second time against libdwarf's dwarfdump. Binaries
given with --real (the build's own) get the same checks.
Every CIE, FDE and CFA row of .eh_frame and .debug_frame must equal
readelf --debug-dump=frames-interp, and the row hdwarf finds for an
address (through .eh_frame_hdr) must be readelf's row for it.
Then every hdwarf command runs on truncated and corrupted ELF files, on a
file that is not ELF and on one without debug information, and must fail
cleanly: exit status 1 with one "hdwarf: FILE: ..." message, never a
crash. Last,
the live unwinding oracle (live_unwind_test).
"""
import argparse
import concurrent.futures as cf
import difflib
import glob
import os
import random
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dwarfdump_norm as norm  # noqa: E402

PROGRAMS = {
    'types': ['types.c'],
    'scopes': ['scopes.c'],
    'multi': ['multi_a.c', 'multi_b.c'],
}
VARIANTS = [
    ('gcc', 'dwarf2', ['-gdwarf-2']),
    ('gcc', 'dwarf3', ['-gdwarf-3']),
    ('gcc', 'dwarf4', ['-gdwarf-4']),
    ('gcc', 'dwarf5', ['-gdwarf-5']),
    ('gcc', 'dwarf4-64', ['-gdwarf-4', '-gdwarf64']),
    ('gcc', 'dwarf5-64', ['-gdwarf-5', '-gdwarf64']),
    ('gcc', 'types4', ['-gdwarf-4', '-fdebug-types-section']),
    ('gcc', 'types5', ['-gdwarf-5', '-fdebug-types-section']),
    ('gcc', 'split5', ['-gdwarf-5', '-gsplit-dwarf']),
    # Without unwind tables gcc writes .debug_frame (32- and 64-bit DWARF);
    # without a frame pointer the CFA moves with every push and pop.
    ('gcc', 'frame4', ['-gdwarf-4', '-fno-asynchronous-unwind-tables', '-fomit-frame-pointer']),
    ('gcc', 'frame5-64', ['-gdwarf-5', '-gdwarf64', '-fno-asynchronous-unwind-tables']),
    ('gcc', 'nofp5', ['-gdwarf-5', '-fomit-frame-pointer']),
    ('clang', 'dwarf4', ['-gdwarf-4']),
    ('clang', 'dwarf5', ['-gdwarf-5']),
]
OPTS = ['-O0', '-O2']
# gdb's ptype and whatis for each program: the type printer's oracle.
TYPE_QUERIES = {
    'types': (['struct flags', 'union value', 'struct node', 'enum colour', 'enum small_enum',
               'binop_t', 'node_t', 'ulong_t', 'global_flags'],
              ['ops', 'names', 'global_flags', 'tls_counter', 'ld', 'cplx', 'truth', 'sum_matrix',
               'main', 'big', 'se', 'binop_t', 'node_t', 'ulong_t', 'struct node']),
    'multi': (['struct shape', 'struct point'],
              ['shape_area', 'shapes_made', 'main', 'struct shape']),
    'scopes': ([], ['sum', 'counter', 'fib', 'main']),
    # At -O2 counter is only inlined (gdb has no symbol for it), and gdb 13
    # counts the parameters of sum's out-of-line instance twice, once through
    # DW_AT_abstract_origin: "int (int, int, ...)" for int (int, ...).
    'scopes-O2': ([], ['fib', 'main']),
}
TYPE_VARIANTS = ('gcc-dwarf2', 'gcc-dwarf5-64', 'gcc-types4', 'clang-dwarf5')
SAN_ENV = dict(os.environ, ASAN_OPTIONS='exitcode=86:detect_leaks=1',
               UBSAN_OPTIONS='exitcode=87:halt_on_error=1')


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def result(self, ok, name, diag=()):
        self.n += 1
        print(f"{'ok' if ok else 'not ok'} {self.n} - dwarf.{name}")
        for line in diag:
            print(f'#   {line}')
        if not ok:
            self.failed += 1
        sys.stdout.flush()


def run(cmd):
    return subprocess.run(cmd, capture_output=True, text=True, errors='replace', env=SAN_ENV)


def build(args, prog, cc, variant, flags, opt):
    out = os.path.abspath(os.path.join(args.out, f'{prog}-{cc}-{variant}{opt}'))
    srcs = [os.path.abspath(os.path.join(args.progs, s)) for s in PROGRAMS[prog]]
    fp = [] if '-fomit-frame-pointer' in flags else ['-fno-omit-frame-pointer']
    cmd = [cc, opt, *flags, *fp, '-o', out, *srcs]
    for old in glob.glob(out + '-*.dwo'):
        os.remove(old)
    r = subprocess.run(cmd, capture_output=True, text=True, cwd=args.out)
    return out, r.returncode == 0, r.stderr.strip().splitlines()[:5]


def compare(hdwarf, path, option):
    """(ok, diagnostics) for one dump of one file."""
    mine = run([hdwarf, option, path])
    if mine.returncode != 0:
        return False, [f'hdwarf {option} exit {mine.returncode}'] + mine.stderr.splitlines()[:8]
    verbose = option in ('info', '--debug-info', '--debug-types')
    if option == 'info':
        # hdwarf info: --debug-info, then --debug-types (DWARF 4 type units).
        theirs = run(['llvm-dwarfdump', '--debug-info', '-v', path])
        types = run(['llvm-dwarfdump', '--debug-types', '-v', path])
        theirs.stdout += types.stdout
    else:
        llvm_cmd = ['llvm-dwarfdump', option] + (['-v'] if verbose else []) + [path]
        theirs = run(llvm_cmd)
    parse = {'--debug-line': norm.parse_line, '--debug-aranges': norm.parse_aranges}.get(
        option, norm.parse_info)
    mine_recs, their_recs = parse(mine.stdout), parse(theirs.stdout)
    # A .dwo's lists may use .debug_addr indexes that only the skeleton's
    # file resolves: llvm then prints the raw index as an address, hdwarf
    # prints no entries, and the lists are not compared.
    if path.endswith('.dwo'):
        mine_recs = [r for r in mine_recs if r[0] != 'list']
        their_recs = [r for r in their_recs if r[0] != 'list']
    # llvm-dwarfdump 14 cannot decode some DWARF 5 operations (DW_OP_constx,
    # DW_OP_implicit_pointer in a location list):
    # such an expression is left unchecked rather than compared with its error.
    if len(mine_recs) == len(their_recs):
        for i, (m, t) in enumerate(zip(mine_recs, their_recs)):
            if (t[0] == 'attr' and m[:3] == t[:3] and isinstance(t[3], str) and
                    '<decoding error>' in t[3] and '<decoding error>' not in str(m[3])):
                their_recs[i] = m
            if (t[0] == 'list' and m[:2] == t[:2] and '<decoding error>' in t[2] and
                    '<decoding error>' not in m[2]):
                their_recs[i] = m
    a = [repr(x) for x in mine_recs]
    b = [repr(x) for x in their_recs]
    if not b and option != '--debug-aranges':
        return False, ['llvm-dwarfdump printed nothing comparable']
    if a == b:
        return True, [f'{len(a)} records equal']
    diff = list(difflib.unified_diff(b, a, 'llvm-dwarfdump', 'hdwarf', lineterm='', n=1))
    return False, diff[:30]


def compare_frames(hdwarf, path, option):
    """Every CIE, FDE and CFA row against readelf --debug-dump=frames-interp."""
    section = '.eh_frame' if option == '--eh-frame' else '.debug_frame'
    mine = run([hdwarf, option, path])
    if mine.returncode != 0:
        return False, [f'hdwarf {option} exit {mine.returncode}'] + mine.stderr.splitlines()[:8]
    theirs = run(['readelf', '--debug-dump=frames-interp', path])
    a, b = norm.frame_records(mine.stdout, theirs.stdout, section)
    if not b:
        return False, [f'readelf printed no {section} entries']
    if a == b:
        return True, [f'{len(a)} records equal']
    a, b = [repr(x) for x in a], [repr(x) for x in b]
    return False, list(difflib.unified_diff(b, a, 'readelf', 'hdwarf', lineterm='', n=1))[:30]


def compare_frame_lookup(hdwarf, path):
    """The row found for addresses inside every FDE (through .eh_frame_hdr's
    table) equals readelf's row for them: each row's first byte and the byte
    before the next row."""
    theirs = run(['readelf', '--debug-dump=frames-interp', path])
    entries = norm.parse_frames(theirs.stdout, '.eh_frame')
    want = {}
    for entry in entries:
        head, rows = entry[0], entry[1:]
        if head[0] != 'fde' or not rows:
            continue
        ends = [r[1] for r in rows[1:]] + [head[5]]
        for row, end in zip(rows, ends):
            for pc in {row[1], end - 1}:
                if row[1] <= pc < end:
                    want[pc] = row[2:]
    pcs = sorted(want)
    got = {}
    for i in range(0, len(pcs), 500):
        r = run([hdwarf, 'frames', path] + [hex(pc) for pc in pcs[i:i + 500]])
        if r.returncode != 0:
            return False, [f'hdwarf frames exit {r.returncode}'] + r.stderr.splitlines()[:8]
        for rec in norm.parse_frame_lookup(r.stdout):
            got[rec[0]] = rec[1:]
    bad = [f'{pc:#x}: readelf {want[pc]} hdwarf {got.get(pc)}' for pc in pcs
           if got.get(pc) != want[pc]]
    if not pcs:
        return False, ['no rows to look up']
    return not bad, bad[:10] or [f'{len(pcs)} addresses equal']


def compare_types(hdwarf, path, prog):
    """hdwarf ptype/whatis against gdb -batch's, line for line."""
    ptypes, whatis = TYPE_QUERIES[prog]
    cmd = ['gdb', '-nx', '-batch']
    for q in ptypes:
        cmd += ['-ex', f'ptype {q}']
    for q in whatis:
        cmd += ['-ex', f'whatis {q}']
    theirs = subprocess.run(cmd + [path], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, errors='replace', timeout=120).stdout.splitlines()
    mine = []
    for mode, names in (('ptype', ptypes), ('whatis', whatis)):
        if names:
            r = run([hdwarf, mode, path, *names])
            if r.returncode != 0:
                return False, [f'hdwarf {mode} exit {r.returncode}'] + r.stderr.splitlines()[:8]
            mine += r.stdout.splitlines()
    if mine == theirs:
        return True, []
    return False, list(difflib.unified_diff(theirs, mine, 'gdb', 'hdwarf', lineterm='', n=1))[:30]


def compare_libdwarf(hdwarf, path):
    """Second oracle: every line-table row against libdwarf's dwarfdump -l."""
    mine = run([hdwarf, '--debug-line', path])
    if mine.returncode != 0:
        return False, [f'hdwarf --debug-line exit {mine.returncode}']
    theirs = run(['dwarfdump', '-l', path])
    a = [repr(x) for x in norm.rows_from_hdwarf(mine.stdout)]
    b = [repr(x) for x in norm.rows_from_libdwarf(theirs.stdout)]
    if not b:
        return False, ['dwarfdump printed no rows']
    if a == b:
        return True, []
    return False, list(difflib.unified_diff(b, a, 'dwarfdump', 'hdwarf', lineterm='', n=1))[:30]


def oracle_tests(args, tap):
    os.makedirs(args.out, exist_ok=True)
    jobs = [(p, cc, v, f, o) for p in PROGRAMS for cc, v, f in VARIANTS for o in OPTS
            if args.progs]
    with cf.ThreadPoolExecutor(max_workers=4) as pool:
        built = list(pool.map(lambda j: (j, build(args, *j)), jobs))
        checks = []
        for (prog, cc, variant, flags, opt), (path, ok, err) in built:
            name = f'oracle.{prog}.{cc}-{variant}{opt}'
            if not ok:
                tap.result(False, name + '.build', err)
                continue
            options = ['--debug-info', '--debug-line', '--debug-aranges']
            if variant == 'types4':
                options += ['--debug-types', 'info']
            for option in options:
                suffix = option[8:] if option.startswith('--debug-') else 'info-command'
                checks.append((name + '.' + suffix, path, option))
            checks.append((name + '.line-libdwarf', path, 'libdwarf'))
            checks.append((name + '.eh-frame', path, '--eh-frame'))
            if 'frame' in variant:
                checks.append((name + '.debug-frame', path, '--debug-frame'))
            if variant == 'nofp5':
                checks.append((name + '.frame-lookup', path, 'lookup'))
            if f'{cc}-{variant}' in TYPE_VARIANTS:
                key = prog + '-O2' if prog + '-O2' in TYPE_QUERIES and opt == '-O2' else prog
                checks.append((name + '.types-gdb', path, 'types:' + key))
            # Split DWARF: the skeleton above, and each .dwo gcc wrote beside it.
            for dwo in sorted(glob.glob(path + '-*.dwo')):
                unit = os.path.basename(dwo)[len(os.path.basename(path)) + 1:-4]
                for option in ('--debug-info', '--debug-line'):
                    checks.append((f'{name}.dwo-{unit}.{option[8:]}', dwo, option))
        for path in args.real:
            base = os.path.basename(path).replace('.', '_')
            for option in ('--debug-info', '--debug-line', '--debug-aranges', 'libdwarf',
                           '--eh-frame'):
                suffix = 'line-libdwarf' if option == 'libdwarf' else option.lstrip('-')
                suffix = suffix[6:] if suffix.startswith('debug-') else suffix
                checks.append((f'oracle.real.{base}.{suffix}', path, option))
        # Installed libraries: augmentations zPLR (C++ personality and LSDA), many FDEs.
        for path in args.frames:
            base = os.path.basename(path).replace('.', '_')
            checks.append((f'oracle.frames.{base}.eh-frame', path, '--eh-frame'))
            checks.append((f'oracle.frames.{base}.frame-lookup', path, 'lookup'))

        def submit(path, option):
            if option == 'libdwarf':
                return pool.submit(compare_libdwarf, args.hdwarf, path)
            if option in ('--eh-frame', '--debug-frame'):
                return pool.submit(compare_frames, args.hdwarf, path, option)
            if option == 'lookup':
                return pool.submit(compare_frame_lookup, args.hdwarf, path)
            if option.startswith('types:'):
                return pool.submit(compare_types, args.hdwarf, path, option[6:])
            return pool.submit(compare, args.hdwarf, path, option)
        futures = [(n, submit(p, o)) for n, p, o in checks]
        for name, fut in futures:
            ok, diag = fut.result()
            tap.result(ok, name, diag if not ok else ())
    return [b[1][0] for b in built if b[1][1]]


# Every command on a damaged file: (arguments before the file, after it, needs DWARF).
HOSTILE_COMMANDS = [
    (['--debug-info'], [], True), (['--debug-line'], [], True), (['--debug-aranges'], [], True),
    (['--eh-frame'], [], False), (['--debug-frame'], [], False), (['names'], [], True),
]
# These read through the same loader and indexes (which the fuzz run damages far more
# often): on the files that cannot work and on every fourth damaged one.
HOSTILE_SAMPLED = [
    (['info'], [], True), (['lines'], [], True), (['func'], ['main', 'fib'], True),
    (['type'], ['main', 'int'], True), (['frames'], ['0x1139', '0x1000'], False),
    (['addr2line', '-a', '-f', '-i', '-e'], ['0x1139', '0x1000'], True),
    (['line'], ['main', 'fib'], True), (['scope'], ['main', 'fib'], True),
    (['query'], ['line main', 'scope fib', 'ptype int', 'whatis main'], True),
]


def check_hostile(hdwarf, path, before, after, must_fail):
    """hdwarf on a damaged file: clean success (unless must_fail) or one
    "hdwarf: FILE: ..." error line and exit 1."""
    r = run([hdwarf, *before, path, *after])
    bad = 'Sanitizer' in r.stderr or 'runtime error' in r.stderr
    if bad or r.returncode not in (0, 1):
        return False, [f'{before[0]}: exit {r.returncode}'] + r.stderr.splitlines()[:10]
    if r.returncode == 1:
        lines = r.stderr.strip().splitlines()
        if len(lines) != 1 or not lines[0].startswith(f'hdwarf: {path}: '):
            return False, [f'{before[0]}: expected one "hdwarf: {path}:" error line, got:'] + \
                lines[:5]
    elif must_fail:
        return False, [f'{before[0]}: exit 0 where it cannot work']
    return True, []


def hostile_tests(args, tap, binaries):
    """Truncated and bit-flipped ELF files (fixed seeds)."""
    src = next((b for b in binaries if 'scopes-gcc-dwarf5-O2' in b), None)
    if src is None:
        tap.result(False, 'hostile.setup', ['no input binary was built'])
        return
    data = open(src, 'rb').read()
    work = os.path.join(args.out, 'hostile')
    os.makedirs(work, exist_ok=True)
    cases = []
    for cut in (0, 1, 4, 16, 63, 64, 65, 512, len(data) // 3, len(data) // 2,
                len(data) - 4096, len(data) - 65, len(data) - 1):
        cases.append((f'truncate-{cut}', data[:max(cut, 0)], True))
    rng = random.Random(9)
    for i in range(40):
        buf = bytearray(data)
        for _ in range(rng.choice((1, 4, 32))):
            pos = rng.randrange(len(buf))
            buf[pos] ^= 1 << rng.randrange(8)
        cases.append((f'bitflip-{i}', bytes(buf), False))
    # Damage the DWARF only: overwrite runs inside the second half of the file.
    for i in range(40):
        buf = bytearray(data)
        start = rng.randrange(len(buf) // 2, len(buf) - 64)
        for k in range(rng.choice((1, 2, 8, 32))):
            buf[start + k] = rng.randrange(256)
        cases.append((f'overwrite-{i}', bytes(buf), False))
    cases.append(('not-elf', b'#!/bin/sh\necho this is not an ELF file\n', True))
    # No debug information at all (and no separate debug file to find).
    stripped = os.path.join(work, 'stripped.tmp')
    subprocess.run(['strip', '--strip-debug', '-o', stripped, src], check=True)
    cases.append(('no-debug-info', open(stripped, 'rb').read(), 'dwarf'))

    def one_case(numbered):
        index, (name, blob, must_fail) = numbered
        path = os.path.join(work, name)
        with open(path, 'wb') as f:
            f.write(blob)
        diag = []
        ok = True
        sampled = HOSTILE_SAMPLED if must_fail or index % 4 == 0 else []
        for before, after, needs_dwarf in HOSTILE_COMMANDS + sampled:
            # A file that cannot be read fails every command; one without DWARF those needing it.
            fail = must_fail is True or (must_fail == 'dwarf' and needs_dwarf)
            good, d = check_hostile(args.hdwarf, path, before, after, fail)
            ok &= good
            diag += d
        return ok, diag

    with cf.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        for (name, _, _), (ok, diag) in zip(cases, pool.map(one_case, enumerate(cases))):
            tap.result(ok, f'hostile.{name}', diag)


def live_unwind_test(args, tap):
    """The live oracle: a program built -O2 -fomit-frame-pointer captures its
    registers and stack three calls deep, records its own return addresses
    and CFAs, and aborts there. hdwarf unwind on that snapshot must find the
    same frames, and gdb -batch's backtrace of the same stop the same pcs."""
    here = os.path.dirname(os.path.abspath(__file__))
    prog = os.path.abspath(os.path.join(args.out, 'unwind_live'))
    r = subprocess.run(['gcc', '-O2', '-g', '-fomit-frame-pointer', '-no-pie', '-o', prog,
                        os.path.join(here, 'progs', 'unwind_live.c'),
                        os.path.join(here, 'unwind_target.c')], capture_output=True, text=True)
    if r.returncode != 0:
        tap.result(False, 'live.unwind.build', r.stderr.splitlines()[:5])
        return
    snap = prog + '.snap'
    subprocess.run([prog, snap], capture_output=True)
    recorded = {}
    for line in open(snap) if os.path.exists(snap) else ():
        m = re.match(r'frame (\d+) cfa 0x([0-9a-f]+) ra 0x([0-9a-f]+)', line)
        if m:
            recorded[int(m.group(1))] = (int(m.group(3), 16), int(m.group(2), 16))
    mine = run([args.hdwarf, 'unwind', prog, snap])
    frames = {}
    for line in mine.stdout.splitlines():
        m = re.match(r'frame (\d+) pc 0x([0-9a-f]+) cfa 0x([0-9a-f]+)', line)
        if m:
            frames[int(m.group(1))] = (int(m.group(2), 16), int(m.group(3), 16))
    want = [recorded.get(i) for i in range(3)]
    got = [frames.get(i + 1) for i in range(3)]
    tap.result(None not in want and got == want, 'live.unwind.hdwarf-vs-program',
               [f'program recorded (pc, cfa) {want}', f'hdwarf unwind {got}',
                *mine.stderr.splitlines()[:3]])
    gdb = subprocess.run(['gdb', '-nx', '-batch', '-ex', 'run', '-ex', 'bt', '--args', prog,
                          snap + '.gdb'], capture_output=True, text=True, timeout=120)
    bt = {}
    for line in gdb.stdout.splitlines():
        m = re.match(r'#\d+\s+0x([0-9a-f]+) in (\w+)', line)
        if m:
            bt.setdefault(m.group(2), int(m.group(1), 16))
    gdb_pcs = [bt.get(f) for f in ('level2', 'unwind_level1', 'main')]
    tap.result(None not in want and gdb_pcs == [w[0] for w in want], 'live.unwind.gdb-vs-program',
               [f'gdb bt pcs {gdb_pcs}', f'program recorded {[w and w[0] for w in want]}',
                *gdb.stderr.splitlines()[:3]])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--hdwarf', required=True)
    ap.add_argument('--progs', help='directory of test programs to build and check')
    ap.add_argument('--out', required=True)
    ap.add_argument('--real', action='append', default=[], help='a binary to check as is')
    ap.add_argument('--frames', action='append', default=[],
                    help='a binary whose .eh_frame alone is checked (skipped when absent)')
    args = ap.parse_args()
    args.frames = [f for f in args.frames if os.path.exists(f)]
    tap = Tap()
    binaries = oracle_tests(args, tap)
    if args.progs:
        hostile_tests(args, tap, binaries)
        live_unwind_test(args, tap)
    print(f'1..{tap.n}')
    return 1 if tap.failed else 0


if __name__ == '__main__':
    sys.exit(main())
