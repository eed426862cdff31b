/*
 * valops.c: operations on values for the expression evaluator: indexing,
 * members, unary and binary operators with C's conversions (C11 6.3.1.1
 * integer promotions, 6.3.1.8 usual arithmetic conversions, 6.5.6 pointer
 * arithmetic), casts and sizeof.
 */
#include <string.h>

#include <hdb/dinfo.h>
#include <hdb/error.h>
#include <hdb/value.h>

/* A value reduced to a number or an address. */
struct num {
    bool fp, ptr, is_unsigned;
    unsigned size; /* integers after promotion: 4 or 8 */
    double d;
    uint64_t u;
    uint64_t unit, target; /* pointers: the pointed-to type (0: void) */
};

static int64_t sext(uint64_t v, unsigned size)
{
    if (size >= 8)
        return (int64_t)v;
    uint64_t m = 1ull << (size * 8 - 1);
    v &= (1ull << (size * 8)) - 1;
    return (int64_t)((v ^ m) - m);
}

static int raw_bits(struct hdb_session *s, const struct hdb_value *v, uint64_t size, uint64_t *out)
{
    *out = 0;
    if (size > 8)
        return HDB_E_TYPE;
    if (!v->lvalue) {
        *out = size < 8 ? v->scalar & ((1ull << (size * 8)) - 1) : v->scalar;
        return 0;
    }
    return hdb_session_read(s, v->addr, out, (size_t)size) == (int)size ? 0 : HDB_E_IO;
}

static int to_num(struct hdb_session *s, const struct hdb_value *v, struct num *n)
{
    memset(n, 0, sizeof(*n));
    n->size = 4;
    switch (v->kind) {
    case HDB_VAL_INT:
    case HDB_VAL_EFLAGS:
    case HDB_VAL_MXCSR:
        n->u = (uint64_t)sext(v->scalar, 4);
        return 0;
    case HDB_VAL_UINT:
        n->u = v->scalar & 0xffffffffu;
        n->is_unsigned = true;
        return 0;
    case HDB_VAL_LONG:
    case HDB_VAL_ULONG:
        n->u = v->scalar;
        n->size = 8;
        n->is_unsigned = v->kind == HDB_VAL_ULONG;
        return 0;
    case HDB_VAL_DOUBLE:
        n->fp = true;
        n->d = v->d;
        return 0;
    case HDB_VAL_FUNC:
        n->ptr = true;
        n->u = v->scalar;
        if (!v->type) {
            /* gdb: a function without DWARF decays to `<text variable, no debug info> *`. */
            n->unit = HDB_BUILTIN_UNIT;
            n->target = hdb_builtin_type(HDB_BT_NODEBUG_TEXT, 0);
        }
        return 0;
    case HDB_VAL_CODE_PTR:
    case HDB_VAL_DATA_PTR:
        n->ptr = true;
        n->u = v->scalar;
        return 0;
    case HDB_VAL_ADDR_OF:
        n->ptr = true;
        n->u = v->scalar;
        n->unit = v->unit;
        n->target = v->type;
        return 0;
    case HDB_VAL_VOID:
        return HDB_E_TYPE;
    case HDB_VAL_DWARF:
        break;
    }
    if (v->repeat) {
        /* An artificial array decays like any array (C11 6.3.2.1). */
        n->ptr = true;
        n->u = v->addr;
        n->unit = v->unit;
        n->target = v->type;
        return 0;
    }
    struct hdb_ctype t;
    if (hdb_ctype_resolve(&s->dw, v->unit, v->type, &t) < 0)
        return HDB_E_FORMAT;
    uint64_t bits;
    int rc;
    switch (t.tag) {
    case DW_TAG_array_type:
        if (!v->lvalue)
            return HDB_E_TYPE;
        n->ptr = true; /* C11 6.3.2.1: an array decays to a pointer to its first element */
        n->u = v->addr;
        n->unit = v->unit;
        n->target = t.target;
        /* A string literal's first element is in the program's memory, as gdb puts it there. */
        return hdb_value_in_program(s, &n->u);
    case DW_TAG_pointer_type:
        if ((rc = raw_bits(s, v, 8, &bits)) < 0)
            return rc;
        n->ptr = true;
        n->u = bits;
        n->unit = v->unit;
        n->target = t.target;
        return 0;
    case DW_TAG_enumeration_type:
    case DW_TAG_base_type:
        if (t.encoding == DW_ATE_float) {
            /* Any of floatfmt.c's formats; an x87 value (st0, long double) is in memory. */
            uint8_t raw[16] = {0};
            enum hdb_float_kind k = hdb_float_kind_of(v->unit, v->type, t.size);
            if (k == HDB_FLT_NONE || (t.size > 8 && !v->lvalue))
                return HDB_E_TYPE;
            if (t.size > 8 ? hdb_session_read(s, v->addr, raw, 10) != 10
                           : (rc = raw_bits(s, v, t.size, &bits)) < 0)
                return HDB_E_IO;
            if (t.size <= 8)
                memcpy(raw, &bits, 8);
            n->fp = true;
            n->d = hdb_float_to_double(k, raw);
            return 0;
        }
        if ((rc = raw_bits(s, v, t.size, &bits)) < 0)
            return rc;
        bool uns = t.encoding == DW_ATE_unsigned || t.encoding == DW_ATE_unsigned_char ||
                   t.encoding == DW_ATE_boolean;
        /* Integer promotions: anything narrower than int becomes int. */
        if (t.size < 4) {
            n->u = uns ? bits : (uint64_t)sext(bits, (unsigned)t.size);
            return 0;
        }
        n->size = t.size >= 8 ? 8 : 4;
        n->is_unsigned = uns;
        n->u = uns ? bits : (uint64_t)sext(bits, (unsigned)t.size);
        return 0;
    default:
        return HDB_E_TYPE;
    }
}

