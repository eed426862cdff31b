/*
 * format.c: values printed the way gdb prints them (GDB manual "Output
 * Formats", "Print Settings"): integers in decimal, chars as `65 'A'`,
 * pointers with their type and the symbol they point into, char arrays
 * and char pointers as C strings, arrays as `{1, 2, 3}` and structs as
 * `{a = 1, b = 2}`, with runs of more than ten equal elements shown as
 * `<repeats N times>` (gdb's repeat-count threshold) and at most 200
 * elements or characters (its print elements limit).
 */
#include <stdio.h>
#include <string.h>

#include <hdb/dinfo.h>
#include <hdb/error.h>
#include <hdb/symtab.h>
#include <hdb/value.h>

#define REPEAT_THRESHOLD 10
#define PRINT_MAX 200

static void symbolic(struct hdb_session *s, uint64_t addr, bool linkage, struct hdb_strbuf *b)
{
    if (!s->img)
        return;
    uint64_t start = 0;
    const char *name = hdb_session_symbol_at(s, addr, &start);
    if (!name)
        return;
    int len = linkage ? (int)strlen(name) : hdb_sym_print_len(name);
    if (addr == start)
        hdb_sb_printf(b, " <%.*s>", len, name);
    else
        hdb_sb_printf(b, " <%.*s+%llu>", len, name, (unsigned long long)(addr - start));
}

void hdb_format_symbolic(struct hdb_session *s, uint64_t addr, struct hdb_strbuf *b)
{
    symbolic(s, addr, false, b);
}

void hdb_format_symbolic_linkage(struct hdb_session *s, uint64_t addr, struct hdb_strbuf *b)
{
    symbolic(s, addr, true, b);
}

/* One character inside a quoted literal (quote is the delimiter to escape). */
static void put_char_escaped(uint8_t c, char quote, struct hdb_strbuf *b)
{
    switch (c) {
    case '\n':
        hdb_sb_printf(b, "\\n");
        return;
    case '\t':
        hdb_sb_printf(b, "\\t");
        return;
    case '\r':
        hdb_sb_printf(b, "\\r");
        return;
    case '\a':
        hdb_sb_printf(b, "\\a");
        return;
    case '\b':
        hdb_sb_printf(b, "\\b");
        return;
    case '\f':
        hdb_sb_printf(b, "\\f");
        return;
    case '\v':
        hdb_sb_printf(b, "\\v");
        return;
    case 033:
        hdb_sb_printf(b, "\\033");
        return;
    case '\\':
        hdb_sb_printf(b, "\\\\");
        return;
    default:
        break;
    }
    if (c == (uint8_t)quote)
        hdb_sb_printf(b, "\\%c", quote);
    else if (c >= 0x20 && c < 0x7f)
        hdb_sb_putc(b, (char)c);
    else
        hdb_sb_printf(b, "\\%03o", c);
}

/* set print elements as a count (0, unlimited: no limit). */
static size_t elements(const struct hdb_session *s)
{
    return s->print_elements ? s->print_elements : (size_t)-1;
}

void hdb_format_chars(const uint8_t *p, size_t len, bool drop_trailing_nul, struct hdb_strbuf *b)
{
    hdb_format_chars_max(p, len, drop_trailing_nul, PRINT_MAX, b);
}

