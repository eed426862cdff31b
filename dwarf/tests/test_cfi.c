/*
 * Call frame information (DWARF5 6.4, LSB .eh_frame) on hand-built
 * sections: CIE/FDE headers of both flavours with the z, R, P, L and S
 * augmentations and DW_EH_PE_* encodings, every DW_CFA_* operation with the
 * rows it must produce (worked out by hand), remember/restore, FDE lookup
 * by index, .eh_frame_hdr and scan, and malformed entries.
 */
#include "testutil.h"

#include <dwarf/cfi.h>

#include <string.h>

#define VADDR 0x10000u

/* Starts an entry; returns where its length goes (patched by entry_end). */
static size_t entry_begin(struct buf *b)
{
    size_t at = b->len;
    b_u32(b, 0);
    return at;
}

static void entry_end(struct buf *b, size_t at, unsigned align)
{
    while ((b->len - at) % align)
        b_u8(b, DW_CFA_nop);
    b_patch_u32(b, at, (uint32_t)(b->len - at - 4));
}

/* .eh_frame CIE "zR" (FDE pointers pcrel|sdata4), cf=1 df=-8 ra=16, CFA rsp+8, ra at c-8. */
static size_t eh_cie_zr(struct buf *b)
{
    size_t at = entry_begin(b);
    b_u32(b, 0);
    b_u8(b, 1);
    b_str(b, "zR");
    b_uleb(b, 1);
    b_sleb(b, -8);
    b_u8(b, 16);
    b_uleb(b, 1);
    b_u8(b, DW_EH_PE_pcrel | DW_EH_PE_sdata4);
    b_u8(b, DW_CFA_def_cfa);
    b_uleb(b, 7);
    b_uleb(b, 8);
    b_u8(b, DW_CFA_offset | 16);
    b_uleb(b, 1);
    entry_end(b, at, 8);
    return at;
}

/* An FDE for [pc, pc + len) under the CIE at cie; the caller appends instructions. */
static size_t eh_fde_begin(struct buf *b, size_t cie, uint64_t pc, uint32_t len)
{
    size_t at = entry_begin(b);
    b_u32(b, (uint32_t)(b->len - cie));
    b_u32(b, (uint32_t)(pc - (VADDR + b->len)));
    b_u32(b, len);
    b_uleb(b, 0); /* augmentation data */
    return at;
}

struct fixture {
    struct dwarf_section sec;
    struct dwarf_cfi cfi;
};

static void fx_init(struct fixture *fx, const struct buf *b, bool eh)
{
    fx->sec = sec_copy(b->data, b->len);
    assert_int_equal(dwarf_cfi_init(&fx->cfi, fx->sec.data, fx->sec.size, eh ? VADDR : 0, eh), 0);
}

static void fx_free(struct fixture *fx)
{
    sec_free(&fx->sec);
}

static int all_rows(struct fixture *fx, uint64_t fde_off, struct dwarf_cfa_row *rows, int max)
{
    struct dwarf_cfi_entry e;
    static struct dwarf_cfa_rows r;
    int n = 0, rc;
    assert_int_equal(dwarf_cfi_entry_at(&fx->cfi, fde_off, &e), 1);
    assert_false(e.is_cie);
    if ((rc = dwarf_cfa_rows_init(&r, &fx->cfi, &e.fde)))
        return rc;
    while (n < max && (rc = dwarf_cfa_rows_next(&r, &rows[n])) > 0)
        n++;
    return rc < 0 ? rc : n;
}

static void cfa_is(const struct dwarf_cfa_row *row, uint64_t loc, uint64_t reg, int64_t off)
{
    assert_int_equal(row->loc, loc);
    assert_false(row->cfa.is_expr);
    assert_int_equal(row->cfa.reg, reg);
    assert_int_equal(row->cfa.offset, off);
}

