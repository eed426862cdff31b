/*
 * libdwarf_oracle: the DIE-tree oracle of issue 9. For one ELF file (a
 * program, a shared object, a separate debug file or a split-DWARF .dwo),
 * walks every unit of .debug_info and .debug_types and every DIE in them
 * with the dwarf library and with Debian's libdwarf (20210528) in lockstep,
 * and requires the same tree: unit headers; each DIE's offset, depth, tag,
 * abbreviation code and children flag; each attribute in order with its
 * name, its form (and whether it came through DW_FORM_indirect) and its
 * decoded value: addresses (through .debug_addr for addrx), constants
 * (unsigned and sign-extended), strings (through .debug_str_offsets for
 * strx), flags, block and exprloc bytes, references as section offsets
 * (ref_sig8 by signature and resolved to its type unit), section offsets
 * and list indexes.
 *
 *   libdwarf_oracle [--perturb N] FILE
 *
 * Prints a summary line and exits 0 when the trees are equal; prints the
 * first differences (up to MAX_DIFFS, each with its unit, DIE and
 * attribute) and exits 1 when they are not; exits 2 when a reader cannot
 * open the file. --perturb N adds 1 to the value our reader gives for the
 * Nth attribute of a form that carries a number (constants, references,
 * addresses, offsets), so the suite can check that a difference is caught
 * and reported where it is.
 *
 * The two readers share nothing: ours gets the sections from libelf
 * (hdwarf's loader, which also inflates SHF_COMPRESSED sections), libdwarf
 * opens the file itself.
 */
#include "../hdwarf/hdwarf.h"

#include <hdb-linux/dwarf_heap.h>

/*
 * Both libraries call their setup function dwarf_init (no other exported
 * name is shared). This program never calls libdwarf's, and libdwarf does
 * not call it itself, so its prototype is moved out of the way; the DW_*
 * constants are ours (libdwarf's dwarf.h would redefine them as macros).
 */
#define dwarf_init libdwarf_dwarf_init_unused
#include <libdwarf/libdwarf.h>
#undef dwarf_init

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DIFFS 10

struct oracle {
    Dwarf_Debug dbg;
    struct dwarf dw;
    unsigned diffs;
    uint64_t units, dies, attrs;
    uint64_t perturb, numeric; /* --perturb N, and the numeric attributes seen */
    /* Where the walk is, for the messages. */
    const char *section;
    uint64_t unit_off, die_off, die_tag;
    int attr_index;
    uint64_t attr_name, attr_form;
};

static const char *name_or(const char *name, char *buf, size_t n, uint64_t v)
{
    if (name)
        return name;
    snprintf(buf, n, "0x%llx", (unsigned long long)v);
    return buf;
}

/* One difference, located by unit, DIE and (when attr_index >= 0) attribute. */
static void diff(struct oracle *o, const char *fmt, ...)
{
    char tag[32], at[32], form[32];
    va_list ap;
    if (o->diffs++ >= MAX_DIFFS)
        return;
    printf("%s unit 0x%llx", o->section, (unsigned long long)o->unit_off);
    if (o->die_off)
        printf(" DIE 0x%llx %s", (unsigned long long)o->die_off,
               name_or(dwarf_tag_name(o->die_tag), tag, sizeof tag, o->die_tag));
    if (o->attr_index >= 0)
        printf(" attribute %d %s %s", o->attr_index,
               name_or(dwarf_at_name(o->attr_name), at, sizeof at, o->attr_name),
               name_or(dwarf_form_name(o->attr_form), form, sizeof form, o->attr_form));
    printf(": ");
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
}

/* libdwarf's message for an error, which is then freed. */
static const char *lderr(struct oracle *o, Dwarf_Error err)
{
    static char msg[160];
    snprintf(msg, sizeof msg, "%s", err ? dwarf_errmsg(err) : "no entry");
    if (err)
        dwarf_dealloc_error(o->dbg, err);
    return msg;
}

/* Both failed, or both succeeded: then the caller compares the values. */
static bool both(struct oracle *o, int ours, int res, Dwarf_Error err, const char *what)
{
    if (ours != 0 && res != DW_DLV_OK) {
        if (err)
            dwarf_dealloc_error(o->dbg, err);
        return false;
    }
    if (ours != 0) {
        diff(o, "%s: dwarf %s, libdwarf succeeds", what, dwarf_strerror(ours));
        return false;
    }
    if (res != DW_DLV_OK) {
        diff(o, "%s: dwarf succeeds, libdwarf %s", what, lderr(o, err));
        return false;
    }
    return true;
}

