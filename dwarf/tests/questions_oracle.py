#!/usr/bin/env python3
"""hdwarf's line, scope and ptype questions against gdb, and the same answers
with and without gdb's own index (part of the dwarf-index-oracle suite).

For a program and the functions nm and its DWARF agree it defines:
  line F   hdwarf's "Line N of FILE starts at address A ... and ends at E"
           against gdb -batch 'info line F': the same line and addresses, and
           gdb's file name a suffix of ours (gdb prints the name as the line
           table gives it, hdwarf as binutils joins it with its directory).
           gdb also lists every other range of that line; the one that starts
           where hdwarf's does is compared;
  scope F  every "parameter NAME: TYPE" and "variable NAME: TYPE" of F's
           blocks against gdb's Python API walking the blocks over F's
           addresses (block_for_pc up to the function's block). gdb 13 reads
           the parameters of an out-of-line instance of an inline function
           twice (once through DW_AT_abstract_origin), so where gdb's list is
           ours with some entries twice, the function counts as agreeing and
           is reported; gdb reads a label without an address as an
           optimized-out variable of type __CORE_ADDR, which is left out.
Both through one `hdwarf query` and one gdb per program. Then, on a copy
indexed by gdb-add-index (.gdb_index), the hdwarf answers to every question,
ptype of the program's type names included, must be byte for byte those
without the index.
"""
import os
import re
import shutil
import subprocess

GDB_SCOPE = r'''
import gdb
def scope(name):
    sym = gdb.lookup_static_symbol(name) or gdb.lookup_global_symbol(name)
    if sym is None or sym.type is None or sym.type.code != gdb.TYPE_CODE_FUNC:
        print('NOFUNC ' + name)
        return
    fb = gdb.block_for_pc(int(sym.value().address))
    while fb is not None and not (fb.function is not None and fb.superblock is not None
                                  and fb.superblock.is_static):
        fb = fb.superblock
    if fb is None:
        print('NOFUNC ' + name)
        return
    seen, out = set(), []
    for pc in range(fb.start, fb.end):
        b, chain = gdb.block_for_pc(pc), []
        while b is not None and not b.is_static:
            chain.append(b)
            if b.start == fb.start and b.end == fb.end and b.function is not None \
                    and b.function.name == name:
                break
            b = b.superblock
        if not chain or chain[-1].start != fb.start or chain[-1].end != fb.end:
            continue
        for k, blk in enumerate(chain):
            key = (blk.start, blk.end, blk.function.name if blk.function else None,
                   len(chain) - k)
            if key in seen:
                continue
            seen.add(key)
            for s in blk:
                # A label without an address reads as an optimized-out __CORE_ADDR variable.
                if s.type is not None and str(s.type) == '__CORE_ADDR':
                    continue
                if s.is_argument or s.is_variable or s.is_constant:
                    out.append('%s %s: %s' % ('parameter' if s.is_argument else 'variable',
                                              s.name, s.type))
    print('SCOPE %s 0x%x' % (name, fb.start))
    for line in sorted(out):
        print('VAR ' + line)
for name in NAMES:
    scope(name)
'''

LINE = re.compile(r'^Line (\d+) of "([^"]+)"\s+(?:starts at|is at) address (0x[0-9a-f]+)'
                  r'(?:.*?and ends at (0x[0-9a-f]+))?', re.M | re.S)


def run(cmd, env=None):
    return subprocess.run(cmd, capture_output=True, text=True, errors='replace', env=env)


def split_lines_answers(text):
    """Each 'Line ...' or 'Function ... not defined.' answer, in order."""
    out = []
    for block in re.split(r'(?=^Line \d+ of |^Function "|^No line number)', text, flags=re.M):
        block = block.strip()
        if not block:
            continue
        m = LINE.match(block)
        out.append(m.groups() if m else (block.splitlines()[0],))
    return out


def our_lines(text):
    """{function: [answers]} from hdwarf's line answers, by the <name> after the start address."""
    out = {}
    for block in re.split(r'(?=^Line \d+ of |^Function ")', text, flags=re.M):
        block = block.strip()
        m = LINE.match(block)
        if m:
            name = re.search(r'starts at address 0x[0-9a-f]+ <([^>+]+)', block).group(1)
            out.setdefault(name, []).append(m.groups())
        elif block.startswith('Function "'):
            out.setdefault(block.split('"')[1], []).append((block.splitlines()[0],))
    return out


def split_scopes(text):
    """{(function, low address): sorted 'parameter NAME: TYPE' lines} from hdwarf scope output."""
    out, cur = {}, None
    for line in text.splitlines():
        m = re.match(r'^Scope for (\S+) \[(0x[0-9a-f]+)', line)
        if m:
            cur = (m.group(1), int(m.group(2), 16))
            out.setdefault(cur, [])
            continue
        m = re.match(r'^\s+(parameter|variable) (\S+): (.*)$', line)
        if m and cur:
            out[cur].append(f'{m.group(1)} {m.group(2)}: {m.group(3)}')
    return {k: sorted(v) for k, v in out.items()}


