#!/usr/bin/env python3
"""abi-coverage.py: which documented syscall and invocation results the
kernel's user-space tests exercise (issue 6, "coverage that is checked").

  abi-coverage.py table UAPI_DIR ABI_MD > abi_table.tsv
      Reads docs/abi.md (the tables, parsed the way check-abi-docs.py
      does) and writes one line per syscall and invocation: its name, kind,
      number and every result the docs allow it, OK first, then the E_*
      codes in code order. Fails if the docs and the headers disagree on
      which syscalls and labels exist (check-abi-docs.py checks the values).

  abi-coverage.py check TABLE MANIFEST TESTS_TAP [REPORT]
      TAP, one line per manifest line (vulcan/coverage/covered.tsv,
      "NAME RESULT group.case..."): ok when the pair is in the table and
      every test named ran and passed in TESTS_TAP; not ok for a pair the
      docs do not list, a duplicate, a test that did not run or failed.
      Pairs of the table that no manifest line names are not failures:
      they go to REPORT with the coverage ratio.

The table is derived, never kept by hand: docs/abi.md is the one place
that says which error an invocation returns.
"""
import os
import re
import sys

# ---- docs/abi.md ----------------------------------------------------------


def doc_tables(docs):
    """Each table of the docs as (header cells, [row cells...])."""
    tables, cur = [], None
    for line in docs.splitlines():
        if not line.startswith('|'):
            cur = None
            continue
        # `\|` is a pipe inside a cell ("dest slot \| count << 32").
        cells = [c.strip().replace('\\|', '|')
                 for c in re.split(r'(?<!\\)\|', line.strip().strip('|'))]
        if re.match(r'^\|[-| ]+\|$', line.strip()):
            continue
        if cur is None:
            cur = (cells, [])
            tables.append(cur)
        else:
            cur[1].append(cells)
    return tables


def error_names(docs):
    """E_* name -> (value, meaning) from the Errors table."""
    for head, rows in doc_tables(docs):
        if head == ['value', 'name', 'meaning']:
            return {r[1].strip('`'): (int(r[0]), r[2]) for r in rows}
    sys.exit('abi-coverage: docs/abi.md has no Errors table')


LOOKUP = ['E_INVALID_CADDR', 'E_SLOT_EMPTY']  # "lookup errors" (docs: Invocations)
# Every invocation, besides its own errors (docs: Invocations).
INVOKE_ALWAYS = ['E_INVALID_CADDR', 'E_SLOT_EMPTY', 'E_INVALID_LABEL']

# The IPC syscalls share one list of errors (docs: IPC, "Errors: ..."),
# each with the case it names. Which syscall can meet which case follows
# from the IPC table: all but reply take a cptr and look it up; the
# senders (send, nbsend, call, reply, reply-recv) check the info word
# (length: E_RANGE; reserved bits and fault replies: E_INVALID_ARG);
# nbsend and poll are the non-blocking ones; the blocking ones can be
# woken with E_DEAD. E_STATE is "reply with no caller" and, by the Errors
# table, "an IPC cancelled by suspend", which needs a blocking call.
IPC_CPTR = {'SYS_SEND', 'SYS_NBSEND', 'SYS_CALL', 'SYS_RECV', 'SYS_POLL', 'SYS_REPLY_RECV'}
IPC_SENDERS = {'SYS_SEND', 'SYS_NBSEND', 'SYS_CALL', 'SYS_REPLY', 'SYS_REPLY_RECV'}
IPC_BLOCKING = {'SYS_SEND', 'SYS_CALL', 'SYS_RECV', 'SYS_REPLY_RECV'}
IPC_APPLIES = {
    'E_INVALID_CADDR': IPC_CPTR,
    'E_SLOT_EMPTY': IPC_CPTR,
    'E_WRONG_TYPE': IPC_CPTR,
    'E_NO_RIGHTS': IPC_CPTR,
    'E_RANGE': IPC_SENDERS,
    'E_WOULD_BLOCK': {'SYS_NBSEND', 'SYS_POLL'},
    'E_STATE': {'SYS_REPLY'} | IPC_BLOCKING,
    'E_INVALID_ARG': IPC_SENDERS,
    'E_DEAD': IPC_BLOCKING,
}


