"""Normalise llvm-dwarfdump and hdwarf dumps into comparable records.

Both tools print .debug_info in llvm-dwarfdump's --verbose layout and
.debug_line in its default layout. The parsers below reduce each to what the
oracle test asserts: per unit its header fields; per DIE its offset, depth,
tag, abbreviation code, children flag and parent; per attribute its name,
form and value; per line program its header, directory and file tables and
every row. Presentation-only differences are removed here: number widths and
bases, llvm's type names after references, section names after addresses.
The range and location lists that both expand after a list attribute are
kept, one record per resolved range or location.
"""
import re

UNIT_RE = re.compile(r'^0x([0-9a-f]+): (Compile|Type|Skeleton|Split) Unit: (.*)$')
DIE_RE = re.compile(r'^0x([0-9a-f]+): ( *)(DW_TAG_\w+|NULL)(?: \[(\d+)\] ([* ]))?(?: *\((0x[0-9a-f]+)\))?\s*$')
ATTR_RE = re.compile(r'^\s+(DW_AT_\w+) \[(DW_FORM_\w+)\](?: DW_FORM_\w+)?\t?\s*\((.*)$')
HEX_RE = re.compile(r'0x[0-9a-fA-F]+')
# One resolved entry of a range or location list, printed under its attribute.
LIST_RE = re.compile(r'^\s+(\[0x[0-9a-f]+, 0x[0-9a-f]+\)|<default>)(.*)$')

STRING_FORMS = {'DW_FORM_string', 'DW_FORM_strp', 'DW_FORM_line_strp', 'DW_FORM_strx',
                'DW_FORM_strx1', 'DW_FORM_strx2', 'DW_FORM_strx3', 'DW_FORM_strx4',
                'DW_FORM_GNU_str_index', 'DW_FORM_strp_sup', 'DW_FORM_GNU_strp_alt'}
REF_FORMS = {'DW_FORM_ref1', 'DW_FORM_ref2', 'DW_FORM_ref4', 'DW_FORM_ref8',
             'DW_FORM_ref_udata', 'DW_FORM_ref_addr', 'DW_FORM_ref_sig8', 'DW_FORM_GNU_ref_alt'}
ADDR_FORMS = {'DW_FORM_addr', 'DW_FORM_addrx', 'DW_FORM_addrx1', 'DW_FORM_addrx2',
              'DW_FORM_addrx3', 'DW_FORM_addrx4', 'DW_FORM_GNU_addr_index'}
OFFSET_FORMS = {'DW_FORM_sec_offset', 'DW_FORM_loclistx', 'DW_FORM_rnglistx'}
FLAG_FORMS = {'DW_FORM_flag', 'DW_FORM_flag_present'}


def first_hex(text):
    m = HEX_RE.search(text)
    return int(m.group(0), 16) if m else text.strip()


def number_or_text(text):
    t = text.strip()
    if re.fullmatch(r'0x[0-9a-fA-F]+:', t):  # llvm expands a location list after "OFFSET:"
        t = t[:-1]
    if re.fullmatch(r'-?\d+', t):
        return int(t)
    if re.fullmatch(r'0x[0-9a-fA-F]+', t):
        return int(t, 16)
    return t


def attr_value(form, text):
    text = text.rstrip()
    if text.endswith(')'):
        text = text[:-1]
    if form in STRING_FORMS:
        a, b = text.find('"'), text.rfind('"')
        return text[a + 1:b] if 0 <= a < b else text.strip()
    if form in REF_FORMS:
        m = re.search(r'\{(0x[0-9a-f]+)\}', text)
        return int(m.group(1), 16) if m else first_hex(text)
    if form in ADDR_FORMS:
        m = re.search(r'address = (0x[0-9a-f]+)', text)
        return int(m.group(1), 16) if m else first_hex(text)
    if form in OFFSET_FORMS:
        return first_hex(text)
    if form in FLAG_FORMS:
        t = text.strip()
        return {'true': 1, 'false': 0}.get(t, number_or_text(t))
    t = text.strip()
    if t.startswith('"') and t.endswith('"') and len(t) >= 2:
        return t[1:-1]
    return number_or_text(t)


