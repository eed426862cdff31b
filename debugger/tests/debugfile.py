#!/usr/bin/python3
"""Separate debug files found by build-id and by .gnu_debuglink, gdb as the oracle.

The test builds tests/progs/basic.c, splits its DWARF off with objcopy
(--only-keep-debug, strip --strip-debug, --add-gnu-debuglink), places the
debug file where each lookup rule says, and asks hdb and gdb the same
questions about the stripped program with the same debug directory
(HDB_DEBUG_FILE_DIRECTORY for hdb, `set debug-file-directory` for gdb).
Outputs must be equal line for line, with DWARF or without: a debug file
whose CRC no longer matches the debuglink, or a build-id path holding
nothing, leaves both with the ELF symbols alone, where gdb's no-debug-info
answers ('origin' has unknown type, <data variable, no debug info>, ...)
are the oracle.
Prints TAP: ok N - hdb.debugfile.NAME
"""
import argparse
import os
import shutil
import subprocess
import sys

QUESTIONS = ['list add', 'ptype origin', 'whatis paint', 'p sizeof(struct point)', 'p origin',
             'whatis add', 'ptype add', 'p &origin', 'p (int)counter', 'info line add',
             'info address origin', 'p nosuch']
results = []


def sh(*cmd):
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)


def ask(tool, prog, debug_dir):
    if tool == 'gdb':
        cmd = ['gdb', '-nx', '-batch', '-ex', 'set debug-file-directory ' + debug_dir,
               '-ex', 'file ' + prog]
        env = dict(os.environ)
    else:
        cmd = [tool, '-batch']
        env = dict(os.environ, HDB_DEBUG_FILE_DIRECTORY=debug_dir)
    for q in QUESTIONS:
        cmd += ['-ex', q]
    if tool != 'gdb':
        cmd.append(prog)
    p = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, env=env, timeout=60)
    out = p.stdout.decode('utf-8', 'replace').splitlines()
    # gdb's own notes about what it read or refused, with the blank lines around a warning.
    keep = []
    for i, l in enumerate(out):
        near_warning = any(out[j].startswith('warning:') for j in (i - 1, i + 1)
                           if 0 <= j < len(out))
        if l.startswith(('Reading symbols', 'warning:', '(')) or (not l and near_warning):
            continue
        keep.append(l)
    return keep


def check(name, hdb, prog, debug_dir, want_dwarf):
    h = ask(hdb, prog, debug_dir)
    g = ask('gdb', prog, debug_dir)
    def dwarf_seen(lines):
        return any(l.startswith('type = struct point') or 'int add(int a, int b)' in l
                   for l in lines)
    ok = dwarf_seen(h) == want_dwarf and dwarf_seen(g) == want_dwarf and h == g
    detail = ''
    if not ok:
        detail = 'want DWARF: %s\n--- hdb\n%s\n--- gdb\n%s' % (want_dwarf, '\n'.join(h),
                                                                '\n'.join(g))
    results.append((name, ok, detail))


def build_id(path):
    out = subprocess.run(['readelf', '-n', path], stdout=subprocess.PIPE, check=True).stdout
    for line in out.decode().splitlines():
        if 'Build ID:' in line:
            return line.split(':', 1)[1].strip()
    raise SystemExit('no build-id in ' + path)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--hdb', required=True)
    ap.add_argument('--src', required=True)
    ap.add_argument('--out', required=True)
    args = ap.parse_args()
    hdb = os.path.abspath(args.hdb)
    out = os.path.abspath(args.out)
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    # Compiled in the output folder so that both debuggers find basic.c by the same relative name.
    src = os.path.join(out, 'basic.c')
    shutil.copy(args.src, src)
    full = os.path.join(out, 'full')
    subprocess.run(['gcc', '-g', '-O0', '-Wl,--build-id', '-o', full, 'basic.c'], cwd=out,
                   check=True)
    empty = os.path.join(out, 'empty-debug-dir')
    os.makedirs(empty)

    def split(name, link):
        d = os.path.join(out, name)
        os.makedirs(d)
        prog = os.path.join(d, 'prog')
        dbg = os.path.join(d, 'prog.debug')
        sh('objcopy', '--only-keep-debug', full, dbg)
        sh('objcopy', '--strip-debug', full, prog)
        if link:
            sh('objcopy', '--add-gnu-debuglink=' + dbg, prog)
        return d, prog, dbg

    # Next to the program.
    d, prog, dbg = split('beside', True)
    check('debuglink_beside_the_program', hdb, prog, empty, True)

    # In its .debug folder.
    d, prog, dbg = split('dotdebug', True)
    os.makedirs(os.path.join(d, '.debug'))
    os.rename(dbg, os.path.join(d, '.debug', 'prog.debug'))
    check('debuglink_in_dot_debug', hdb, prog, empty, True)

    # Under the debug directory, with the program's folder appended.
    d, prog, dbg = split('global', True)
    gdir = os.path.join(out, 'global-debug-dir')
    os.makedirs(gdir + d)
    os.rename(dbg, gdir + d + '/prog.debug')
    check('debuglink_in_debug_directory', hdb, prog, gdir, True)

    # A debug file that changed since the link was made: its CRC differs.
    d, prog, dbg = split('badcrc', True)
    with open(dbg, 'ab') as f:
        f.write(b'\0')
    check('debuglink_crc_mismatch_is_refused', hdb, prog, empty, False)

    # By build-id, with no debuglink at all.
    d, prog, dbg = split('buildid', False)
    bdir = os.path.join(out, 'buildid-debug-dir')
    bid = build_id(full)
    os.makedirs(os.path.join(bdir, '.build-id', bid[:2]))
    os.rename(dbg, os.path.join(bdir, '.build-id', bid[:2], bid[2:] + '.debug'))
    check('build_id_in_debug_directory', hdb, prog, bdir, True)
    check('build_id_absent_from_another_directory', hdb, prog, empty, False)

    # A debuglink pointing at a file that is not ELF: ignored, the program still loads.
    d, prog, dbg = split('notelf', True)
    with open(dbg, 'wb') as f:
        f.write(b'not an ELF file\n')
    check('debuglink_to_a_damaged_file', hdb, prog, empty, False)

    print('1..%d' % len(results))
    failed = 0
    for i, (name, ok, detail) in enumerate(results, 1):
        print('%s %d - hdb.debugfile.%s' % ('ok' if ok else 'not ok', i, name))
        if not ok:
            failed += 1
            for line in detail.splitlines():
                print('# ' + line)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
