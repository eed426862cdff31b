/*
 * regtypes.c: the types gdb gives the x86_64 vector registers, as
 * built-in types (builtin.c's references), so that printing, members,
 * indexing, whatis and ptype of $xmm0 go through the ordinary paths.
 *
 * xmm registers have the union the sse target-description feature
 * defines (gdb's features/i386/64bit-sse.xml): `union vec128` of the
 * typedef'd vectors v8bf16, v8h, v4f, v2d, v16i8, v8i16, v4i32, v2i64
 * of the description's element types (builtin_type_ieee_single, ...)
 * and a uint128_t. ymm and zmm registers have the unions gdb builds
 * itself (i386-tdep.c, i386_ymm_type and i386_zmm_type), whose members
 * are anonymous vectors of gdb's own types (float, half, int8_t, ...).
 * gdb spells a vector's size as its element count.
 */
#include <string.h>

#include <hdb/error.h>
#include <hdb/value.h>

#define VECTOR_FLAG (1ull << 24)
#define NAMED_FLAG (2ull << 24)

struct member {
    const char *name;
    int elem;
    unsigned count;          /* of a 16-byte register; 0: a scalar member */
    const char *vector_name; /* the description's typedef (xmm only) */
};

static const struct member vec128[] = {
    {"v8_bfloat16", HDB_BT_IEEE_BF16, 8, "v8bf16"}, {"v8_half", HDB_BT_IEEE_HALF, 8, "v8h"},
    {"v4_float", HDB_BT_IEEE_SINGLE, 4, "v4f"},     {"v2_double", HDB_BT_IEEE_DOUBLE, 2, "v2d"},
    {"v16_int8", HDB_BT_INT8, 16, "v16i8"},         {"v8_int16", HDB_BT_INT16, 8, "v8i16"},
    {"v4_int32", HDB_BT_INT32, 4, "v4i32"},         {"v2_int64", HDB_BT_INT64, 2, "v2i64"},
    {"uint128", HDB_BT_UINT128, 0, NULL},
};

/* ymm's and zmm's members, named for their count in a 16-byte register times 2 or 4. */
static const struct member wide[] = {
    {"bfloat16", HDB_BT_BFLOAT16, 8, NULL}, {"half", HDB_BT_HALF, 8, NULL},
    {"float", HDB_BT_FLOAT, 4, NULL},       {"double", HDB_BT_DOUBLE, 2, NULL},
    {"int8", HDB_BT_INT8, 16, NULL},        {"int16", HDB_BT_INT16, 8, NULL},
    {"int32", HDB_BT_INT32, 4, NULL},       {"int64", HDB_BT_INT64, 2, NULL},
    {"int128", HDB_BT_INT128, 1, NULL},
};

#define NMEMBERS 9

uint64_t hdb_builtin_vector(int elem, uint64_t count, bool named)
{
    return (uint64_t)elem | (named ? NAMED_FLAG : VECTOR_FLAG) | (count + 1) << 32;
}

bool hdb_builtin_is_vector(uint64_t type)
{
    return (type >> 32) && (type & (VECTOR_FLAG | NAMED_FLAG));
}

/* How many 16-byte lanes a vector union has. */
static unsigned lanes(unsigned code)
{
    return code == HDB_BT_VEC128 ? 1 : code == HDB_BT_VEC256 ? 2 : 4;
}

int hdb_builtin_member(uint64_t type, int i, const char **name, uint64_t *mtype)
{
    static char names[3][NMEMBERS][16];
    unsigned code = type & 0xff;
    if (type >> 8 || code < HDB_BT_VEC128 || code > HDB_BT_VEC512)
        return HDB_E_TYPE;
    if (i < 0 || i >= NMEMBERS)
        return HDB_E_NOT_FOUND;
    if (code == HDB_BT_VEC128) {
        const struct member *m = &vec128[i];
        *name = m->name;
        *mtype =
            m->count ? hdb_builtin_vector(m->elem, m->count, true) : hdb_builtin_type(m->elem, 0);
        return 0;
    }
    unsigned n = lanes(code), count = wide[i].count * n;
    char *buf = names[n / 2][i];
    if (!buf[0]) {
        size_t len = 0;
        buf[len++] = 'v';
        char digits[8];
        int nd = 0;
        for (unsigned c = count; c; c /= 10)
            digits[nd++] = (char)('0' + c % 10);
        while (nd)
            buf[len++] = digits[--nd];
        buf[len++] = '_';
        memcpy(buf + len, wide[i].name, strlen(wide[i].name) + 1);
    }
    *name = buf;
    *mtype = hdb_builtin_vector(wide[i].elem, count, false);
    return 0;
}

int hdb_regtype_resolve(uint64_t type, struct hdb_ctype *t)
{
    unsigned code = type & 0xff;
    memset(t, 0, sizeof(*t));
    t->off = type;
    t->tag = DW_TAG_union_type;
    t->size = 16u * lanes(code);
    return 0;
}

/* The description's typedef of a vector (v4f): the element's letter and the count. */
static const char *vector_name(uint64_t type)
{
    unsigned elem = type & 0xff;
    uint64_t count = (type >> 32) - 1;
    for (int i = 0; i < NMEMBERS; i++)
        if (vec128[i].elem == (int)elem && vec128[i].count == count)
            return vec128[i].vector_name;
    return NULL;
}

/* elem __attribute__ ((vector_size(N))), with the declarator inner after the element. */
static void spell_vector(uint64_t type, const char *inner, struct hdb_strbuf *b)
{
    hdb_builtin_spell(type & 0xff, inner, b);
    hdb_sb_printf(b, " __attribute__ ((vector_size(%llu)))",
                  (unsigned long long)((type >> 32) - 1));
}

bool hdb_regtype_spell(uint64_t type, const char *inner, struct hdb_strbuf *b)
{
    unsigned code = type & 0xff;
    const char *sep = *inner ? " " : "";
    if ((type >> 32) && (type & NAMED_FLAG)) {
        const char *n = vector_name(type);
        hdb_sb_printf(b, "%s%s%s", n ? n : "?", sep, inner);
        return true;
    }
    if ((type >> 32) && (type & VECTOR_FLAG)) {
        spell_vector(type, inner, b);
        return true;
    }
    if (code >= HDB_BT_VEC128 && code <= HDB_BT_VEC512 && !(type >> 8)) {
        hdb_sb_printf(b, "union %s%s%s",
                      code == HDB_BT_VEC128   ? "vec128"
                      : code == HDB_BT_VEC256 ? "builtin_type_vec256i"
                                              : "builtin_type_vec512i",
                      sep, inner);
        return true;
    }
    return false;
}

bool hdb_builtin_ptype(uint64_t type, struct hdb_strbuf *b)
{
    unsigned code = type & 0xff;
    if (hdb_builtin_is_vector(type)) {
        spell_vector(type, "", b);
        return true;
    }
    if (type >> 8 || code < HDB_BT_VEC128 || code > HDB_BT_VEC512)
        return false;
    hdb_regtype_spell(type, "", b);
    hdb_sb_printf(b, " {\n");
    const char *name;
    uint64_t mtype;
    for (int i = 0; hdb_builtin_member(type, i, &name, &mtype) == 0; i++) {
        hdb_sb_printf(b, "    ");
        hdb_builtin_spell(mtype, name, b);
        hdb_sb_printf(b, ";\n");
    }
    hdb_sb_printf(b, "}");
    return true;
}