def parse_info(text):
    """Records: ('unit', ...), ('die', ...), ('attr', ...) in order."""
    out = []
    for line in text.splitlines():
        m = UNIT_RE.match(line)
        if m:
            fields = dict(re.findall(r'(\w+) = ([^,\s)]+)', m.group(3)))
            fields.pop('name', None)
            nxt = re.search(r'next unit at (0x[0-9a-f]+)', m.group(3))
            fields = {k: number_or_text(v) for k, v in fields.items()}
            out.append(('unit', int(m.group(1), 16), m.group(2), tuple(sorted(fields.items())),
                        int(nxt.group(1), 16) if nxt else None))
            continue
        m = DIE_RE.match(line)
        if m:
            off, indent, tag, code, kids, parent = m.groups()
            out.append(('die', int(off, 16), len(indent) // 2, tag,
                        int(code) if code else None, kids == '*',
                        int(parent, 16) if parent else None))
            continue
        m = ATTR_RE.match(line)
        if m:
            name, form, rest = m.groups()
            out.append(('attr', name, form, attr_value(form, rest)))
            continue
        m = LIST_RE.match(line)
        if m:
            out.append(('list', m.group(1), m.group(2).rstrip()))
    return out


ARANGES_RE = re.compile(r'^Address Range Header: (.*)$')
ARANGE_RE = re.compile(r'^\[0x([0-9a-f]+), 0x([0-9a-f]+)\)')


def parse_aranges(text):
    """Records of --debug-aranges: each set header's fields, each range."""
    out = []
    for line in text.splitlines():
        m = ARANGES_RE.match(line)
        if m:
            fields = dict(re.findall(r'(\w+) = ([^,\s]+)', m.group(1)))
            out.append(('set', tuple(sorted((k, number_or_text(v)) for k, v in fields.items()))))
            continue
        m = ARANGE_RE.match(line)
        if m:
            out.append(('range', int(m.group(1), 16), int(m.group(2), 16)))
    return out


ROW_RE = re.compile(r'^0x([0-9a-f]{16})((?:\s+\d+)+)\s*(.*)$')


def parse_line(text):
    """Records per line program: header fields, directories, files, rows."""
    out = []
    has_opindex = False
    for line in text.splitlines():
        if line.startswith('debug_line['):
            out.append(('program', int(line[11:21], 16)))
            continue
        if line.startswith('Address'):
            has_opindex = 'OpIndex' in line
            continue
        m = ROW_RE.match(line)
        if m:
            nums = [int(x) for x in m.group(2).split()]
            if has_opindex:
                op_index = nums.pop(5) if len(nums) > 5 else 0
                if op_index != 0:
                    nums.append(('op_index', op_index))
            flags = tuple(sorted(m.group(3).split()))
            out.append(('row', int(m.group(1), 16), tuple(nums), flags))
            continue
        m = re.match(r'^include_directories\[\s*(\d+)\] = (.*)$', line)
        if m:
            out.append(('dir', int(m.group(1)), attr_value('DW_FORM_string', m.group(2))))
            continue
        m = re.match(r'^file_names\[\s*(\d+)\]:$', line)
        if m:
            out.append(('file', int(m.group(1))))
            continue
        m = re.match(r'^\s*([\w\[\] ]*\w\]?)\s*[:=]\s*(.*)$', line)
        if m and out and not line.startswith('0x'):
            key = m.group(1).strip()
            if key in ('Line table prologue',) or key.startswith('.debug'):
                continue
            out.append(('field', key, attr_value('DW_FORM_data1', m.group(2))))
    return out


LIBDWARF_ROW_RE = re.compile(r'^0x([0-9a-f]+)\s+\[\s*(\d+),\s*(\d+)\]\s*(.*)$')


def rows_from_libdwarf(text):
    """Rows of libdwarf's `dwarfdump -l`: (address, line, column, isa, discriminator, flags).

    dwarfdump prints a program once per unit that names it (type units share
    their compile unit's), so a block equal to an earlier one is dropped.
    """
    blocks, out = [], []
    for line in text.splitlines():
        if line.startswith('Source lines'):
            out = []
            blocks.append(out)
            continue
        m = LIBDWARF_ROW_RE.match(line)
        if not m:
            continue
        rest = m.group(4).split(' uri:')[0].split()
        flags = {'NS': 'is_stmt', 'BB': 'basic_block', 'ET': 'end_sequence',
                 'PE': 'prologue_end', 'EB': 'epilogue_begin'}
        isa = disc = 0
        names = []
        for tok in rest:
            if tok.startswith('IS='):
                isa = int(tok[3:], 0)
            elif tok.startswith('DI='):
                disc = int(tok[3:], 0)
            elif tok in flags:
                names.append(flags[tok])
        out.append((int(m.group(1), 16), int(m.group(2)), int(m.group(3)), isa, disc,
                    tuple(sorted(names))))
    rows, seen = [], []
    for block in blocks:
        if block not in seen:
            seen.append(block)
            rows += block
    return rows


