#!/usr/bin/env python3
"""Oracle suite for the indexes: hdwarf addr2line, lines and func against binutils.

For every program (those the DWARF oracle built in --progs-out, plus --real
binaries), every address that starts a line-table row is resolved by
`hdwarf addr2line -a -f -i` and by binutils `addr2line -a -f -i`; the two
outputs must be identical (function names with their inlined callers,
file:line, discriminators). Where binutils 2.40 is wrong (it reads no
lines from 64-bit DWARF 5 line tables, and in gcc's DWARF 5 tables it
names the primary file where the row names an included one), the address
must instead equal llvm-addr2line's answer, the other independent
implementation (or llvm's file:line of the row with binutils' names and
call sites, where llvm names glibc's functions after other aliases); the
count of such addresses is reported. Both name a
gcc clone (sum.constprop.0) after its ELF symbol in some variants (type
units, 64-bit DWARF) where they cannot follow its DW_AT_abstract_origin;
hdwarf's DWARF name (sum) is accepted for it. `hdwarf lines` must list, as the last row at
each address, the file:line addr2line gives for it (a check of the raw
table against the lookup); a row at the address where its sequence ends
covers nothing and is not asked. For every function symbol of `nm -S`,
`hdwarf func` must report a range equal to the symbol's [value, value+size);
and for gcc and clang, DWARF 4 and 5, -O0 and -O2, every function of the
name index must have exactly the ranges gdb gives it (gdb_func_ranges.py);
so must gcc's split DWARF (-gsplit-dwarf, DWARF 5 and GNU's DWARF 4),
whose functions hdwarf reads from the .dwo files.
Separate debug files: two programs split with objcopy are read through
.gnu_debuglink and through the build-id (HDWARF_DEBUG_FILE_DIRECTORY),
against binutils on the split and the unsplit program, and refused with
one error line when the CRC no longer matches or the directory lacks the
file; on those two, `hdwarf line` and `scope` against gdb through
.gnu_debuglink, and the same answers with the debug file indexed by
gdb-add-index and found by build-id; every 50th row address of each
--debuglib file (libc.so.6) goes through its installed debug file against
binutils. For a selection of the programs (QUESTION_VARIANTS) and a sample
of a real binary's functions, `hdwarf line`, `scope` and `ptype` against
gdb and with gdb-add-index's .gdb_index (questions_oracle.py). Prints TAP.
"""
import argparse
import concurrent.futures as cf
import glob
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import oracle  # noqa: E402  (the programs and compiler variants of the DWARF oracle)
import questions_oracle  # noqa: E402

# clang -gpubnames writes .debug_names, which the name index then reads.
VARIANTS = oracle.VARIANTS + [('clang', 'names5', ['-gdwarf-5', '-gpubnames']),
                              ('gcc', 'split4', ['-gdwarf-4', '-gsplit-dwarf'])]
SAN_ENV = dict(os.environ, ASAN_OPTIONS='exitcode=86:detect_leaks=1',
               UBSAN_OPTIONS='exitcode=87:halt_on_error=1')
CHUNK = 2000
# Where the line/scope/ptype questions are asked (each costs a few gdb runs).
QUESTION_VARIANTS = {('gcc', 'dwarf5', '-O0'), ('gcc', 'dwarf5', '-O2'), ('gcc', 'dwarf4', '-O2'),
                     ('gcc', 'split5', '-O0'), ('gcc', 'split5', '-O2'), ('gcc', 'split4', '-O2'),
                     ('gcc', 'types5', '-O0'), ('gcc', 'types5', '-O2'),
                     ('clang', 'dwarf5', '-O0'), ('clang', 'dwarf5', '-O2'),
                     ('clang', 'names5', '-O2')}
REAL_QUESTIONS = 30


def run(cmd, env=None):
    return subprocess.run(cmd, capture_output=True, text=True, errors='replace',
                          env=dict(SAN_ENV, **(env or {})))