bool hdb_format_chars_max(const uint8_t *p, size_t len, bool drop_trailing_nul, size_t max,
                          struct hdb_strbuf *b)
{
    /* gdb drops the one terminating NUL of a char array, then shows every other byte. */
    if (drop_trailing_nul && len > 0 && p[len - 1] == 0)
        len--;
    if (len == 0) {
        hdb_sb_printf(b, "\"\"");
        return false;
    }
    /*
     * As gdb's printstr: runs of one character, each shown whole while
     * fewer than max elements were shown (a run longer than the repeat
     * threshold as '<c>' <repeats N times>, counting as the threshold).
     */
    bool in_quote = false, first = true;
    size_t shown = 0, i = 0;
    while (i < len && shown < max) {
        size_t run = 1;
        while (i + run < len && p[i + run] == p[i])
            run++;
        if (run > REPEAT_THRESHOLD) {
            if (in_quote)
                hdb_sb_printf(b, "\", ");
            else if (!first)
                hdb_sb_printf(b, ", ");
            hdb_sb_putc(b, '\'');
            put_char_escaped(p[i], '\'', b);
            hdb_sb_printf(b, "' <repeats %zu times>", run);
            in_quote = false;
            shown += REPEAT_THRESHOLD;
        } else {
            if (!in_quote) {
                hdb_sb_printf(b, first ? "\"" : ", \"");
                in_quote = true;
            }
            for (size_t k = 0; k < run; k++)
                put_char_escaped(p[i], '"', b);
            shown += run;
        }
        i += run;
        first = false;
    }
    if (in_quote)
        hdb_sb_putc(b, '"');
    if (i < len) {
        hdb_sb_printf(b, "...");
        return true;
    }
    return false;
}

/*
 * A NUL-terminated string at addr, as gdb shows a char pointer's target:
 * up to print elements characters; "..." when it stopped there, unless
 * the next one is the NUL.
 */
static void format_c_string(struct hdb_session *s, uint64_t addr, struct hdb_strbuf *b)
{
    size_t max = elements(s), n = 0, cap = 0;
    uint8_t *buf = NULL;
    uint8_t ch = 1;
    while (n < max && hdb_session_read(s, addr + n, &ch, 1) == 1 && ch) {
        if (n == cap) {
            size_t nc = cap ? cap * 2 : 256;
            uint8_t *nb = hdb_realloc(s->plat, buf, cap, nc);
            if (!nb)
                break;
            buf = nb;
            cap = nc;
        }
        buf[n++] = ch;
    }
    if (n == 0 && hdb_session_read(s, addr, &ch, 1) != 1) {
        hdb_sb_printf(b, "<error: Cannot access memory at address 0x%llx>",
                      (unsigned long long)addr);
    } else {
        bool more = n == max && hdb_session_read(s, addr + n, &ch, 1) == 1 && ch != 0;
        bool cut = hdb_format_chars_max(buf, n, false, max, b);
        if (more && !cut)
            hdb_sb_printf(b, "...");
    }
    hdb_free(s->plat, buf, cap);
}

static int64_t sign_extend(uint64_t v, uint64_t size)
{
    if (size == 0 || size >= 8)
        return (int64_t)v;
    unsigned bits = (unsigned)size * 8;
    uint64_t m = 1ull << (bits - 1);
    v &= (1ull << bits) - 1;
    return (int64_t)((v ^ m) - m);
}

static void format_int(uint64_t v, uint64_t size, bool is_signed, char fmt, struct hdb_strbuf *b)
{
    uint64_t mask = size >= 8 || size == 0 ? ~0ull : (1ull << (size * 8)) - 1;
    switch (fmt) {
    case 'x':
        hdb_sb_printf(b, "0x%llx", (unsigned long long)(v & mask));
        return;
    case 'z': /* zero-padded to the type's size */
        hdb_sb_printf(b, "0x%0*llx", (int)(size && size < 8 ? size : 8) * 2,
                      (unsigned long long)(v & mask));
        return;
    case 'o':
        hdb_sb_printf(b, "0%llo", (unsigned long long)(v & mask));
        return;
    case 'u':
        hdb_sb_printf(b, "%llu", (unsigned long long)(v & mask));
        return;
    case 'd':
        hdb_sb_printf(b, "%lld", (long long)sign_extend(v, size));
        return;
    case 't': {
        uint64_t x = v & mask;
        int top = 63;
        while (top > 0 && !((x >> top) & 1))
            top--;
        for (int i = top; i >= 0; i--)
            hdb_sb_putc(b, (x >> i) & 1 ? '1' : '0');
        return;
    }
    default:
        break;
    }
    if (is_signed)
        hdb_sb_printf(b, "%lld", (long long)sign_extend(v, size));
    else
        hdb_sb_printf(b, "%llu", (unsigned long long)(v & mask));
}

