/*
 * hdwarf addr2line, lines and func: the address and name indexes of
 * <dwarf/index.h> on a file, printed so that binutils can check them.
 *
 *   addr2line [-a] [-f] [-i] [-e] FILE ADDR...  what binutils addr2line -a -f -i prints
 *   lines FILE                             every row: ADDR FILE:LINE, or ADDR end
 *   func FILE NAME...                      each function's ranges: NAME 0xLOW 0xHIGH
 *   names FILE                             every function name, sorted, once each
 */
#include "hdwarf.h"

#include <dwarf/index.h>
#include <stdlib.h>
#include <string.h>

#define PATH_SIZE 4096
#define CHAIN_MAX 64

static void print_location(const struct dwarf_line_header *hdr, const char *comp_dir, uint64_t file,
                           uint64_t line, uint64_t discriminator)
{
    char path[PATH_SIZE];
    if (dwarf_line_file_path(hdr, file, comp_dir, path, sizeof path) < 0)
        strcpy(path, "??");
    if (line == 0)
        printf("%s:?\n", path);
    else if (discriminator)
        printf("%s:%llu (discriminator %llu)\n", path, (unsigned long long)line,
               (unsigned long long)discriminator);
    else
        printf("%s:%llu\n", path, (unsigned long long)line);
}

static void print_func(const char *name)
{
    puts(name && *name ? name : "??");
}

/*
 * The name binutils gives a function: DW_AT_linkage_name (or the MIPS one)
 * of its DIE or of the DIEs it refers to, where there is one (glibc's
 * __GI___libc_mallopt for __libc_mallopt), else its DWARF name.
 */
static const char *func_name(const struct dwarf *dw, const struct dwarf_func *fn)
{
    static const uint64_t linkage[] = {DW_AT_linkage_name, DW_AT_MIPS_linkage_name};
    struct dwarf_unit u, owner;
    struct dwarf_die d;
    struct dwarf_attr a;
    const char *name;

    if (dwarf_unit_at(dw, DWARF_SEC_INFO, fn->unit_offset, &u) <= 0 ||
        dwarf_die_at(&u, fn->die_offset, &d) <= 0)
        return fn->name;
    for (size_t i = 0; i < sizeof linkage / sizeof linkage[0]; i++)
        if (dwarf_die_attr_inherited(&d, linkage[i], &owner, NULL, &a) > 0 &&
            dwarf_attr_string(&a, &name) == 0)
            return name;
    return fn->name;
}

/*
 * binutils' layout: the innermost function, its line; then each caller and
 * its call site. Where no DWARF function covers pc, the code symbol below it
 * names it, as in binutils.
 */
static int addr2line_one(struct dwarf_addr_index *idx, struct hdwarf_syms *syms, uint64_t pc,
                         bool funcs, bool inlines)
{
    const struct dwarf *dw = idx->dw;
    const struct hdwarf_sym *sym = NULL;
    struct dwarf_func chain[CHAIN_MAX];
    struct dwarf_addr_line l;
    int nf, nl;

    if ((nf = dwarf_addr_functions(idx, pc, chain, CHAIN_MAX)) < 0)
        return nf;
    if ((nl = dwarf_addr_line(idx, pc, &l)) < 0)
        return nl;
    if (nf > CHAIN_MAX)
        nf = CHAIN_MAX;
    if (nf == 0)
        sym = hdwarf_symbol_at(syms, pc);
    if (nl == 0 && nf == 0 && sym == NULL) {
        if (funcs)
            puts("??");
        puts("??:0");
        return 0;
    }
    if (funcs && sym)
        puts(sym->name);
    else if (funcs)
        print_func(nf ? func_name(dw, &chain[0]) : NULL);
    if (nl)
        print_location(l.header, l.comp_dir, l.file, l.line, l.discriminator);
    else
        puts("??:0");
    for (int i = 1; inlines && nl && i < nf; i++) {
        if (funcs)
            print_func(func_name(dw, &chain[i]));
        /* binutils repeats the row's discriminator on every call site. */
        print_location(l.header, l.comp_dir, chain[i - 1].call_file, chain[i - 1].call_line,
                       l.discriminator);
    }
    return 0;
}

int hdwarf_addr2line(int argc, char **argv)
{
    bool addrs = false, funcs = false, inlines = false;
    const char *path = NULL;
    struct hdwarf_session s;
    struct dwarf_addr_index *idx;
    struct hdwarf_syms syms;
    int i, rc;

    for (i = 2; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "-e") == 0 && i + 1 < argc)
            path = argv[++i];
        else if (argv[i][1] && strspn(argv[i] + 1, "afi") == strlen(argv[i] + 1)) {
            addrs |= strchr(argv[i], 'a') != NULL;
            funcs |= strchr(argv[i], 'f') != NULL;
            inlines |= strchr(argv[i], 'i') != NULL;
        } else
            break;
    }
    if (path == NULL && i < argc)
        path = argv[i++];
    if (path == NULL) {
        fputs("usage: hdwarf addr2line [-a] [-f] [-i] [-e] FILE ADDR...\n", stderr);
        return 2;
    }
    if (hdwarf_session_open(&s, path))
        return 1;
    if (hdwarf_symbols_load(&s.f, &syms)) {
        hdwarf_symbols_free(&syms);
        hdwarf_session_close(&s);
        fprintf(stderr, "hdwarf: out of memory\n");
        return 1;
    }
    if ((rc = hdwarf_session_addrs(&s, &idx)) < 0) {
        hdwarf_symbols_free(&syms);
        hdwarf_session_close(&s);
        return hdwarf_corrupt(path, rc);
    }
    for (rc = 0; i < argc && rc == 0; i++) {
        char *end;
        unsigned long long pc = strtoull(argv[i], &end, 16);
        if (*argv[i] == 0 || *end) {
            fprintf(stderr, "hdwarf: %s: not an address\n", argv[i]);
            rc = 2;
            break;
        }
        if (addrs)
            printf("0x%016llx\n", pc);
        rc = addr2line_one(idx, &syms, pc, funcs, inlines);
    }
    fflush(stdout);
    hdwarf_symbols_free(&syms);
    hdwarf_session_close(&s);
    return rc < 0 ? hdwarf_corrupt(path, rc) : rc;
}