static void from_num(const struct num *n, struct hdb_value *v)
{
    memset(v, 0, sizeof(*v));
    if (n->fp) {
        v->kind = HDB_VAL_DOUBLE;
        v->d = n->d;
    } else if (n->ptr) {
        v->kind = n->target ? HDB_VAL_ADDR_OF : HDB_VAL_DATA_PTR;
        v->unit = n->unit;
        v->type = n->target;
        v->scalar = n->u;
    } else if (n->size == 8) {
        v->kind = n->is_unsigned ? HDB_VAL_ULONG : HDB_VAL_LONG;
        v->scalar = n->u;
    } else {
        v->kind = n->is_unsigned ? HDB_VAL_UINT : HDB_VAL_INT;
        v->scalar = n->u & 0xffffffffu;
    }
}

static uint64_t pointee_size(struct hdb_session *s, const struct num *n)
{
    struct hdb_ctype t;
    if (!n->target || hdb_ctype_resolve(&s->dw, n->unit, n->target, &t) < 0 || t.size == 0)
        return 1; /* void * arithmetic counts bytes, as gdb (and GNU C) do */
    return t.size;
}

int hdb_value_truth(struct hdb_session *s, const struct hdb_value *v, bool *out)
{
    struct num n;
    int rc = to_num(s, v, &n);
    if (rc < 0)
        return rc;
    *out = n.fp ? n.d != 0 : (n.size == 4 && !n.ptr ? (uint32_t)n.u != 0 : n.u != 0);
    return 0;
}

int hdb_value_index(struct hdb_session *s, struct hdb_value *v, int64_t idx)
{
    v->bit_size = 0; /* what comes of a bit-field is no longer one */
    struct num n;
    struct hdb_ctype t, e;
    if (v->kind == HDB_VAL_DWARF && v->lvalue && !v->repeat &&
        hdb_ctype_resolve(&s->dw, v->unit, v->type, &t) == 0 && t.tag == DW_TAG_array_type &&
        hdb_ctype_resolve(&s->dw, v->unit, t.target, &e) == 0) {
        /* An element of an array where the array is ("abc"[1] needs no copy in the program). */
        if (hdb_values_is_temp(v->addr) && t.has_count && (uint64_t)idx >= t.count)
            return HDB_E_NO_ELEMENT; /* gdb checks the bounds of a value it holds itself */
        v->type = t.target;
        v->addr += (uint64_t)idx * e.size;
        v->conv1 = 0;
        v->regno1 = 0;
        return 0;
    }
    int rc = to_num(s, v, &n);
    if (rc < 0)
        return rc;
    if (!n.ptr || !n.target)
        return HDB_E_TYPE;
    uint64_t size = pointee_size(s, &n);
    memset(v, 0, sizeof(*v));
    v->kind = HDB_VAL_DWARF;
    v->unit = n.unit;
    v->type = n.target;
    v->lvalue = true;
    v->addr = n.u + (uint64_t)idx * size;
    return 0;
}