static void format_char(uint64_t v, bool is_signed, struct hdb_strbuf *b)
{
    uint8_t c = (uint8_t)v;
    hdb_sb_printf(b, "%d '", is_signed ? (int)(int8_t)c : (int)c);
    put_char_escaped(c, '\'', b);
    hdb_sb_putc(b, '\'');
}

/* imm: the value's bits when it lives in a register rather than at addr (scalars only). */
static int format_typed(struct hdb_session *s, uint64_t unit, uint64_t type, uint64_t addr,
                        const uint64_t *imm, char fmt, bool top, struct hdb_strbuf *b, int depth);

/* set print pretty: a new line and two spaces a nesting level (gdb's layout). */
static void pretty_break(struct hdb_strbuf *b, int level)
{
    hdb_sb_printf(b, "\n%*s", 2 * level, "");
}

struct flag_bit {
    int bit;
    const char *name;
};

/* A flags register as gdb prints its flags type: "[ IF ZF ]", "[ ]" when none is set. */
static void format_flags(uint64_t v, const struct flag_bit *flags, size_t n, struct hdb_strbuf *b)
{
    hdb_sb_printf(b, "[ ");
    for (size_t i = 0; i < n; i++)
        if ((v >> flags[i].bit) & 1)
            hdb_sb_printf(b, "%s ", flags[i].name);
    hdb_sb_putc(b, ']');
}

static void format_eflags(uint64_t v, struct hdb_strbuf *b)
{
    static const struct flag_bit flags[] = {{0, "CF"},  {2, "PF"},   {4, "AF"},   {6, "ZF"},
                                            {7, "SF"},  {8, "TF"},   {9, "IF"},   {10, "DF"},
                                            {11, "OF"}, {14, "NT"},  {16, "RF"},  {17, "VM"},
                                            {18, "AC"}, {19, "VIF"}, {20, "VIP"}, {21, "ID"}};
    format_flags(v, flags, sizeof(flags) / sizeof(flags[0]), b);
}

/* gdb's i386_mxcsr (SDM 10.2.3; the rounding control has no flag there). */
static void format_mxcsr(uint64_t v, struct hdb_strbuf *b)
{
    static const struct flag_bit flags[] = {
        {0, "IE"}, {1, "DE"}, {2, "ZE"}, {3, "OE"},  {4, "UE"},  {5, "PE"},  {6, "DAZ"},
        {7, "IM"}, {8, "DM"}, {9, "ZM"}, {10, "OM"}, {11, "UM"}, {12, "PM"}, {15, "FZ"}};
    format_flags(v, flags, sizeof(flags) / sizeof(flags[0]), b);
}

/* Little-endian bytes as one hexadecimal number without leading zeros. */
static void format_raw_hex(const uint8_t *raw, int n, struct hdb_strbuf *b)
{
    int top = n - 1;
    while (top > 0 && !raw[top])
        top--;
    hdb_sb_printf(b, "0x%x", raw[top]);
    while (top-- > 0)
        hdb_sb_printf(b, "%02x", raw[top]);
}

/* A 128-bit integer (int128_t, uint128_t, __int128) in the formats gdb has for it. */
static void format_int128(const uint8_t *raw, bool is_signed, char fmt, struct hdb_strbuf *b)
{
    unsigned __int128 x;
    memcpy(&x, raw, 16);
    uint64_t hi = (uint64_t)(x >> 64), lo = (uint64_t)x;
    if (fmt == 'x') {
        if (hi)
            hdb_sb_printf(b, "0x%llx%016llx", (unsigned long long)hi, (unsigned long long)lo);
        else
            hdb_sb_printf(b, "0x%llx", (unsigned long long)lo);
        return;
    }
    bool neg = (fmt == 'd' || (!fmt && is_signed)) && (hi >> 63);
    if (fmt && fmt != 'd' && fmt != 'u') {
        format_int(lo, 8, false, fmt, b); /* o, t, c: the low half, as far as hdb goes */
        return;
    }
    if (neg)
        x = -x;
    char digits[48];
    int n = 0;
    do {
        digits[n++] = (char)('0' + (int)(x % 10));
        x /= 10;
    } while (x);
    if (neg)
        hdb_sb_putc(b, '-');
    while (n)
        hdb_sb_putc(b, digits[--n]);
}