static void rule_is(const struct dwarf_cfa_row *row, unsigned reg, unsigned kind, int64_t off)
{
    assert_int_equal(row->reg[reg].kind, kind);
    if (kind == DWARF_RULE_OFFSET || kind == DWARF_RULE_VAL_OFFSET)
        assert_int_equal(row->reg[reg].offset, off);
    if (kind == DWARF_RULE_REGISTER)
        assert_int_equal(row->reg[reg].reg, (uint64_t)off);
}

/* Every register and CFA op, with the row after each advance. */
static void every_op(void **state)
{
    struct buf b = {0};
    struct fixture fx;
    struct dwarf_cfa_row rows[16];
    (void)state;

    size_t cie = eh_cie_zr(&b);
    size_t fde = eh_fde_begin(&b, cie, 0x401000, 0x100);
    b_u8(&b, DW_CFA_advance_loc | 1); /* row 0: [0x401000, 0x401001) */
    b_u8(&b, DW_CFA_def_cfa_offset);  /* rsp+16 */
    b_uleb(&b, 16);
    b_u8(&b, DW_CFA_offset | 6); /* rbp at c-16 */
    b_uleb(&b, 2);
    b_u8(&b, DW_CFA_advance_loc1); /* row 1: [0x401001, 0x401004) */
    b_u8(&b, 3);
    b_u8(&b, DW_CFA_def_cfa_register); /* rbp+16 */
    b_uleb(&b, 6);
    b_u8(&b, DW_CFA_offset_extended); /* rbx at c-24 */
    b_uleb(&b, 3);
    b_uleb(&b, 3);
    b_u8(&b, DW_CFA_offset_extended_sf); /* r12 at c+8 (-1 * -8) */
    b_uleb(&b, 12);
    b_sleb(&b, -1);
    b_u8(&b, DW_CFA_val_offset); /* r13 = c-32 */
    b_uleb(&b, 13);
    b_uleb(&b, 4);
    b_u8(&b, DW_CFA_val_offset_sf); /* r14 = c+16 */
    b_uleb(&b, 14);
    b_sleb(&b, -2);
    b_u8(&b, DW_CFA_register); /* r15 in rax */
    b_uleb(&b, 15);
    b_uleb(&b, 0);
    b_u8(&b, DW_CFA_undefined);
    b_uleb(&b, 1);
    b_u8(&b, DW_CFA_same_value);
    b_uleb(&b, 2);
    b_u8(&b, DW_CFA_GNU_negative_offset_extended); /* r8 at c+40 (-(5 * -8)) */
    b_uleb(&b, 8);
    b_uleb(&b, 5);
    b_u8(&b, DW_CFA_remember_state);
    b_u8(&b, DW_CFA_advance_loc2); /* row 2: [0x401004, 0x401014) */
    b_u16(&b, 0x10);
    b_u8(&b, DW_CFA_def_cfa); /* rsp+8 */
    b_uleb(&b, 7);
    b_uleb(&b, 8);
    b_u8(&b, DW_CFA_restore | 6);      /* rbp back to the CIE's (unset) */
    b_u8(&b, DW_CFA_restore_extended); /* r16 back to c-8 */
    b_uleb(&b, 16);
    b_u8(&b, DW_CFA_def_cfa_sf); /* rsp+32 */
    b_uleb(&b, 7);
    b_sleb(&b, -4);
    b_u8(&b, DW_CFA_def_cfa_offset_sf); /* rsp+48 */
    b_sleb(&b, -6);
    b_u8(&b, DW_CFA_GNU_args_size);
    b_uleb(&b, 32);
    b_u8(&b, DW_CFA_advance_loc4); /* row 3: [0x401014, 0x401034) */
    b_u32(&b, 0x20);
    b_u8(&b, DW_CFA_restore_state); /* back to row 1's rules */
    b_u8(&b, DW_CFA_expression);    /* rbx at *(rsp) */
    b_uleb(&b, 3);
    b_uleb(&b, 2);
    b_u8(&b, DW_OP_breg0 + 7);
    b_sleb(&b, 0);
    b_u8(&b, DW_CFA_val_expression); /* rcx = rsp */
    b_uleb(&b, 2);
    b_uleb(&b, 2);
    b_u8(&b, DW_OP_breg0 + 7);
    b_sleb(&b, 0);
    b_u8(&b, DW_CFA_offset_extended); /* a register past the table: dropped */
    b_uleb(&b, 100);
    b_uleb(&b, 1);
    b_u8(&b, DW_CFA_set_loc); /* row 4: [0x401034, 0x401040) */
    b_u32(&b, (uint32_t)(0x401040 - (VADDR + b.len)));
    b_u8(&b, DW_CFA_def_cfa_expression); /* row 5: [0x401040, 0x401100) */
    b_uleb(&b, 2);
    b_u8(&b, DW_OP_breg0 + 7);
    b_sleb(&b, 8);
    b_u8(&b, DW_CFA_MIPS_advance_loc8);
    b_u64(&b, 0); /* an empty row, then the last */
    b_u8(&b, DW_CFA_nop);
    entry_end(&b, fde, 8);
    fx_init(&fx, &b, true);

    assert_int_equal(all_rows(&fx, fde, rows, 16), 7);
    cfa_is(&rows[0], 0x401000, 7, 8);
    assert_int_equal(rows[0].end, 0x401001);
    rule_is(&rows[0], 16, DWARF_RULE_OFFSET, -8);
    rule_is(&rows[0], 6, DWARF_RULE_UNSET, 0);

    cfa_is(&rows[1], 0x401001, 7, 16);
    rule_is(&rows[1], 6, DWARF_RULE_OFFSET, -16);
    assert_int_equal(rows[1].end, 0x401004);

    cfa_is(&rows[2], 0x401004, 6, 16);
    rule_is(&rows[2], 3, DWARF_RULE_OFFSET, -24);
    rule_is(&rows[2], 12, DWARF_RULE_OFFSET, 8);
    rule_is(&rows[2], 13, DWARF_RULE_VAL_OFFSET, -32);
    rule_is(&rows[2], 14, DWARF_RULE_VAL_OFFSET, 16);
    rule_is(&rows[2], 15, DWARF_RULE_REGISTER, 0);
    rule_is(&rows[2], 1, DWARF_RULE_UNDEFINED, 0);
    rule_is(&rows[2], 2, DWARF_RULE_SAME, 0);
    rule_is(&rows[2], 8, DWARF_RULE_OFFSET, 40);
    assert_int_equal(rows[2].end, 0x401014);

    cfa_is(&rows[3], 0x401014, 7, 48);
    rule_is(&rows[3], 6, DWARF_RULE_UNSET, 0);
    rule_is(&rows[3], 16, DWARF_RULE_OFFSET, -8);
    assert_int_equal(rows[3].args_size, 32);
    assert_int_equal(rows[3].end, 0x401034);

    /* restore_state brought back row 2's rules (CFA included) at the new location. */
    cfa_is(&rows[4], 0x401034, 6, 16);
    rule_is(&rows[4], 6, DWARF_RULE_OFFSET, -16);
    rule_is(&rows[4], 3, DWARF_RULE_EXPRESSION, 0);
    assert_int_equal(rows[4].reg[3].expr_len, 2);
    rule_is(&rows[4], 2, DWARF_RULE_VAL_EXPRESSION, 0);
    assert_int_equal(rows[4].end, 0x401040);

    assert_int_equal(rows[5].loc, 0x401040);
    assert_true(rows[5].cfa.is_expr);
    assert_int_equal(rows[5].cfa.expr_len, 2);
    assert_int_equal(rows[5].end, 0x401040);
    assert_int_equal(rows[6].loc, 0x401040);
    assert_int_equal(rows[6].end, 0x401100);

    /* The row for a pc. */
    struct dwarf_cfa_rows r;
    struct dwarf_cfa_row row;
    struct dwarf_fde f;
    assert_int_equal(dwarf_cfi_find_fde(&fx.cfi, NULL, 0x401020, &f), 0);
    assert_int_equal(dwarf_cfa_row_for_pc(&r, &fx.cfi, &f, 0x401020, &row), 0);
    assert_int_equal(row.loc, 0x401014);
    assert_int_equal(dwarf_cfa_row_for_pc(&r, &fx.cfi, &f, 0x401100, &row), DWARF_E_NOT_FOUND);
    assert_int_equal(dwarf_cfi_find_fde(&fx.cfi, NULL, 0x401100, &f), DWARF_E_NOT_FOUND);
    fx_free(&fx);
}