static void compare_bytes(struct oracle *o, const char *what, const uint8_t *a, uint64_t alen,
                          const uint8_t *b, uint64_t blen)
{
    if (alen != blen) {
        diff(o, "%s: dwarf %llu bytes, libdwarf %llu", what, (unsigned long long)alen,
             (unsigned long long)blen);
        return;
    }
    for (uint64_t i = 0; i < alen; i++) {
        if (a[i] != b[i]) {
            diff(o, "%s: byte %llu: dwarf 0x%02x, libdwarf 0x%02x", what, (unsigned long long)i,
                 a[i], b[i]);
            return;
        }
    }
}

static void compare_u64(struct oracle *o, const char *what, uint64_t ours, uint64_t theirs)
{
    if (ours != theirs)
        diff(o, "%s: dwarf 0x%llx, libdwarf 0x%llx", what, (unsigned long long)ours,
             (unsigned long long)theirs);
}

/* Constants: data1-8 both ways (libdwarf sign-extends in formsdata), sdata, udata, implicit. */
static void compare_constant(struct oracle *o, const struct dwarf_attr *a, Dwarf_Attribute la)
{
    Dwarf_Error err = NULL;
    Dwarf_Unsigned u;
    Dwarf_Signed s;
    uint64_t ou;
    int64_t os;
    if (a->form == DW_FORM_data16) {
        Dwarf_Form_Data16 d;
        const uint8_t *p;
        uint64_t n;
        if (both(o, dwarf_attr_block(a, &p, &n), dwarf_formdata16(la, &d, &err), err, "data16"))
            compare_bytes(o, "data16", p, n, d.fd_data, sizeof d.fd_data);
        return;
    }
    if (a->form != DW_FORM_sdata && a->form != DW_FORM_implicit_const) {
        int res = dwarf_formudata(la, &u, &err);
        if (both(o, dwarf_attr_unsigned(a, &ou), res, err, "unsigned"))
            compare_u64(o, "unsigned", ou, u);
    }
    if (a->form != DW_FORM_udata) {
        err = NULL;
        int res = dwarf_formsdata(la, &s, &err);
        if (both(o, dwarf_attr_signed(a, &os), res, err, "signed"))
            compare_u64(o, "signed", (uint64_t)os, (uint64_t)s);
    }
}

static void compare_string(struct oracle *o, const struct dwarf_attr *a, Dwarf_Attribute la)
{
    Dwarf_Error err = NULL;
    const char *mine;
    char *theirs;
    int res = dwarf_formstring(la, &theirs, &err);
    if (both(o, dwarf_attr_string(a, &mine), res, err, "string") && strcmp(mine, theirs) != 0)
        diff(o, "string: dwarf \"%.60s\", libdwarf \"%.60s\"", mine, theirs);
    if (a->form != DW_FORM_string && a->form != DW_FORM_strp && a->form != DW_FORM_line_strp &&
        a->form != DW_FORM_GNU_strp_alt && a->form != DW_FORM_strp_sup) {
        Dwarf_Unsigned index;
        err = NULL;
        if (both(o, 0, dwarf_get_debug_str_index(la, &index, &err), err, "string index"))
            compare_u64(o, "string index", a->value, index);
    }
}

static void compare_address(struct oracle *o, const struct dwarf_attr *a, Dwarf_Attribute la)
{
    Dwarf_Error err = NULL;
    Dwarf_Addr addr;
    uint64_t mine;
    int ours = dwarf_attr_address(a, &mine);
    int res = dwarf_formaddr(la, &addr, &err);
    /* A .dwo has no .debug_addr: both must fail, and then the indexes are compared. */
    if (both(o, ours, res, err, "address"))
        compare_u64(o, "address", mine, addr);
    if (a->form != DW_FORM_addr) {
        Dwarf_Unsigned index;
        err = NULL;
        if (both(o, 0, dwarf_get_debug_addr_index(la, &index, &err), err, "address index"))
            compare_u64(o, "address index", a->value, index);
    }
}