int hdb_value_member(struct hdb_session *s, struct hdb_value *v, const char *name, bool arrow)
{
    struct hdb_ctype st;
    /* Like gdb, `->` on a struct itself means `.`. */
    if (arrow && v->kind == HDB_VAL_DWARF && v->lvalue &&
        hdb_ctype_resolve(&s->dw, v->unit, v->type, &st) == 0 &&
        (st.tag == DW_TAG_structure_type || st.tag == DW_TAG_union_type))
        arrow = false;
    if (arrow) {
        struct hdb_ctype pt;
        bool ptr_ok =
            (v->kind == HDB_VAL_ADDR_OF) ||
            (v->kind == HDB_VAL_DWARF && hdb_ctype_resolve(&s->dw, v->unit, v->type, &pt) == 0 &&
             pt.tag == DW_TAG_pointer_type);
        if (!ptr_ok)
            return HDB_E_NOT_STRUCT;
        int rc = hdb_value_index(s, v, 0);
        if (rc < 0)
            return rc;
    }
    struct hdb_ctype t;
    if (v->kind != HDB_VAL_DWARF || !v->lvalue || v->repeat ||
        hdb_ctype_resolve(&s->dw, v->unit, v->type, &t) < 0 ||
        (t.tag != DW_TAG_structure_type && t.tag != DW_TAG_union_type))
        return HDB_E_NOT_STRUCT;
    if (v->unit == HDB_BUILTIN_UNIT) {
        /* A vector register's union (sym/regtypes.c): every member at its start. */
        const char *mname;
        uint64_t mtype;
        for (int i = 0; hdb_builtin_member(t.off, i, &mname, &mtype) == 0; i++) {
            if (strcmp(mname, name) == 0) {
                v->type = mtype;
                v->conv1 = 0;
                return 0;
            }
        }
        return HDB_E_NO_MEMBER;
    }
    struct dwarf_unit u;
    struct dwarf_die d, m;
    if (hdb_dinfo_die(&s->dw, v->unit, t.off, &u, &d) < 0)
        return HDB_E_FORMAT;
    for (int rc = dwarf_die_first_child(&d, &m); rc > 0; rc = dwarf_die_next_sibling(&m, &m)) {
        struct dwarf_attr a;
        const char *mname = NULL;
        if (m.tag != DW_TAG_member || dwarf_die_attr(&m, DW_AT_name, &a) <= 0 ||
            dwarf_attr_string(&a, &mname) < 0 || strcmp(mname, name) != 0)
            continue;
        uint64_t off = 0, mtype = 0;
        enum dwarf_section_id sec;
        if (dwarf_die_attr(&m, DW_AT_data_member_location, &a) > 0)
            dwarf_attr_unsigned(&a, &off);
        if (dwarf_die_attr(&m, DW_AT_type, &a) > 0)
            dwarf_attr_ref(&a, &sec, &mtype);
        uint64_t bit_off;
        unsigned bit_size;
        int brc = hdb_member_bits(s, v->unit, &m, mtype, &bit_off, &bit_size);
        if (brc < 0)
            return brc;
        v->type = mtype;
        v->conv1 = 0; /* $s.x = 1 changes the member, not the whole variable */
        if (brc == 0) {
            v->addr += off;
            return 0;
        }
        /* A bit-field: its bits, and where they are for an assignment. */
        v->addr += bit_off / 8;
        v->bit_pos = (uint8_t)(bit_off % 8);
        v->bit_size = (uint8_t)bit_size;
        v->lvalue = false;
        return hdb_bits_read(s, v->unit, mtype, v->addr, v->bit_pos, v->bit_size, &v->scalar);
    }
    return HDB_E_NO_MEMBER;
}

