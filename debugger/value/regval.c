/*
 * regval.c: $registers as values, typed as gdb types them on x86_64
 * Linux, and assignment to them.
 *
 * The integer registers are long, with gdb's exceptions ($pc code
 * pointer, $sp and $fp data pointers, $eflags flags, segments int). The
 * views gdb adds (amd64-tdep.c's pseudo-registers) are int32_t $eax,
 * int16_t $ax and int8_t $al and $ah; writing one changes only its bits
 * of the full register (gdb reads, patches and writes the whole, so
 * `set $eax = 5` keeps rax's upper half, unlike a 32-bit mov). st0-7 are
 * builtin_type_i387_ext, the x87 control registers int, $mxcsr a flags
 * set, k0-7 uint64_t, and the vector registers the unions of
 * sym/regtypes.c, held in a temporary of the value history whose bytes
 * are the register's: a member or element of one written back goes into
 * the register at its offset in that temporary.
 */
#include <string.h>

#include <hdb/error.h>
#include <hdb/value.h>

static int read_fp(struct hdb_session *s, struct hdb_fpregs *fp)
{
    if (!s->pid)
        return HDB_E_NO_PROCESS;
    if (!s->target->ops->read_fpregs)
        return HDB_E_NOTSUP;
    return s->target->ops->read_fpregs(s->target, s->cur_tid, fp);
}

static void builtin_scalar(struct hdb_value *v, int code, uint64_t bits)
{
    v->kind = HDB_VAL_DWARF;
    v->unit = HDB_BUILTIN_UNIT;
    v->type = hdb_builtin_type(code, 0);
    v->scalar = bits;
}

int hdb_reg_value(struct hdb_session *s, const struct hdb_reg_desc *d, struct hdb_value *v)
{
    memset(v, 0, sizeof(*v));
    if (d->cls == HDB_RC_INT || d->cls == HDB_RC_PART) {
        struct hdb_regs regs;
        int rc = hdb_session_regs(s, &regs);
        if (rc < 0)
            return rc;
        if (!hdb_regs_has(&regs, d->index))
            return HDB_E_NOTSUP;
        uint64_t x = regs.v[d->index];
        if (d->cls == HDB_RC_PART) {
            int code = d->bytes == 4 ? HDB_BT_INT32 : d->bytes == 2 ? HDB_BT_INT16 : HDB_BT_INT8;
            builtin_scalar(v, code, (x >> d->shift) & ((1ull << (8 * d->bytes)) - 1));
            v->reg_class1 = HDB_RC_PART + 1;
            v->reg_index = (int16_t)d->index;
            v->reg_bytes = d->bytes;
            v->reg_shift = d->shift;
            return 0;
        }
        int r = d->index;
        v->scalar = x;
        v->regno1 = r + 1;
        v->kind = r == HDB_REG_RIP                          ? HDB_VAL_CODE_PTR
                  : (r == HDB_REG_RSP || r == HDB_REG_RBP)  ? HDB_VAL_DATA_PTR
                  : r == HDB_REG_EFLAGS                     ? HDB_VAL_EFLAGS
                  : (r > HDB_REG_EFLAGS && r <= HDB_REG_GS) ? HDB_VAL_INT
                                                            : HDB_VAL_LONG;
        return 0;
    }
    struct hdb_fpregs fp;
    int rc = read_fp(s, &fp);
    if (rc < 0)
        return rc;
    if (!hdb_reg_desc_present(d, &fp))
        return HDB_E_NOT_FOUND; /* gdb has no such register here: $name is a convenience variable */
    v->reg_class1 = (uint8_t)(d->cls + 1);
    v->reg_index = (int16_t)d->index;
    v->reg_bytes = d->bytes;
    switch (d->cls) {
    case HDB_RC_ST:
        v->kind = HDB_VAL_DWARF;
        v->unit = HDB_BUILTIN_UNIT;
        v->type = hdb_builtin_type(HDB_BT_I387_EXT, 0);
        v->lvalue = true;
        return hdb_values_temp(s, fp.st[d->index], 10, false, &v->addr);
    case HDB_RC_X87:
        v->kind = HDB_VAL_INT;
        v->scalar = fp.x87[d->index];
        return 0;
    case HDB_RC_MXCSR:
        v->kind = HDB_VAL_MXCSR;
        v->scalar = fp.mxcsr;
        return 0;
    case HDB_RC_K:
        builtin_scalar(v, HDB_BT_UINT64, fp.k[d->index]);
        return 0;
    case HDB_RC_XMM:
        v->kind = HDB_VAL_DWARF;
        v->unit = HDB_BUILTIN_UNIT;
        v->type = hdb_builtin_type(d->bytes == 16   ? HDB_BT_VEC128
                                   : d->bytes == 32 ? HDB_BT_VEC256
                                                    : HDB_BT_VEC512,
                                   0);
        v->lvalue = true;
        return hdb_values_temp(s, fp.zmm[d->index], d->bytes, false, &v->addr);
    default:
        return HDB_E_NOTSUP;
    }
}