/* zPLR + S with every pointer format, and .debug_frame v1/v3/v4 in 32 and 64 bits. */
static void headers(void **state)
{
    struct buf b = {0};
    struct fixture fx;
    struct dwarf_cfi_entry e;
    (void)state;

    size_t cie = entry_begin(&b);
    b_u32(&b, 0);
    b_u8(&b, 3);
    b_str(&b, "zPLRS");
    b_uleb(&b, 4);
    b_sleb(&b, -4);
    b_uleb(&b, 300); /* version 3: ULEB return-address register */
    b_uleb(&b, 1 + 8 + 1 + 1);
    b_u8(&b, DW_EH_PE_indirect | DW_EH_PE_absptr);
    b_u64(&b, 0x7000);
    b_u8(&b, DW_EH_PE_udata2);
    b_u8(&b, DW_EH_PE_udata8);
    entry_end(&b, cie, 4);
    size_t fde = entry_begin(&b);
    b_u32(&b, (uint32_t)(b.len - cie));
    b_u64(&b, 0x500000);
    b_u64(&b, 0x40);
    b_uleb(&b, 2);
    b_u16(&b, 0x1234);
    entry_end(&b, fde, 4);
    b_u32(&b, 0); /* terminator */
    fx_init(&fx, &b, true);

    assert_int_equal(dwarf_cfi_entry_at(&fx.cfi, 0, &e), 1);
    assert_true(e.is_cie);
    assert_int_equal(e.cie.version, 3);
    assert_int_equal(e.cie.code_align, 4);
    assert_int_equal(e.cie.data_align, -4);
    assert_int_equal(e.cie.ra_reg, 300);
    assert_true(e.cie.signal_frame);
    assert_int_equal(e.cie.personality, 0x7000);
    assert_int_equal(e.cie.personality_enc, DW_EH_PE_indirect);
    assert_int_equal(e.cie.lsda_enc, DW_EH_PE_udata2);
    assert_int_equal(dwarf_cfi_entry_at(&fx.cfi, e.next, &e), 1);
    assert_false(e.is_cie);
    assert_int_equal(e.fde.pc_begin, 0x500000);
    assert_int_equal(e.fde.pc_end, 0x500040);
    assert_true(e.fde.has_lsda);
    assert_int_equal(e.fde.lsda, 0x1234);
    assert_int_equal(dwarf_cfi_entry_at(&fx.cfi, e.next, &e), 0);
    fx_free(&fx);

    /* .debug_frame: v4 CIE in 64-bit DWARF with address and segment sizes. */
    b.len = 0;
    b_u32(&b, 0xffffffff);
    size_t len_at = b.len;
    b_u64(&b, 0);
    b_u64(&b, ~UINT64_C(0));
    b_u8(&b, 4);
    b_str(&b, "");
    b_u8(&b, 8);
    b_u8(&b, 0);
    b_uleb(&b, 1);
    b_sleb(&b, -8);
    b_uleb(&b, 16);
    b_u8(&b, DW_CFA_def_cfa);
    b_uleb(&b, 7);
    b_uleb(&b, 8);
    b_patch_u64(&b, len_at, b.len - len_at - 8);
    size_t fde64 = b.len;
    b_u32(&b, 0xffffffff);
    len_at = b.len;
    b_u64(&b, 0);
    b_u64(&b, 0); /* CIE at offset 0 */
    b_u64(&b, 0x600000);
    b_u64(&b, 0x10);
    b_u8(&b, DW_CFA_advance_loc | 4);
    b_u8(&b, DW_CFA_def_cfa_offset);
    b_uleb(&b, 16);
    b_patch_u64(&b, len_at, b.len - len_at - 8);
    /* v1 CIE, 32-bit, one-byte RA column. */
    size_t cie1 = entry_begin(&b);
    b_u32(&b, 0xffffffff);
    b_u8(&b, 1);
    b_str(&b, "");
    b_uleb(&b, 1);
    b_sleb(&b, -8);
    b_u8(&b, 16);
    entry_end(&b, cie1, 4);
    fx_init(&fx, &b, false);
    struct dwarf_cfa_row rows[4];
    assert_int_equal(all_rows(&fx, fde64, rows, 4), 2);
    cfa_is(&rows[0], 0x600000, 7, 8);
    cfa_is(&rows[1], 0x600004, 7, 16);
    assert_int_equal(rows[1].end, 0x600010);
    assert_int_equal(dwarf_cfi_entry_at(&fx.cfi, cie1, &e), 1);
    assert_int_equal(e.cie.version, 1);
    assert_int_equal(e.cie.ra_reg, 16);
    fx_free(&fx);
}

