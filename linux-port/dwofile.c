/*
 * dwofile.c: the .dwo files of a program built with -gsplit-dwarf, found
 * and joined with its DWARF.
 *
 * Each skeleton unit (DW_UT_skeleton, or GNU's DWARF 4 unit with
 * DW_AT_GNU_dwo_name) names its .dwo by DW_AT_dwo_name: absolute, or
 * relative to its DW_AT_comp_dir (DWARF5 3.1.2), as gdb opens it. A program
 * moved away from where it was built has its .dwo files next to it more
 * often than under the old directory, so that is looked at last. A .dwo
 * must hold the split compile unit with its skeleton's dwo_id (a stale
 * .dwo from an older build does not); each usable one is joined by
 * dwarf/split.c, the others are left out with gdb's warning.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <gelf.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hdb-linux/dwarf_heap.h>
#include <hdb-linux/dwofile.h>

/* One skeleton unit and its .dwo file, once opened. */
struct dwo {
    uint64_t skeleton, dwo_id;
    const char *name, *comp_dir;
    int fd;
    Elf *elf;
    struct dwarf_section sec[DWARF_SEC_COUNT];
    bool usable;
};

static void dwo_close(struct dwo *d)
{
    if (d->elf)
        elf_end(d->elf);
    if (d->fd >= 0)
        close(d->fd);
    d->elf = NULL;
    d->fd = -1;
    d->usable = false;
}

/* The id of a .dwo section's name (".debug_info.dwo"), or -1. */
static int dwo_section_id(const char *name)
{
    size_t n = strlen(name);
    if (n < 4 || strcmp(name + n - 4, ".dwo") != 0)
        return -1;
    for (int id = 0; id < DWARF_SEC_COUNT; id++) {
        const char *s = dwarf_section_name((enum dwarf_section_id)id);
        if (s && strlen(s) == n - 4 && !strncmp(s, name, n - 4))
            return id;
    }
    return -1;
}

/* Opens candidate as a .dwo: its DWARF sections (decompressed), .debug_info.dwo among them. */
static bool dwo_open(const char *candidate, struct dwo *d)
{
    size_t shstrndx;
    memset(d->sec, 0, sizeof(d->sec));
    d->fd = open(candidate, O_RDONLY | O_CLOEXEC);
    d->elf = d->fd >= 0 ? elf_begin(d->fd, ELF_C_READ_MMAP, NULL) : NULL;
    if (!d->elf || elf_kind(d->elf) != ELF_K_ELF || elf_getshdrstrndx(d->elf, &shstrndx) != 0) {
        dwo_close(d);
        return false;
    }
    Elf_Scn *scn = NULL;
    while ((scn = elf_nextscn(d->elf, scn)) != NULL) {
        GElf_Shdr sh;
        const char *name;
        int id;
        if (!gelf_getshdr(scn, &sh) || sh.sh_type == SHT_NOBITS ||
            !(name = elf_strptr(d->elf, shstrndx, sh.sh_name)) || (id = dwo_section_id(name)) < 0)
            continue;
        if ((sh.sh_flags & SHF_COMPRESSED) && elf_compress(scn, 0, 0) < 0)
            continue;
        Elf_Data *data = elf_getdata(scn, NULL);
        if (data && data->d_buf)
            d->sec[id] = (struct dwarf_section){data->d_buf, data->d_size};
    }
    if (!d->sec[DWARF_SEC_INFO].data) {
        dwo_close(d);
        return false;
    }
    return true;
}

/* Opens the .dwo: its name as it is or under comp_dir, then next to the program at path. */
static bool dwo_find(const char *path, struct dwo *d)
{
    char cand[PATH_MAX + 256];
    if (d->name[0] == '/' || !d->comp_dir)
        snprintf(cand, sizeof(cand), "%s", d->name);
    else
        snprintf(cand, sizeof(cand), "%s/%s", d->comp_dir, d->name);
    if (dwo_open(cand, d))
        return true;
    const char *slash = strrchr(path, '/'), *base = strrchr(d->name, '/');
    snprintf(cand, sizeof(cand), "%.*s%s", slash ? (int)(slash - path + 1) : 0, path,
             base ? base + 1 : d->name);
    return dwo_open(cand, d);
}

/* Whether the .dwo has the split compile unit of its skeleton (by dwo_id). */
static bool dwo_matches(const struct dwo *d)
{
    struct dwarf dw;
    struct dwarf_unit u;
    dwarf_init(&dw, d->sec, NULL);
    for (uint64_t off = 0; dwarf_unit_at(&dw, DWARF_SEC_INFO, off, &u) > 0; off = u.end) {
        if (u.unit_type == DW_UT_split_compile && u.dwo_id == d->dwo_id)
            return true;
    }
    return false;
}

/* Appends a line to the warnings. */
static void add_warning(char *warn, size_t warn_len, const char *line)
{
    if (!warn || !warn_len)
        return;
    size_t n = strlen(warn);
    if (n && n + 1 < warn_len)
        warn[n++] = '\n';
    if (n + 1 < warn_len)
        snprintf(warn + n, warn_len - n, "%s", line);
}

