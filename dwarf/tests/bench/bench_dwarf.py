#!/usr/bin/env python3
"""make bench-dwarf: the dwarf library (through an -O2 hdwarf without
sanitizers) against gdb on the same files, in the same run.

First issue 9's benchmark: on python3.11d (Debian's python3.11-dbg, 10 MB
of .debug_info, no index), from start to the answers of three questions,
in one process each:
      hdwarf query FILE 'line _PyEval_EvalFrameDefault' \
                        'scope list_append' 'ptype PyListObject'
  vs  gdb -nx -batch -ex 'info line _PyEval_EvalFrameDefault' \
                     -ex 'info scope list_append' -ex 'ptype PyListObject' FILE
best of QREPEAT (wall time, with that run's CPU time and peak RSS), and the
same on a copy indexed by gdb-add-index (.gdb_index). The answers must
agree: the same line and addresses; gdb's info scope names (the symbols at
the function's entry) among ours; every parameter and variable of every
block of list_append, with its type, as gdb's Python API lists them (an
untimed gdb run walks the blocks over the function's addresses); the same
ptype text. Goal (issue 9): at least 5x faster than gdb, under 20 MiB.

Then for each file:
  (a) names: load the file and index every function name
      (hdwarf names FILE)  vs  gdb -nx -batch -ex 'info functions' FILE
  (b) lines: resolve ADDRS addresses, sampled with a fixed seed from the
      line-table rows, to file:line in one process
      (hdwarf addr2line -e FILE ADDR...)  vs  gdb -nx -batch -x CMDS FILE
      with one 'info line *ADDR' per address.
Each command runs REPEAT times; the best wall time and that run's peak RSS
are kept. The ratio is gdb's time over ours (above 1: we are faster). The
lines answers are compared with gdb's as a sanity check (agreement in %):
not all agree because gdb's 'info line' picks among the rows at an address
(and skips non-statement rows) differently from binutils, which hdwarf
follows and the dwarf-index-oracle suite checks exactly.
Writes a JSON summary.
"""
import argparse
import json
import os
import random
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import questions_oracle  # noqa: E402  (gdb's view of a scope, and how to read ours)

ADDRS = 10000
REPEAT = 3
QREPEAT = 10
QUESTIONS = [('line', '_PyEval_EvalFrameDefault', 'info line'),
             ('scope', 'list_append', 'info scope'),
             ('ptype', 'PyListObject', 'ptype')]
GOAL_RATIO = 5.0
GOAL_MIB = 20.0

