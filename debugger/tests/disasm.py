#!/usr/bin/python3
"""hdb's disassembler against objdump (GNU binutils), instruction by
instruction over the whole .text of programs built here: the test programs
(-O0 and -O2) and hdb itself (a large body of compiled code with ASan and
SSE). `hdb -batch -ex 'disassemble START,END'` runs on the file before a
run, so addresses are link-time addresses, as objdump prints them.

Checked: the same instruction boundaries (every address objdump decodes,
hdb decodes, and no other), and the same text after removing what differs
by presentation only: objdump's `# comment` and `<symbol>` annotations and
its branch targets written without 0x, spacing. Mnemonics, suffixes,
operands, immediates and displacements must be equal.
"""
import argparse
import os
import re
import subprocess
import sys


def text_range(binary):
    out = subprocess.run(['readelf', '-SW', binary], capture_output=True, text=True).stdout
    for line in out.splitlines():
        f = line.replace('[', ' ').replace(']', ' ').split()
        if len(f) >= 6 and f[1] == '.text':
            lo = int(f[3], 16)
            return lo, lo + int(f[5], 16)
    return None


def objdump_insns(binary):
    out = subprocess.run(['objdump', '-d', '--no-show-raw-insn', '-j', '.text', binary],
                         capture_output=True, text=True).stdout
    res = {}
    for line in out.splitlines():
        m = re.match(r'^\s+([0-9a-f]+):\t(.*)$', line)
        if m:
            res[int(m.group(1), 16)] = m.group(2)
    return res


def hdb_insns(hdb, binary, lo, hi):
    out = subprocess.run([hdb, '-batch', '-ex', 'disassemble 0x%x,0x%x' % (lo, hi), binary],
                         capture_output=True, text=True, timeout=300).stdout
    res = {}
    for line in out.splitlines():
        m = re.match(r'^(?:=>|  ) 0x([0-9a-f]+)(?: <[^>]*>)?:\t(.*)$', line)
        if m:
            res[int(m.group(1), 16)] = m.group(2)
    return res


def norm(t, objdump):
    t = re.sub(r'\s+#.*$', '', t)
    t = re.sub(r' <[^>]*>', '', t)
    t = re.sub(r'\s+', ' ', t).strip()
    if objdump:
        # A direct branch's target: objdump writes `jmp 1139`, gdb and hdb `jmp 0x1139`.
        t = re.sub(r'^((?:\w+ )*(?:j\w+|call|loop\w*|xbegin)) ([0-9a-f]+)$', r'\1 0x\2', t)
    return t


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--hdb', required=True)
    ap.add_argument('binaries', nargs='+')
    args = ap.parse_args()
    print('1..%d' % len(args.binaries))
    failed = 0
    for n, binary in enumerate(args.binaries, 1):
        name = os.path.basename(binary)
        rng = text_range(binary)
        if not rng:
            print('not ok %d - disasm.%s # no .text' % (n, name))
            failed += 1
            continue
        ob = objdump_insns(binary)
        hb = hdb_insns(args.hdb, binary, *rng)
        only_o = sorted(set(ob) - set(hb))
        only_h = sorted(set(hb) - set(ob))
        diffs = [(a, ob[a], hb[a]) for a in sorted(set(ob) & set(hb))
                 if norm(ob[a], True) != norm(hb[a], False)]
        if len(ob) > 50 and not only_o and not only_h and not diffs:
            print('ok %d - disasm.%s (%d instructions equal)' % (n, name, len(ob)))
            continue
        failed += 1
        print('not ok %d - disasm.%s' % (n, name))
        print('# objdump %d instructions, hdb %d' % (len(ob), len(hb)))
        for a in only_o[:10]:
            print('# only objdump decodes an instruction at 0x%x: %s' % (a, ob[a]))
        for a in only_h[:10]:
            print('# only hdb decodes an instruction at 0x%x: %s' % (a, hb[a]))
        for a, o, h in diffs[:20]:
            print('# 0x%x objdump: %s' % (a, o))
            print('# 0x%x hdb:     %s' % (a, h))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
