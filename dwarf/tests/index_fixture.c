/* The hand-built program of the index suites (see index_fixture.h). */
#include "index_fixture.h"

#include <string.h>

enum {
    AB_CU = 1,
    AB_SUB,
    AB_ABSTRACT,
    AB_INLINED,
    AB_BLOCK,
    AB_VAR,
    AB_DECL,
    AB_SUB_SIBLING,
    AB_STRUCT,
    AB_MEMBER,
    AB_TYPEDEF,
    AB_STRUCT_DECL,
    AB_BASE,
    AB_NAMESPACE,
    AB_CONCRETE,
    AB_CU_NOCODE,
    AB_SUB_NOCODE,
};

static void spec(struct buf *b, uint64_t at, uint64_t form)
{
    b_uleb(b, at), b_uleb(b, form);
}

static void abbrev(struct buf *b, uint64_t code, uint64_t tag, bool children)
{
    b_uleb(b, code), b_uleb(b, tag), b_u8(b, children);
}

static void end_abbrev(struct buf *b)
{
    b_u8(b, 0), b_u8(b, 0);
}

static void abbrevs(struct buf *b)
{
    abbrev(b, AB_CU, DW_TAG_compile_unit, true);
    spec(b, DW_AT_name, DW_FORM_string), spec(b, DW_AT_comp_dir, DW_FORM_string);
    spec(b, DW_AT_low_pc, DW_FORM_addr), spec(b, DW_AT_high_pc, DW_FORM_data8);
    spec(b, DW_AT_stmt_list, DW_FORM_sec_offset);
    end_abbrev(b);
    abbrev(b, AB_SUB, DW_TAG_subprogram, true);
    spec(b, DW_AT_name, DW_FORM_string), spec(b, DW_AT_low_pc, DW_FORM_addr);
    spec(b, DW_AT_high_pc, DW_FORM_data8);
    end_abbrev(b);
    abbrev(b, AB_ABSTRACT, DW_TAG_subprogram, false);
    spec(b, DW_AT_name, DW_FORM_string), spec(b, DW_AT_inline, DW_FORM_data1);
    end_abbrev(b);
    abbrev(b, AB_INLINED, DW_TAG_inlined_subroutine, false);
    spec(b, DW_AT_abstract_origin, DW_FORM_ref4), spec(b, DW_AT_low_pc, DW_FORM_addr);
    spec(b, DW_AT_high_pc, DW_FORM_data8), spec(b, DW_AT_call_file, DW_FORM_data1);
    spec(b, DW_AT_call_line, DW_FORM_data1);
    end_abbrev(b);
    abbrev(b, AB_BLOCK, DW_TAG_lexical_block, true);
    spec(b, DW_AT_low_pc, DW_FORM_addr), spec(b, DW_AT_high_pc, DW_FORM_data8);
    end_abbrev(b);
    abbrev(b, AB_VAR, DW_TAG_variable, false);
    spec(b, DW_AT_name, DW_FORM_string);
    end_abbrev(b);
    abbrev(b, AB_DECL, DW_TAG_subprogram, false);
    spec(b, DW_AT_name, DW_FORM_string), spec(b, DW_AT_declaration, DW_FORM_flag_present);
    end_abbrev(b);
    abbrev(b, AB_SUB_SIBLING, DW_TAG_subprogram, true);
    spec(b, DW_AT_sibling, DW_FORM_ref4), spec(b, DW_AT_name, DW_FORM_string);
    spec(b, DW_AT_low_pc, DW_FORM_addr), spec(b, DW_AT_high_pc, DW_FORM_data8);
    end_abbrev(b);
    abbrev(b, AB_STRUCT, DW_TAG_structure_type, true);
    spec(b, DW_AT_name, DW_FORM_string), spec(b, DW_AT_byte_size, DW_FORM_data1);
    end_abbrev(b);
    abbrev(b, AB_MEMBER, DW_TAG_member, false);
    spec(b, DW_AT_name, DW_FORM_string), spec(b, DW_AT_type, DW_FORM_ref4);
    spec(b, DW_AT_data_member_location, DW_FORM_data1);
    end_abbrev(b);
    abbrev(b, AB_TYPEDEF, DW_TAG_typedef, false);
    spec(b, DW_AT_name, DW_FORM_string), spec(b, DW_AT_type, DW_FORM_ref4);
    end_abbrev(b);
    abbrev(b, AB_STRUCT_DECL, DW_TAG_structure_type, false);
    spec(b, DW_AT_name, DW_FORM_string), spec(b, DW_AT_declaration, DW_FORM_flag_present);
    end_abbrev(b);
    abbrev(b, AB_BASE, DW_TAG_base_type, false);
    spec(b, DW_AT_byte_size, DW_FORM_data1), spec(b, DW_AT_encoding, DW_FORM_data1);
    spec(b, DW_AT_name, DW_FORM_string);
    end_abbrev(b);
    abbrev(b, AB_NAMESPACE, DW_TAG_namespace, true);
    spec(b, DW_AT_name, DW_FORM_string);
    end_abbrev(b);
    abbrev(b, AB_CONCRETE, DW_TAG_subprogram, false);
    spec(b, DW_AT_abstract_origin, DW_FORM_ref4), spec(b, DW_AT_low_pc, DW_FORM_addr);
    spec(b, DW_AT_high_pc, DW_FORM_data8);
    end_abbrev(b);
    abbrev(b, AB_CU_NOCODE, DW_TAG_compile_unit, true);
    spec(b, DW_AT_name, DW_FORM_string);
    end_abbrev(b);
    abbrev(b, AB_SUB_NOCODE, DW_TAG_subprogram, false);
    spec(b, DW_AT_name, DW_FORM_string);
    end_abbrev(b);
    b_u8(b, 0);
}