/* 40 FDEs in shuffled order; index, .eh_frame_hdr and scan agree everywhere. */
static void lookup(void **state)
{
    struct buf b = {0}, h = {0};
    struct fixture fx;
    struct dwarf_cfi_index index;
    struct count_alloc ca = {.fail_after = -1};
    struct dwarf_allocator alloc = count_allocator(&ca);
    size_t offs[40];
    (void)state;

    size_t cie = eh_cie_zr(&b);
    for (unsigned i = 0; i < 40; i++) {
        unsigned slot = (i * 17) % 40; /* function slot: 0x100 bytes each, 0x80 covered */
        offs[slot] = eh_fde_begin(&b, cie, 0x400000 + slot * 0x100, 0x80);
        entry_end(&b, offs[slot], 8);
    }
    b_u32(&b, 0);
    fx_init(&fx, &b, true);

    /* .eh_frame_hdr at 0x8000: datarel|sdata4 table relative to its start. */
    b_u8(&h, 1);
    b_u8(&h, DW_EH_PE_pcrel | DW_EH_PE_sdata4);
    b_u8(&h, DW_EH_PE_udata4);
    b_u8(&h, DW_EH_PE_datarel | DW_EH_PE_sdata4);
    b_u32(&h, (uint32_t)(VADDR - (0x8000 + 4)));
    b_u32(&h, 40);
    for (unsigned slot = 0; slot < 40; slot++) {
        b_u32(&h, (uint32_t)(0x400000 + slot * 0x100 - 0x8000));
        b_u32(&h, (uint32_t)(VADDR + offs[slot] - 0x8000));
    }
    struct dwarf_section hs = sec_copy(h.data, h.len);
    struct dwarf_cfi with_hdr = fx.cfi;
    assert_int_equal(dwarf_cfi_set_hdr(&with_hdr, hs.data, hs.size, 0x8000), 0);

    assert_int_equal(dwarf_cfi_index_build(&fx.cfi, &alloc, &index), 0);
    assert_int_equal(index.count, 40);
    for (uint64_t pc = 0x3fff00; pc < 0x402900; pc += 0x21) {
        struct dwarf_fde a, c, d;
        int ra = dwarf_cfi_find_fde(&fx.cfi, &index, pc, &a);
        int rc = dwarf_cfi_find_fde(&with_hdr, NULL, pc, &c);
        int rd = dwarf_cfi_find_fde(&fx.cfi, NULL, pc, &d);
        bool covered = pc >= 0x400000 && pc < 0x402800 && (pc & 0xff) < 0x80;
        assert_int_equal(ra, covered ? 0 : DWARF_E_NOT_FOUND);
        assert_int_equal(rc, ra);
        assert_int_equal(rd, ra);
        if (covered) {
            assert_int_equal(a.offset, offs[(pc - 0x400000) / 0x100]);
            assert_int_equal(c.offset, a.offset);
            assert_int_equal(d.offset, a.offset);
        }
    }
    dwarf_cfi_index_free(&index);
    assert_int_equal(ca.live_bytes, 0);
    ca.fail_after = 0;
    assert_int_equal(dwarf_cfi_index_build(&fx.cfi, &alloc, &index), DWARF_E_NOMEM);

    /* A header for another .eh_frame, and a bad version. */
    uint8_t *hp = (uint8_t *)hs.data;
    hp[4] ^= 0x10;
    struct dwarf_fde f;
    assert_int_equal(dwarf_cfi_find_fde(&with_hdr, NULL, 0x400010, &f), DWARF_E_CFI);
    hp[4] ^= 0x10;
    hp[0] = 2;
    assert_int_equal(dwarf_cfi_find_fde(&with_hdr, NULL, 0x400010, &f), DWARF_E_VERSION);
    sec_free(&hs);
    fx_free(&fx);
}