def row_addresses(hdwarf, path, env=None):
    r = run([hdwarf, 'lines', path], env)
    if r.returncode:
        return None, r.stderr.strip().splitlines()[:3]
    last, ends = {}, set()
    for line in r.stdout.splitlines():
        addr, what = line.split(' ', 1)
        if what == 'end':
            ends.add(int(addr, 16))
        else:
            last[int(addr, 16)] = what
    # A row at its sequence's end address covers no byte: the three tools
    # answer it three ways (DWARF5 6.2.5.3), so it is left out.
    return {a: w for a, w in last.items() if a not in ends}, []


def split_by_address(text):
    out, cur = {}, None
    for line in text.splitlines():
        if line.startswith('0x') and all(c in '0123456789abcdef' for c in line[2:]):
            cur = int(line, 16)
            out[cur] = []
        elif cur is not None:
            out[cur].append(line)
    return out


def same(mine, theirs):
    """Equal, or equal but for a clone suffix (sum.constprop.0) in theirs."""
    if mine is None or theirs is None or len(mine) != len(theirs):
        return mine == theirs
    return all(a == b or (i % 2 == 0 and b.startswith(a + '.'))
               for i, (a, b) in enumerate(zip(mine, theirs)))


def check_addr2line(hdwarf, path, step=1, env=None, ref_path=None):
    """Every step-th row address through hdwarf addr2line on path (with env)
    and binutils addr2line on ref_path (path itself unless given)."""
    rows, err = row_addresses(hdwarf, path, env)
    if rows is None:
        return False, ['hdwarf lines failed'] + err, 0
    addrs = sorted(rows)[::step]
    ref_path = ref_path or path
    diag, lines_diag, llvm_only = [], [], 0
    for i in range(0, len(addrs), CHUNK):
        args = ['%x' % a for a in addrs[i:i + CHUNK]]
        ours = run([hdwarf, 'addr2line', '-a', '-f', '-i', '-e', path] + args, env)
        ref = run(['addr2line', '-a', '-f', '-i', '-e', ref_path] + args)
        if ours.returncode:
            return False, ['hdwarf addr2line failed'] + ours.stderr.splitlines()[:3], 0
        mine, theirs = split_by_address(ours.stdout), split_by_address(ref.stdout)
        differ = [a for a in addrs[i:i + CHUNK] if not same(mine.get(a), theirs.get(a))]
        if differ:
            llvm = run(['llvm-addr2line', '-a', '-f', '-i', '-e', ref_path] +
                       ['0x%x' % a for a in differ])
            second = split_by_address(llvm.stdout)
            for a in differ:
                # llvm's answer, or llvm's file:line of the row with the rest
                # binutils' (llvm names glibc's functions after other aliases
                # than the linkage name, and prints no discriminator on the
                # call sites).
                alt = list(theirs.get(a) or [])
                if len(alt) >= 2 and len(second.get(a) or []) >= 2:
                    alt[1] = second[a][1]
                for candidate in (second.get(a), alt):
                    if same(mine.get(a), candidate):
                        theirs[a] = candidate
                        llvm_only += 1
                        break
        for a in addrs[i:i + CHUNK]:
            if not same(mine.get(a), theirs.get(a)) and len(diag) < 12:
                diag.append(f'0x{a:x}: hdwarf {mine.get(a)} addr2line {theirs.get(a)}')
            # The first location line is the row's file:line.
            ref_loc = (theirs.get(a) or ['', ''])[1]
            if rows[a] != ref_loc and len(lines_diag) < 6:
                lines_diag.append(f'lines 0x{a:x}: hdwarf {rows[a]} addr2line {ref_loc}')
    note = f'{len(addrs)} addresses, {llvm_only} by llvm-addr2line'
    return not diag and not lines_diag, diag + lines_diag, note