/* A vector register's union (sym/regtypes.c): its members, all at its start. */
static int format_builtin_union(struct hdb_session *s, uint64_t type, uint64_t addr, char fmt,
                                struct hdb_strbuf *b, int depth)
{
    const char *name;
    uint64_t mtype;
    hdb_sb_putc(b, '{');
    for (int i = 0; hdb_builtin_member(type, i, &name, &mtype) == 0; i++) {
        if (i)
            hdb_sb_putc(b, ',');
        if (s->print_pretty)
            pretty_break(b, depth + 1);
        else if (i)
            hdb_sb_putc(b, ' ');
        hdb_sb_printf(b, "%s = ", name);
        int rc = format_typed(s, HDB_BUILTIN_UNIT, mtype, addr, NULL, fmt, false, b, depth + 1);
        if (rc < 0)
            return rc;
    }
    if (s->print_pretty)
        pretty_break(b, depth);
    hdb_sb_putc(b, '}');
    return 0;
}

static bool is_char_type(const struct hdb_ctype *t)
{
    return t->tag == DW_TAG_base_type && t->size == 1 &&
           (t->encoding == DW_ATE_signed_char || t->encoding == DW_ATE_unsigned_char);
}

static void format_pointer(struct hdb_session *s, uint64_t unit, uint64_t ptr_type, uint64_t target,
                           uint64_t v, char fmt, bool top, struct hdb_strbuf *b)
{
    struct hdb_ctype tt;
    bool have_tt = hdb_ctype_resolve(&s->dw, unit, target, &tt) == 0;
    if (fmt && fmt != 'a' && fmt != 's') {
        format_int(v, 8, false, fmt, b);
        return;
    }
    if (have_tt && is_char_type(&tt)) {
        hdb_sb_printf(b, "0x%llx", (unsigned long long)v);
        hdb_format_symbolic(s, v, b);
        if (v) {
            hdb_sb_putc(b, ' ');
            format_c_string(s, v, b);
        }
        return;
    }
    if (top) {
        hdb_sb_putc(b, '(');
        if (ptr_type)
            hdb_ctype_name(&s->dw, unit, ptr_type, b);
        else
            hdb_ctype_pointer_name(&s->dw, unit, target, b);
        hdb_sb_printf(b, ") ");
    }
    hdb_sb_printf(b, "0x%llx", (unsigned long long)v);
    hdb_format_symbolic(s, v, b);
}

/* Do the objects of size bytes at a and b hold the same bytes (readable ones)? */
static bool same_bytes(struct hdb_session *s, uint64_t a, uint64_t b, uint64_t size)
{
    uint8_t x[64], y[64];
    for (uint64_t off = 0; off < size; off += sizeof(x)) {
        size_t n = size - off < sizeof(x) ? (size_t)(size - off) : sizeof(x);
        if (hdb_session_read(s, a + off, x, n) != (int)n ||
            hdb_session_read(s, b + off, y, n) != (int)n || memcmp(x, y, n) != 0)
            return false;
    }
    return true;
}

