/*
 * builtin.c: the C types an expression can name when the program's DWARF
 * does not (gdb's built-in types: `(int) counter`, `*(long *) $sp` on a
 * program without debug information), and the two types gdb gives ELF
 * symbols that have no DWARF: `<data variable, no debug info>` and
 * `<text variable, no debug info>` (GDB manual "Debugging Programs
 * Without Debug Information").
 *
 * A built-in type is named by the pair (HDB_BUILTIN_UNIT, code | depth
 * << 8), where depth counts the pointers on top of the base type, so a
 * value's (unit, type) needs no DIE and hdb_ctype_resolve() and the
 * spelling functions treat both kinds of type alike. An array of such a
 * type (a string literal's `char [4]`) adds its element count + 1 << 32;
 * bits 24-31 mark the arrays that are vectors (regtypes.c).
 */
#include <stdio.h>
#include <string.h>

#include <hdb/error.h>
#include <hdb/value.h>

static const struct {
    const char *name; /* gdb's spelling */
    uint64_t size, encoding;
} builtins[] = {
    [HDB_BT_VOID] = {"void", 1, 0},
    [HDB_BT_CHAR] = {"char", 1, DW_ATE_signed_char},
    [HDB_BT_SCHAR] = {"signed char", 1, DW_ATE_signed_char},
    [HDB_BT_UCHAR] = {"unsigned char", 1, DW_ATE_unsigned_char},
    [HDB_BT_SHORT] = {"short", 2, DW_ATE_signed},
    [HDB_BT_USHORT] = {"unsigned short", 2, DW_ATE_unsigned},
    [HDB_BT_INT] = {"int", 4, DW_ATE_signed},
    [HDB_BT_UINT] = {"unsigned int", 4, DW_ATE_unsigned},
    [HDB_BT_LONG] = {"long", 8, DW_ATE_signed},
    [HDB_BT_ULONG] = {"unsigned long", 8, DW_ATE_unsigned},
    [HDB_BT_LLONG] = {"long long", 8, DW_ATE_signed},
    [HDB_BT_ULLONG] = {"unsigned long long", 8, DW_ATE_unsigned},
    [HDB_BT_FLOAT] = {"float", 4, DW_ATE_float},
    [HDB_BT_DOUBLE] = {"double", 8, DW_ATE_float},
    [HDB_BT_BOOL] = {"_Bool", 1, DW_ATE_boolean},
    /* gdb gives these no size; a text symbol counts bytes in pointer arithmetic. */
    [HDB_BT_NODEBUG_DATA] = {"<data variable, no debug info>", 0, 0},
    [HDB_BT_NODEBUG_TEXT] = {"<text variable, no debug info>", 1, 0},
    /* Registers' types (regtypes.c has the vector unions): gdb's names, which C cannot name. */
    [HDB_BT_INT8] = {"int8_t", 1, DW_ATE_signed},
    [HDB_BT_INT16] = {"int16_t", 2, DW_ATE_signed},
    [HDB_BT_INT32] = {"int32_t", 4, DW_ATE_signed},
    [HDB_BT_INT64] = {"int64_t", 8, DW_ATE_signed},
    [HDB_BT_INT128] = {"int128_t", 16, DW_ATE_signed},
    [HDB_BT_UINT64] = {"uint64_t", 8, DW_ATE_unsigned},
    [HDB_BT_UINT128] = {"uint128_t", 16, DW_ATE_unsigned},
    [HDB_BT_HALF] = {"half", 2, DW_ATE_float},
    [HDB_BT_BFLOAT16] = {"bfloat16", 2, DW_ATE_float},
    [HDB_BT_IEEE_HALF] = {"builtin_type_ieee_half", 2, DW_ATE_float},
    [HDB_BT_IEEE_BF16] = {"builtin_type_bfloat16", 2, DW_ATE_float},
    [HDB_BT_IEEE_SINGLE] = {"builtin_type_ieee_single", 4, DW_ATE_float},
    [HDB_BT_IEEE_DOUBLE] = {"builtin_type_ieee_double", 8, DW_ATE_float},
    [HDB_BT_I387_EXT] = {"builtin_type_i387_ext", 10, DW_ATE_float},
    [HDB_BT_VEC128] = {"vec128", 16, 0},
    [HDB_BT_VEC256] = {"builtin_type_vec256i", 32, 0},
    [HDB_BT_VEC512] = {"builtin_type_vec512i", 64, 0},
};