def gdb_scopes(path, names, tmp):
    script = os.path.join(tmp, os.path.basename(path) + '.scope.py')
    with open(script, 'w') as fh:
        fh.write(GDB_SCOPE.replace('NAMES', repr(names)))
    r = run(['gdb', '-nx', '-batch', '-x', script, path])
    out, cur = {}, None
    for line in r.stdout.splitlines():
        if line.startswith('SCOPE '):
            name, low = line[6:].split()
            cur = (name, int(low, 16))
            out[cur] = []
        elif line.startswith('VAR ') and cur:
            out[cur].append(line[4:])
        elif line.startswith('NOFUNC '):
            cur = None
    return out


def twice_quirk(mine, theirs):
    """gdb's list is ours with some entries repeated."""
    return set(mine) == set(theirs) and len(theirs) > len(mine) and \
        all(theirs.count(x) >= mine.count(x) for x in set(mine))


def check_questions(hdwarf, path, functions, types, env, tmp, gdb_index=True):
    """(ok, diagnostics, note) for line and scope of functions against gdb;
    gdb_index: also on a copy indexed by gdb-add-index (which indexes no
    program whose DWARF is in a separate debug file)."""
    questions = [f'line {f}' for f in functions] + [f'scope {f}' for f in functions]
    ours = run([hdwarf, 'query', path] + questions, env)
    if ours.returncode:
        return False, ['hdwarf query failed'] + ours.stderr.splitlines()[:3], ''
    gdb_args = []
    for f in functions:
        gdb_args += ['-ex', f'echo @@ {f}\\n', '-ex', f'info line {f}']
    gdb = run(['gdb', '-nx', '-batch'] + gdb_args + [path])
    mine_lines = our_lines(ours.stdout.split('Scope for ')[0])
    gdb_lines = {}
    for part in gdb.stdout.split('@@ ')[1:]:
        name, _, rest = part.partition('\n')
        gdb_lines[name] = split_lines_answers(rest)
    diag, quirks = [], 0
    for f in functions:
        theirs = gdb_lines.get(f, [])
        for a in mine_lines.get(f, [('no answer',)]):
            if len(a) == 4:
                # gdb lists each range of the line; the one starting where ours does.
                b = next((b for b in theirs if len(b) == 4 and b[2] == a[2]), None)
                same_file = b is not None and (a[1] == b[1] or
                                               a[1].endswith('/' + os.path.basename(b[1])))
                if b is None or a[0] != b[0] or (b[3] and a[3] != b[3]) or not same_file:
                    diag.append(f'line {f}: hdwarf {a} gdb {theirs[:3]}')
            elif not theirs or a[0] != theirs[0][0]:
                diag.append(f'line {f}: hdwarf {a[0]!r} gdb {theirs[:1]}')
    # gdb's Python finds one definition of a name; ours lists each: compare that one.
    mine_scopes = split_scopes(ours.stdout)
    theirs = gdb_scopes(path, functions, tmp)
    for key, t in theirs.items():
        m = mine_scopes.get(key)
        if m == t:
            continue
        if m is not None and twice_quirk(m, t):
            quirks += 1
            continue
        diag.append(f'scope {key[0]} at 0x{key[1]:x}: hdwarf {m} gdb {t}')
    if len(theirs) != len(functions):
        diag.append(f'gdb found {len(theirs)} of the {len(functions)} functions')
    if not gdb_index:
        return not diag, diag[:12], f'{len(functions)} functions'
    # The same answers through gdb's index (gdb-add-index refuses a file with .debug_names).
    if '.debug_names' in run(['readelf', '-SW', path]).stdout:
        return not diag, diag[:12], f'{len(functions)} functions (.debug_names)'
    indexed = os.path.join(tmp, os.path.basename(path) + '.gdb-index')
    shutil.copyfile(path, indexed)
    r = run(['gdb-add-index', indexed])
    if r.returncode or '.gdb_index' not in run(['readelf', '-SW', indexed]).stdout:
        diag.append('gdb-add-index failed: ' + (r.stderr.strip().splitlines() or [''])[0])
    else:
        asked = questions + [f'ptype {t}' for t in types] + [f'whatis {t}' for t in types]
        plain = run([hdwarf, 'query', path] + asked, env)
        fast = run([hdwarf, 'query', indexed] + asked, env)
        if fast.returncode or plain.stdout != fast.stdout:
            a, b = plain.stdout.splitlines(), fast.stdout.splitlines()
            first = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
            diag.append(f'with .gdb_index, answer line {first} differs: '
                        f'{a[first:first + 1]} vs {b[first:first + 1]} {fast.stderr.strip()[:80]}')
    note = f'{len(functions)} functions, {len(types)} types'
    if quirks:
        note += f', {quirks} with gdb reading parameters twice'
    return not diag, diag[:12], note