/* The skeleton units of sec, each with its .dwo's name and directory; their number, or -1. */
static int skeletons(const struct dwarf_section *sec, struct dwo **out)
{
    struct dwarf dw;
    struct dwarf_unit u;
    struct dwo *list = NULL;
    int n = 0, cap = 0;
    dwarf_init(&dw, sec, NULL);
    for (uint64_t off = 0; dwarf_unit_at(&dw, DWARF_SEC_INFO, off, &u) > 0; off = u.end) {
        struct dwarf_die die;
        struct dwarf_attr a;
        const char *name = NULL, *dir = NULL;
        if (u.unit_type != DW_UT_skeleton || dwarf_unit_die(&u, &die) <= 0)
            continue;
        if ((dwarf_die_attr(&die, DW_AT_dwo_name, &a) > 0 ||
             dwarf_die_attr(&die, DW_AT_GNU_dwo_name, &a) > 0) &&
            dwarf_attr_string(&a, &name) == 0 && dwarf_die_attr(&die, DW_AT_comp_dir, &a) > 0)
            dwarf_attr_string(&a, &dir);
        if (!name || !name[0])
            continue;
        if (n == cap) {
            cap = cap ? 2 * cap : 8;
            struct dwo *grown = realloc(list, (size_t)cap * sizeof(*list));
            if (!grown) {
                free(list);
                return -1;
            }
            list = grown;
        }
        list[n++] = (struct dwo){
            .skeleton = u.offset, .dwo_id = u.dwo_id, .name = name, .comp_dir = dir, .fd = -1};
    }
    *out = list;
    return n;
}

/* Joins the usable .dwo files of list into out; 0 or the library's error. */
static int join(const struct dwarf_section *sec, struct dwo *list, int n,
                struct dwarf_split_file *files, struct dwarf_section *out)
{
    size_t k = 0;
    for (int i = 0; i < n; i++) {
        if (list[i].usable)
            files[k++] = (struct dwarf_split_file){list[i].sec, list[i].skeleton};
    }
    return k ? dwarf_join_split(sec, files, k, &hdb_dwarf_heap, out) : 0;
}

int hdb_dwo_join(const char *path, struct dwarf_section *sec, bool *joined, char *warn,
                 size_t warn_len)
{
    char line[2 * PATH_MAX];
    struct dwo *list;
    int n, usable = 0, rc = 0;
    *joined = false;
    if (!sec[DWARF_SEC_INFO].data || (n = skeletons(sec, &list)) == 0)
        return 0;
    if (n < 0)
        return HDB_DWO_NOMEM;
    for (int i = 0; i < n; i++) {
        list[i].usable = dwo_find(path, &list[i]) && dwo_matches(&list[i]);
        if (!list[i].usable) {
            dwo_close(&list[i]);
            snprintf(line, sizeof(line),
                     "warning: Could not find DWO CU %s(0x%" PRIx64
                     ") referenced by CU at offset 0x%" PRIx64 " [in module %s]",
                     list[i].name, list[i].dwo_id, list[i].skeleton, path);
            add_warning(warn, warn_len, line);
        }
        usable += list[i].usable;
    }
    struct dwarf_split_file *files = calloc((size_t)n, sizeof(*files));
    struct dwarf_section out[DWARF_SEC_COUNT];
    if (!files) {
        rc = HDB_DWO_NOMEM;
    } else if (usable && (rc = join(sec, list, n, files, out)) < 0) {
        /* One .dwo spoils the join: find which (joined alone, they fail), join the rest. */
        for (int i = 0; i < n; i++) {
            struct dwarf_split_file one = {list[i].sec, list[i].skeleton};
            int err;
            if (!list[i].usable ||
                (err = dwarf_join_split(sec, &one, 1, &hdb_dwarf_heap, out)) == 0) {
                if (list[i].usable)
                    dwarf_split_free(&hdb_dwarf_heap, out);
                continue;
            }
            snprintf(line, sizeof(line),
                     "warning: Could not read DWO CU %s(0x%" PRIx64
                     ") referenced by CU at offset 0x%" PRIx64 " [in module %s]: %s",
                     list[i].name, list[i].dwo_id, list[i].skeleton, path, dwarf_strerror(err));
            add_warning(warn, warn_len, line);
            dwo_close(&list[i]);
            usable--;
        }
        rc = usable ? join(sec, list, n, files, out) : 0;
    }
    if (rc == 0 && usable) {
        memcpy(sec, out, sizeof(out));
        *joined = true;
    }
    for (int i = 0; i < n; i++)
        dwo_close(&list[i]);
    free(files);
    free(list);
    return rc == DWARF_E_NOMEM || rc == HDB_DWO_NOMEM ? HDB_DWO_NOMEM : 0;
}

void hdb_dwo_free(struct dwarf_section sec[DWARF_SEC_COUNT])
{
    dwarf_split_free(&hdb_dwarf_heap, sec);
}