int hdb_value_unary(struct hdb_session *s, char op, struct hdb_value *v)
{
    v->bit_size = 0; /* what comes of a bit-field is no longer one */
    struct num n;
    struct hdb_ctype t;
    if (v->kind == HDB_VAL_DWARF && !v->repeat &&
        hdb_ctype_resolve(&s->dw, v->unit, v->type, &t) == 0 &&
        (t.tag == DW_TAG_structure_type || t.tag == DW_TAG_union_type))
        return HDB_E_STRUCT_OP; /* gdb looks for a C++ operator, as for binary ones */
    int rc = to_num(s, v, &n);
    if (rc < 0)
        return rc;
    switch (op) {
    case '+':
        if (n.ptr)
            return HDB_E_POSITIVE;
        break;
    case '-':
        if (n.ptr)
            return HDB_E_NEGATE;
        if (n.fp)
            n.d = -n.d;
        else
            n.u = -n.u;
        break;
    case '~':
        if (n.ptr || n.fp)
            return HDB_E_COMPLEMENT;
        n.u = ~n.u;
        break;
    case '!': {
        bool t = n.fp ? n.d != 0 : n.u != 0;
        memset(&n, 0, sizeof(n));
        n.size = 4;
        n.u = !t;
        break;
    }
    default:
        break;
    }
    from_num(&n, v);
    return 0;
}

/* C11 6.3.1.8 for two promoted integers: the wider, and unsigned if the wider one is. */
static void common_int(const struct num *a, const struct num *b, unsigned *size, bool *uns)
{
    *size = a->size > b->size ? a->size : b->size;
    *uns = (a->size == *size && a->is_unsigned) || (b->size == *size && b->is_unsigned);
}

static struct num int_num(uint64_t u, unsigned size, bool uns)
{
    struct num n = {.size = size,
                    .is_unsigned = uns,
                    .u = size == 4 ? (uns ? (uint32_t)u : (uint64_t)sext(u, 4)) : u};
    return n;
}

static int compare(const struct num *a, const struct num *b, char op, bool *res)
{
    int c;
    if (a->fp || b->fp) {
        double x = a->fp ? a->d : (a->is_unsigned ? (double)a->u : (double)(int64_t)a->u);
        double y = b->fp ? b->d : (b->is_unsigned ? (double)b->u : (double)(int64_t)b->u);
        c = x < y ? -1 : x > y;
    } else if (a->ptr || b->ptr) {
        c = a->u < b->u ? -1 : a->u > b->u;
    } else {
        unsigned size;
        bool uns;
        common_int(a, b, &size, &uns);
        if (uns) {
            uint64_t x = size == 4 ? (uint32_t)a->u : a->u, y = size == 4 ? (uint32_t)b->u : b->u;
            c = x < y ? -1 : x > y;
        } else {
            int64_t x = (int64_t)a->u, y = (int64_t)b->u;
            c = x < y ? -1 : x > y;
        }
    }
    switch (op) {
    case '<':
        *res = c < 0;
        break;
    case '>':
        *res = c > 0;
        break;
    case 'l':
        *res = c <= 0;
        break;
    case 'g':
        *res = c >= 0;
        break;
    case '=':
        *res = c == 0;
        break;
    default:
        *res = c != 0;
        break;
    }
    return 0;
}