def names_in(cell, errors, where):
    out = re.findall(r'`(E_[A-Z_]+)`', cell)
    for e in out:
        if e not in errors:
            sys.exit('abi-coverage: %s names %s, which the Errors table lacks' % (where, e))
    if re.search(r'\blookup errors\b', cell):
        out += LOOKUP
    return out


def build_table(docs, uapi):
    errors = error_names(docs)
    entries = {}  # name -> [kind, number, set of results]

    def add(name, kind, number, results):
        if name in entries:
            sys.exit('abi-coverage: %s is documented twice' % name)
        entries[name] = [kind, number, {'OK'} | set(results)]

    for head, rows in doc_tables(docs):
        if head[:2] == ['nr', 'name'] and head[-1] == 'errors':
            for r in rows:  # the syscall table
                m = re.fullmatch(r'`(SYS_\w+)`', r[1])
                if m:
                    add(m.group(1), 'syscall', int(r[0]), names_in(r[-1], errors, m.group(1)))
                elif r[0] == 'other':
                    # Not a syscall but a documented result: any unknown number.
                    entries['SYS_OTHER'] = ['syscall', 'other',
                                            set(names_in(r[-1], errors, 'SYS_OTHER'))]
        elif head[:2] == ['nr', 'syscall']:
            ipc = []
            for r in rows:  # the IPC table: errors follow in the text
                m = re.fullmatch(r'`(SYS_\w+)`', r[1])
                ipc.append((m.group(1), int(r[0])))
            for name, nr in ipc:
                add(name, 'syscall', nr, [e for e, who in IPC_APPLIES.items() if name in who])
        elif head == ['label', 'invocation', 'arguments', 'errors']:
            names = []
            for r in rows:
                name = re.fullmatch(r'`(HL_\w+)`', r[1]).group(1)
                own = names_in(r[3], errors, name)
                # "as copy", "then as table map", "as read": the errors of the
                # nearest row above whose name has those words.
                for ref in re.findall(r'(?:^|, |then )as ([a-z][a-z ]*?)(?=,|;| \(|$)', r[3]):
                    words = ref.upper().split()
                    src = next((n for n in reversed(names)
                                if all(w in n.split('_') for w in words)), None)
                    if src is None:
                        sys.exit('abi-coverage: %s: "as %s" names no row above it' % (name, ref))
                    own += entries[src][2] - {'OK'} - set(INVOKE_ALWAYS)
                names.append(name)
                add(name, 'invocation', int(r[0], 16), own + INVOKE_ALWAYS)

    # The shared IPC error list must be exactly the one IPC_APPLIES places.
    m = re.search(r'\nErrors: (.*?)\n\n', docs, re.S)
    listed = set(re.findall(r'`(E_[A-Z_]+)`', m.group(1))) if m else set()
    if listed != set(IPC_APPLIES):
        sys.exit('abi-coverage: the IPC error list in docs/abi.md is %s; IPC_APPLIES in %s '
                 'places %s' % (sorted(listed), sys.argv[0], sorted(IPC_APPLIES)))
    if 'cancelled by suspend' not in errors['E_STATE'][1]:
        sys.exit('abi-coverage: E_STATE no longer says an IPC cancelled by suspend gets it')

    # Every syscall and label the headers define has a row, and no more.
    headers = ''.join(open(os.path.join(uapi, f)).read()
                      for f in sorted(os.listdir(uapi)) if f.endswith('.h'))
    hdr = set(re.findall(r'#define\s+(SYS_\w+)\s+\d+', headers))
    body = re.search(r'enum\s+hl_label\s*\{(.*?)\};', headers, re.S).group(1)
    hdr |= set(re.findall(r'\b(HL_\w+)\s*=', body))
    doc = set(entries) - {'SYS_OTHER'}
    if hdr != doc:
        sys.exit('abi-coverage: in the headers only: %s; in docs/abi.md only: %s'
                 % (sorted(hdr - doc), sorted(doc - hdr)))

    order = {e: v for e, (v, _) in errors.items()}
    order['OK'] = 1
    return {n: (k, num, sorted(res, key=lambda e: -order[e]))
            for n, (k, num, res) in entries.items()}


