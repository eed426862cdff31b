/*
 * altfile.c: dwz's supplementary file (the .gnu_debugaltlink section) found
 * and joined with the DWARF of the file that names it.
 *
 * `dwz -m` (run by Debian's dh_dwz on packages with several programs or
 * libraries) moves what their debug files share into one file under
 * /usr/lib/debug/.dwz/, and each names it by .gnu_debugaltlink: a
 * NUL-terminated path (absolute, or relative to the naming file's folder)
 * followed by the supplementary file's build-id. `dwz -5` names it the
 * standard way instead, by .debug_sup (DWARF5 7.3.6: version 5, whether
 * this is the supplementary file, its name, and a checksum: dwz's is the
 * build-id). Without it such a file's names and types are offsets into
 * nothing. gdb looks the path up first, then the build-id under the debug
 * directory; a candidate whose build-id differs is passed over. The join
 * itself is dwarf/sup.c's.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <gelf.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hdb-linux/altfile.h>
#include <hdb-linux/debugfile.h>
#include <hdb-linux/dwarf_heap.h>

/* The section called name, or NULL. */
static Elf_Data *named_section(Elf *elf, const char *name)
{
    size_t shstrndx;
    Elf_Scn *scn = NULL;
    if (elf_getshdrstrndx(elf, &shstrndx) != 0)
        return NULL;
    while ((scn = elf_nextscn(elf, scn)) != NULL) {
        GElf_Shdr sh;
        const char *n;
        if (gelf_getshdr(scn, &sh) && sh.sh_type != SHT_NOBITS &&
            (n = elf_strptr(elf, shstrndx, sh.sh_name)) && !strcmp(n, name))
            return elf_getdata(scn, NULL);
    }
    return NULL;
}

/* An open supplementary file: its descriptor, libelf handle and DWARF sections. */
struct alt {
    int fd;
    Elf *elf;
    struct dwarf_section sec[DWARF_SEC_COUNT];
};

static void alt_close(struct alt *a)
{
    if (a->elf)
        elf_end(a->elf);
    if (a->fd >= 0)
        close(a->fd);
    a->elf = NULL;
    a->fd = -1;
}

/*
 * .debug_sup (DWARF5 7.3.6): version 5, is_supplementary, the
 * supplementary file's name (empty in that file itself), the checksum's
 * length as a ULEB128 and the checksum. true when well formed.
 */
static bool parse_debug_sup(Elf *elf, bool *is_sup, const char **name, const uint8_t **sum,
                            size_t *sum_len)
{
    Elf_Data *d = named_section(elf, ".debug_sup");
    if (!d || !d->d_buf || d->d_size < 4)
        return false;
    const uint8_t *p = d->d_buf, *end = p + d->d_size;
    if (p[0] != 5 || p[1] != 0 || p[2] > 1)
        return false;
    *is_sup = p[2];
    *name = (const char *)p + 3;
    size_t name_len = strnlen(*name, (size_t)(end - (const uint8_t *)*name));
    const uint8_t *q = (const uint8_t *)*name + name_len + 1;
    uint64_t len = 0;
    for (unsigned shift = 0; q < end && shift < 64; shift += 7) {
        len |= (uint64_t)(*q & 0x7f) << shift;
        if (!(*q++ & 0x80))
            break;
    }
    if (q > end || len == 0 || len > (uint64_t)(end - q) || (!*is_sup && name_len == 0))
        return false;
    *sum = q;
    *sum_len = (size_t)len;
    return true;
}

/*
 * What a supplementary file is known by: the checksum of its .debug_sup
 * (dwz -5), else its build-id.
 */
static bool identity(Elf *elf, const uint8_t **id, size_t *id_len)
{
    struct hdb_debug_refs refs;
    bool is_sup;
    const char *name;
    if (parse_debug_sup(elf, &is_sup, &name, id, id_len) && is_sup)
        return true;
    if (!hdb_debug_refs_read(elf, &refs) || !refs.build_id)
        return false;
    *id = refs.build_id;
    *id_len = refs.build_id_len;
    return true;
}

/*
 * The link of a file to its supplementary file: .gnu_debugaltlink's name
 * and build-id, or .debug_sup's name and checksum. 1 found, 0 none, -1
 * malformed (*what names the section).
 */
static int read_link(Elf *elf, const char **link, const uint8_t **id, size_t *id_len,
                     const char **what)
{
    Elf_Data *d = named_section(elf, ".gnu_debugaltlink");
    *what = ".gnu_debugaltlink";
    if (d && d->d_buf) {
        const char *p = d->d_buf;
        size_t name_len = strnlen(p, d->d_size);
        if (name_len == 0 || name_len + 2 >= d->d_size)
            return -1;
        *link = p;
        *id = (const uint8_t *)p + name_len + 1;
        *id_len = d->d_size - name_len - 1;
        return 1;
    }
    *what = ".debug_sup";
    if (!named_section(elf, ".debug_sup"))
        return 0;
    bool is_sup;
    if (!parse_debug_sup(elf, &is_sup, link, id, id_len))
        return -1;
    return is_sup ? 0 : 1; /* the shared file itself names none */
}

