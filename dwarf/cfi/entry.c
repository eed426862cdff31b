/*
 * CIEs and FDEs (DWARF5 6.4.1, 7.24) as found in .debug_frame, and in
 * .eh_frame, whose differences the LSB (5.0, "Exception Frames") and the
 * x86_64 psABI (4.2.4) fix: CIE id 0, an FDE's CIE pointer relative to
 * itself, augmentation strings ("zR", "zPLR", "S", ...) with augmentation
 * data, and pointers in DW_EH_PE_* encodings. Everything is read in place.
 */
#include <dwarf/cfi.h>

#include "dwarf_int.h"
#include "cfi_int.h"

int dwarf_cfi_init(struct dwarf_cfi *cfi, const uint8_t *data, uint64_t size, uint64_t vaddr,
                   bool is_eh)
{
    if (cfi == NULL)
        return DWARF_E_ARG;
    *cfi = (struct dwarf_cfi){
        .sec = {.data = data, .size = data ? size : 0},
        .vaddr = vaddr,
        .is_eh = is_eh,
        .addr_size = 8,
    };
    return 0;
}

int dwarf_cfi_set_hdr(struct dwarf_cfi *cfi, const uint8_t *data, uint64_t size, uint64_t vaddr)
{
    if (cfi == NULL || data == NULL)
        return DWARF_E_ARG;
    cfi->hdr.data = data;
    cfi->hdr.size = size;
    cfi->hdr_vaddr = vaddr;
    return 0;
}

/*
 * A pointer in encoding enc, read at the cursor of a section loaded at
 * vaddr. value_only reads the format without the application (an FDE's
 * address range is a length, not an address).
 */
int dwarf_cfi_read_pointer(struct dwarf_cursor *c, const struct dwarf_cfi *cfi, uint64_t vaddr,
                           uint8_t enc, bool value_only, uint64_t *out)
{
    uint64_t field = vaddr + c->pos, v;
    int64_t s;
    int rc;

    if (enc == DW_EH_PE_omit)
        return DWARF_E_CFI;
    if ((enc & 0x70) == DW_EH_PE_aligned) {
        uint64_t pad = (cfi->addr_size - field % cfi->addr_size) % cfi->addr_size;
        if ((rc = dwarf_skip(c, pad)))
            return rc;
        field += pad;
    }
    switch (enc & 0x0f) {
    case DW_EH_PE_absptr:
        rc = dwarf_read_uint(c, cfi->addr_size, &v);
        break;
    case DW_EH_PE_uleb128:
        rc = dwarf_read_uleb(c, &v);
        break;
    case DW_EH_PE_udata2:
    case DW_EH_PE_udata4:
    case DW_EH_PE_udata8:
        rc = dwarf_read_uint(c, 1u << ((enc & 0x0f) - 1), &v);
        break;
    case DW_EH_PE_sleb128:
        rc = dwarf_read_sleb(c, &s);
        v = (uint64_t)s;
        break;
    case DW_EH_PE_sdata2:
    case DW_EH_PE_sdata4:
    case DW_EH_PE_sdata8: {
        unsigned size = 1u << ((enc & 0x0f) - 9);
        rc = dwarf_read_uint(c, size, &v);
        if (rc == 0 && size < 8 && (v >> (8 * size - 1)) & 1)
            v |= ~UINT64_C(0) << (8 * size);
        break;
    }
    default:
        return DWARF_E_CFI;
    }
    if (rc)
        return rc;
    if (value_only) {
        *out = v;
        return 0;
    }
    switch (enc & 0x70) {
    case DW_EH_PE_absptr:
    case DW_EH_PE_aligned:
        break;
    case DW_EH_PE_pcrel:
        v += field;
        break;
    case DW_EH_PE_textrel:
        v += cfi->text_base;
        break;
    case DW_EH_PE_datarel:
        v += cfi->data_base;
        break;
    default: /* funcrel has no function here; the rest are unassigned */
        return DWARF_E_CFI;
    }
    *out = v;
    return 0;
}