def dwarf_functions(path):
    """{name: {(low, high)}} of nm's function symbols that have a DIE at their value."""
    nm = run(['nm', '-S', '--defined-only', path])
    syms = {}
    for line in nm.stdout.splitlines():
        f = line.split()
        if len(f) == 4 and f[2] in 'tT' and int(f[1], 16) > 0 and '.' not in f[3]:
            syms.setdefault(f[3], set()).add((int(f[0], 16), int(f[0], 16) + int(f[1], 16)))
    # Only functions with DWARF: a DIE whose DW_AT_low_pc is the symbol's value. A split
    # DWARF program's DIEs are in .dwo files, whose addresses llvm-dwarfdump leaves
    # unresolved: the same program built without -gsplit-dwarf says which functions have one.
    base = os.path.basename(path)
    if re.search(r'-gcc-split[45]-O[02]$', base):
        twin = os.path.join(os.path.dirname(path), re.sub(r'-split([45])-', r'-dwarf\1-', base))
        return {n: r for n, r in syms.items() if n in dwarf_functions(twin)}
    dump = run(['llvm-dwarfdump', '--debug-info', path])
    lows = set(int(m, 16) for m in re.findall(r'DW_AT_low_pc\s+\((0x[0-9a-f]+)\)', dump.stdout))
    return {n: r for n, r in syms.items() if any(lo in lows for lo, _ in r)}


def check_func(hdwarf, path):
    syms = dwarf_functions(path)
    names = sorted(syms)
    if not names:
        return True, [], 'no functions'
    r = run([hdwarf, 'func', path] + names)
    if r.returncode:
        return False, ['hdwarf func failed'] + r.stderr.splitlines()[:3], 0
    got = {}
    for line in r.stdout.splitlines():
        f = line.split()
        if len(f) == 3 and f[1].startswith('0x'):
            got.setdefault(f[0], set()).add((int(f[1], 16), int(f[2], 16)))
    diag, checked = [], 0
    for name in names:
        checked += 1
        if not syms[name] & got.get(name, set()) and len(diag) < 12:
            diag.append(f'{name}: nm {sorted(syms[name])} hdwarf {sorted(got.get(name, []))}')
    return not diag, diag, f'{checked} functions'


def check_func_gdb(hdwarf, path):
    """hdwarf func's ranges of every function of the name index against the
    ranges gdb gives the function symbols (gdb_func_ranges.py)."""
    r = run([hdwarf, 'names', path])
    if r.returncode or not r.stdout.split():
        return False, ['hdwarf names failed'] + r.stderr.splitlines()[:3], 0
    names = r.stdout.split()
    names_path = path + '.names'
    with open(names_path, 'w') as f:
        f.write('\n'.join(names) + '\n')
    script = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'gdb_func_ranges.py')
    gdb = subprocess.run(['gdb', '-nx', '-batch', '-ex', f'python NAMES={names_path!r}',
                          '-x', script, path], capture_output=True, text=True, timeout=300)
    ours = run([hdwarf, 'func', path] + names)
    if ours.returncode:
        return False, ['hdwarf func failed'] + ours.stderr.splitlines()[:3], 0
    want, got = sorted(gdb.stdout.splitlines()), sorted(ours.stdout.splitlines())
    if not want or gdb.returncode:
        return False, ['gdb gave no ranges'] + gdb.stderr.splitlines()[:5], 0
    ranges = sum(1 for x in want if not x.endswith('no function with code'))
    if want == got:
        return True, [], f'{len(names)} functions, {ranges} ranges'
    diff = [f'gdb    {x}' for x in want if x not in got] + [f'hdwarf {x}' for x in got
                                                         if x not in want]
    return False, diff[:12], f'{len(names)} functions'


def expect_error(hdwarf, path, env=None):
    """hdwarf addr2line on a file whose DWARF cannot be found: one error line, exit 1."""
    r = run([hdwarf, 'addr2line', '-e', path, '0'], env)
    lines = r.stderr.strip().splitlines()
    ok = r.returncode == 1 and len(lines) == 1 and lines[0].startswith(f'hdwarf: {path}: ')
    return ok, lines[:3] + [f'exit {r.returncode}']