int hdb_value_binary(struct hdb_session *s, char op, struct hdb_value *a, const struct hdb_value *b)
{
    a->bit_size = 0; /* what comes of a bit-field is no longer one */
    struct num x, y, r;
    struct hdb_ctype t;
    /* gdb looks for a C++ operator in a struct, and C has none: "no component named operator==". */
    for (int i = 0; i < 2; i++) {
        const struct hdb_value *v = i ? b : a;
        if (v->kind == HDB_VAL_DWARF && !v->repeat &&
            hdb_ctype_resolve(&s->dw, v->unit, v->type, &t) == 0 &&
            (t.tag == DW_TAG_structure_type || t.tag == DW_TAG_union_type))
            return HDB_E_STRUCT_OP;
    }
    int rc = to_num(s, a, &x);
    if (rc == 0)
        rc = to_num(s, b, &y);
    if (rc < 0)
        return rc;
    if (op == '&' || op == '|') {
        bool tx = x.fp ? x.d != 0 : x.u != 0, ty = y.fp ? y.d != 0 : y.u != 0;
        r = int_num(op == '&' ? (tx && ty) : (tx || ty), 4, false);
        from_num(&r, a);
        return 0;
    }
    if (strchr("<>lg=!", op)) {
        bool res;
        compare(&x, &y, op, &res);
        r = int_num(res, 4, false);
        from_num(&r, a);
        return 0;
    }
    /* Pointer arithmetic (C11 6.5.6): pointer +/- integer, pointer - pointer. */
    if (x.ptr || y.ptr) {
        if (x.fp || y.fp)
            return HDB_E_TYPE;
        if (op == '+' && x.ptr != y.ptr) {
            struct num *p = x.ptr ? &x : &y, *i = x.ptr ? &y : &x;
            p->u += i->u * pointee_size(s, p);
            from_num(p, a);
            return 0;
        }
        if (op == '-' && x.ptr && !y.ptr) {
            x.u -= y.u * pointee_size(s, &x);
            from_num(&x, a);
            return 0;
        }
        if (op == '-' && x.ptr && y.ptr) {
            r = int_num((uint64_t)(((int64_t)(x.u - y.u)) / (int64_t)pointee_size(s, &x)), 8,
                        false);
            from_num(&r, a);
            return 0;
        }
        return HDB_E_TYPE;
    }
    if (x.fp || y.fp) {
        if (op == '%')
            return HDB_E_TYPE;
        double p = x.fp ? x.d : (x.is_unsigned ? (double)x.u : (double)(int64_t)x.u);
        double q = y.fp ? y.d : (y.is_unsigned ? (double)y.u : (double)(int64_t)y.u);
        r = (struct num){.fp = true};
        r.d = op == '+' ? p + q : op == '-' ? p - q : op == '*' ? p * q : p / q;
        from_num(&r, a);
        return 0;
    }
    unsigned size;
    bool uns;
    common_int(&x, &y, &size, &uns);
    uint64_t p = size == 4 ? (uns ? (uint32_t)x.u : (uint64_t)sext(x.u, 4)) : x.u;
    uint64_t q = size == 4 ? (uns ? (uint32_t)y.u : (uint64_t)sext(y.u, 4)) : y.u;
    uint64_t res;
    switch (op) {
    case '+':
        res = p + q;
        break;
    case '-':
        res = p - q;
        break;
    case '*':
        res = p * q;
        break;
    case '/':
    case '%':
        if ((size == 4 && (uint32_t)q == 0) || q == 0)
            return HDB_E_DIV_ZERO;
        if (uns) {
            uint64_t pp = size == 4 ? (uint32_t)p : p, qq = size == 4 ? (uint32_t)q : q;
            res = op == '/' ? pp / qq : pp % qq;
        } else {
            int64_t pp = (int64_t)p, qq = (int64_t)q;
            if (qq == -1)
                res =
                    op == '/' ? (uint64_t)0 - (uint64_t)pp : 0; /* INT64_MIN / -1 wraps, no trap */
            else
                res = (uint64_t)(op == '/' ? pp / qq : pp % qq);
        }
        break;
    default:
        return HDB_E_ARG;
    }
    r = int_num(res, size, uns);
    from_num(&r, a);
    return 0;
}