static int format_array(struct hdb_session *s, uint64_t unit, const struct hdb_ctype *t,
                        uint64_t addr, char fmt, struct hdb_strbuf *b, int depth)
{
    struct hdb_ctype elem;
    if (hdb_ctype_resolve(&s->dw, unit, t->target, &elem) < 0)
        return HDB_E_FORMAT;
    uint64_t count = t->has_count ? t->count : 0;
    if (is_char_type(&elem) && (!fmt || fmt == 's')) {
        /* The whole array: runs of a character are shown whole, past print elements. */
        size_t max = elements(s);
        if (count > (1u << 24))
            return HDB_E_NOTSUP;
        size_t n = (size_t)count;
        if (n && hdb_values_missing(s, addr, n)) {
            hdb_sb_printf(b, "<optimized out>"); /* a member no piece gives */
            return 0;
        }
        uint8_t *buf = n ? hdb_alloc(s->plat, n) : NULL;
        if (n && !buf)
            return HDB_E_NOMEM;
        if (n && hdb_session_read(s, addr, buf, n) != (int)n) {
            hdb_free(s->plat, buf, n);
            return HDB_E_IO;
        }
        hdb_format_chars_max(buf, n, true, max, b);
        hdb_free(s->plat, buf, n);
        return 0;
    }
    hdb_sb_putc(b, '{');
    uint64_t shown = 0;
    for (uint64_t i = 0; i < count;) {
        /* Count equal elements by their bytes, as gdb's repeat detection does. */
        uint64_t run = 1;
        while (elem.size && i + run < count &&
               same_bytes(s, addr + i * elem.size, addr + (i + run) * elem.size, elem.size))
            run++;
        if (i)
            hdb_sb_printf(b, ", ");
        int rc =
            format_typed(s, unit, t->target, addr + i * elem.size, NULL, fmt, false, b, depth + 1);
        if (rc < 0)
            return rc;
        if (run > REPEAT_THRESHOLD) {
            hdb_sb_printf(b, " <repeats %llu times>", (unsigned long long)run);
            i += run;
            shown += REPEAT_THRESHOLD;
        } else {
            i++;
            shown++;
        }
        if (shown >= elements(s) && i < count) {
            hdb_sb_printf(b, "...");
            break;
        }
    }
    hdb_sb_putc(b, '}');
    return 0;
}

static int format_struct(struct hdb_session *s, uint64_t unit, uint64_t type, uint64_t addr,
                         char fmt, struct hdb_strbuf *b, int depth)
{
    struct dwarf_unit u;
    struct dwarf_die d, m;
    if (hdb_dinfo_die(&s->dw, unit, type, &u, &d) < 0)
        return HDB_E_FORMAT;
    hdb_sb_putc(b, '{');
    bool first = true;
    for (int rc = dwarf_die_first_child(&d, &m); rc > 0; rc = dwarf_die_next_sibling(&m, &m)) {
        if (m.tag != DW_TAG_member)
            continue;
        struct dwarf_attr a;
        const char *name = "?";
        uint64_t off = 0, mtype = 0;
        enum dwarf_section_id sec;
        if (dwarf_die_attr(&m, DW_AT_name, &a) > 0)
            dwarf_attr_string(&a, &name);
        if (dwarf_die_attr(&m, DW_AT_data_member_location, &a) > 0)
            dwarf_attr_unsigned(&a, &off);
        if (dwarf_die_attr(&m, DW_AT_type, &a) > 0)
            dwarf_attr_ref(&a, &sec, &mtype);
        if (!first)
            hdb_sb_printf(b, ",");
        if (s->print_pretty)
            pretty_break(b, depth + 1);
        else if (!first)
            hdb_sb_putc(b, ' ');
        first = false;
        hdb_sb_printf(b, "%s = ", name);
        uint64_t bit_off, bits;
        unsigned bit_size;
        int frc = hdb_member_bits(s, unit, &m, mtype, &bit_off, &bit_size);
        if (frc > 0) {
            frc = hdb_bits_read(s, unit, mtype, addr + bit_off / 8, (unsigned)(bit_off % 8),
                                bit_size, &bits);
            if (frc == 0)
                frc = format_typed(s, unit, mtype, 0, &bits, fmt, false, b, depth + 1);
        } else if (frc == 0) {
            frc = format_typed(s, unit, mtype, addr + off, NULL, fmt, false, b, depth + 1);
        }
        if (frc < 0)
            return frc;
    }
    if (s->print_pretty && !first)
        pretty_break(b, depth);
    hdb_sb_putc(b, '}');
    return 0;
}

