/*
 * lines.c: builds and searches the address-sorted line index.
 *
 * Rows of every line program go into one array sorted by address; an
 * end_sequence row marks where a sequence's last range ends, so a lookup
 * that lands on one is outside any line. Among rows at one address the
 * last in program order wins, as the line-number state machine means it
 * (DWARF5 6.2.5: a later row at the same address supersedes for lookups).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <dwarf/line.h>
#include <hdb/error.h>
#include <hdb/lines.h>

static int add_file(struct hdb_lines *L, const char *name, const char *path, uint32_t *id)
{
    for (size_t i = 0; i < L->nfiles; i++) {
        if (strcmp(L->files[i].path, path) == 0) {
            *id = (uint32_t)i;
            return 0;
        }
    }
    if (L->nfiles == L->cap_files) {
        size_t nc = L->cap_files ? L->cap_files * 2 : 16;
        void *n = hdb_realloc(L->plat, L->files, L->cap_files * sizeof(*L->files),
                              nc * sizeof(*L->files));
        if (!n)
            return HDB_E_NOMEM;
        L->files = n;
        L->cap_files = nc;
    }
    struct hdb_line_file *f = &L->files[L->nfiles];
    f->name = hdb_strdup(L->plat, name);
    f->path = hdb_strdup(L->plat, path);
    if (!f->name || !f->path) {
        hdb_strfree(L->plat, f->name);
        hdb_strfree(L->plat, f->path);
        return HDB_E_NOMEM;
    }
    *id = (uint32_t)L->nfiles++;
    return 0;
}

static int add_row(struct hdb_lines *L, const struct hdb_line_row *r)
{
    if (L->nrows == L->cap_rows) {
        size_t nc = L->cap_rows ? L->cap_rows * 2 : 1024;
        void *n =
            hdb_realloc(L->plat, L->rows, L->cap_rows * sizeof(*L->rows), nc * sizeof(*L->rows));
        if (!n)
            return HDB_E_NOMEM;
        L->rows = n;
        L->cap_rows = nc;
    }
    L->rows[L->nrows++] = *r;
    return 0;
}

static void join(char *out, size_t len, const char *a, const char *b)
{
    if (!a || !*a || b[0] == '/')
        snprintf(out, len, "%s", b);
    else
        snprintf(out, len, "%s/%s", a, b);
}

/*
 * Names file index fi of a line program: the name as the compiler gave it
 * (its directory prefixed unless that is the compilation directory) and
 * the full path (DWARF5 6.2.4 items 20-21: directory 0 / the unit's
 * DW_AT_comp_dir is the base of relative directories). False: no such file.
 */
static bool file_names(const struct dwarf_line_header *hdr, const char *comp_dir, uint64_t fi,
                       char name[1024], char path[2048])
{
    struct dwarf_line_file f, d;
    char dir[1024];
    if (dwarf_line_file_by_index(hdr, fi, &f) < 0 || !f.path)
        return false;
    const char *dirname = NULL;
    if (f.dir_index != 0) {
        uint64_t di = hdr->version >= 5 ? f.dir_index : f.dir_index - 1;
        if (dwarf_line_dir(hdr, di, &d) == 0)
            dirname = d.path;
    } else if (hdr->version >= 5 && dwarf_line_dir(hdr, 0, &d) == 0 && d.path && d.path[0] != '/') {
        /*
         * DWARF 5's directory 0 is the compilation directory. gdb shows a
         * file there by the name the unit gives it when that directory is
         * absolute, and prefixed with it when it is relative (glibc's
         * "./stdlib/msort.c", built with -fdebug-prefix-map).
         */
        comp_dir = NULL;
        dirname = d.path;
    }
    join(name, 1024, dirname, f.path);
    join(dir, sizeof(dir), comp_dir, dirname ? dirname : "");
    if (!dirname)
        snprintf(dir, sizeof(dir), "%s", comp_dir ? comp_dir : "");
    join(path, 2048, dir, f.path);
    return true;
}

static int file_id(struct hdb_lines *L, const struct dwarf_line_header *hdr, const char *comp_dir,
                   uint64_t fi, uint32_t *id)
{
    char name[1024], path[2048];
    if (!file_names(hdr, comp_dir, fi, name, path))
        return add_file(L, "??", "??", id);
    return add_file(L, name, path, id);
}

/* The line program of unit u and its compilation directory; false: none. */
static bool unit_program(const struct dwarf_unit *u, struct dwarf_line_header *hdr,
                         const char **comp_dir)
{
    struct dwarf_die cu;
    struct dwarf_attr a;
    *comp_dir = NULL;
    if (dwarf_unit_die(u, &cu) <= 0)
        return false;
    /* sec_offset (DWARF 4-5) or data4/data8 (DWARF 2-3): the offset is the raw value. */
    if (dwarf_die_attr(&cu, DW_AT_stmt_list, &a) <= 0)
        return false;
    uint64_t stmt = a.value;
    if (dwarf_die_attr(&cu, DW_AT_comp_dir, &a) > 0)
        dwarf_attr_string(&a, comp_dir);
    return dwarf_line_header_at(u->dw, stmt, u->addr_size, hdr) == 0;
}