def check_split_questions(hdwarf, prog, debug, linked, bare, base):
    """hdwarf line and scope through a separate debug file: on the program
    found by .gnu_debuglink against gdb (which follows it too), then the
    same answers byte for byte with the debug file indexed by gdb-add-index
    and found by build-id, so that the name index reads its .gdb_index."""
    names = sorted(dwarf_functions(prog))
    ok, diag, count = questions_oracle.check_questions(hdwarf, linked, names, [], SAN_ENV,
                                                       os.path.dirname(base), gdb_index=False)
    if not ok:
        return False, ['debuglink questions:'] + diag, count
    bid = re.search(r'Build ID: ([0-9a-f]+)', run(['readelf', '-n', prog]).stdout).group(1)
    root = base + '.indexed'
    os.makedirs(os.path.join(root, '.build-id', bid[:2]), exist_ok=True)
    target = os.path.join(root, '.build-id', bid[:2], bid[2:] + '.debug')
    shutil.copyfile(debug, target)
    r = run(['gdb-add-index', target])
    if r.returncode or '.gdb_index' not in run(['readelf', '-SW', target]).stdout:
        return False, ['gdb-add-index failed on the debug file'] + r.stderr.splitlines()[:3], count
    asked = [f'{q} {n}' for q in ('line', 'scope') for n in names]
    plain = run([hdwarf, 'query', linked] + asked)
    fast = run([hdwarf, 'query', bare] + asked, {'HDWARF_DEBUG_FILE_DIRECTORY': root})
    if plain.returncode or fast.returncode or plain.stdout != fast.stdout:
        a, b = plain.stdout.splitlines(), fast.stdout.splitlines()
        first = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
        return False, [f'with the indexed debug file, answer line {first} differs: '
                       f'{a[first:first + 1]} vs {b[first:first + 1]}',
                       fast.stderr.strip()[:200]], count
    return True, [], count + ', the same with .gdb_index'


def check_separate(hdwarf, prog, out):
    """The DWARF of prog moved to a separate file with objcopy: found through
    .gnu_debuglink (binutils follows it too) and, in a debug directory given
    by HDWARF_DEBUG_FILE_DIRECTORY, through the build-id (then binutils reads
    the unsplit program); a debug file whose CRC no longer matches and a
    directory without the file leave hdwarf without DWARF, which it says."""
    base = os.path.abspath(os.path.join(out, 'split-' + os.path.basename(prog)))
    debug, linked, bare = base + '.debug', base + '.linked', base + '.bare'
    for cmd in (['objcopy', '--only-keep-debug', prog, debug],
                ['objcopy', '--strip-debug', '--add-gnu-debuglink=' + debug, prog, linked],
                ['objcopy', '--strip-debug', prog, bare]):
        r = subprocess.run(cmd, capture_output=True, text=True, cwd=out)
        if r.returncode:
            return False, [' '.join(cmd)] + r.stderr.splitlines()[:3], 0
    note = []
    ok, diag, count = check_addr2line(hdwarf, linked)
    note.append(f'debuglink: {count}')
    if not ok:
        return False, ['debuglink:'] + diag, count
    m = re.search(r'Build ID: ([0-9a-f]+)', run(['readelf', '-n', prog]).stdout)
    if not m:
        return False, ['the program has no build-id note'], count
    bid = m.group(1)
    root = base + '.dir'
    os.makedirs(os.path.join(root, '.build-id', bid[:2]), exist_ok=True)
    target = os.path.join(root, '.build-id', bid[:2], bid[2:] + '.debug')
    if os.path.exists(target):
        os.remove(target)
    os.link(debug, target)
    env = {'HDWARF_DEBUG_FILE_DIRECTORY': root}
    ok, diag, count = check_addr2line(hdwarf, bare, env=env, ref_path=prog)
    note.append(f'build-id: {count}')
    if not ok:
        return False, ['build-id:'] + diag, count
    ok, diag, count = check_split_questions(hdwarf, prog, debug, linked, bare, base)
    note.append(f'questions: {count}')
    if not ok:
        return False, diag, count
    ok, diag = expect_error(hdwarf, bare, {'HDWARF_DEBUG_FILE_DIRECTORY': out})
    if not ok:
        return False, ['no debug file in the directory:'] + diag, count
    with open(debug, 'r+b') as f:
        f.seek(-1, os.SEEK_END)
        last = f.read(1)
        f.seek(-1, os.SEEK_END)
        f.write(bytes([last[0] ^ 0xff]))
    ok, diag = expect_error(hdwarf, linked, {'HDWARF_DEBUG_FILE_DIRECTORY': out})
    if not ok:
        return False, ['debuglink CRC mismatch:'] + diag, count
    return True, [], '; '.join(note)