static int format_enum(struct hdb_session *s, uint64_t unit, uint64_t type, uint64_t v,
                       struct hdb_strbuf *b)
{
    struct dwarf_unit u;
    struct dwarf_die d, e;
    if (hdb_dinfo_die(&s->dw, unit, type, &u, &d) < 0)
        return HDB_E_FORMAT;
    for (int rc = dwarf_die_first_child(&d, &e); rc > 0; rc = dwarf_die_next_sibling(&e, &e)) {
        struct dwarf_attr a;
        int64_t cv;
        const char *name;
        if (e.tag == DW_TAG_enumerator && dwarf_die_attr(&e, DW_AT_const_value, &a) > 0 &&
            dwarf_attr_signed(&a, &cv) == 0 && (uint64_t)cv == v &&
            dwarf_die_attr(&e, DW_AT_name, &a) > 0 && dwarf_attr_string(&a, &name) == 0) {
            hdb_sb_printf(b, "%s", name);
            return 0;
        }
    }
    hdb_sb_printf(b, "%lld", (long long)v);
    return 0;
}

static int format_typed(struct hdb_session *s, uint64_t unit, uint64_t type, uint64_t addr,
                        const uint64_t *imm, char fmt, bool top, struct hdb_strbuf *b, int depth)
{
    struct hdb_ctype t;
    if (depth > 8) {
        hdb_sb_printf(b, "...");
        return 0;
    }
    if (hdb_ctype_resolve(&s->dw, unit, type, &t) < 0)
        return HDB_E_FORMAT;
    if (imm && (t.tag == DW_TAG_array_type || t.tag == DW_TAG_structure_type ||
                t.tag == DW_TAG_union_type))
        return HDB_E_NOTSUP;
    if (t.tag == DW_TAG_array_type)
        return format_array(s, unit, &t, addr, fmt, b, depth);
    if (t.tag == DW_TAG_union_type && unit == HDB_BUILTIN_UNIT)
        return format_builtin_union(s, t.off, addr, fmt, b, depth);
    if (t.tag == DW_TAG_structure_type || t.tag == DW_TAG_union_type)
        return format_struct(s, unit, t.off, addr, fmt, b, depth);
    if (t.tag == DW_TAG_base_type && t.size > 8 && t.size <= 16 && !imm) {
        /* 128-bit integers and x87 values: read whole. */
        uint8_t raw[16] = {0};
        if (hdb_values_missing(s, addr, (size_t)t.size)) {
            hdb_sb_printf(b, "<optimized out>");
            return 0;
        }
        if (hdb_session_read(s, addr, raw, (size_t)t.size) != (int)t.size)
            return HDB_E_IO;
        if (t.encoding == DW_ATE_float && !fmt)
            hdb_float_format(hdb_float_kind_of(unit, type, t.size), raw, b);
        else if (t.encoding == DW_ATE_float && fmt == 'x')
            format_raw_hex(raw, 10, b); /* the x87 value's bytes, as for the other floats */
        else
            format_int128(raw, t.encoding == DW_ATE_signed, fmt, b);
        return 0;
    }
    uint64_t v = 0;
    size_t n = t.size > 8 ? 8 : (size_t)t.size;
    if (!imm && n && hdb_values_missing(s, addr, n)) {
        hdb_sb_printf(b, "<optimized out>"); /* a member no piece gives */
        return 0;
    }
    if (imm)
        v = n < 8 ? *imm & ((1ull << (n * 8)) - 1) : *imm;
    else if (n && hdb_session_read(s, addr, &v, n) != (int)n)
        return HDB_E_IO;
    switch (t.tag) {
    case DW_TAG_pointer_type:
        format_pointer(s, unit, type, t.target, v, fmt, top, b);
        return 0;
    case DW_TAG_enumeration_type:
        if (fmt)
            format_int(v, t.size, true, fmt, b);
        else
            format_enum(s, unit, t.off, v, b);
        return 0;
    case DW_TAG_base_type:
        break;
    default:
        if (unit == HDB_BUILTIN_UNIT) /* a symbol without DWARF: "<data variable, ...>" */
            hdb_ctype_name(&s->dw, unit, type, b);
        else
            hdb_sb_printf(b, "<unsupported type>");
        return 0;
    }
    if (t.encoding == DW_ATE_float && !fmt) {
        enum hdb_float_kind k = hdb_float_kind_of(unit, type, t.size);
        uint8_t raw[8];
        memcpy(raw, &v, 8);
        if (k == HDB_FLT_NONE)
            hdb_sb_printf(b, "<unsupported type>");
        else
            hdb_float_format(k, raw, b);
        return 0;
    }
    if (t.encoding == DW_ATE_boolean && !fmt) {
        hdb_sb_printf(b, v ? "true" : "false");
        return 0;
    }
    bool is_signed = t.encoding == DW_ATE_signed || t.encoding == DW_ATE_signed_char;
    if ((is_char_type(&t) && !fmt) || fmt == 'c') {
        format_char(v, is_signed, b);
        return 0;
    }
    format_int(v, t.size, is_signed, fmt, b);
    return 0;
}

