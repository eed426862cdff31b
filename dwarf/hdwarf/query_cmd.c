/*
 * hdwarf query FILE QUESTION...: several questions answered in one process
 * through one set of indexes, each built only as far as the questions need
 * (what make bench-dwarf times against gdb -batch):
 *
 *   "line NAME"    gdb's info line NAME: the line-table row at the entry of
 *                  each function so named, and where the row ends
 *   "scope NAME"   the parameters and variables of each function so named,
 *                  block by block (scope_cmd.c)
 *   "ptype NAME", "whatis NAME"   as hdwarf ptype and whatis (type_cmd.c)
 *
 * hdwarf line FILE NAME... and hdwarf scope FILE NAME... ask one kind of
 * question about each name. Also the session the index commands share:
 * the file, the reader over the heap, and the two indexes.
 */
#include "hdwarf.h"

#include <hdb-linux/dwarf_heap.h>

#include <string.h>

#define PATH_SIZE 4096

int hdwarf_session_open(struct hdwarf_session *s, const char *path)
{
    int rc;

    memset(s, 0, sizeof *s);
    s->path = path;
    if (hdwarf_open(&s->f, path, HDWARF_NEED_INFO)) {
        fprintf(stderr, "hdwarf: %s: %s\n", path, s->f.err);
        hdwarf_close(&s->f);
        return -1;
    }
    dwarf_init(&s->dw, s->f.sec, &hdb_dwarf_heap);
    if ((rc = dwarf_name_index_init(&s->dw, &s->names)) < 0) {
        hdwarf_session_close(s);
        return hdwarf_corrupt(path, rc);
    }
    s->have_names = true;
    return 0;
}

int hdwarf_session_addrs(struct hdwarf_session *s, struct dwarf_addr_index **addrs)
{
    int rc;
    if (!s->have_addrs) {
        if ((rc = dwarf_addr_index_build(&s->dw, &s->addrs)) < 0)
            return rc;
        s->have_addrs = true;
    }
    *addrs = &s->addrs;
    return 0;
}

void hdwarf_session_close(struct hdwarf_session *s)
{
    if (s->have_addrs)
        dwarf_addr_index_free(&s->addrs);
    if (s->have_names)
        dwarf_name_index_free(&s->names);
    hdwarf_close(&s->f);
}

int hdwarf_corrupt(const char *path, int rc)
{
    fprintf(stderr, "hdwarf: %s: corrupt DWARF: %s\n", path, dwarf_strerror(rc));
    return 1;
}

int hdwarf_die_of(struct hdwarf_session *s, const struct dwarf_name_entry *e,
                  struct dwarf_unit *unit, struct dwarf_die *die)
{
    int rc;
    if ((rc = dwarf_unit_at(&s->dw, e->section, e->unit_offset, unit)) <= 0 ||
        (rc = dwarf_die_at(unit, e->die_offset, die)) <= 0)
        return rc < 0 ? rc : DWARF_E_BAD_REF;
    return 0;
}

static int first_range(void *pc, uint64_t low, uint64_t high)
{
    (void)high;
    *(uint64_t *)pc = low;
    return 1;
}

int hdwarf_entry_pc(const struct dwarf_die *d, uint64_t *pc)
{
    /* gdb's entry of a function in pieces: the start of its first range. */
    return dwarf_die_ranges(d, first_range, pc);
}

/* "<name>" or "<name+offset>", as gdb marks an address inside a function ("<?>" before it). */
static void print_symbolic(const char *name, uint64_t entry, uint64_t addr)
{
    if (addr == entry)
        printf("<%s>", name);
    else if (addr > entry)
        printf("<%s+%llu>", name, (unsigned long long)(addr - entry));
    else
        printf("<?>");
}

/* Rows at one address that gdb's choice looks back over. */
#define ROWS_AT_ADDRESS 64

/*
 * Which rows gdb keeps in its line table (dwarf2/read.c: record_line and
 * dwarf_record_line_p): none of line 0, none that only changes the file
 * at the previous row's address without being a statement, and none that
 * repeats the file and line of the last kept row once that line has had a
 * non-zero discriminator. The end of a sequence is kept.
 */
struct gdb_filter {
    bool have_last, discriminated;
    uint64_t last_file, last_line, last_address, state_line;
};

static bool gdb_keeps(struct gdb_filter *g, const struct dwarf_line_row *r)
{
    bool keep, file_changed;

    if (r->end_sequence) {
        *g = (struct gdb_filter){0};
        return true;
    }
    g->discriminated = (r->line == g->state_line && g->discriminated) || r->discriminator != 0;
    g->state_line = r->line;
    file_changed = !g->have_last || r->file != g->last_file;
    keep = !(file_changed && g->have_last && g->last_address == r->address && !r->is_stmt) &&
           r->line != 0;
    g->last_address = r->address;
    if (!keep)
        return false;
    keep = file_changed || r->line != g->last_line || !g->discriminated;
    g->have_last = true;
    g->last_file = r->file;
    g->last_line = r->line;
    return keep;
}

/*
 * gdb's row for pc (symtab.c, find_pc_sect_line) among the rows gdb keeps:
 * at the greatest address not above pc, the last row there or, when that
 * is not a statement, the nearest statement before it at the address
 * (binutils, and dwarf_addr_line, keep the last row of all); it ends at the
 * next row gdb keeps. Read straight from the line program, keeping none of
 * it. 1 with *row (its address is where the row starts) and *end, 0 when
 * no sequence covers pc, or an error.
 */
