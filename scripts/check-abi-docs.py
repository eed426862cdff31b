#!/usr/bin/env python3
"""check-abi-docs.py UAPI_DIR ABI_MD

The ABI lives twice: as C in kernel/include/uapi/helios/ and as prose in
docs/abi.md. This check keeps them one: every syscall number, invocation
label, error code and right defined in the headers must appear in the docs
with the same value, and every one the docs name must exist in the headers.
Prints TAP, one line per kind of constant."""
import os
import re
import sys

uapi, abi_md = sys.argv[1], sys.argv[2]
headers = ''.join(open(os.path.join(uapi, f)).read()
                  for f in sorted(os.listdir(uapi)) if f.endswith('.h'))
docs = open(abi_md).read()


def num(s):
    return int(s, 0)


def header_defines(prefix):
    out = {}
    for m in re.finditer(r'#define\s+(' + prefix + r'\w+)\s+\(?(-?(?:0x[0-9a-fA-F]+|\d+))\)?', headers):
        out[m.group(1)] = num(m.group(2))
    return out


def header_enum(name):
    body = re.search(r'enum\s+' + name + r'\s*\{(.*?)\};', headers, re.S).group(1)
    return {m.group(1): num(m.group(2))
            for m in re.finditer(r'\b(HL_\w+)\s*=\s*(0x[0-9a-fA-F]+|\d+)\s*,', body)}


def rows():
    """Table rows of docs/abi.md as lists of cells."""
    for line in docs.splitlines():
        if line.startswith('|') and not re.match(r'^\|[-| ]+\|$', line):
            yield [c.strip() for c in line.strip('|').split('|')]


def docs_pairs(name_re, value_first):
    """(name, value) pairs from table rows: value cell then `NAME` cell, or
    `NAME` cell then value cell."""
    out = {}
    for cells in rows():
        for i in range(len(cells) - 1):
            a, b = (cells[i], cells[i + 1]) if value_first else (cells[i + 1], cells[i])
            m = re.fullmatch(r'`(' + name_re + r')`(?: .*)?', b)
            if m and re.fullmatch(r'-?(0x[0-9a-fA-F]+|\d+)', a):
                out[m.group(1)] = num(a)
    return out


checks = [
    ('syscall_numbers', header_defines('SYS_'), docs_pairs(r'SYS_\w+', True)),
    ('error_codes', {k: v for k, v in header_defines('E_').items() if k not in ('E_OK', 'E_COUNT')},
     {k: v for k, v in docs_pairs(r'E_\w+', True).items() if k != 'E_OK'}),
    ('invocation_labels', header_enum('hl_label'),
     {k: v for k, v in docs_pairs(r'HL_[A-Z0-9_]+', True).items() if not k.startswith('HL_LABEL_')}),
    ('debug_event_labels', header_defines('HL_LABEL_DEBUG_'), docs_pairs(r'HL_LABEL_DEBUG_\w+', True)),
    ('debug_rights', {k: v for k, v in header_defines('HL_RIGHT_').items()
                      if k not in ('HL_RIGHT_READ', 'HL_RIGHT_WRITE', 'HL_RIGHT_GRANT', 'HL_RIGHT_EXEC')},
     docs_pairs(r'HL_RIGHT_\w+', False)),
]
failed = 0
for n, (what, hdr, doc) in enumerate(checks, 1):
    problems = []
    for k, v in sorted(hdr.items()):
        if k not in doc:
            problems.append('%s (%#x) is in the headers but not in docs/abi.md' % (k, v))
        elif doc[k] != v:
            problems.append('%s is %#x in the headers but %#x in docs/abi.md' % (k, v, doc[k]))
    for k in sorted(set(doc) - set(hdr)):
        problems.append('%s is in docs/abi.md but not in the headers' % k)
    if not hdr:
        problems.append('no constants found in the headers')
    print('%sok %d - abi.%s_documented (%d)' % ('not ' if problems else '', n, what, len(hdr)))
    for p in problems:
        print('# ' + p)
    failed += bool(problems)
sys.exit(1 if failed else 0)
