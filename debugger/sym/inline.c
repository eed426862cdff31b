/*
 * inline.c: the inlined calls around an address (DWARF5 3.3.8.2).
 *
 * A function's DIE holds a DW_TAG_inlined_subroutine for each call that
 * was inlined into it, nested as the calls were (an inlined function's
 * own inlined calls are its children), possibly inside lexical blocks.
 * Those whose address ranges hold the pc are the calls the code there is
 * part of: one frame each in a backtrace, as gdb shows them.
 */
#include <string.h>

#include <dwarf/lists.h>
#include <hdb/dinfo.h>
#include <hdb/error.h>

/* The [lo, hi) of a DIE given by DW_AT_low_pc and DW_AT_high_pc (DWARF5 2.17.2). */
static bool low_high(const struct dwarf_die *d, uint64_t *lo, uint64_t *hi)
{
    struct dwarf_attr a;
    if (dwarf_die_attr(d, DW_AT_low_pc, &a) <= 0 || dwarf_attr_address(&a, lo) < 0 ||
        dwarf_die_attr(d, DW_AT_high_pc, &a) <= 0)
        return false;
    if (dwarf_form_class(a.form) == DWARF_CLASS_CONSTANT) {
        if (dwarf_attr_unsigned(&a, hi) < 0)
            return false;
        *hi += *lo;
        return true;
    }
    return dwarf_attr_address(&a, hi) == 0;
}

/* Does one of the DIE's ranges hold pc (covers), or start at it (starts)? */
static void ranges_at(const struct dwarf_die *d, uint64_t pc, bool *covers, bool *starts)
{
    struct dwarf_attr a;
    uint64_t lo, hi;
    *covers = *starts = false;
    if (low_high(d, &lo, &hi)) {
        *covers = pc >= lo && pc < hi;
        *starts = pc == lo;
        return;
    }
    struct dwarf_range_iter it;
    if (dwarf_die_attr(d, DW_AT_ranges, &a) > 0 && dwarf_range_iter_attr(&it, &a) == 0) {
        while (dwarf_range_next(&it, &lo, &hi) > 0) {
            *covers = *covers || (pc >= lo && pc < hi);
            *starts = *starts || pc == lo;
        }
    }
}

bool hdb_die_covers(const struct dwarf_die *d, uint64_t pc_link)
{
    bool covers, starts;
    ranges_at(d, pc_link, &covers, &starts);
    return covers;
}

static uint64_t attr_u(const struct dwarf_die *d, uint64_t at)
{
    struct dwarf_attr a;
    uint64_t v = 0;
    if (dwarf_die_attr(d, at, &a) > 0)
        dwarf_attr_unsigned(&a, &v);
    return v;
}

/* gdb's test for skipping an inlined frame at a stop: the call's code is entered here. */
static bool entered_at(const struct dwarf_die *d, uint64_t pc)
{
    struct dwarf_attr a;
    uint64_t entry;
    bool covers, starts;
    if (dwarf_die_attr(d, DW_AT_entry_pc, &a) > 0 && dwarf_attr_address(&a, &entry) == 0 &&
        entry == pc)
        return true;
    ranges_at(d, pc, &covers, &starts);
    return starts;
}

static int walk(const struct dwarf_die *scope, uint64_t pc, struct hdb_inline_call *out, int n,
                int max, int depth)
{
    struct dwarf_die c;
    if (depth > 32)
        return n;
    for (int rc = dwarf_die_first_child(scope, &c); rc > 0; rc = dwarf_die_next_sibling(&c, &c)) {
        if (c.tag != DW_TAG_inlined_subroutine && c.tag != DW_TAG_lexical_block)
            continue;
        if (!hdb_die_covers(&c, pc))
            continue;
        if (c.tag == DW_TAG_inlined_subroutine && n < max) {
            out[n].die = c.offset;
            out[n].call_file = attr_u(&c, DW_AT_call_file);
            out[n].call_line = (uint32_t)attr_u(&c, DW_AT_call_line);
            out[n].entered_here = entered_at(&c, pc);
            n++;
        }
        /* Blocks nest: the one holding pc is the only one to look into. */
        return walk(&c, pc, out, n, max, depth + 1);
    }
    return n;
}

int hdb_inline_calls(const struct dwarf *dw, uint64_t unit_off, uint64_t fn_die, uint64_t pc_link,
                     struct hdb_inline_call *out, int max)
{
    struct dwarf_unit u;
    struct dwarf_die fn;
    if (hdb_dinfo_die(dw, unit_off, fn_die, &u, &fn) < 0)
        return HDB_E_FORMAT;
    return walk(&fn, pc_link, out, 0, max, 0);
}

static bool any(const struct dwarf_die *scope, int depth)
{
    struct dwarf_die c;
    if (depth > 32)
        return true;
    for (int rc = dwarf_die_first_child(scope, &c); rc > 0; rc = dwarf_die_next_sibling(&c, &c))
        if (c.tag == DW_TAG_inlined_subroutine ||
            (c.tag == DW_TAG_lexical_block && any(&c, depth + 1)))
            return true;
    return false;
}

bool hdb_inline_any(const struct dwarf *dw, uint64_t unit_off, uint64_t fn_die)
{
    struct dwarf_unit u;
    struct dwarf_die fn;
    return hdb_dinfo_die(dw, unit_off, fn_die, &u, &fn) < 0 || any(&fn, 0);
}