def measure(cmd, out_path):
    """(seconds, CPU seconds, peak RSS in MiB, stdout text) of one run, output to out_path.

    Linux keeps a process's peak RSS across exec, and a child starts with its
    parent's, so the peak is taken by /usr/bin/time (small itself) around
    the command rather than from this script's own child.
    """
    rss_path = out_path + '.rss'
    t0 = time.perf_counter()
    with open(out_path, 'w') as out:
        r = subprocess.run(['/usr/bin/time', '-f', '%U %S %M', '-o', rss_path] + cmd, stdout=out,
                           stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - t0
    if r.returncode != 0:
        raise RuntimeError(f'{cmd[0]} failed on {cmd[-1]}')
    with open(rss_path) as fh:
        user, system, rss = fh.read().split()[-3:]
    with open(out_path) as fh:
        return elapsed, float(user) + float(system), int(rss) / 1024.0, fh.read()


def best(cmd, out_path, repeat=REPEAT):
    runs = [measure(cmd, out_path) for _ in range(repeat)]
    t, cpu, rss, out = min(runs, key=lambda r: r[0])
    return {'seconds': round(t, 4), 'cpu_seconds': round(cpu, 2), 'peak_mib': round(rss, 1)}, out


def sample_addresses(hdwarf, path):
    out = subprocess.run([hdwarf, 'lines', path], capture_output=True, text=True).stdout
    rows, ends = set(), set()
    for line in out.splitlines():
        addr, what = line.split(' ', 1)
        (ends if what == 'end' else rows).add(int(addr, 16))
    rows = sorted(rows - ends)
    rng = random.Random(9)
    return [rng.choice(rows) for _ in range(ADDRS)] if rows else []


def agreement(addrs, ours, gdb_out):
    mine = [l.split(' (discriminator')[0] for l in ours.splitlines()]
    theirs = {}
    for m in re.finditer(r'Line (\d+) of "([^"]+)"\s+(?:starts at|is at) address (0x[0-9a-f]+)',
                         gdb_out):
        theirs.setdefault(len(theirs), f'{m.group(2)}:{m.group(1)}')
    gdb_lines = [theirs[i] for i in range(len(theirs))]
    if len(gdb_lines) != len(mine):
        return None
    same = sum(1 for a, b in zip(mine, gdb_lines) if a == b or a.endswith('/' + b))
    return round(100.0 * same / len(mine), 2)


def split_answers(text):
    """Our query output or gdb's batch output cut into the three answers."""
    line = re.search(r'^Line (\d+) of "([^"]+)"\s+starts at address (0x[0-9a-f]+) .*?'
                     r'and ends at (0x[0-9a-f]+)', text, re.M | re.S)
    ptype = re.search(r'^type = .*?^}$', text, re.M | re.S)
    return {'line': line.groups() if line else None,
            'ptype': ptype.group(0) if ptype else None}


def own_names(text):
    """The names of the parameters and variables of the function's own block in our scope."""
    return {m.group(1) for m in re.finditer(r'^  (?:parameter|variable) (\S+):', text, re.M)}


def agreement_questions(ours, theirs, gdb_scope):
    """What agrees between our answers and gdb's, question by question."""
    a, b = split_answers(ours), split_answers(theirs)
    checks = {}
    if a['line'] and b['line']:
        (l1, f1, s1, e1), (l2, f2, s2, e2) = a['line'], b['line']
        same_file = f1 == f2 or f1.endswith('/' + os.path.basename(f2))
        checks['line'] = l1 == l2 and s1 == s2 and e1 == e2 and same_file
        checks['line_text'] = f'line {l1} [{s1}, {e1}) vs gdb line {l2} [{s2}, {e2})'
    else:
        checks['line'] = False
    own = own_names(ours)
    gdb_entry = set(re.findall(r'^Symbol (\S+) is', theirs, re.M))
    checks['scope_entry'] = bool(gdb_entry) and gdb_entry <= own
    checks['scope_entry_text'] = f'gdb info scope {sorted(gdb_entry)} among ours {sorted(own)}'
    mine = questions_oracle.split_scopes(ours)
    same = [k for k, v in gdb_scope.items() if mine.get(k) == v]
    count = sum(len(v) for v in gdb_scope.values())
    checks['scope_all'] = bool(gdb_scope) and len(same) == len(gdb_scope)
    checks['scope_all_text'] = (f'{count} parameters and variables in all blocks as gdb Python '
                                f'lists them, {sum(len(v) for v in mine.values())} here')
    checks['ptype'] = a['ptype'] is not None and a['ptype'] == b['ptype']
    return checks


def bench_questions(hdwarf, path, label, tmp):
    out = os.path.join(tmp, label + '.out')
    ours_cmd = [hdwarf, 'query', path] + [f'{q} {name}' for q, name, _ in QUESTIONS]
    gdb_cmd = ['gdb', '-nx', '-batch']
    for _, name, cmd in QUESTIONS:
        gdb_cmd += ['-ex', f'{cmd} {name}']
    gdb_cmd.append(path)
    ours, ours_text = best(ours_cmd, out, QREPEAT)
    ref, gdb_text = best(gdb_cmd, out, QREPEAT)
    gdb_scope = questions_oracle.gdb_scopes(path, [QUESTIONS[1][1]], tmp)
    checks = agreement_questions(ours_text, gdb_text, gdb_scope)
    ratio = ref['seconds'] / ours['seconds']
    return {'file': path, 'label': label, 'bytes': os.path.getsize(path),
            'hdwarf': ours, 'gdb': ref, 'ratio': round(ratio, 2),
            'cpu_ratio': round(ref['cpu_seconds'] / max(ours['cpu_seconds'], 0.005), 1),
            'agreement': checks,
            'goal_met': ratio >= GOAL_RATIO and ours['peak_mib'] < GOAL_MIB}


def print_questions(r):
    ours, ref, c = r['hdwarf'], r['gdb'], r['agreement']
    print(f'{r["label"]:<28}{"3 quest.":<8}{ours["seconds"]:>10.3f}{ours["peak_mib"]:>7.1f}'
          f'{ref["seconds"]:>10.3f}{ref["peak_mib"]:>7.1f}{r["ratio"]:>9.1f}x')
    print(f'{"":<28}CPU (user+sys): {ours["cpu_seconds"]:.2f} s vs gdb {ref["cpu_seconds"]:.2f} s')
    yes = lambda ok: 'same' if ok else 'DIFFERENT'
    print(f'{"":<28}line: {yes(c["line"])} ({c.get("line_text", "no answer")})')
    print(f'{"":<28}scope at entry: {yes(c["scope_entry"])} ({c["scope_entry_text"]})')
    print(f'{"":<28}scope, all blocks: {yes(c["scope_all"])} ({c["scope_all_text"]})')
    print(f'{"":<28}ptype: {yes(c["ptype"])} text')
    print(f'{"":<28}goal ({GOAL_RATIO:.0f}x faster, under {GOAL_MIB:.0f} MiB): '
          f'{"met" if r["goal_met"] else "NOT met"}')
    sys.stdout.flush()


def bench_file(hdwarf, path, tmp):
    size = os.path.getsize(path)
    out = os.path.join(tmp, os.path.basename(path) + '.out')
    names, _ = best([hdwarf, 'names', path], out)
    gdb_names, _ = best(['gdb', '-nx', '-batch', '-ex', 'info functions', path], out)
    addrs = sample_addresses(hdwarf, path)
    cmds = os.path.join(tmp, os.path.basename(path) + '.gdb')
    with open(cmds, 'w') as fh:
        fh.writelines(f'info line *0x{a:x}\n' for a in addrs)
    lines, ours = best([hdwarf, 'addr2line', '-e', path] + ['%x' % a for a in addrs], out)
    gdb_lines, theirs = best(['gdb', '-nx', '-batch', '-x', cmds, path], out)
    return {
        'file': path, 'bytes': size, 'addresses': len(addrs),
        'names': {'hdwarf': names, 'gdb': gdb_names,
                  'ratio': round(gdb_names['seconds'] / names['seconds'], 2)},
        'lines': {'hdwarf': lines, 'gdb': gdb_lines,
                  'ratio': round(gdb_lines['seconds'] / lines['seconds'], 2),
                  'agreement_pct': agreement(addrs, ours, theirs)},
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--hdwarf', required=True)
    ap.add_argument('--json', required=True)
    ap.add_argument('--python', help='python3.11d (Debian python3.11-dbg)')
    ap.add_argument('--python-indexed', help='a copy of it indexed by gdb-add-index')
    ap.add_argument('files', nargs='+')
    args = ap.parse_args()
    tmp = os.path.dirname(os.path.abspath(args.json))
    os.makedirs(tmp, exist_ok=True)
    results, questions = [], []
    print(f'{"file":<28}{"task":<8}{"hdwarf s":>10}{"MiB":>7}{"gdb s":>10}{"MiB":>7}'
          f'{"gdb/ours":>10}')
    for path, label in ((args.python, 'python3.11d'),
                        (args.python_indexed, 'python3.11d + .gdb_index')):
        if not path or not os.path.exists(path):
            print(f'{label}: missing (scripts/deps.sh --bench installs python3.11-dbg), skipped')
            continue
        r = bench_questions(args.hdwarf, path, label, tmp)
        questions.append(r)
        print_questions(r)
    for path in args.files:
        if not os.path.exists(path):
            print(f'{path}: missing, skipped')
            continue
        r = bench_file(args.hdwarf, path, tmp)
        results.append(r)
        for task in ('names', 'lines'):
            ours, ref = r[task]['hdwarf'], r[task]['gdb']
            print(f'{os.path.basename(path):<28}{task:<8}{ours["seconds"]:>10.3f}'
                  f'{ours["peak_mib"]:>7.1f}{ref["seconds"]:>10.3f}{ref["peak_mib"]:>7.1f}'
                  f'{r[task]["ratio"]:>9.1f}x')
        print(f'{"":<28}{r["addresses"]} addresses; lines agreeing with gdb: '
              f'{r["lines"]["agreement_pct"]}%')
        sys.stdout.flush()
    with open(args.json, 'w') as fh:
        json.dump({'benchmark': 'dwarf', 'repeat': REPEAT, 'questions_repeat': QREPEAT,
                   'questions': questions, 'results': results}, fh, indent=2)
    print(f'wrote {args.json}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