static int one_entry_rc(const struct buf *b, bool eh, uint64_t off)
{
    struct fixture fx;
    struct dwarf_cfi_entry e;
    fx_init(&fx, b, eh);
    int rc = dwarf_cfi_entry_at(&fx.cfi, off, &e);
    if (rc == 1 && !e.is_cie) {
        struct dwarf_cfa_rows r;
        struct dwarf_cfa_row row;
        if ((rc = dwarf_cfa_rows_init(&r, &fx.cfi, &e.fde)) == 0)
            while ((rc = dwarf_cfa_rows_next(&r, &row)) > 0)
                ;
    }
    fx_free(&fx);
    return rc;
}

/* An FDE with the given instruction bytes under a zR CIE: the interpreter's verdict. */
static int program_rc(const uint8_t *ops, size_t n)
{
    struct buf b = {0};
    size_t cie = eh_cie_zr(&b);
    size_t fde = eh_fde_begin(&b, cie, 0x1000, 0x100);
    b_bytes(&b, ops, n);
    b_patch_u32(&b, fde, (uint32_t)(b.len - fde - 4));
    return one_entry_rc(&b, true, fde);
}

static void malformed(void **state)
{
    struct buf b = {0};
    (void)state;

    /* Instructions. */
    static const uint8_t restore_empty[] = {DW_CFA_restore_state};
    static const uint8_t unknown[] = {0x3f};
    static const uint8_t window[] = {DW_CFA_GNU_window_save};
    static const uint8_t cut_leb[] = {DW_CFA_def_cfa, 0x87};
    static const uint8_t cut_block[] = {DW_CFA_def_cfa_expression, 5, DW_OP_lit0};
    static const uint8_t reg_after_expr[] = {DW_CFA_def_cfa_expression, 1, DW_OP_lit0,
                                             DW_CFA_def_cfa_offset, 8};
    /* pcrel from its field (VADDR + 42: after the 24-byte CIE and 18 bytes of FDE) to 0x800. */
    static const uint8_t backwards[] = {DW_CFA_set_loc, 0xd6, 0x07, 0xff, 0xff};
    uint8_t deep[DWARF_CFI_STACK_DEPTH + 1];
    memset(deep, DW_CFA_remember_state, sizeof deep);
    assert_int_equal(program_rc(restore_empty, sizeof restore_empty), DWARF_E_CFI);
    assert_int_equal(program_rc(unknown, sizeof unknown), DWARF_E_CFI);
    assert_int_equal(program_rc(window, sizeof window), DWARF_E_CFI);
    assert_int_equal(program_rc(cut_leb, sizeof cut_leb), DWARF_E_TRUNCATED);
    assert_int_equal(program_rc(cut_block, sizeof cut_block), DWARF_E_TRUNCATED);
    assert_int_equal(program_rc(reg_after_expr, sizeof reg_after_expr), DWARF_E_CFI);
    assert_int_equal(program_rc(backwards, sizeof backwards), DWARF_E_CFI);
    assert_int_equal(program_rc(deep, sizeof deep), DWARF_E_LIMIT);
    assert_int_equal(program_rc(deep, sizeof deep - 1), 0);

    /* Headers: length past the section, bad version, unknown augmentation without z. */
    size_t cie = eh_cie_zr(&b);
    b_patch_u32(&b, cie, 0x1000);
    assert_int_equal(one_entry_rc(&b, true, 0), DWARF_E_TRUNCATED);
    b.len = 0;
    eh_cie_zr(&b);
    b.data[8] = 2;
    assert_int_equal(one_entry_rc(&b, true, 0), DWARF_E_VERSION);
    b.data[8] = 1;
    b.data[9] = 'x';
    assert_int_equal(one_entry_rc(&b, true, 0), DWARF_E_CFI);
    b.data[9] = 'z';
    b.data[10] = 'Q'; /* unknown letter after z: skipped by the data length */
    assert_int_equal(one_entry_rc(&b, true, 0), 1);
    b.data[10] = 'R';

    /* FDEs: CIE pointer before the section, pointing at an FDE, bad pointer encodings. */
    size_t fde = eh_fde_begin(&b, cie, 0x1000, 0x10);
    entry_end(&b, fde, 8);
    b_patch_u32(&b, fde + 4, 0x7000);
    assert_int_equal(one_entry_rc(&b, true, fde), DWARF_E_CFI);
    size_t fde2 = eh_fde_begin(&b, fde, 0x1000, 0x10);
    entry_end(&b, fde2, 8);
    assert_int_equal(one_entry_rc(&b, true, fde2), DWARF_E_CFI);
    b_patch_u32(&b, fde + 4, (uint32_t)(fde + 4 - cie));
    assert_int_equal(one_entry_rc(&b, true, fde), 0); /* read, and its rows run to the end */
    /* The 'R' encoding byte (length, id, version, "zR", cf, df, ra, data length). */
    b.data[cie + 16] = 0x07; /* an unassigned format */
    assert_int_equal(one_entry_rc(&b, true, fde), DWARF_E_CFI);
    b.data[cie + 16] = DW_EH_PE_indirect | DW_EH_PE_sdata4;
    assert_int_equal(one_entry_rc(&b, true, fde), DWARF_E_CFI);
    b.data[cie + 16] = DW_EH_PE_funcrel | DW_EH_PE_sdata4;
    assert_int_equal(one_entry_rc(&b, true, fde), DWARF_E_CFI);

    /* .debug_frame: a z augmentation is .eh_frame's only; reserved lengths. */
    b.len = 0;
    eh_cie_zr(&b);
    b_patch_u32(&b, 4, 0xffffffff);
    assert_int_equal(one_entry_rc(&b, false, 0), DWARF_E_CFI);
    b_patch_u32(&b, 0, 0xfffffff0);
    assert_int_equal(one_entry_rc(&b, false, 0), DWARF_E_CFI);
    assert_int_equal(one_entry_rc(&b, false, 2), DWARF_E_TRUNCATED);
}

int main(void)
{
    // clang-format off
    const struct CMUnitTest tests[] = {
        DWARF_TEST(cfi, every_op),
        DWARF_TEST(cfi, headers),
        DWARF_TEST(cfi, lookup),
        DWARF_TEST(cfi, malformed),
    };
    // clang-format on
    return cmocka_run_group_tests(tests, NULL, NULL);
}