def rows_from_hdwarf(text):
    """The same tuple for hdwarf --debug-line rows."""
    out = []
    for rec in parse_line(text):
        if rec[0] == 'row':
            line, col, _file, isa, disc = rec[2][:5]
            out.append((rec[1], line, col, isa, disc, rec[3]))
    return out


CFI_CIE_RE = re.compile(r'^([0-9a-f]{8}) ([0-9a-f]+) (?:[0-9a-f]+ )?CIE (?:version=\d+ )?'
                        r'(?:aug=)?"([^"]*)" cf=(\d+) df=(-?\d+) ra=(\d+)')
CFI_FDE_RE = re.compile(r'^([0-9a-f]{8}) ([0-9a-f]+) (?:[0-9a-f]+ )?FDE cie=([0-9a-f]+) '
                        r'pc=([0-9a-f]+)\.\.([0-9a-f]+)')
CFI_ROW_RE = re.compile(r'^\s*([0-9a-f]{8,16}) (\S+)(.*)$')


def parse_frames(text, section):
    """Entries and CFA rows of one section, from readelf --debug-dump=frames-interp
    or hdwarf --eh-frame/--debug-frame: ('cie', ...), ('fde', ...), and per
    entry its rows (loc, CFA, rules) with undefined rules left out, since
    readelf prints registers without a rule and with DW_CFA_undefined alike."""
    entries, cur, columns, inside = [], None, [], False
    for line in text.splitlines():
        if line.startswith('Contents of the ') or line.endswith(' contents:'):
            inside = section in line
            continue
        if not inside:
            continue
        m = CFI_CIE_RE.match(line)
        if m:
            off, length, aug, cf, df, ra = m.groups()
            cur = [('cie', int(off, 16), int(length, 16), aug, int(cf), int(df), int(ra))]
            entries.append(cur)
            continue
        m = CFI_FDE_RE.match(line)
        if m:
            cur = [('fde',) + tuple(int(x, 16) for x in m.groups())]
            entries.append(cur)
            continue
        if line.strip().startswith('LOC'):
            columns = line.split()[2:]
            continue
        m = CFI_ROW_RE.match(line)
        if m and cur is not None and 'ZERO terminator' not in line:
            loc, cfa, rest = m.groups()
            if '=' in rest or not columns:
                rules = [tuple(t.split('=', 1)) for t in rest.split()]
            else:
                # readelf spells a register rule "r9 (r9)": one value, two words.
                values = []
                for word in rest.split():
                    if word.startswith('(') and values:
                        continue
                    values.append(word)
                rules = list(zip(columns, values))
            rules = tuple(sorted((k, v) for k, v in rules if v != 'u'))
            cur.append(('row', int(loc, 16), cfa, rules))
    return entries


def frame_records(mine, theirs, section):
    """Comparable record lists. readelf prints no rows for an entry whose
    instructions are all DW_CFA_nop; such entries are compared by header only."""
    a, b = parse_frames(mine, section), parse_frames(theirs, section)
    out_a, out_b = [], []
    for i, entry in enumerate(a):
        other = b[i] if i < len(b) else [entry[0]]
        keep_rows = len(other) > 1
        out_a += entry if keep_rows else entry[:1]
    for entry in b:
        out_b += entry
    return out_a, out_b


def parse_frame_lookup(text):
    """hdwarf frames: (pc, CFA, rules) for each address asked."""
    out = []
    for line in text.splitlines():
        m = re.match(r'^0x([0-9a-f]+): ([0-9a-f]{16}) (\S+)(.*)$', line)
        if m:
            rules = tuple(sorted(tuple(t.split('=', 1)) for t in m.group(4).split()
                                 if not t.endswith('=u')))
            out.append((int(m.group(1), 16), m.group(3), rules))
    return out