/* Length and id field of an entry; 0 for .eh_frame's zero terminator. */
static int entry_head(const struct dwarf_cfi *cfi, struct dwarf_cursor *c, uint64_t offset,
                      uint64_t *length, uint8_t *osize, uint64_t *end, uint64_t *id_pos,
                      uint64_t *id)
{
    int rc;
    if ((rc = dwarf_cursor_init(c, &cfi->sec, offset, cfi->sec.size)) ||
        (rc = dwarf_read_initial_length(c, length, osize)))
        return rc == DWARF_E_UNIT ? DWARF_E_CFI : rc;
    if (*length == 0 && cfi->is_eh)
        return 0;
    if (*length > cfi->sec.size - c->pos)
        return DWARF_E_TRUNCATED;
    *end = c->pos + *length;
    c->limit = *end;
    *id_pos = c->pos;
    /* .eh_frame keeps a 4-byte CIE pointer even in the 64-bit format. */
    if ((rc = dwarf_read_uint(c, cfi->is_eh ? 4 : *osize, id)))
        return rc;
    return 1;
}

static bool is_cie_id(const struct dwarf_cfi *cfi, uint8_t osize, uint64_t id)
{
    if (cfi->is_eh)
        return id == 0;
    return id == (osize == 8 ? ~UINT64_C(0) : 0xffffffffu);
}

/* The 'z' augmentation data: L, P, R and S (LSB 5.0); other letters are skipped by length. */
static int cie_augmentation(const struct dwarf_cfi *cfi, struct dwarf_cursor *c,
                            struct dwarf_cie *cie)
{
    const char *a = cie->augmentation;
    uint64_t len, data_end;
    int rc;

    if (a[0] != 'z') {
        /* Without 'z' only the old "eh" (a pointer-sized field) can be skipped. */
        if (a[0] == 0)
            return 0;
        return DWARF_E_CFI;
    }
    cie->has_z = true;
    if ((rc = dwarf_read_uleb(c, &len)))
        return rc;
    if (len > c->limit - c->pos)
        return DWARF_E_TRUNCATED;
    data_end = c->pos + len;
    for (a++; *a; a++) {
        uint8_t enc;
        switch (*a) {
        case 'L':
            if ((rc = dwarf_read_u8(c, &cie->lsda_enc)))
                return rc;
            break;
        case 'R':
            if ((rc = dwarf_read_u8(c, &cie->fde_enc)))
                return rc;
            break;
        case 'P':
            if ((rc = dwarf_read_u8(c, &enc)))
                return rc;
            cie->personality_enc = enc;
            /* An indirect pointer is reported as the address of the pointer. */
            if ((rc = dwarf_cfi_read_pointer(c, cfi, cfi->vaddr, enc & 0x7f, false,
                                             &cie->personality)))
                return rc;
            break;
        case 'S':
            cie->signal_frame = true;
            break;
        default:
            /* An unknown letter's data has unknown size: skip the rest by length. */
            c->pos = data_end;
            return 0;
        }
        if (c->pos > data_end)
            return DWARF_E_CFI;
    }
    c->pos = data_end;
    return 0;
}

int dwarf_cfi_cie_at(const struct dwarf_cfi *cfi, uint64_t offset, struct dwarf_cie *cie)
{
    struct dwarf_cursor c;
    uint64_t length, end, id_pos, id, v;
    uint8_t osize;
    uint64_t alen;
    int rc;

    if ((rc = entry_head(cfi, &c, offset, &length, &osize, &end, &id_pos, &id)) <= 0)
        return rc == 0 ? DWARF_E_CFI : rc;
    if (!is_cie_id(cfi, osize, id))
        return DWARF_E_CFI;
    *cie = (struct dwarf_cie){.offset = offset,
                              .end = end,
                              .length = length,
                              .offset_size = osize,
                              .addr_size = cfi->addr_size,
                              .fde_enc = DW_EH_PE_absptr,
                              .lsda_enc = DW_EH_PE_omit,
                              .personality_enc = DW_EH_PE_omit};
    if ((rc = dwarf_read_u8(&c, &cie->version)))
        return rc;
    /* DWARF5 6.4.1: version 4 in .debug_frame; 1 and 3 are the older forms and .eh_frame's. */
    if (cie->version != 1 && cie->version != 3 && !(cie->version == 4 && !cfi->is_eh))
        return DWARF_E_VERSION;
    if ((rc = dwarf_read_cstr(&c, &cie->augmentation, &alen)))
        return rc;
    if (cie->augmentation[0] == 'e' && cie->augmentation[1] == 'h') {
        if ((rc = dwarf_skip(&c, cfi->addr_size)))
            return rc;
        cie->augmentation += 2;
    }
    if (cie->version == 4) {
        if ((rc = dwarf_read_u8(&c, &cie->addr_size)) || (rc = dwarf_read_u8(&c, &cie->seg_size)))
            return rc;
        if (cie->addr_size != cfi->addr_size || cie->seg_size != 0)
            return DWARF_E_CFI;
    }
    if ((rc = dwarf_read_uleb(&c, &cie->code_align)) ||
        (rc = dwarf_read_sleb(&c, &cie->data_align)))
        return rc;
    if (cie->version == 1) {
        uint8_t ra;
        rc = dwarf_read_u8(&c, &ra);
        v = ra;
    } else {
        rc = dwarf_read_uleb(&c, &v);
    }
    if (rc)
        return rc;
    cie->ra_reg = v;
    if ((rc = cie_augmentation(cfi, &c, cie)))
        return rc;
    if (!cfi->is_eh && (cie->has_z || cie->fde_enc != DW_EH_PE_absptr))
        return DWARF_E_CFI;
    cie->insns = c.pos;
    cie->insns_end = end;
    return 0;
}