def check_questions(hdwarf, path, types, tmp, sample=None):
    names = sorted(dwarf_functions(path))
    if sample:
        names = names[::max(1, len(names) // sample)][:sample]
    return questions_oracle.check_questions(hdwarf, path, names, types, SAN_ENV, tmp)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--hdwarf', required=True)
    ap.add_argument('--progs', help='directory of test programs to build and check')
    ap.add_argument('--out', help='where to build them')
    ap.add_argument('--real', action='append', default=[])
    ap.add_argument('--debuglib', action='append', default=[],
                    help='a file whose DWARF is in its separate debug file (every 50th row)')
    args = ap.parse_args()
    paths, n, failed = [], 0, 0
    with cf.ThreadPoolExecutor(max_workers=4) as pool:
        if args.progs:
            os.makedirs(args.out, exist_ok=True)
            # Split DWARF (split4, split5): the functions are read from the .dwo files.
            builds = [(p, cc, v, f, o) for p in oracle.PROGRAMS for cc, v, f in VARIANTS
                      for o in oracle.OPTS]
            questions = []
            for (prog, cc, v, _, o), (path, ok, err) in zip(
                    builds, pool.map(lambda b: oracle.build(args, *b), builds)):
                if ok:
                    paths.append(path)
                    if (cc, v, o) in QUESTION_VARIANTS:
                        questions.append((path, oracle.TYPE_QUERIES.get(prog, ([], []))[0]))
                    continue
                n += 1
                failed += 1
                print(f'not ok {n} - dwarf.index.build.{prog}-{cc}-{v}{o}')
                for e in err:
                    print(f'#   {e}')
        built = list(paths)
        paths += args.real
        jobs = []
        for path in paths:
            base = os.path.basename(path).replace('.', '_')
            jobs.append((f'addr2line.{base}', pool.submit(check_addr2line, args.hdwarf, path)))
            jobs.append((f'func.{base}', pool.submit(check_func, args.hdwarf, path)))
        # gdb's function ranges: both compilers, DWARF 4 and 5 (split too), -O0 and -O2.
        for path in built:
            base = os.path.basename(path)
            if re.search(r'-(gcc|clang)-(dwarf|split)[45]-O[02]$', base):
                jobs.append((f'func-gdb.{base.replace(".", "_")}',
                             pool.submit(check_func_gdb, args.hdwarf, path)))
        # Separate debug files: a split test program, and installed libraries.
        for path in built:
            if os.path.basename(path) in ('multi-gcc-dwarf5-O2', 'scopes-clang-dwarf4-O0'):
                jobs.append((f'debugfile.{os.path.basename(path)}',
                             pool.submit(check_separate, args.hdwarf, path, args.out)))
        for path in args.debuglib:
            base = os.path.basename(path).replace('.', '_')
            jobs.append((f'debugfile.{base}.addr2line',
                         pool.submit(check_addr2line, args.hdwarf, path, 50)))
        # Scratch files (gdb scripts, indexed copies) beside the build's other dwarf output.
        tmp = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(args.hdwarf))),
                           'dwarf', 'questions')
        os.makedirs(tmp, exist_ok=True)
        if args.progs:
            for path, types in questions:
                base = os.path.basename(path).replace('.', '_')
                jobs.append((f'questions.{base}',
                             pool.submit(check_questions, args.hdwarf, path, types, tmp)))
        for path in args.real:
            base = os.path.basename(path).replace('.', '_')
            jobs.append((f'questions.{base}', pool.submit(check_questions, args.hdwarf, path, [],
                                                          tmp, REAL_QUESTIONS)))
        for name, fut in jobs:
            ok, diag, count = fut.result()
            n += 1
            failed += not ok
            print(f"{'ok' if ok else 'not ok'} {n} - dwarf.index.{name} # {count}")
            for d in diag:
                print(f'#   {d}')
            sys.stdout.flush()
    print(f'1..{n}')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