/* Every row of every unit's line program, in program order. */
int hdwarf_lines(const char *path)
{
    struct hdwarf_session s;
    struct dwarf_unit u;
    uint64_t off = 0;
    int rc;

    if (hdwarf_session_open(&s, path))
        return 1;
    while ((rc = dwarf_unit_at(&s.dw, DWARF_SEC_INFO, off, &u)) > 0) {
        struct dwarf_die cu;
        struct dwarf_attr a;
        struct dwarf_line_header hdr;
        struct dwarf_line_iter it;
        struct dwarf_line_row r;
        const char *comp_dir = NULL;
        off = u.end;
        if ((rc = dwarf_unit_die(&u, &cu)) < 0)
            break;
        if (dwarf_die_attr(&cu, DW_AT_comp_dir, &a) > 0)
            dwarf_attr_string(&a, &comp_dir);
        if ((rc = dwarf_die_attr(&cu, DW_AT_stmt_list, &a)) <= 0)
            continue;
        if ((rc = dwarf_line_header_at(&s.dw, a.value, u.addr_size, &hdr)) < 0)
            break;
        dwarf_line_iter_init(&hdr, &it);
        while ((rc = dwarf_line_next(&it, &r)) > 0) {
            printf("0x%llx ", (unsigned long long)r.address);
            if (r.end_sequence)
                puts("end");
            else
                print_location(&hdr, comp_dir, r.file, r.line, r.discriminator);
        }
        if (rc < 0)
            break;
    }
    fflush(stdout);
    hdwarf_session_close(&s);
    return rc < 0 ? hdwarf_corrupt(path, rc) : 0;
}

/* The ranges of every function DIE with that name. */
static int func_ranges(struct dwarf_addr_index *idx, const struct dwarf_name_entry *e)
{
    const struct dwarf_func *funcs;
    size_t n;
    int found = 0;
    int rc = dwarf_addr_unit_functions(idx, e->unit_offset, &funcs, &n);

    if (rc == DWARF_E_NOT_FOUND)
        return 0;
    if (rc < 0)
        return rc;
    for (size_t i = 0; i < n; i++) {
        if (funcs[i].die_offset != e->die_offset)
            continue;
        printf("%s 0x%llx 0x%llx\n", e->name, (unsigned long long)funcs[i].low,
               (unsigned long long)funcs[i].high);
        found = 1;
    }
    return found;
}

int hdwarf_func(int argc, char **argv)
{
    const char *path = argv[2];
    struct hdwarf_session s;
    struct dwarf_addr_index *idx;
    int rc;

    if (hdwarf_session_open(&s, path))
        return 1;
    if ((rc = hdwarf_session_addrs(&s, &idx)) < 0) {
        hdwarf_session_close(&s);
        return hdwarf_corrupt(path, rc);
    }
    for (int i = 3; i < argc && rc >= 0; i++) {
        const struct dwarf_name_entry *found;
        int n = dwarf_name_lookup(&s.names, argv[i], DWARF_NAME_FUNCTION, 0, &found);
        int shown = 0;
        for (int k = 0; k < n && rc >= 0; k++) {
            if ((rc = func_ranges(idx, &found[k])) > 0)
                shown = 1;
        }
        if (n < 0)
            rc = n;
        if (rc >= 0 && !shown)
            printf("%s: no function with code\n", argv[i]);
    }
    fflush(stdout);
    hdwarf_session_close(&s);
    return rc < 0 ? hdwarf_corrupt(path, rc) : 0;
}

/* The name index's function names (from .debug_names, or a walk of every unit). */
int hdwarf_names(const char *path)
{
    struct hdwarf_session s;
    const char *last = NULL;
    int rc;

    if (hdwarf_session_open(&s, path))
        return 1;
    dwarf_name_index_free(&s.names);
    if ((rc = dwarf_name_index_build(&s.dw, &s.names)) < 0) {
        hdwarf_session_close(&s);
        return hdwarf_corrupt(path, rc);
    }
    for (size_t i = 0; i < s.names.count; i++) {
        const struct dwarf_name_entry *e = &s.names.entries[i];
        if (e->tag != DW_TAG_subprogram || (last && strcmp(last, e->name) == 0))
            continue;
        puts(e->name);
        last = e->name;
    }
    fflush(stdout);
    hdwarf_session_close(&s);
    return 0;
}
