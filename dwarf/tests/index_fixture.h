/*
 * The hand-built program the index suites share (test_index.c for
 * addresses, test_names.c for names): two compile units whose every answer
 * is worked out by hand, a line program, and optional .debug_aranges.
 */
#ifndef DWARF_INDEX_FIXTURE_H
#define DWARF_INDEX_FIXTURE_H

#include "testutil.h"

/* DIE offsets the tests look for. */
struct offsets {
    uint64_t abstract, outer, inlined, second, gvar, local;
    uint64_t node, node_t, opaque, base_int, ns_inner, concrete;
    uint64_t unit2, node2, outer2, only2;
};

struct fixture {
    struct test_dwarf t;
    struct offsets o;
    struct count_alloc ca;
    struct dwarf_allocator alloc;
};

/*
 * Unit 1 (at 0), CU [0x1000, 0x3000):
 *   inl        abstract instance (DW_AT_inline)
 *   outer      [0x1000, 0x1080), with DW_AT_sibling
 *     block    [0x1010, 0x1040)
 *       inl    inlined [0x1020, 0x1030), called from file 1 line 42
 *       local  a variable (not top-level: not indexed)
 *   second     [0x1080, 0x1100)
 *   gvar       variable
 *   decl       a function declaration (not indexed)
 *   node       structure (8 bytes) with a member
 *   node_t     typedef of node
 *   opaque     structure declaration
 *   int        base type
 *   ns         namespace: inner, a function
 *   (concrete) an out-of-line instance of inl, named through DW_AT_abstract_origin
 * Unit 2 (no code):
 *   node       structure again
 *   outer      a second definition (as of a static function elsewhere)
 *   only2      variable
 * aranges_unit: -1 for no .debug_aranges, else one set naming that offset.
 */
void fixture_setup(struct fixture *f, int aranges_unit);
/* The .debug_info bytes alone (for tests that build other sections around them). */
void fixture_info(struct buf *b, struct offsets *o);

#endif