static int read_fde(const struct dwarf_cfi *cfi, struct dwarf_cursor *c, uint64_t id_pos,
                    uint64_t id, struct dwarf_fde *fde)
{
    uint64_t range, len, data_end;
    int rc;

    if (cfi->is_eh) {
        if (id > id_pos)
            return DWARF_E_CFI;
        fde->cie_offset = id_pos - id;
    } else {
        fde->cie_offset = id;
    }
    if (fde->cie_offset >= cfi->sec.size)
        return DWARF_E_CFI;
    if ((rc = dwarf_cfi_cie_at(cfi, fde->cie_offset, &fde->cie)))
        return rc;
    /* An indirect start address would live in target memory, not in the file. */
    if (fde->cie.fde_enc & DW_EH_PE_indirect)
        return DWARF_E_CFI;
    if ((rc =
             dwarf_cfi_read_pointer(c, cfi, cfi->vaddr, fde->cie.fde_enc, false, &fde->pc_begin)) ||
        (rc = dwarf_cfi_read_pointer(c, cfi, cfi->vaddr, fde->cie.fde_enc, true, &range)))
        return rc;
    fde->pc_end = fde->pc_begin + range;
    if (fde->cie.has_z) {
        if ((rc = dwarf_read_uleb(c, &len)))
            return rc;
        if (len > c->limit - c->pos)
            return DWARF_E_TRUNCATED;
        data_end = c->pos + len;
        if (fde->cie.lsda_enc != DW_EH_PE_omit) {
            if ((rc = dwarf_cfi_read_pointer(c, cfi, cfi->vaddr, fde->cie.lsda_enc & 0x7f, false,
                                             &fde->lsda)))
                return rc;
            fde->has_lsda = true;
            if (c->pos > data_end)
                return DWARF_E_CFI;
        }
        c->pos = data_end;
    }
    fde->insns = c->pos;
    fde->insns_end = fde->end;
    return 0;
}

int dwarf_cfi_entry_at(const struct dwarf_cfi *cfi, uint64_t offset, struct dwarf_cfi_entry *e)
{
    struct dwarf_cursor c;
    uint64_t length, end = 0, id_pos, id;
    uint8_t osize;
    int rc;

    if (cfi->sec.data == NULL)
        return offset == 0 ? 0 : DWARF_E_NO_SECTION;
    if (offset == cfi->sec.size)
        return 0;
    if ((rc = entry_head(cfi, &c, offset, &length, &osize, &end, &id_pos, &id)) <= 0)
        return rc;
    *e = (struct dwarf_cfi_entry){.next = end};
    if (is_cie_id(cfi, osize, id)) {
        e->is_cie = true;
        rc = dwarf_cfi_cie_at(cfi, offset, &e->cie);
    } else {
        e->fde = (struct dwarf_fde){.offset = offset, .end = end, .length = length};
        rc = read_fde(cfi, &c, id_pos, id, &e->fde);
    }
    return rc ? rc : 1;
}
