/*
 * fuzz_fixture.h: what the fuzz suites share (fuzz_fixture.c): this test
 * binary's own DWARF as the input to damage, a seeded generator, the
 * mutations, and walks that take every path of the API over a (possibly
 * damaged) reader, asserting that every failure is a DWARF_E_* code.
 *
 * test_fuzz.c damages units, abbreviation tables, line programs and list
 * sections; test_fuzz_index.c the sections the indexes read and gdb's
 * .gdb_index; test_fuzz_eval.c .eh_frame and DW_OP strings;
 * test_fuzz_join.c the inputs of the supplementary and split-DWARF joins.
 * Each is its own binary (a sanitizer report ends only its own suite), so
 * each damages its own DWARF; fixed seeds make any failure reproducible.
 */
#ifndef DWARF_TESTS_FUZZ_FIXTURE_H
#define DWARF_TESTS_FUZZ_FIXTURE_H

#include "testutil.h"

#include <stdbool.h>

/*
 * Inputs per kind: whole-unit walks (every DIE as a list and a tree, every
 * accessor, the type printer) cost about 1.5 ms each under ASan, so they
 * stay at INPUTS_PER_KIND; the kinds that are cheap per input (truncation,
 * random abbreviation tables, line programs, the indexes, .eh_frame, DW_OP
 * strings) run more.
 */
#define INPUTS_PER_KIND 2000
#define CHEAP_INPUTS 8000

/* This binary's sections, and where its units and line programs are. */
extern struct dwarf_section g_real[DWARF_SEC_COUNT];
extern uint64_t g_units[256], g_unit_end[256];
extern size_t g_nunits;
extern uint64_t g_lines[256], g_line_end[256];
extern size_t g_nlines;

/* A malloc allocator that counts what is live (testutil's). */
extern struct count_alloc g_count;
extern struct dwarf_allocator g_heap;

/* Names and addresses to look up in a (damaged) reader's indexes. */
struct fuzz_probes {
    const char *names[512];
    size_t nnames;
    uint64_t addrs[4096];
    size_t naddrs;
};
/* This binary's: every tenth name of the name index, every eighth row of each line program. */
extern struct fuzz_probes g_probes;

/* The generator (xorshift64*): seed rng_state, then rnd() and below(n) in [0, n). */
extern uint64_t rng_state;
uint64_t rnd(void);
uint64_t below(uint64_t n);

/* rc is 0, 1 or a DWARF_E_* code. */
void assert_code(int rc);

/*
 * Damages the n bytes at p by kind: 0 truncation (*n shrinks), 1 bit
 * flips, 2 a run of random bytes, 3 a run of LEB128 continuation bytes.
 */
void mutate(uint8_t *p, size_t *n, unsigned kind);

/* A reader over g_real with section id replaced by a heap copy of bytes (in *tmp). */
void reader_with(struct dwarf *dw, struct dwarf_section *tmp, enum dwarf_section_id id,
                 const uint8_t *bytes, size_t n);
/* The same with .debug_info cut down to one random unit moved to offset 0 (tmp[0]). */
void reader_with_unit(struct dwarf *dw, struct dwarf_section tmp[2], enum dwarf_section_id id,
                      const uint8_t *bytes, size_t n);

/*
 * Everything a reader offers: every unit's DIEs linearly and as a tree,
 * every attribute through every accessor, every list and expression,
 * top-level DIEs' type names, each unit's line program. Adds to *work what
 * it walked; returns 0 or the first error.
 */
int walk_all(const struct dwarf *dw, size_t *work);
/* The line program at off of .debug_line, every file and row; 0 or its error. */
int walk_lines(const struct dwarf *dw, uint64_t off, size_t *work);
/* Every set and range of .debug_aranges. */
void walk_aranges(const struct dwarf *dw, size_t *work);
/* Both indexes built (dw gets g_heap) and the probes looked up in them. */
void walk_indexes(struct dwarf *dw, const struct fuzz_probes *probes, size_t *work);

/*
 * cmocka group setup and teardown: loads g_real and the rest from
 * /proc/self/exe and checks that the undamaged DWARF walks without an error.
 */
int fuzz_setup(void **state);
int fuzz_teardown(void **state);

/*
 * A reader's names (every name_step-th of its name index, built with
 * g_heap) and line-row addresses (every addr_step-th of each line program)
 * into p; the names stay valid as long as the sections. 0 or an error.
 */
int fuzz_probes_collect(struct dwarf *dw, size_t name_step, size_t addr_step,
                        struct fuzz_probes *p);

#endif