int hdb_value_cast(struct hdb_session *s, struct hdb_value *v, uint64_t unit, uint64_t type,
                   int pointer_depth)
{
    v->bit_size = 0; /* what comes of a bit-field is no longer one */
    struct hdb_ctype vt;
    if (!pointer_depth && hdb_ctype_resolve(&s->dw, unit, type, &vt) == 0 && vt.tag == 0) {
        memset(v, 0, sizeof(*v)); /* (void) x: the value is discarded (C11 6.3.2.2) */
        v->kind = HDB_VAL_VOID;
        return 0;
    }
    if (v->kind == HDB_VAL_VOID)
        return HDB_E_CAST; /* a void value (a void call's) is nothing to convert */
    if (v->kind == HDB_VAL_DWARF && v->lvalue && v->unit == HDB_BUILTIN_UNIT &&
        v->type == hdb_builtin_type(HDB_BT_NODEBUG_DATA, 0)) {
        /* A symbol without DWARF: the cast says what its memory holds (gdb reads it so). */
        if (hdb_type_pointer(s, unit, type, pointer_depth, &type) < 0)
            return HDB_E_NOT_FOUND;
        v->unit = unit;
        v->type = type;
        return 0;
    }
    struct num n;
    int rc = to_num(s, v, &n);
    if (rc < 0)
        return rc;
    if (pointer_depth > 0 && unit == HDB_BUILTIN_UNIT) {
        memset(v, 0, sizeof(*v));
        v->kind = HDB_VAL_ADDR_OF;
        v->unit = unit;
        v->type = hdb_builtin_type((int)(type & 0xff), (int)(type >> 8) + pointer_depth - 1);
        v->scalar = n.fp ? (uint64_t)(int64_t)n.d : n.u;
        return 0;
    }
    if (pointer_depth > 0) {
        /* (T *) x: a pointer to T; deeper pointers need the compiler's DIE for T *. */
        uint64_t target;
        if (hdb_type_pointer(s, unit, type, pointer_depth - 1, &target) < 0)
            return HDB_E_NOT_FOUND;
        memset(v, 0, sizeof(*v));
        v->kind = HDB_VAL_ADDR_OF;
        v->unit = unit;
        v->type = target;
        v->scalar = n.fp ? (uint64_t)(int64_t)n.d : n.u;
        return 0;
    }
    struct hdb_ctype t;
    if (hdb_ctype_resolve(&s->dw, unit, type, &t) < 0)
        return HDB_E_FORMAT;
    if (t.tag != DW_TAG_base_type && t.tag != DW_TAG_enumeration_type &&
        t.tag != DW_TAG_pointer_type)
        return HDB_E_TYPE;
    uint64_t bits;
    if (t.tag == DW_TAG_base_type && t.encoding == DW_ATE_float) {
        double d = n.fp ? n.d : (n.is_unsigned ? (double)n.u : (double)(int64_t)n.u);
        if (t.size == 4) {
            float f = (float)d;
            bits = 0;
            memcpy(&bits, &f, 4);
        } else if (t.size == 8) {
            memcpy(&bits, &d, 8);
        } else {
            return HDB_E_TYPE;
        }
    } else {
        bits = n.fp ? (uint64_t)(int64_t)n.d : n.u;
    }
    memset(v, 0, sizeof(*v));
    v->kind = HDB_VAL_DWARF;
    v->unit = unit;
    v->type = type;
    v->scalar = bits;
    return 0;
}

/* Is the value a struct, union or array object (or an artificial array)? */
static bool aggregate(struct hdb_session *s, const struct hdb_value *v, struct hdb_ctype *t)
{
    if (v->kind != HDB_VAL_DWARF || hdb_ctype_resolve(&s->dw, v->unit, v->type, t) < 0)
        return false;
    return v->repeat || t->tag == DW_TAG_structure_type || t->tag == DW_TAG_union_type ||
           t->tag == DW_TAG_array_type;
}

/*
 * s = t for structs, unions and arrays: the same type (the same DIE, or
 * the same tag, name and size from another unit), copied byte for byte.
 */
static int assign_aggregate(struct hdb_session *s, const struct hdb_value *a,
                            const struct hdb_ctype *ta, const struct hdb_value *b)
{
    struct hdb_ctype tb;
    uint64_t sa, sb;
    if (hdb_value_sizeof(s, a, &sa) < 0 || hdb_value_sizeof(s, b, &sb) < 0 || sa != sb)
        return HDB_E_CAST;
    if (!aggregate(s, b, &tb)) {
        /* A scalar of the struct's size: gdb reinterprets its bytes (origin = ratio). */
        uint64_t bits = b->scalar;
        if (ta->tag == DW_TAG_array_type || sa > 8 || b->kind != HDB_VAL_DWARF ||
            (b->lvalue && hdb_session_read(s, b->addr, &bits, (size_t)sa) != (int)sa))
            return HDB_E_CAST;
        return hdb_session_write(s, a->addr, &bits, (size_t)sa) == (int)sa ? 0 : HDB_E_IO;
    }
    if (!b->lvalue || tb.tag != ta->tag)
        return HDB_E_CAST;
    if (ta->tag != DW_TAG_array_type && !(a->unit == b->unit && ta->off == tb.off)) {
        struct hdb_strbuf na, nb;
        hdb_sb_reset(&na);
        hdb_sb_reset(&nb);
        hdb_ctype_name(&s->dw, a->unit, ta->off, &na);
        hdb_ctype_name(&s->dw, b->unit, tb.off, &nb);
        if (strcmp(na.s, nb.s) != 0)
            return HDB_E_CAST;
    }
    uint8_t buf[4096];
    for (uint64_t off = 0; off < sa; off += sizeof(buf)) {
        size_t n = sa - off < sizeof(buf) ? (size_t)(sa - off) : sizeof(buf);
        if (hdb_session_read(s, b->addr + off, buf, n) != (int)n ||
            hdb_session_write(s, a->addr + off, buf, n) != (int)n)
            return HDB_E_IO;
    }
    return 0;
}