#define NBUILTINS (sizeof(builtins) / sizeof(builtins[0]))

/* Other spellings C accepts for the same types. */
static const struct {
    const char *name;
    int code;
} synonyms[] = {
    {"unsigned", HDB_BT_UINT},
    {"signed", HDB_BT_INT},
    {"signed int", HDB_BT_INT},
    {"long int", HDB_BT_LONG},
    {"long unsigned int", HDB_BT_ULONG},
    {"unsigned long int", HDB_BT_ULONG},
    {"long unsigned", HDB_BT_ULONG},
    {"short int", HDB_BT_SHORT},
    {"short unsigned int", HDB_BT_USHORT},
    {"unsigned short int", HDB_BT_USHORT},
    {"long long int", HDB_BT_LLONG},
    {"long long unsigned int", HDB_BT_ULLONG},
    {"unsigned long long int", HDB_BT_ULLONG},
    {"unsigned int", HDB_BT_UINT},
    {"bool", HDB_BT_BOOL},
};

uint64_t hdb_builtin_type(int code, int depth)
{
    return (uint64_t)code | (uint64_t)depth << 8;
}

int hdb_builtin_by_name(const char *name, uint64_t *type)
{
    for (size_t i = 1; i < HDB_BT_INT8; i++) {
        if (i != HDB_BT_NODEBUG_DATA && i != HDB_BT_NODEBUG_TEXT &&
            strcmp(builtins[i].name, name) == 0) {
            *type = hdb_builtin_type((int)i, 0);
            return 0;
        }
    }
    for (size_t i = 0; i < sizeof(synonyms) / sizeof(synonyms[0]); i++) {
        if (strcmp(synonyms[i].name, name) == 0) {
            *type = hdb_builtin_type(synonyms[i].code, 0);
            return 0;
        }
    }
    return HDB_E_NOT_FOUND;
}

uint64_t hdb_builtin_array(uint64_t elem, uint64_t count)
{
    return count < 0x7fffffffu ? (elem & 0xffffffffu) | (count + 1) << 32 : 0;
}

int hdb_builtin_resolve(uint64_t type, struct hdb_ctype *t)
{
    unsigned code = type & 0xff;
    uint64_t depth = (type >> 8) & 0xffff, count1 = type >> 32;
    memset(t, 0, sizeof(*t));
    if (code == 0 || code >= NBUILTINS)
        return HDB_E_FORMAT;
    t->off = type;
    if (count1) {
        struct hdb_ctype elem;
        t->tag = DW_TAG_array_type;
        t->target = type & 0xffffffu;
        t->count = count1 - 1;
        t->has_count = true;
        if (hdb_builtin_resolve(t->target, &elem) == 0)
            t->size = elem.size * t->count;
        return 0;
    }
    if (depth) {
        t->tag = DW_TAG_pointer_type;
        t->size = 8;
        t->target = hdb_builtin_type((int)code, (int)depth - 1);
        return 0;
    }
    if (code == HDB_BT_VOID)
        return 0; /* tag 0: void, as a DWARF type reference of 0 */
    if (code >= HDB_BT_VEC128)
        return hdb_regtype_resolve(type, t);
    t->tag = code == HDB_BT_NODEBUG_DATA   ? DW_TAG_unspecified_type
             : code == HDB_BT_NODEBUG_TEXT ? DW_TAG_subprogram
                                           : DW_TAG_base_type;
    t->size = builtins[code].size;
    t->encoding = builtins[code].encoding;
    return 0;
}

void hdb_builtin_spell(uint64_t type, const char *inner, struct hdb_strbuf *b)
{
    unsigned code = type & 0xff;
    uint64_t depth = (type >> 8) & 0xffff, count1 = type >> 32;
    if (hdb_regtype_spell(type, inner, b))
        return;
    if (count1) {
        char dims[64];
        snprintf(dims, sizeof(dims), "%.40s[%llu]", inner, (unsigned long long)(count1 - 1));
        hdb_builtin_spell(type & 0xffffffu, dims, b);
        return;
    }
    hdb_sb_printf(b, "%s", code && code < NBUILTINS ? builtins[code].name : "?");
    if (depth || *inner)
        hdb_sb_putc(b, ' ');
    for (uint64_t i = 0; i < depth && i < 16; i++)
        hdb_sb_putc(b, '*');
    hdb_sb_printf(b, "%s", inner);
}