int hdb_lines_unit_file_names(const struct dwarf_unit *u, uint64_t fi, char name[1024],
                              char path[2048])
{
    struct dwarf_line_header hdr;
    const char *comp_dir;
    if (!unit_program(u, &hdr, &comp_dir) || !file_names(&hdr, comp_dir, fi, name, path))
        return HDB_E_NOT_FOUND;
    return 0;
}

int hdb_lines_unit_file(const struct hdb_lines *L, const struct dwarf_unit *u, uint64_t fi,
                        uint32_t *id)
{
    struct dwarf_line_header hdr;
    const char *comp_dir;
    char name[1024], path[2048];
    if (!unit_program(u, &hdr, &comp_dir) || !file_names(&hdr, comp_dir, fi, name, path))
        return HDB_E_NOT_FOUND;
    for (size_t i = 0; i < L->nfiles; i++) {
        if (strcmp(L->files[i].path, path) == 0) {
            *id = (uint32_t)i;
            return 0;
        }
    }
    return HDB_E_NOT_FOUND;
}

/* Up to this many distinct file indexes per unit are cached. */
#define FILE_CACHE 512

static int read_unit(struct hdb_lines *L, const struct dwarf_unit *u, uint32_t *order)
{
    const char *comp_dir;
    struct dwarf_line_header hdr;
    if (!unit_program(u, &hdr, &comp_dir))
        return 0;
    uint32_t cache[FILE_CACHE];
    bool cached[FILE_CACHE] = {false};
    struct dwarf_line_iter it;
    struct dwarf_line_row row;
    dwarf_line_iter_init(&hdr, &it);
    int rc;
    uint64_t prev_line = 0, last_line = 0, last_file = ~0ull;
    bool disc_line = false;
    while ((rc = dwarf_line_next(&it, &row)) > 0) {
        /*
         * Rows repeating the line of the row before, for a line that has
         * had discriminators (DWARF5 6.2.2: basic blocks of one source
         * line), are one statement: only the first is a line start. gcc
         * also repeats a line to mark the end of a prologue, so rows
         * without discriminators are all kept (gdb's rule, PR 17276).
         */
        if (row.line != prev_line)
            disc_line = row.discriminator != 0;
        else
            disc_line = disc_line || row.discriminator != 0; /* once had, for the line's rest */
        prev_line = row.line;
        if (!row.end_sequence && row.line == last_line && row.file == last_file && disc_line)
            continue;
        last_line = row.end_sequence ? 0 : row.line;
        last_file = row.end_sequence ? ~0ull : row.file;
        uint32_t fid;
        if (row.file < FILE_CACHE && cached[row.file]) {
            fid = cache[row.file];
        } else {
            int frc = file_id(L, &hdr, comp_dir, row.file, &fid);
            if (frc < 0)
                return frc;
            if (row.file < FILE_CACHE) {
                cache[row.file] = fid;
                cached[row.file] = true;
            }
        }
        struct hdb_line_row r = {
            .addr = row.address,
            .line = (uint32_t)row.line,
            .file = fid,
            .flags = (row.is_stmt ? HDB_LINE_STMT : 0) | (row.end_sequence ? HDB_LINE_END_SEQ : 0) |
                     (row.prologue_end ? HDB_LINE_PROLOGUE_END : 0),
            .order = (*order)++,
        };
        int arc = add_row(L, &r);
        if (arc < 0)
            return arc;
    }
    /* A corrupt program keeps the rows read before the damage. */
    return 0;
}

static int row_cmp(const void *a, const void *b)
{
    const struct hdb_line_row *x = a, *y = b;
    if (x->addr != y->addr)
        return x->addr < y->addr ? -1 : 1;
    /* The end of one sequence sorts before the start of another at the same address. */
    int xe = !(x->flags & HDB_LINE_END_SEQ), ye = !(y->flags & HDB_LINE_END_SEQ);
    if (xe != ye)
        return xe - ye;
    return x->order < y->order ? -1 : x->order > y->order;
}