int hdb_value_assign(struct hdb_session *s, struct hdb_value *a, const struct hdb_value *b)
{
    if (a->bit_size && a->kind == HDB_VAL_DWARF)
        return hdb_bits_assign(s, a, b);
    struct hdb_value conv = *b;
    if (a->conv1) {
        /* $foo = EXPR: the variable takes the value and its type, whatever it had. */
        int conv1 = a->conv1;
        struct hdb_ctype bt;
        if (b->kind == HDB_VAL_DWARF && b->lvalue && !b->repeat &&
            hdb_ctype_resolve(&s->dw, b->unit, b->type, &bt) == 0 && bt.tag == DW_TAG_array_type) {
            /* gdb keeps an array as the pointer it decays to (C11 6.3.2.1). */
            memset(&conv, 0, sizeof(conv));
            conv.kind = HDB_VAL_ADDR_OF;
            conv.unit = b->unit;
            conv.type = bt.target;
            conv.scalar = b->addr;
        }
        int rc = hdb_values_set_conv(s, conv1, &conv);
        if (rc < 0)
            return rc;
        *a = conv;
        a->conv1 = conv1;
        return 0;
    }
    int rrc = hdb_reg_assign(s, a, &conv);
    if (rrc != 0)
        return rrc < 0 ? rrc : 0;
    if (a->kind == HDB_VAL_DWARF && a->lvalue && hdb_values_is_temp(a->addr))
        return HDB_E_NOT_LVALUE; /* a member of what a call returned, say */
    struct hdb_ctype at;
    if (a->kind == HDB_VAL_DWARF && a->lvalue && aggregate(s, a, &at)) {
        int rc = assign_aggregate(s, a, &at, b);
        return rc;
    }
    if (a->kind != HDB_VAL_DWARF || !a->lvalue)
        return HDB_E_NOT_LVALUE;
    struct hdb_ctype t;
    if (hdb_ctype_resolve(&s->dw, a->unit, a->type, &t) < 0)
        return HDB_E_FORMAT;
    if (t.size > 8 || t.size == 0)
        return HDB_E_TYPE; /* struct and array assignment: not yet */
    int rc = hdb_value_cast(s, &conv, a->unit, a->type, 0);
    if (rc < 0)
        return rc;
    rc = hdb_session_write(s, a->addr, &conv.scalar, (size_t)t.size);
    return rc == (int)t.size ? 0 : HDB_E_IO;
}

int hdb_value_sizeof(struct hdb_session *s, const struct hdb_value *v, uint64_t *size)
{
    switch (v->kind) {
    case HDB_VAL_INT:
    case HDB_VAL_UINT:
    case HDB_VAL_EFLAGS:
    case HDB_VAL_MXCSR:
        *size = 4;
        return 0;
    case HDB_VAL_DWARF: {
        struct hdb_ctype t;
        if (hdb_ctype_resolve(&s->dw, v->unit, v->type, &t) < 0)
            return HDB_E_FORMAT;
        *size = t.size * (v->repeat ? v->repeat : 1);
        return 0;
    }
    case HDB_VAL_VOID:
        *size = 1;
        return 0;
    default:
        *size = 8;
        return 0;
    }
}

int hdb_value_as_double(struct hdb_session *s, const struct hdb_value *v, double *out)
{
    struct num n;
    int rc = to_num(s, v, &n);
    if (rc < 0)
        return rc;
    if (n.ptr)
        return HDB_E_TYPE;
    *out = n.fp ? n.d : n.is_unsigned ? (double)n.u : (double)(int64_t)n.u;
    return 0;
}