/* References: the target's section offset (and section); ref_sig8 also by signature. */
static void compare_ref(struct oracle *o, const struct dwarf_attr *a, Dwarf_Attribute la,
                        bool is_info)
{
    Dwarf_Error err = NULL;
    enum dwarf_section_id sec;
    uint64_t off;
    int ours = dwarf_attr_ref(a, &sec, &off);
    if (a->form == DW_FORM_ref_sig8) {
        Dwarf_Sig8 sig;
        Dwarf_Die target;
        Dwarf_Bool target_info;
        Dwarf_Off toff;
        uint8_t mine[8];
        for (int i = 0; i < 8; i++)
            mine[i] = (uint8_t)(a->value >> (8 * i));
        if (both(o, 0, dwarf_formsig8(la, &sig, &err), err, "signature"))
            compare_bytes(o, "signature", mine, 8, (const uint8_t *)sig.signature, 8);
        err = NULL;
        if (!both(o, ours, dwarf_find_die_given_sig8(o->dbg, &sig, &target, &target_info, &err),
                  err, "type unit of the signature"))
            return;
        err = NULL;
        if (dwarf_dieoffset(target, &toff, &err) != DW_DLV_OK) {
            diff(o, "signature target: libdwarf %s", lderr(o, err));
        } else {
            compare_u64(o, "signature target", off, toff);
            if ((sec == DWARF_SEC_INFO) != (target_info != 0))
                diff(o, "signature target: dwarf in %s, libdwarf in %s", dwarf_section_name(sec),
                     target_info ? ".debug_info" : ".debug_types");
        }
        dwarf_dealloc_die(target);
        return;
    }
    Dwarf_Off goff;
    int res = dwarf_global_formref(la, &goff, &err);
    if (!both(o, ours, res, err, "reference"))
        return;
    compare_u64(o, "reference", off, goff);
    if ((sec == DWARF_SEC_INFO) != is_info)
        diff(o, "reference: dwarf points into %s", dwarf_section_name(sec));
}

static void compare_value(struct oracle *o, const struct dwarf_attr *a, Dwarf_Attribute la,
                          bool is_info)
{
    Dwarf_Error err = NULL;
    switch (dwarf_form_class(a->form)) {
    case DWARF_CLASS_ADDRESS:
        compare_address(o, a, la);
        return;
    case DWARF_CLASS_CONSTANT:
        compare_constant(o, a, la);
        return;
    case DWARF_CLASS_STRING:
        compare_string(o, a, la);
        return;
    case DWARF_CLASS_FLAG: {
        bool mine;
        Dwarf_Bool theirs;
        int res = dwarf_formflag(la, &theirs, &err);
        if (both(o, dwarf_attr_flag(a, &mine), res, err, "flag") && mine != (theirs != 0))
            diff(o, "flag: dwarf %d, libdwarf %d", mine, theirs != 0);
        return;
    }
    case DWARF_CLASS_BLOCK: {
        const uint8_t *p;
        uint64_t n;
        Dwarf_Block *b;
        int res = dwarf_formblock(la, &b, &err);
        if (both(o, dwarf_attr_block(a, &p, &n), res, err, "block")) {
            compare_bytes(o, "block", p, n, b->bl_data, b->bl_len);
            dwarf_dealloc(o->dbg, b, DW_DLA_BLOCK);
        }
        return;
    }
    case DWARF_CLASS_EXPRLOC: {
        const uint8_t *p;
        uint64_t n;
        Dwarf_Unsigned len;
        Dwarf_Ptr data;
        int res = dwarf_formexprloc(la, &len, &data, &err);
        if (both(o, dwarf_attr_block(a, &p, &n), res, err, "exprloc"))
            compare_bytes(o, "exprloc", p, n, data, len);
        return;
    }
    case DWARF_CLASS_REFERENCE:
        compare_ref(o, a, la, is_info);
        return;
    case DWARF_CLASS_SEC_OFFSET: {
        Dwarf_Off off;
        uint64_t mine;
        int res = dwarf_global_formref(la, &off, &err);
        if (both(o, dwarf_attr_unsigned(a, &mine), res, err, "section offset"))
            compare_u64(o, "section offset", mine, off);
        return;
    }
    case DWARF_CLASS_INDEX: {
        Dwarf_Unsigned index;
        uint64_t mine;
        int res = dwarf_formudata(la, &index, &err);
        if (both(o, dwarf_attr_unsigned(a, &mine), res, err, "list index"))
            compare_u64(o, "list index", mine, index);
        return;
    }
    default:
        diff(o, "form of no known class");
    }
}

