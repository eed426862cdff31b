#!/usr/bin/env python3
"""make bench-dwarf: the dwarf library (through an -O2 hdwarf without
sanitizers) against gdb on the same files, in the same run.

For each file:
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

ADDRS = 10000
REPEAT = 3


def measure(cmd, out_path):
    """(seconds, peak RSS in MiB, stdout text) of one run, output to out_path.

    Linux keeps a process's peak RSS across exec, and a child starts with its
    parent's, so the peak is taken by /usr/bin/time (small itself) around
    the command rather than from this script's own child.
    """
    rss_path = out_path + '.rss'
    t0 = time.perf_counter()
    with open(out_path, 'w') as out:
        r = subprocess.run(['/usr/bin/time', '-f', '%M', '-o', rss_path] + cmd, stdout=out,
                           stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - t0
    if r.returncode != 0:
        raise RuntimeError(f'{cmd[0]} failed on {cmd[-1]}')
    with open(rss_path) as fh:
        rss = int(fh.read().split()[-1]) / 1024.0
    with open(out_path) as fh:
        return elapsed, rss, fh.read()


def best(cmd, out_path):
    runs = [measure(cmd, out_path) for _ in range(REPEAT)]
    t, rss, out = min(runs, key=lambda r: r[0])
    return {'seconds': round(t, 4), 'peak_mib': round(rss, 1)}, out


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
    ap.add_argument('files', nargs='+')
    args = ap.parse_args()
    tmp = os.path.dirname(os.path.abspath(args.json))
    os.makedirs(tmp, exist_ok=True)
    results = []
    print(f'{"file":<28}{"task":<8}{"hdwarf s":>10}{"MiB":>7}{"gdb s":>10}{"MiB":>7}'
          f'{"gdb/ours":>10}')
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
        json.dump({'benchmark': 'dwarf', 'repeat': REPEAT, 'results': results}, fh, indent=2)
    print(f'wrote {args.json}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
