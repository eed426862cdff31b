#!/usr/bin/env python3
"""Writes the C sources of a large program for make bench-dwarf.

No binary with much debug information ships on this machine, so the
benchmark builds one: UNITS translation units, each with its own structure
types, static inline helpers (which gcc inlines at -O2, giving inlined
subroutines and location lists) and FUNCS functions with loops, locals and
switch statements, plus a main that calls one function of each unit.
Deterministic: the same arguments give the same sources.
"""
import os
import sys

UNIT = '''#include <stddef.h>
#include <string.h>

struct rec{u} {{
    int id;
    unsigned flags : 3;
    double weight;
    struct rec{u} *next;
    char name[16];
}};

union val{u} {{
    long l;
    double d;
    struct rec{u} *r;
}};

static inline int clamp{u}(int x, int lo, int hi)
{{
    return x < lo ? lo : x > hi ? hi : x;
}}

static inline double scale{u}(const struct rec{u} *r, double k)
{{
    return r ? r->weight * k + r->id : k;
}}

static struct rec{u} pool{u}[32];
int counter{u};
'''

FUNC = '''
__attribute__((noinline)) int u{u}_f{f}(int n, const char *s)
{{
    struct rec{u} *r = &pool{u}[n & 31];
    union val{u} v;
    int total = 0;
    for (int i = 0; i < n; i++) {{
        int c = clamp{u}(i * {k} - n, -{k}, {k});
        switch (c & 3) {{
        case 0:
            total += c;
            break;
        case 1:
            total -= (int)scale{u}(r, c);
            break;
        default:
            total ^= c << 1;
        }}
    }}
    v.l = total;
    if (s && strlen(s) > (size_t)n)
        r->flags = (unsigned)(v.l & 7);
    r->next = &pool{u}[(n + {f}) & 31];
    counter{u} += total;
    return total + (int)r->flags;
}}
'''


def main():
    out, units, funcs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    os.makedirs(out, exist_ok=True)
    for u in range(units):
        text = UNIT.format(u=u) + ''.join(FUNC.format(u=u, f=f, k=f % 7 + 2) for f in range(funcs))
        with open(os.path.join(out, f'unit{u}.c'), 'w') as fh:
            fh.write(text)
    with open(os.path.join(out, 'main.c'), 'w') as fh:
        for u in range(units):
            fh.write(f'int u{u}_f0(int n, const char *s);\n')
        fh.write('int main(int argc, char **argv)\n{\n    int t = 0;\n')
        for u in range(units):
            fh.write(f'    t += u{u}_f0(argc, argv[0]);\n')
        fh.write('    return t & 1;\n}\n')


if __name__ == '__main__':
    main()