/* Opens candidate if it is known by id (identity); takes its DWARF sections (decompressed). */
static bool alt_open(const char *candidate, const uint8_t *id, size_t id_len, struct alt *a)
{
    const uint8_t *its;
    size_t its_len, shstrndx;
    memset(a->sec, 0, sizeof(a->sec));
    a->fd = open(candidate, O_RDONLY | O_CLOEXEC);
    a->elf = a->fd >= 0 ? elf_begin(a->fd, ELF_C_READ_MMAP, NULL) : NULL;
    if (!a->elf || elf_kind(a->elf) != ELF_K_ELF || !identity(a->elf, &its, &its_len) ||
        its_len != id_len || memcmp(its, id, id_len) != 0 ||
        elf_getshdrstrndx(a->elf, &shstrndx) != 0) {
        alt_close(a);
        return false;
    }
    Elf_Scn *scn = NULL;
    while ((scn = elf_nextscn(a->elf, scn)) != NULL) {
        GElf_Shdr sh;
        const char *name;
        if (!gelf_getshdr(scn, &sh) || sh.sh_type == SHT_NOBITS ||
            !(name = elf_strptr(a->elf, shstrndx, sh.sh_name)))
            continue;
        for (int s = 0; s < DWARF_SEC_COUNT; s++) {
            if (strcmp(name, dwarf_section_name(s)) != 0)
                continue;
            if ((sh.sh_flags & SHF_COMPRESSED) && elf_compress(scn, 0, 0) < 0)
                break;
            Elf_Data *d = elf_getdata(scn, NULL);
            if (d && d->d_buf)
                a->sec[s] = (struct dwarf_section){d->d_buf, d->d_size};
        }
    }
    return true;
}

/* Finds and opens the file the link names: its path, then its build-id under dir. */
static bool alt_find(const char *dir, const char *path, const char *link, const uint8_t *id,
                     size_t id_len, struct alt *a, char *found, size_t found_len)
{
    char cand[PATH_MAX + 256];
    if (link[0] == '/') {
        snprintf(cand, sizeof(cand), "%s", link);
    } else {
        const char *slash = strrchr(path, '/');
        int flen = slash ? (int)(slash - path) : 1;
        snprintf(cand, sizeof(cand), "%.*s/%s", flen, slash ? path : ".", link);
    }
    if (alt_open(cand, id, id_len, a)) {
        snprintf(found, found_len, "%s", cand);
        return true;
    }
    size_t n = (size_t)snprintf(cand, sizeof(cand), "%s/.build-id/%02x/", dir, id[0]);
    for (size_t i = 1; i < id_len && n + 3 < sizeof(cand); i++)
        n += (size_t)snprintf(cand + n, sizeof(cand) - n, "%02x", id[i]);
    snprintf(cand + n, sizeof(cand) - n, ".debug");
    if (alt_open(cand, id, id_len, a)) {
        snprintf(found, found_len, "%s", cand);
        return true;
    }
    return false;
}

int hdb_altfile_join(Elf *elf, const char *dir, const char *path, struct dwarf_section *sec,
                     bool *joined, char *why, size_t why_len)
{
    *joined = false;
    const char *link, *what;
    const uint8_t *id;
    size_t id_len;
    int found_link = read_link(elf, &link, &id, &id_len, &what);
    if (found_link == 0 || !sec[DWARF_SEC_INFO].data)
        return 0;
    if (found_link < 0) {
        snprintf(why, why_len, "malformed %s", what);
        return HDB_ALTFILE_UNUSABLE;
    }
    struct alt a = {.fd = -1};
    char found[PATH_MAX + 256];
    if (!alt_find(dir ? dir : HDB_DEBUG_DIR, path, link, id, id_len, &a, found, sizeof(found))) {
        snprintf(why, why_len, "the DWARF supplementary file %s (%s) is missing", link, what);
        return HDB_ALTFILE_MISSING;
    }
    struct dwarf_section out[DWARF_SEC_COUNT];
    int rc = dwarf_join_sup(sec, a.sec, &hdb_dwarf_heap, out);
    alt_close(&a);
    if (rc < 0) {
        snprintf(why, why_len, "cannot join the DWARF supplementary file %s: %s", found,
                 dwarf_strerror(rc));
        return HDB_ALTFILE_UNUSABLE;
    }
    memcpy(sec, out, sizeof(out));
    *joined = true;
    return 0;
}

void hdb_altfile_free(struct dwarf_section sec[DWARF_SEC_COUNT])
{
    dwarf_join_free(&hdb_dwarf_heap, sec);
}