static int gdb_row(const struct dwarf_line_header *hdr, uint64_t pc, struct dwarf_line_row *row,
                   uint64_t *end)
{
    struct dwarf_line_row at[ROWS_AT_ADDRESS], r;
    struct dwarf_line_iter it;
    struct gdb_filter g = {0};
    size_t total = 0; /* kept rows at the best address so far, in this sequence */
    int rc;

    dwarf_line_iter_init(hdr, &it);
    while ((rc = dwarf_line_next(&it, &r)) > 0) {
        if (!gdb_keeps(&g, &r))
            continue;
        if (r.address <= pc) {
            if (r.end_sequence)
                total = 0; /* a sequence that ends before pc */
            else {
                if (total && at[(total - 1) % ROWS_AT_ADDRESS].address != r.address)
                    total = 0;
                at[total++ % ROWS_AT_ADDRESS] = r;
            }
            continue;
        }
        if (total == 0)
            continue;
        size_t n = total < ROWS_AT_ADDRESS ? total : ROWS_AT_ADDRESS;
        const struct dwarf_line_row *last = &at[(total - 1) % ROWS_AT_ADDRESS];
        *row = *last;
        *end = r.address;
        for (size_t k = 0; k < n && !last->is_stmt; k++) {
            const struct dwarf_line_row *p = &at[(total - 1 - k) % ROWS_AT_ADDRESS];
            if (p->is_stmt) {
                *row = *p;
                break;
            }
        }
        return 1;
    }
    return rc;
}

void hdwarf_unit_lines(const struct dwarf_unit *u, struct hdwarf_unit_lines *ul)
{
    struct dwarf_die cu;
    struct dwarf_attr a;

    ul->have = false;
    ul->comp_dir = NULL;
    if (dwarf_unit_die(u, &cu) <= 0)
        return;
    if (dwarf_die_attr(&cu, DW_AT_comp_dir, &a) > 0)
        dwarf_attr_string(&a, &ul->comp_dir);
    if (dwarf_die_attr(&cu, DW_AT_stmt_list, &a) > 0 &&
        dwarf_line_header_at(u->dw, a.value, u->addr_size, &ul->hdr) == 0)
        ul->have = true;
}

/* gdb's info line NAME for each function so named. */
static int line_question(struct hdwarf_session *s, const char *name)
{
    const struct dwarf_name_entry *found;
    int n, shown = 0, rc = 0;

    if ((n = dwarf_name_lookup(&s->names, name, DWARF_NAME_FUNCTION, 0, &found)) < 0)
        return n;
    for (int i = 0; i < n; i++) {
        struct dwarf_unit unit;
        struct dwarf_die d;
        struct hdwarf_unit_lines ul;
        struct dwarf_line_row row;
        char path[PATH_SIZE];
        uint64_t pc, end;
        if ((rc = hdwarf_die_of(s, &found[i], &unit, &d)) < 0 ||
            (rc = hdwarf_entry_pc(&d, &pc)) < 0)
            break;
        if (rc == 0)
            continue; /* an abstract instance: no code of its own */
        shown = 1;
        hdwarf_unit_lines(&unit, &ul);
        if (!ul.have || (rc = gdb_row(&ul.hdr, pc, &row, &end)) == 0) {
            printf("No line number information available for address 0x%llx ",
                   (unsigned long long)pc);
            print_symbolic(name, pc, pc);
            printf("\n");
            continue;
        }
        if (rc < 0)
            break;
        if (dwarf_line_file_path(&ul.hdr, row.file, ul.comp_dir, path, sizeof path) < 0)
            strcpy(path, "??");
        printf("Line %llu of \"%s\" starts at address 0x%llx ", (unsigned long long)row.line, path,
               (unsigned long long)row.address);
        print_symbolic(name, pc, row.address);
        printf(" and ends at 0x%llx ", (unsigned long long)end);
        print_symbolic(name, pc, end);
        printf(".\n");
    }
    if (rc < 0)
        return rc;
    if (!shown)
        printf("Function \"%s\" not defined.\n", name);
    return 0;
}

/* One question: "KIND NAME". */
static int ask(struct hdwarf_session *s, const char *question)
{
    static const char *const kinds[] = {"line ", "scope ", "ptype ", "whatis "};
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        size_t n = strlen(kinds[k]);
        if (strncmp(question, kinds[k], n) != 0)
            continue;
        const char *name = question + n;
        switch (k) {
        case 0:
            return line_question(s, name);
        case 1:
            return hdwarf_scope(stdout, s, name);
        default:
            return hdwarf_type_question(stdout, s, k == 2, name);
        }
    }
    fprintf(stderr, "hdwarf: %s: not a question (line, scope, ptype or whatis NAME)\n", question);
    return 1;
}

int hdwarf_query(int argc, char **argv)
{
    struct hdwarf_session s;
    const char *prefix = NULL;
    int rc = 0;

    if (strcmp(argv[1], "line") == 0)
        prefix = "line ";
    else if (strcmp(argv[1], "scope") == 0)
        prefix = "scope ";
    if (hdwarf_session_open(&s, argv[2]))
        return 1;
    for (int i = 3; i < argc && rc == 0; i++) {
        char question[PATH_SIZE];
        if (prefix) {
            snprintf(question, sizeof question, "%s%s", prefix, argv[i]);
            rc = ask(&s, question);
        } else {
            rc = ask(&s, argv[i]);
        }
    }
    fflush(stdout);
    hdwarf_session_close(&s);
    if (rc > 0)
        return 2;
    return rc < 0 ? hdwarf_corrupt(argv[2], rc) : 0;
}