void fixture_info(struct buf *b, struct offsets *o)
{
    struct unit_mark m = b_unit_begin(b, 5, DW_UT_compile, 4, 8, 0);
    uint64_t unit = m.start, sibling_at;
    b_uleb(b, AB_CU), b_str(b, "a.c"), b_str(b, "/cd"), b_u64(b, 0x1000), b_u64(b, 0x2000);
    b_u32(b, 0);
    o->abstract = b->len;
    b_uleb(b, AB_ABSTRACT), b_str(b, "inl"), b_u8(b, DW_INL_inlined);
    o->outer = b->len;
    b_uleb(b, AB_SUB_SIBLING);
    sibling_at = b->len;
    b_u32(b, 0), b_str(b, "outer"), b_u64(b, 0x1000), b_u64(b, 0x80);
    b_uleb(b, AB_BLOCK), b_u64(b, 0x1010), b_u64(b, 0x30);
    o->inlined = b->len;
    b_uleb(b, AB_INLINED), b_u32(b, (uint32_t)(o->abstract - unit)), b_u64(b, 0x1020);
    b_u64(b, 0x10), b_u8(b, 1), b_u8(b, 42);
    o->local = b->len;
    b_uleb(b, AB_VAR), b_str(b, "local");
    b_u8(b, 0); /* block */
    b_u8(b, 0); /* outer */
    b_patch_u32(b, sibling_at, (uint32_t)(b->len - unit));
    o->second = b->len;
    b_uleb(b, AB_SUB), b_str(b, "second"), b_u64(b, 0x1080), b_u64(b, 0x80);
    b_u8(b, 0);
    o->gvar = b->len;
    b_uleb(b, AB_VAR), b_str(b, "gvar");
    b_uleb(b, AB_DECL), b_str(b, "decl");
    o->node = b->len;
    b_uleb(b, AB_STRUCT), b_str(b, "node"), b_u8(b, 8);
    b_uleb(b, AB_MEMBER), b_str(b, "v");
    size_t member_type = b->len;
    b_u32(b, 0), b_u8(b, 0);
    b_u8(b, 0);
    o->base_int = b->len;
    b_patch_u32(b, member_type, (uint32_t)(o->base_int - unit));
    b_uleb(b, AB_BASE), b_u8(b, 4), b_u8(b, DW_ATE_signed), b_str(b, "int");
    o->node_t = b->len;
    b_uleb(b, AB_TYPEDEF), b_str(b, "node_t"), b_u32(b, (uint32_t)(o->node - unit));
    o->opaque = b->len;
    b_uleb(b, AB_STRUCT_DECL), b_str(b, "opaque");
    b_uleb(b, AB_NAMESPACE), b_str(b, "ns");
    o->ns_inner = b->len;
    b_uleb(b, AB_SUB), b_str(b, "inner"), b_u64(b, 0x1600), b_u64(b, 0x10);
    b_u8(b, 0);
    b_u8(b, 0); /* ns */
    o->concrete = b->len;
    b_uleb(b, AB_CONCRETE), b_u32(b, (uint32_t)(o->abstract - unit)), b_u64(b, 0x1700);
    b_u64(b, 0x20);
    b_u8(b, 0);
    b_unit_end(b, m);

    m = b_unit_begin(b, 5, DW_UT_compile, 4, 8, 0);
    o->unit2 = m.start;
    b_uleb(b, AB_CU_NOCODE), b_str(b, "b.c");
    o->node2 = b->len;
    b_uleb(b, AB_STRUCT), b_str(b, "node"), b_u8(b, 8);
    b_u8(b, 0);
    o->outer2 = b->len;
    b_uleb(b, AB_SUB_NOCODE), b_str(b, "outer");
    o->only2 = b->len;
    b_uleb(b, AB_VAR), b_str(b, "only2");
    b_u8(b, 0);
    b_unit_end(b, m);
}