/* Forms whose value is a number in struct dwarf_attr's value (the targets of --perturb). */
static bool numeric_form(uint64_t form)
{
    switch (form) {
    case DW_FORM_data1:
    case DW_FORM_data2:
    case DW_FORM_data4:
    case DW_FORM_data8:
    case DW_FORM_udata:
    case DW_FORM_sdata:
    case DW_FORM_ref4:
    case DW_FORM_addr:
    case DW_FORM_sec_offset:
        return true;
    default:
        return false;
    }
}

/* The attributes of one DIE, in order. */
static void compare_attrs(struct oracle *o, const struct dwarf_die *d, Dwarf_Die ld, bool is_info)
{
    Dwarf_Error err = NULL;
    Dwarf_Attribute *list = NULL;
    Dwarf_Signed count = 0;
    struct dwarf_attr_iter it;
    struct dwarf_attr a;
    int res = dwarf_attrlist(ld, &list, &count, &err);
    int rc = 0, i;

    if (res == DW_DLV_ERROR) {
        diff(o, "attributes: libdwarf %s", lderr(o, err));
        return;
    }
    if (res == DW_DLV_NO_ENTRY)
        count = 0;
    dwarf_attr_iter_init(d, &it);
    for (i = 0; (rc = dwarf_attr_next(&it, &a)) > 0; i++) {
        Dwarf_Half name, form, direct;
        o->attr_index = i;
        o->attr_name = a.name;
        o->attr_form = a.form;
        o->attrs++;
        if (i >= count) {
            diff(o, "libdwarf has only %lld attributes", (long long)count);
            break;
        }
        if (dwarf_whatattr(list[i], &name, &err) != DW_DLV_OK ||
            dwarf_whatform(list[i], &form, &err) != DW_DLV_OK ||
            dwarf_whatform_direct(list[i], &direct, &err) != DW_DLV_OK) {
            diff(o, "libdwarf %s", lderr(o, err));
            continue;
        }
        if (name != a.name || form != a.form || (direct == DW_FORM_indirect) != a.indirect) {
            diff(o, "libdwarf has attribute 0x%x form 0x%x%s", name, form,
                 direct == DW_FORM_indirect ? " (indirect)" : "");
            continue;
        }
        if (numeric_form(a.form) && ++o->numeric == o->perturb)
            a.value++;
        compare_value(o, &a, list[i], is_info);
    }
    o->attr_index = -1;
    if (rc < 0)
        diff(o, "attribute %d: dwarf %s", i, dwarf_strerror(rc));
    else if (i < count)
        diff(o, "dwarf has %d attributes, libdwarf %lld", i, (long long)count);
    for (Dwarf_Signed k = 0; k < count; k++)
        dwarf_dealloc_attribute(list[k]);
    if (list)
        dwarf_dealloc(o->dbg, list, DW_DLA_LIST);
}

/*
 * The DIE d and its subtree against libdwarf's ld (which the caller frees:
 * it needs ld for the next sibling). Returns false when the trees diverge,
 * which ends the unit's walk.
 */