def cmd_table(uapi, abi_md):
    table = build_table(open(abi_md).read(), uapi)
    print('# generated by scripts/abi-coverage.py from %s: name, kind, number, results' % abi_md)
    key = {'syscall': 0, 'invocation': 1}
    for name, (kind, num, res) in sorted(table.items(),
                                         key=lambda i: (key[i[1][0]], str(i[1][1]).rjust(8))):
        number = ('%#x' % num) if kind == 'invocation' else str(num)
        print('\t'.join([name, kind, number, ','.join(res)]))


# ---- the check ------------------------------------------------------------


def read_table(path):
    pairs = []
    for line in open(path):
        if line.startswith('#') or not line.strip():
            continue
        name, _kind, _num, res = line.rstrip('\n').split('\t')
        pairs += [(name, r) for r in res.split(',')]
    return pairs


def read_tap(path):
    """group.case -> passed? (a case listed twice passes only if both do)."""
    out = {}
    for line in open(path, errors='replace'):
        m = re.match(r'^(not )?ok \d+ - (\S+)(.*)$', line)
        if m:
            skipped = re.search(r'#\s*(SKIP|TODO)', m.group(3), re.I)
            out[m.group(2)] = out.get(m.group(2), True) and not m.group(1) and not skipped
    return out


def cmd_check(table_path, manifest_path, tap_path, report_path=None):
    pairs = read_table(table_path)
    documented = set(pairs)
    ran = read_tap(tap_path)
    results, seen = [], set()
    for lineno, line in enumerate(open(manifest_path), 1):
        line = line.split('#', 1)[0].strip()
        if not line:
            continue
        fields = line.split()
        where = '%s:%d' % (manifest_path, lineno)
        if len(fields) < 3:
            results.append(('coverage.line%d' % lineno,
                            ['%s: want "NAME RESULT group.case..."' % where]))
            continue
        pair, tests = (fields[0], fields[1]), fields[2:]
        problems = []
        if pair not in documented:
            problems.append('%s: %s %s is not a documented result (docs/abi.md)' % (where, *pair))
        if pair in seen:
            problems.append('%s: %s %s is listed twice' % (where, *pair))
        seen.add(pair)
        for t in tests:
            if t not in ran:
                problems.append('%s: test %s did not run in %s' % (where, t, tap_path))
            elif not ran[t]:
                problems.append('%s: test %s failed in %s' % (where, t, tap_path))
        results.append(('coverage.%s.%s' % pair, problems))

    print('1..%d' % len(results))
    for n, (name, problems) in enumerate(results, 1):
        print('%sok %d - %s' % ('not ' if problems else '', n, name))
        for p in problems:
            print('# ' + p)

    covered = {(n.split('.')[1], n.split('.')[2]) for n, p in results
               if not p and n.count('.') == 2}
    missing = [p for p in pairs if p not in covered]
    ratio = '%d of %d documented results covered (%.1f%%)' % (
        len(pairs) - len(missing), len(pairs), 100.0 * (len(pairs) - len(missing)) / len(pairs))
    print('# coverage: ' + ratio)
    if report_path:
        with open(report_path, 'w') as f:
            f.write('ABI coverage by the kernel user-space tests (%s)\n' % tap_path)
            f.write('%s\n\nUncovered (%d): no passing test in %s names them\n'
                    % (ratio, len(missing), manifest_path))
            for name, res in missing:
                f.write('  %-28s %s\n' % (name, res))
        print('# uncovered pairs: %s' % report_path)
    return 1 if any(p for _, p in results) else 0


if __name__ == '__main__':
    if len(sys.argv) == 4 and sys.argv[1] == 'table':
        cmd_table(sys.argv[2], sys.argv[3])
    elif len(sys.argv) in (5, 6) and sys.argv[1] == 'check':
        sys.exit(cmd_check(*sys.argv[2:]))
    else:
        sys.exit(__doc__)