static void line_advance(struct buf *b, uint64_t pc, int64_t line)
{
    if (pc)
        b_u8(b, DW_LNS_advance_pc), b_uleb(b, pc);
    if (line)
        b_u8(b, DW_LNS_advance_line), b_sleb(b, line);
}

static void set_address(struct buf *b, uint64_t addr)
{
    b_u8(b, 0), b_uleb(b, 9), b_u8(b, DW_LNE_set_address), b_u64(b, addr);
}

/*
 * A v4 program: 0x1000 a.c:10, 0x1010 :12 then :13 (the last wins), 0x1020
 * inc/b.h:5, 0x1030 a.c:14 (discriminator 3), end 0x1100; then 0x2000 :50,
 * end 0x2010.
 */
static void line(struct buf *b)
{
    static const uint8_t lengths[12] = {0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1};
    size_t start = b->len, hdr;
    b_u32(b, 0);
    b_u16(b, 4);
    hdr = b->len;
    b_u32(b, 0);
    b_u8(b, 1), b_u8(b, 1), b_u8(b, 1), b_u8(b, (uint8_t)-5), b_u8(b, 14), b_u8(b, 13);
    b_bytes(b, lengths, sizeof lengths);
    b_str(b, "inc"), b_u8(b, 0);
    b_str(b, "a.c"), b_uleb(b, 0), b_uleb(b, 0), b_uleb(b, 0);
    b_str(b, "b.h"), b_uleb(b, 1), b_uleb(b, 0), b_uleb(b, 0);
    b_u8(b, 0);
    b_patch_u32(b, hdr, (uint32_t)(b->len - hdr - 4));
    set_address(b, 0x1000);
    line_advance(b, 0, 9), b_u8(b, DW_LNS_copy);
    line_advance(b, 0x10, 2), b_u8(b, DW_LNS_copy);
    line_advance(b, 0, 1), b_u8(b, DW_LNS_copy);
    line_advance(b, 0x10, -8), b_u8(b, DW_LNS_set_file), b_uleb(b, 2), b_u8(b, DW_LNS_copy);
    line_advance(b, 0x10, 9), b_u8(b, DW_LNS_set_file), b_uleb(b, 1);
    b_u8(b, 0), b_uleb(b, 2), b_u8(b, DW_LNE_set_discriminator), b_uleb(b, 3);
    b_u8(b, DW_LNS_copy);
    line_advance(b, 0xd0, 0), b_u8(b, 0), b_uleb(b, 1), b_u8(b, DW_LNE_end_sequence);
    set_address(b, 0x2000);
    line_advance(b, 0, 49), b_u8(b, DW_LNS_copy);
    line_advance(b, 0x10, 0), b_u8(b, 0), b_uleb(b, 1), b_u8(b, DW_LNE_end_sequence);
    b_patch_u32(b, start, (uint32_t)(b->len - start - 4));
}

/* One aranges set for the unit at info_offset covering [0x1000, 0x2000). */
static void aranges(struct buf *b, uint32_t info_offset)
{
    b_u32(b, 2 + 4 + 1 + 1 + 4 + 16 * 2);
    b_u16(b, 2), b_u32(b, info_offset), b_u8(b, 8), b_u8(b, 0);
    b_u32(b, 0); /* pad the tuples to 16 bytes */
    b_u64(b, 0x1000), b_u64(b, 0x1000);
    b_u64(b, 0), b_u64(b, 0);
}

void fixture_setup(struct fixture *f, int aranges_unit)
{
    struct buf b = {0};
    memset(f, 0, sizeof *f);
    td_init(&f->t);
    abbrevs(&b);
    td_set(&f->t, DWARF_SEC_ABBREV, &b);
    b.len = 0;
    fixture_info(&b, &f->o);
    td_set(&f->t, DWARF_SEC_INFO, &b);
    b.len = 0;
    line(&b);
    td_set(&f->t, DWARF_SEC_LINE, &b);
    if (aranges_unit >= 0) {
        b.len = 0;
        aranges(&b, (uint32_t)aranges_unit);
        td_set(&f->t, DWARF_SEC_ARANGES, &b);
    }
    td_finish(&f->t);
    f->ca.fail_after = -1;
    f->alloc = count_allocator(&f->ca);
    assert_int_equal(dwarf_init(&f->t.dw, f->t.sec, &f->alloc), 0);
}