static bool compare_tree(struct oracle *o, const struct dwarf_die *d, Dwarf_Die ld, bool is_info)
{
    Dwarf_Error err = NULL;
    Dwarf_Off off;
    Dwarf_Half tag;
    Dwarf_Half kids;
    struct dwarf_die child;
    Dwarf_Die lchild = NULL;
    bool ok = true;
    int rc, res;

    o->die_off = d->offset;
    o->die_tag = d->tag;
    o->attr_index = -1;
    o->dies++;
    if (dwarf_dieoffset(ld, &off, &err) != DW_DLV_OK || dwarf_tag(ld, &tag, &err) != DW_DLV_OK ||
        dwarf_die_abbrev_children_flag(ld, &kids) != DW_DLV_OK) {
        diff(o, "libdwarf %s", lderr(o, err));
        return false;
    }
    if (off != d->offset || tag != d->tag) {
        diff(o, "libdwarf has DIE 0x%llx tag 0x%x here", (unsigned long long)off, tag);
        return false;
    }
    if ((uint64_t)dwarf_die_abbrev_code(ld) != d->abbrev_code || (kids != 0) != d->has_children)
        diff(o, "abbreviation %llu children %d, libdwarf %d children %d",
             (unsigned long long)d->abbrev_code, d->has_children, dwarf_die_abbrev_code(ld),
             kids != 0);
    compare_attrs(o, d, ld, is_info);

    rc = dwarf_die_first_child(d, &child);
    res = dwarf_child(ld, &lchild, &err);
    for (;;) {
        if (rc < 0 || res == DW_DLV_ERROR) {
            o->die_off = d->offset;
            o->die_tag = d->tag;
            if (rc < 0)
                diff(o, "children: dwarf %s", dwarf_strerror(rc));
            else
                diff(o, "children: libdwarf %s", lderr(o, err));
            ok = false;
            break;
        }
        if (rc == 0 || res == DW_DLV_NO_ENTRY) {
            if (rc != 0 || res != DW_DLV_NO_ENTRY) {
                o->die_off = d->offset;
                o->die_tag = d->tag;
                diff(o, "%s has more children (next at 0x%llx)", rc ? "dwarf" : "libdwarf",
                     rc ? (unsigned long long)child.offset : 0ULL);
                ok = false;
            }
            break;
        }
        if (!compare_tree(o, &child, lchild, is_info)) {
            ok = false;
            break;
        }
        Dwarf_Die prev = lchild;
        lchild = NULL;
        err = NULL;
        res = dwarf_siblingof_b(o->dbg, prev, is_info, &lchild, &err);
        dwarf_dealloc_die(prev);
        rc = dwarf_die_next_sibling(&child, &child);
    }
    if (lchild)
        dwarf_dealloc_die(lchild);
    return ok;
}

/* A unit header as libdwarf reports it. */
struct ld_unit {
    Dwarf_Unsigned length, type_offset, next;
    Dwarf_Half version, addr_size, offset_size, ext_size, unit_type;
    Dwarf_Off abbrev_offset;
    Dwarf_Sig8 signature;
};

/* libdwarf's next unit header: DW_DLV_OK, DW_DLV_NO_ENTRY at the end, or DW_DLV_ERROR. */
static int ld_next_unit(struct oracle *o, bool is_info, struct ld_unit *h, Dwarf_Error *err)
{
    return dwarf_next_cu_header_d(o->dbg, is_info, &h->length, &h->version, &h->abbrev_offset,
                                  &h->addr_size, &h->offset_size, &h->ext_size, &h->signature,
                                  &h->type_offset, &h->next, &h->unit_type, err);
}

/* The header libdwarf reports for the next unit against ours. */
static bool compare_unit_header(struct oracle *o, const struct dwarf_unit *u, bool is_info)
{
    Dwarf_Error err = NULL;
    struct ld_unit h;
    uint64_t signature = 0;

    if (ld_next_unit(o, is_info, &h, &err) != DW_DLV_OK) {
        diff(o, "unit header: libdwarf %s", lderr(o, err));
        return false;
    }
    for (int i = 0; i < 8; i++)
        signature |= (uint64_t)(uint8_t)h.signature.signature[i] << (8 * i);
    compare_u64(o, "unit length", u->length, h.length);
    compare_u64(o, "version", u->version, h.version);
    /*
     * DWARF 2-4 headers carry no unit type: ours calls a .debug_types unit
     * DW_UT_type, libdwarf 20210528 DW_UT_split_type (even outside a .dwo).
     */
    if (u->version < 5 && u->unit_type == DW_UT_type && h.unit_type == DW_UT_split_type)
        h.unit_type = DW_UT_type;
    compare_u64(o, "unit type", u->unit_type, h.unit_type);
    compare_u64(o, "abbreviation offset", u->abbrev_offset, h.abbrev_offset);
    compare_u64(o, "address size", u->addr_size, h.addr_size);
    compare_u64(o, "offset size", u->offset_size, h.offset_size);
    compare_u64(o, "next unit", u->end, h.next);
    if (u->unit_type == DW_UT_type || u->unit_type == DW_UT_split_type) {
        compare_u64(o, "type signature", u->type_signature, signature);
        compare_u64(o, "type offset", u->type_offset, h.type_offset);
    } else if (u->unit_type == DW_UT_skeleton || u->unit_type == DW_UT_split_compile) {
        compare_u64(o, "dwo id", u->dwo_id, signature);
    }
    return u->end == h.next;
}