int hdb_lines_build(struct hdb_lines *L, const struct hdb_platform *plat, const struct dwarf *dw)
{
    memset(L, 0, sizeof(*L));
    L->plat = plat;
    struct dwarf_unit u;
    uint32_t order = 0;
    int rc = 0;
    for (uint64_t off = 0; dwarf_unit_at(dw, DWARF_SEC_INFO, off, &u) > 0; off = u.end) {
        rc = read_unit(L, &u, &order);
        if (rc < 0)
            break;
    }
    if (rc < 0) {
        hdb_lines_free(L);
        return rc;
    }
    /*
     * Sequences usually come in address order (units as the linker laid
     * them out, rows within a sequence ascending), so the rows are often
     * sorted already: checking costs one pass, sorting a large program's
     * rows a good part of its loading time.
     */
    size_t i = 1;
    while (i < L->nrows && row_cmp(&L->rows[i - 1], &L->rows[i]) <= 0)
        i++;
    if (i < L->nrows)
        qsort(L->rows, L->nrows, sizeof(*L->rows), row_cmp);
    return 0;
}

void hdb_lines_free(struct hdb_lines *L)
{
    for (size_t i = 0; i < L->nfiles; i++) {
        hdb_strfree(L->plat, L->files[i].name);
        hdb_strfree(L->plat, L->files[i].path);
    }
    hdb_free(L->plat, L->files, L->cap_files * sizeof(*L->files));
    hdb_free(L->plat, L->rows, L->cap_rows * sizeof(*L->rows));
    memset(L, 0, sizeof(*L));
}

int hdb_lines_find(const struct hdb_lines *L, uint64_t addr, struct hdb_line_loc *loc)
{
    size_t lo = 0, hi = L->nrows; /* first row with address > addr */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (L->rows[mid].addr <= addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return HDB_E_NOT_FOUND;
    const struct hdb_line_row *r = &L->rows[lo - 1];
    if (r->flags & HDB_LINE_END_SEQ)
        return HDB_E_NOT_FOUND;
    /* Landing on a non-statement row, prefer a statement row at the same address (as gdb does). */
    for (size_t i = lo - 1; !(r->flags & HDB_LINE_STMT) && i > 0; i--) {
        const struct hdb_line_row *p = &L->rows[i - 1];
        if (p->addr != r->addr || (p->flags & HDB_LINE_END_SEQ) || p->line == 0)
            break;
        if (p->flags & HDB_LINE_STMT) {
            r = p;
            break;
        }
    }
    loc->file = r->file;
    loc->line = r->line;
    loc->start = r->addr;
    loc->end = lo < L->nrows ? L->rows[lo].addr : r->addr + 1;
    loc->is_stmt = (r->flags & HDB_LINE_STMT) != 0;
    return 0;
}

bool hdb_lines_file_matches(const struct hdb_lines *L, uint32_t file, const char *query)
{
    if (file >= L->nfiles)
        return false;
    const char *cand[2] = {L->files[file].name, L->files[file].path};
    size_t ql = strlen(query);
    for (int i = 0; i < 2; i++) {
        size_t cl = strlen(cand[i]);
        if (cl < ql || strcmp(cand[i] + cl - ql, query) != 0)
            continue;
        /* Whole path components only: "og.c" must not match "prog.c". */
        if (cl == ql || cand[i][cl - ql - 1] == '/')
            return true;
    }
    return false;
}

int hdb_lines_addrs(const struct hdb_lines *L, const char *query, uint32_t line, uint64_t *addrs,
                    uint32_t *files, int max, uint32_t *found_line)
{
    uint32_t best = 0;
    bool exact = false;
    for (size_t i = 0; i < L->nrows; i++) {
        const struct hdb_line_row *r = &L->rows[i];
        if (!(r->flags & HDB_LINE_STMT) || (r->flags & HDB_LINE_END_SEQ) || r->line < line)
            continue;
        if (!hdb_lines_file_matches(L, r->file, query))
            continue;
        if (r->line == line) {
            exact = true;
            break;
        }
        if (best == 0 || r->line < best)
            best = r->line;
    }
    uint32_t want = exact ? line : best;
    if (want == 0)
        return HDB_E_NOT_FOUND;
    int n = 0;
    for (size_t i = 0; i < L->nrows; i++) {
        const struct hdb_line_row *r = &L->rows[i];
        if (!(r->flags & HDB_LINE_STMT) || (r->flags & HDB_LINE_END_SEQ) || r->line != want)
            continue;
        if (!hdb_lines_file_matches(L, r->file, query))
            continue;
        /*
         * A row that a later one at the same address supersedes for
         * lookups still places the line, as in gdb: `b 6` where line 6's
         * only row shares its address with line 7's is there.
         */
        if (n < max) {
            addrs[n] = r->addr;
            files[n] = r->file;
        }
        n++;
    }
    if (n == 0)
        return HDB_E_NOT_FOUND;
    *found_line = want;
    return n < max ? n : max;
}

uint64_t hdb_lines_prologue_end(const struct hdb_lines *L, uint64_t lo, uint64_t hi)
{
    for (size_t i = 0; i < L->nrows; i++) {
        const struct hdb_line_row *r = &L->rows[i];
        if (r->addr >= lo && r->addr < hi && (r->flags & HDB_LINE_PROLOGUE_END))
            return r->addr;
    }
    return 0;
}
