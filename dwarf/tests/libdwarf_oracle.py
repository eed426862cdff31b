#!/usr/bin/env python3
"""The libdwarf DIE-tree oracle suite (issue 9), printing TAP.

Runs tests/libdwarf_oracle.c, which walks every unit and DIE of a file
with the dwarf library and with Debian's libdwarf in lockstep and requires
the same tree (tags, attributes, forms and decoded values, in order), on:
  - the test programs in --progs built with gcc (DWARF 2, 4, 5, 64-bit
    DWARF 5, type units in .debug_types and in .debug_info, split DWARF
    with each .dwo) and clang (DWARF 4 and 5) at -O0 and -O2;
  - each --real file: python3.11d of python3.11-dbg, hdwarf itself;
  - libc's separate debug file from libc6-dbg, found through the build-id
    note of --libc (readelf -n) under /usr/lib/debug/.build-id.
A last check perturbs one attribute value on our side (--perturb) and
requires the program to fail and name that attribute: the oracle can fail.
"""
import argparse
import concurrent.futures as cf
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import oracle  # noqa: E402  (the programs and compiler variants of the DWARF oracle)

VARIANTS = [v for v in oracle.VARIANTS if v[0] == 'clang' or v[1] in (
    'dwarf2', 'dwarf4', 'dwarf5', 'dwarf5-64', 'types4', 'types5', 'split5')]
DEBUG_DIR = '/usr/lib/debug'
# libdwarf is not instrumented; ASan's quarantine would otherwise hold
# hundreds of MiB of the freed DIEs of python3.11d.
SAN_ENV = dict(os.environ, ASAN_OPTIONS='exitcode=86:detect_leaks=1:quarantine_size_mb=32',
               UBSAN_OPTIONS='exitcode=87:halt_on_error=1')


def run(cmd):
    return subprocess.run(cmd, capture_output=True, text=True, errors='replace', env=SAN_ENV)


def build_id_debug_file(path):
    """The separate debug file the build-id note of path names, or None."""
    r = subprocess.run(['readelf', '-n', path], capture_output=True, text=True)
    m = re.search(r'Build ID: ([0-9a-f]+)', r.stdout)
    if not m:
        return None
    bid = m.group(1)
    return os.path.join(DEBUG_DIR, '.build-id', bid[:2], bid[2:] + '.debug')


def compare(prog, path):
    r = run([prog, path])
    summary = (r.stdout.strip().splitlines() or [''])[-1]
    count = summary.split(': ', 1)[1] if ': ' in summary else ''
    if r.returncode == 0 and 'the same tree' in summary:
        return True, [], count.replace(", the same tree as libdwarf's", '')
    return False, [f'exit {r.returncode}'] + r.stdout.splitlines()[:12] + \
        r.stderr.splitlines()[:8], count


def control(prog, path):
    """--perturb 40 must be caught: exit 1 and a difference naming an attribute."""
    r = run([prog, '--perturb', '40', path])
    lines = r.stdout.splitlines()
    ok = r.returncode == 1 and any(re.search(r'DIE 0x[0-9a-f]+ .* attribute \d+ DW_AT_\w+ '
                                             r'DW_FORM_\w+: .*dwarf 0x', x) for x in lines)
    return ok, ([] if ok else [f'exit {r.returncode}'] + lines[:6] + r.stderr.splitlines()[:4]), \
        (lines[0] if lines else '')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--oracle', required=True, help='the libdwarf_oracle program')
    ap.add_argument('--progs', required=True)
    ap.add_argument('--out', required=True)
    ap.add_argument('--real', action='append', default=[])
    ap.add_argument('--libc', help='a file whose build-id debug file is checked')
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    n = failed = 0

    def report(ok, name, diag, count):
        nonlocal n, failed
        n += 1
        failed += not ok
        print(f"{'ok' if ok else 'not ok'} {n} - dwarf.libdwarf.{name}" +
              (f' # {count}' if count else ''))
        for d in diag:
            print(f'#   {d}')
        sys.stdout.flush()

    with cf.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        builds = [(p, cc, v, f, o) for p in oracle.PROGRAMS for cc, v, f in VARIANTS
                  for o in oracle.OPTS]
        files = []
        for (prog, cc, v, _, o), (path, ok, err) in zip(
                builds, pool.map(lambda b: oracle.build(args, *b), builds)):
            name = f'{prog}.{cc}-{v}{o}'
            if not ok:
                report(False, name + '.build', err, '')
                continue
            files.append((name, path))
            if v == 'split5':
                base = os.path.basename(path)
                for dwo in sorted(f for f in os.listdir(args.out)
                                  if f.startswith(base + '-') and f.endswith('.dwo')):
                    files.append((f'{name}.{dwo[len(base) + 1:-4]}.dwo',
                                  os.path.join(args.out, dwo)))
        for path in args.real:
            files.append((os.path.basename(path).replace('.', '_'), path))
        if args.libc:
            debug = build_id_debug_file(args.libc)
            if debug and os.path.exists(debug):
                files.append(('libc6-dbg', debug))
            else:
                report(False, 'libc6-dbg', [f'no debug file for {args.libc}: {debug}'], '')
        jobs = [(name, pool.submit(compare, args.oracle, path)) for name, path in files]
        if files:
            jobs.append(('control.perturbed', pool.submit(control, args.oracle, files[0][1])))
        for name, fut in jobs:
            ok, diag, count = fut.result()
            report(ok, name, diag, count)
    print(f'1..{n}')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