/* $eax = x: the bits of the part patched into the whole register. */
static int assign_part(struct hdb_session *s, struct hdb_value *a, uint64_t bits)
{
    struct hdb_regs regs;
    int rc = hdb_session_regs(s, &regs);
    if (rc < 0)
        return rc;
    int r = a->reg_class1 == HDB_RC_PART + 1 ? a->reg_index : a->regno1 - 1;
    uint64_t mask = a->reg_class1 ? ((1ull << (8 * a->reg_bytes)) - 1) << a->reg_shift : ~0ull;
    uint64_t full = (regs.v[r] & ~mask) | ((bits << a->reg_shift) & mask);
    regs.valid = 1ull << r;
    regs.v[r] = full;
    rc = s->target->ops->write_regs(s->target, s->cur_tid, &regs);
    if (rc < 0)
        return rc;
    a->scalar = a->reg_class1 ? (full & mask) >> a->reg_shift : full;
    return 1;
}

/* A vector register's member or element (a->addr in its temporary) = b. */
static int assign_vector(struct hdb_session *s, struct hdb_fpregs *fp, struct hdb_value *a,
                         const struct hdb_value *b)
{
    struct hdb_ctype t;
    uint64_t off = hdb_values_offset(a->addr), size;
    if (hdb_ctype_resolve(&s->dw, a->unit, a->type, &t) < 0 || hdb_value_sizeof(s, a, &size) < 0)
        return HDB_E_FORMAT;
    if (off + size > a->reg_bytes)
        return HDB_E_ARG;
    uint8_t bytes[64];
    if (t.tag == DW_TAG_union_type || t.tag == DW_TAG_array_type) {
        /* A whole union or vector takes only another of the same size (gdb: Invalid cast.). */
        uint64_t bsize;
        struct hdb_ctype bt;
        if (b->kind != HDB_VAL_DWARF || !b->lvalue || hdb_value_sizeof(s, b, &bsize) < 0 ||
            bsize != size || hdb_ctype_resolve(&s->dw, b->unit, b->type, &bt) < 0 ||
            (bt.tag != DW_TAG_union_type && bt.tag != DW_TAG_array_type) ||
            hdb_session_read(s, b->addr, bytes, (size_t)size) != (int)size)
            return HDB_E_CAST;
    } else {
        struct hdb_value conv = *b;
        int rc = hdb_value_cast(s, &conv, a->unit, a->type, 0);
        if (rc < 0)
            return rc;
        if (size > 8)
            return HDB_E_NOTSUP; /* 128-bit integers and x87 values: not written yet */
        memcpy(bytes, &conv.scalar, (size_t)size);
    }
    memcpy(fp->zmm[a->reg_index] + off, bytes, (size_t)size);
    /* a shows the register as it now is (`print $xmm0.v4_int32[0] = 7`). */
    uint64_t base;
    int rc = hdb_values_temp(s, fp->zmm[a->reg_index], a->reg_bytes, false, &base);
    if (rc == 0)
        a->addr = base + off;
    return rc;
}

int hdb_reg_assign(struct hdb_session *s, struct hdb_value *a, const struct hdb_value *b)
{
    if (!a->regno1 && !a->reg_class1)
        return 0;
    if (s->frame != 0)
        return HDB_E_NOTSUP; /* outer frames' registers are not written back yet */
    enum hdb_reg_class cls = a->reg_class1 ? (enum hdb_reg_class)(a->reg_class1 - 1) : HDB_RC_INT;
    uint64_t bits = 0;
    int rc;
    if (cls != HDB_RC_XMM && cls != HDB_RC_ST && (rc = hdb_value_as_u64(s, b, &bits)) < 0)
        return rc;
    if (cls == HDB_RC_INT || cls == HDB_RC_PART)
        return assign_part(s, a, bits);
    struct hdb_fpregs fp;
    if ((rc = read_fp(s, &fp)) < 0)
        return rc;
    if (!s->target->ops->write_fpregs)
        return HDB_E_NOTSUP;
    switch (cls) {
    case HDB_RC_X87:
        fp.x87[a->reg_index] = (uint32_t)bits;
        a->scalar = (uint32_t)bits;
        break;
    case HDB_RC_MXCSR:
        fp.mxcsr = (uint32_t)bits;
        a->scalar = (uint32_t)bits;
        break;
    case HDB_RC_K:
        fp.k[a->reg_index] = bits;
        a->scalar = bits;
        break;
    case HDB_RC_XMM:
        if ((rc = assign_vector(s, &fp, a, b)) < 0)
            return rc;
        break;
    default:
        return HDB_E_NOTSUP;
    }
    rc = s->target->ops->write_fpregs(s->target, s->cur_tid, &fp);
    return rc < 0 ? rc : 1;
}