int hdb_value_format(struct hdb_session *s, const struct hdb_value *v, char fmt, bool top,
                     struct hdb_strbuf *b)
{
    if (v->repeat) {
        struct hdb_ctype t = {
            .tag = DW_TAG_array_type, .target = v->type, .count = v->repeat, .has_count = true};
        return format_array(s, v->unit, &t, v->addr, fmt, b, 0);
    }
    switch (v->kind) {
    case HDB_VAL_DWARF:
        return format_typed(s, v->unit, v->type, v->addr, v->lvalue ? NULL : &v->scalar, fmt, top,
                            b, 0);
    case HDB_VAL_ADDR_OF:
        format_pointer(s, v->unit, 0, v->type, v->scalar, fmt, top, b);
        return 0;
    case HDB_VAL_INT:
    case HDB_VAL_UINT:
        if (fmt == 'c')
            format_char(v->scalar, v->kind == HDB_VAL_INT, b);
        else
            format_int(v->scalar, 4, v->kind == HDB_VAL_INT, fmt, b);
        return 0;
    case HDB_VAL_LONG:
    case HDB_VAL_ULONG:
        if (fmt == 'c')
            format_char(v->scalar, v->kind == HDB_VAL_LONG, b);
        else
            format_int(v->scalar, 8, v->kind == HDB_VAL_LONG, fmt, b);
        return 0;
    case HDB_VAL_DOUBLE:
        if (fmt && fmt != 'f') {
            /* gdb converts to an integer of the same size for integer formats. */
            format_int((uint64_t)(int64_t)v->d, 8, true, fmt, b);
            return 0;
        }
        hdb_float_format_double(v->d, b);
        return 0;
    case HDB_VAL_EFLAGS:
    case HDB_VAL_MXCSR:
        if (fmt)
            format_int(v->scalar, 4, true, fmt, b);
        else if (v->kind == HDB_VAL_EFLAGS)
            format_eflags(v->scalar, b);
        else
            format_mxcsr(v->scalar, b);
        return 0;
    case HDB_VAL_CODE_PTR:
        if (fmt) {
            format_int(v->scalar, 8, false, fmt, b);
            return 0;
        }
        if (top)
            hdb_sb_printf(b, "(void (*)()) ");
        hdb_sb_printf(b, "0x%llx", (unsigned long long)v->scalar);
        hdb_format_symbolic(s, v->scalar, b);
        return 0;
    case HDB_VAL_VOID:
        hdb_sb_printf(b, "void");
        return 0;
    case HDB_VAL_FUNC:
        if (fmt) {
            format_int(v->scalar, 8, false, fmt, b);
            return 0;
        }
        hdb_sb_putc(b, '{');
        if (v->type)
            hdb_ctype_function_name(&s->dw, v->unit, v->type, b);
        else
            hdb_sb_printf(b, "<text variable, no debug info>");
        hdb_sb_printf(b, "} 0x%llx", (unsigned long long)v->scalar);
        hdb_format_symbolic(s, v->scalar, b);
        return 0;
    case HDB_VAL_DATA_PTR:
        if (fmt) {
            format_int(v->scalar, 8, false, fmt, b);
            return 0;
        }
        if (top)
            hdb_sb_printf(b, "(void *) ");
        hdb_sb_printf(b, "0x%llx", (unsigned long long)v->scalar);
        return 0;
    }
    return HDB_E_ARG;
}
