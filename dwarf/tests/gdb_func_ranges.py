"""gdb -batch -x script for dwarf-index-oracle: the address ranges gdb gives
each function named in the file NAMES (one name a word), printed as
`hdwarf func` prints them: NAME 0xLOW 0xHIGH, one line a range, or
"NAME: no function with code" when gdb has no function symbol of that name.

A function's ranges are the "Address range A to B:" lines gdb's disassemble
prints for a function of several ranges (gdb 13's Python blocks show only
their hull), else the start and end of the function's block. Global and
static symbols are asked for (gdb.lookup_static_symbols: one per unit).
"""
import re

import gdb


def function_block(sym, addr):
    """The block whose function is sym: the innermost block at its entry may
    be an inlined call's."""
    b = gdb.block_for_pc(addr)
    while b is not None and (b.function is None or b.function.name != sym.name or
                             b.superblock is None or not b.superblock.is_static):
        b = b.superblock
    return b


def main(names_path):
    for name in open(names_path).read().split():
        syms = []
        g = gdb.lookup_global_symbol(name)
        if g is not None and g.addr_class == gdb.SYMBOL_LOC_BLOCK:
            syms.append(g)
        syms += [s for s in gdb.lookup_static_symbols(name)
                 if s.addr_class == gdb.SYMBOL_LOC_BLOCK]
        if not syms:
            print(f'{name}: no function with code')
        for sym in syms:
            addr = int(sym.value().address)
            text = gdb.execute(f'disassemble {addr}', to_string=True)
            ranges = re.findall(r'Address range (0x[0-9a-f]+) to (0x[0-9a-f]+):', text)
            if not ranges:
                b = function_block(sym, addr)
                ranges = [(hex(b.start), hex(b.end))] if b is not None else []
            for lo, hi in ranges:
                print(f'{name} {int(lo, 16):#x} {int(hi, 16):#x}')


main(NAMES)  # noqa: F821  (set by -ex "python NAMES='...'")