/* Every unit of one section. */
static void compare_section(struct oracle *o, enum dwarf_section_id section)
{
    bool is_info = section == DWARF_SEC_INFO;
    struct dwarf_unit u;
    uint64_t off = 0;
    int rc;

    o->section = dwarf_section_name(section);
    while ((rc = dwarf_unit_at(&o->dw, section, off, &u)) > 0) {
        struct dwarf_abbrev_index index;
        struct dwarf_die cu;
        Dwarf_Error err = NULL;
        Dwarf_Die lcu = NULL;
        bool indexed;

        o->unit_off = off;
        o->die_off = 0;
        o->attr_index = -1;
        o->units++;
        if (!compare_unit_header(o, &u, is_info))
            return;
        off = u.end;
        /* The abbreviation index makes the walk of large units linear. */
        indexed = dwarf_unit_index_abbrevs(&u, &index) == 0;
        if ((rc = dwarf_unit_die(&u, &cu)) < 0) {
            diff(o, "unit DIE: dwarf %s", dwarf_strerror(rc));
        } else if (dwarf_siblingof_b(o->dbg, NULL, is_info, &lcu, &err) != DW_DLV_OK) {
            diff(o, "unit DIE: libdwarf %s", lderr(o, err));
        } else {
            compare_tree(o, &cu, lcu, is_info);
            dwarf_dealloc_die(lcu);
        }
        if (indexed)
            dwarf_abbrev_index_free(&o->dw, &index);
    }
    o->die_off = 0;
    o->attr_index = -1;
    if (rc < 0) {
        diff(o, "next unit: dwarf %s", dwarf_strerror(rc));
        return;
    }
    /* libdwarf must be at its end too. */
    Dwarf_Error err = NULL;
    struct ld_unit h;
    int res = ld_next_unit(o, is_info, &h, &err);
    if (res == DW_DLV_OK)
        diff(o, "libdwarf has another unit in %s", dwarf_section_name(section));
    else if (res == DW_DLV_ERROR)
        diff(o, "after the last unit: libdwarf %s", lderr(o, err));
}

int main(int argc, char **argv)
{
    struct hdwarf_file f;
    struct oracle o = {.attr_index = -1};
    Dwarf_Error err = NULL;

    if (argc == 4 && strcmp(argv[1], "--perturb") == 0) {
        o.perturb = strtoull(argv[2], NULL, 0);
        argv += 2;
        argc -= 2;
    }
    if (argc != 2) {
        fputs("usage: libdwarf_oracle [--perturb N] FILE\n", stderr);
        return 2;
    }
    if (hdwarf_open(&f, argv[1], HDWARF_NEED_INFO | HDWARF_NO_DWO)) {
        fprintf(stderr, "libdwarf_oracle: %s: %s\n", argv[1], f.err);
        hdwarf_close(&f);
        return 2;
    }
    dwarf_init(&o.dw, f.sec, &hdb_dwarf_heap);
    /* Every object is freed here as soon as it is compared: no tracking table. */
    dwarf_set_de_alloc_flag(0);
    if (dwarf_init_path(argv[1], NULL, 0, DW_DLC_READ, DW_GROUPNUMBER_ANY, NULL, NULL, &o.dbg, NULL,
                        0, NULL, &err) != DW_DLV_OK) {
        fprintf(stderr, "libdwarf_oracle: %s: libdwarf: %s\n", argv[1],
                err ? dwarf_errmsg(err) : "no DWARF");
        hdwarf_close(&f);
        return 2;
    }
    compare_section(&o, DWARF_SEC_INFO);
    if (f.sec[DWARF_SEC_TYPES].data)
        compare_section(&o, DWARF_SEC_TYPES);
    dwarf_finish(o.dbg, &err);
    hdwarf_close(&f);
    if (o.diffs > MAX_DIFFS)
        printf("... %u differences in all\n", o.diffs);
    printf("%s: %llu units, %llu DIEs, %llu attributes%s\n", argv[1], (unsigned long long)o.units,
           (unsigned long long)o.dies, (unsigned long long)o.attrs,
           o.diffs ? "" : ", the same tree as libdwarf's");
    return o.diffs ? 1 : 0;
}
