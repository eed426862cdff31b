/*
 * elf_loader.c: the libelf loader that hands a program's sections to the core.
 *
 * The whole file is read into memory and opened with elf_memory, so the
 * section bytes handed to dwarf/ stay valid until hdb_elf_unload; libelf
 * checks every section against the file size, which is what keeps a
 * truncated file from reading past the buffer. Only ELF64 little-endian
 * x86_64 files are accepted (the core's register and unwinding code is
 * x86_64's).
 *
 * A deferred load (shared libraries) only notes where the DWARF sections
 * are: libc's, in libc6-dbg's debug file, are 10 MB once decompressed,
 * and most sessions never look inside libc.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <hdb/error.h>
#include <hdb-linux/altfile.h>
#include <hdb-linux/debugfile.h>
#include <hdb-linux/dwofile.h>
#include <hdb-linux/elf_loader.h>

struct loader_state {
    char *file;
    size_t file_len;
    Elf *elf;
    /* The separate debug file (by build-id or .gnu_debuglink: debugfile.c), when used. */
    char *dbg_file;
    size_t dbg_len;
    Elf *dbg_elf;
    /* Deferred loads: the DWARF sections, found but not read yet (in elf or dbg_elf). */
    bool deferred;
    Elf_Scn *dwarf_scn[DWARF_SEC_COUNT];
    struct dwarf_section dwarf_read[DWARF_SEC_COUNT]; /* what read_dwarf gave */
    char dbg_path[4096];
    bool dwarf_from_dbg; /* the DWARF sections are the debug file's */
    /*
     * Joined with dwz's supplementary file (altfile.c): img->dwarf, or
     * dwarf_read for a deferred load, holds the joined copies to free.
     */
    bool joined;
    /* Joined with the .dwo files of its skeleton units instead (dwofile.c). */
    bool split;
};

/*
 * Joins the DWARF in sec with the supplementary file its holder names, if
 * any. A missing or unusable one leaves sec as it is: the program still
 * loads, with what its own DWARF says, and warn (when not NULL) says why
 * in gdb's words.
 */
static void join_alt(struct loader_state *ls, const char *path, struct dwarf_section *sec,
                     char *warn, size_t warn_len)
{
    char why[512];
    Elf *holder = ls->dwarf_from_dbg ? ls->dbg_elf : ls->elf;
    const char *hpath = ls->dwarf_from_dbg ? ls->dbg_path : path;
    int rc = hdb_altfile_join(holder, getenv("HDB_DEBUG_FILE_DIRECTORY"), hpath, sec, &ls->joined,
                              why, sizeof(why));
    if (rc == HDB_ALTFILE_MISSING && warn)
        snprintf(warn, warn_len, "could not find '.gnu_debugaltlink' file for %s", hpath);
    else if (rc < 0 && warn)
        snprintf(warn, warn_len, "%s: %s", hpath, why);
    /*
     * Split DWARF (-gsplit-dwarf), which dwz does not make: its .dwo files
     * (each warning on a line after the one above).
     */
    if (!ls->joined) {
        char dwo_warn[2048] = "";
        hdb_dwo_join(path, sec, &ls->split, dwo_warn, sizeof(dwo_warn));
        if (warn && dwo_warn[0]) {
            size_t used = strlen(warn);
            snprintf(warn + used, warn_len - used, "%s%s", used ? "\n" : "", dwo_warn);
        }
    }
}

/*
 * Maps the whole file read-only and private. Mapping rather than reading
 * means that only the pages the DWARF readers touch are ever brought in,
 * and none is copied: loading a 24 MB program spent a third of its time
 * in read() before. A build that rewrites the file in place while hdb has
 * it mapped would change what hdb sees; linkers write a new file instead.
 */
static int map_whole(const char *path, char **data, size_t *len)
{
    static char empty[1];
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return errno == ENOENT ? HDB_E_NOT_FOUND : HDB_E_IO;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return HDB_E_IO;
    }
    size_t n = (size_t)st.st_size;
    void *p = n ? mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0) : empty;
    close(fd);
    if (p == MAP_FAILED)
        return errno == ENOMEM ? HDB_E_NOMEM : HDB_E_IO;
    *data = p;
    *len = n;
    return 0;
}

static void unmap_whole(char *data, size_t len)
{
    if (data && len)
        munmap(data, len);
}

static int section_id(const char *name)
{
    for (int id = 0; id < DWARF_SEC_COUNT; id++) {
        const char *n = dwarf_section_name((enum dwarf_section_id)id);
        if (n && strcmp(n, name) == 0)
            return id;
    }
    return -1;
}

static int sym_cmp(const void *a, const void *b)
{
    const struct hdb_symbol *x = a, *y = b;
    if (x->addr != y->addr)
        return x->addr < y->addr ? -1 : 1;
    /* Sized symbols first among aliases, then by name for a stable order. */
    if ((x->size == 0) != (y->size == 0))
        return x->size == 0 ? 1 : -1;
    return strcmp(x->name, y->name);
}

/* Is section index ndx allocated code (SHF_EXECINSTR)? */
static bool code_section(Elf *elf, size_t ndx)
{
    GElf_Shdr sh;
    Elf_Scn *scn = ndx && ndx < SHN_LORESERVE ? elf_getscn(elf, ndx) : NULL;
    return scn && gelf_getshdr(scn, &sh) && (sh.sh_flags & SHF_EXECINSTR) &&
           (sh.sh_flags & SHF_ALLOC);
}

/*
 * A sizeless code symbol (an assembly label, a function without .size)
 * covers the code up to the next symbol in its section or the section's
 * end, as gdb's minimal symbols do.
 */
static uint64_t label_extent(Elf *elf, Elf_Data *d, size_t n, const GElf_Sym *label)
{
    GElf_Shdr sh;
    Elf_Scn *scn = elf_getscn(elf, label->st_shndx);
    if (!scn || !gelf_getshdr(scn, &sh) || label->st_value >= sh.sh_addr + sh.sh_size)
        return 0;
    uint64_t end = sh.sh_addr + sh.sh_size;
    for (size_t i = 0; i < n; i++) {
        GElf_Sym o;
        if (gelf_getsym(d, (int)i, &o) && o.st_shndx == label->st_shndx &&
            o.st_value > label->st_value && o.st_value < end &&
            GELF_ST_TYPE(o.st_info) != STT_SECTION && GELF_ST_TYPE(o.st_info) != STT_FILE)
            end = o.st_value;
    }
    return end - label->st_value;
}

/* Appends the FUNC and OBJECT symbols of one symbol table section. */
static int add_symbols(Elf *elf, Elf_Scn *scn, const GElf_Shdr *sh, struct hdb_image *img,
                       size_t *cap_f, size_t *cap_o)
{
    Elf_Data *d = elf_getdata(scn, NULL);
    if (!d || sh->sh_entsize == 0)
        return 0;
    size_t n = sh->sh_size / sh->sh_entsize;
    for (size_t i = 0; i < n; i++) {
        GElf_Sym sym;
        if (!gelf_getsym(d, (int)i, &sym))
            break;
        int type = GELF_ST_TYPE(sym.st_info);
        if (type == STT_NOTYPE && code_section(elf, sym.st_shndx))
            type = STT_FUNC; /* an assembly label in code, such as an entry stub */
        if ((type != STT_FUNC && type != STT_OBJECT) || sym.st_shndx == SHN_UNDEF ||
            sym.st_value == 0)
            continue;
        if (type == STT_FUNC && sym.st_size == 0)
            sym.st_size = label_extent(elf, d, n, &sym);
        const char *name = elf_strptr(elf, sh->sh_link, sym.st_name);
        if (!name || !*name)
            continue;
        struct hdb_symbol **arr = type == STT_FUNC ? &img->funcs : &img->objects;
        size_t *cnt = type == STT_FUNC ? &img->nfuncs : &img->nobjects;
        size_t *cap = type == STT_FUNC ? cap_f : cap_o;
        if (*cnt == *cap) {
            size_t nc = *cap ? *cap * 2 : 64;
            struct hdb_symbol *na = realloc(*arr, nc * sizeof(*na));
            if (!na)
                return HDB_E_NOMEM;
            *arr = na;
            *cap = nc;
        }
        (*arr)[(*cnt)++] = (struct hdb_symbol){sym.st_value, sym.st_size, name};
    }
    return 0;
}

static int add_section(Elf_Scn *scn, const GElf_Shdr *sh, const char *name, struct hdb_image *img,
                       size_t *cap)
{
    /* .bss has no bytes in the file: the core reads it as zeros, as the loader will map it. */
    Elf_Data *d = sh->sh_type == SHT_NOBITS ? NULL : elf_getdata(scn, NULL);
    if (sh->sh_type != SHT_NOBITS && (!d || !d->d_buf))
        return 0;
    if (img->nsections == *cap) {
        size_t nc = *cap ? *cap * 2 : 16;
        struct hdb_image_section *na = realloc(img->sections, nc * sizeof(*na));
        if (!na)
            return HDB_E_NOMEM;
        img->sections = na;
        *cap = nc;
    }
    img->sections[img->nsections++] = (struct hdb_image_section){
        sh->sh_addr, d ? d->d_size : sh->sh_size, d ? d->d_buf : NULL, name};
    return 0;
}

/* Every allocated section, bytes or not, for the list of `info files` (no data kept). */
static int add_listed_section(const GElf_Shdr *sh, const char *name, struct hdb_image *img,
                              size_t *cap)
{
    if (img->nall_sections == *cap) {
        size_t nc = *cap ? *cap * 2 : 32;
        struct hdb_image_section *na = realloc(img->all_sections, nc * sizeof(*na));
        if (!na)
            return HDB_E_NOMEM;
        img->all_sections = na;
        *cap = nc;
    }
    img->all_sections[img->nall_sections++] =
        (struct hdb_image_section){sh->sh_addr, sh->sh_size, NULL, name};
    return 0;
}

/* Drops exact duplicates (the same symbol in .symtab and .dynsym). */
static void dedupe(struct hdb_symbol *s, size_t *n)
{
    size_t out = 0;
    for (size_t i = 0; i < *n; i++) {
        if (out > 0 && s[out - 1].addr == s[i].addr && s[out - 1].size == s[i].size &&
            strcmp(s[out - 1].name, s[i].name) == 0)
            continue;
        s[out++] = s[i];
    }
    *n = out;
}

/* Reads (decompressing) one DWARF section into img, or notes where it is when deferred. */
static void take_dwarf(struct loader_state *ls, struct hdb_image *img, Elf_Scn *scn,
                       const GElf_Shdr *sh, int id)
{
    if (id == DWARF_SEC_INFO)
        img->has_dwarf = true;
    if (ls->deferred) {
        ls->dwarf_scn[id] = scn;
        return;
    }
    if ((sh->sh_flags & SHF_COMPRESSED) && elf_compress(scn, 0, 0) < 0)
        return;
    Elf_Data *d = elf_getdata(scn, NULL);
    if (d && d->d_buf)
        img->dwarf[id] = (struct dwarf_section){d->d_buf, d->d_size};
}

/* Takes the symbols and DWARF the file lacks from its separate debug file, if there is one. */
static int load_debug_file(struct loader_state *ls, struct hdb_image *img, bool have_symtab,
                           size_t *cap_f, size_t *cap_o)
{
    char path[4096];
    struct hdb_debug_refs refs;
    if (!hdb_debug_refs_read(ls->elf, &refs) ||
        !hdb_debugfile_find(getenv("HDB_DEBUG_FILE_DIRECTORY"), img->path, &refs, path,
                            sizeof(path)))
        return 0;
    snprintf(ls->dbg_path, sizeof(ls->dbg_path), "%s", path);
    if (map_whole(path, &ls->dbg_file, &ls->dbg_len) < 0)
        return 0;
    ls->dbg_elf = elf_memory(ls->dbg_file, ls->dbg_len);
    GElf_Ehdr eh;
    size_t shstrndx;
    if (!ls->dbg_elf || !gelf_getehdr(ls->dbg_elf, &eh) ||
        gelf_getclass(ls->dbg_elf) != ELFCLASS64 ||
        eh.e_shoff + (uint64_t)eh.e_shnum * eh.e_shentsize > ls->dbg_len ||
        elf_getshdrstrndx(ls->dbg_elf, &shstrndx) != 0)
        return 0; /* a damaged debug file is ignored, the program still loads */
    bool have_dwarf = img->has_dwarf;
    Elf_Scn *scn = NULL;
    while ((scn = elf_nextscn(ls->dbg_elf, scn)) != NULL) {
        GElf_Shdr sh;
        if (!gelf_getshdr(scn, &sh) || sh.sh_type == SHT_NOBITS ||
            sh.sh_offset + sh.sh_size > ls->dbg_len)
            continue;
        const char *name = elf_strptr(ls->dbg_elf, shstrndx, sh.sh_name);
        if (!name)
            continue;
        if (sh.sh_type == SHT_SYMTAB && !have_symtab) {
            int rc = add_symbols(ls->dbg_elf, scn, &sh, img, cap_f, cap_o);
            if (rc < 0)
                return rc;
        } else if (!have_dwarf && section_id(name) >= 0) {
            take_dwarf(ls, img, scn, &sh, section_id(name));
            ls->dwarf_from_dbg = true;
        }
    }
    return 0;
}

static int fail(char *why, size_t why_len, const char *msg, int rc)
{
    snprintf(why, why_len, "%s", msg);
    return rc;
}

/* PT_INTERP's path, NUL-terminated inside the file, or NULL. */
static const char *interp(struct loader_state *ls)
{
    size_t n;
    if (elf_getphdrnum(ls->elf, &n) != 0)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        GElf_Phdr ph;
        if (!gelf_getphdr(ls->elf, (int)i, &ph) || ph.p_type != PT_INTERP)
            continue;
        if (ph.p_filesz < 2 || ph.p_offset > ls->file_len ||
            ls->file_len - ph.p_offset < ph.p_filesz ||
            ls->file[ph.p_offset + ph.p_filesz - 1] != 0)
            return NULL;
        return ls->file + ph.p_offset;
    }
    return NULL;
}

/* The PLT sections a name stands for: gdb's `name@plt` stubs live in them. */
static struct hdb_image_section *plt_slot(struct hdb_image *img, const char *name)
{
    if (!strcmp(name, ".plt"))
        return &img->plt[0];
    if (!strcmp(name, ".plt.sec"))
        return &img->plt[1];
    return strcmp(name, ".plt.got") ? NULL : &img->plt[2];
}

static int load(const char *path, struct hdb_image *img, bool deferred, char *why, size_t why_len)
{
    memset(img, 0, sizeof(*img));
    if (why_len)
        why[0] = 0; /* a load that succeeds may leave a warning here */
    struct loader_state *ls = calloc(1, sizeof(*ls));
    if (!ls)
        return fail(why, why_len, "out of memory", HDB_E_NOMEM);
    ls->deferred = deferred;
    img->loader = ls;
    img->path = path;
    int rc = map_whole(path, &ls->file, &ls->file_len);
    if (rc < 0) {
        hdb_elf_unload(img);
        return fail(why, why_len,
                    rc == HDB_E_NOT_FOUND ? "No such file or directory" : "cannot read the file",
                    rc);
    }
    elf_version(EV_CURRENT);
    ls->elf = elf_memory(ls->file, ls->file_len);
    GElf_Ehdr eh;
    if (!ls->elf || elf_kind(ls->elf) != ELF_K_ELF || !gelf_getehdr(ls->elf, &eh)) {
        hdb_elf_unload(img);
        return fail(why, why_len, "not in executable format: file format not recognized",
                    HDB_E_FORMAT);
    }
    if (gelf_getclass(ls->elf) != ELFCLASS64 || eh.e_ident[EI_DATA] != ELFDATA2LSB ||
        eh.e_machine != EM_X86_64) {
        hdb_elf_unload(img);
        return fail(why, why_len, "not an x86_64 ELF64 file", HDB_E_FORMAT);
    }
    if (eh.e_type != ET_EXEC && eh.e_type != ET_DYN) {
        hdb_elf_unload(img);
        return fail(why, why_len, "not an executable", HDB_E_FORMAT);
    }
    /* A file cut short still opens; its tables must lie inside it (gdb: "file truncated"). */
    if (eh.e_shoff + (uint64_t)eh.e_shnum * eh.e_shentsize > ls->file_len ||
        eh.e_phoff + (uint64_t)eh.e_phnum * eh.e_phentsize > ls->file_len) {
        hdb_elf_unload(img);
        return fail(why, why_len, "not in executable format: file truncated", HDB_E_FORMAT);
    }
    img->entry = eh.e_entry;
    img->pie = eh.e_type == ET_DYN;
    img->interp = interp(ls);
    struct hdb_debug_refs refs;
    if (hdb_debug_refs_read(ls->elf, &refs) && refs.build_id &&
        refs.build_id_len <= HDB_BUILD_ID_MAX) {
        memcpy(img->build_id, refs.build_id, refs.build_id_len);
        img->build_id_len = refs.build_id_len;
        img->build_id_addr = refs.build_id_addr;
    }
    size_t shstrndx;
    if (elf_getshdrstrndx(ls->elf, &shstrndx) != 0) {
        hdb_elf_unload(img);
        return fail(why, why_len, "corrupt section header table", HDB_E_FORMAT);
    }
    size_t cap_f = 0, cap_o = 0, cap_s = 0, cap_a = 0;
    bool have_symtab = false;
    for (int pass = 0; pass < 2; pass++) {
        /* Pass 0: everything but .dynsym; pass 1: .dynsym only if there was no .symtab. */
        Elf_Scn *scn = NULL;
        while ((scn = elf_nextscn(ls->elf, scn)) != NULL) {
            GElf_Shdr sh;
            if (!gelf_getshdr(scn, &sh))
                continue;
            if (pass == 0 && sh.sh_type != SHT_NOBITS && sh.sh_offset + sh.sh_size > ls->file_len) {
                hdb_elf_unload(img);
                return fail(why, why_len, "not in executable format: file truncated", HDB_E_FORMAT);
            }
            const char *name = elf_strptr(ls->elf, shstrndx, sh.sh_name);
            if (!name)
                continue;
            if (pass == 0 && (sh.sh_flags & SHF_ALLOC) &&
                (rc = add_listed_section(&sh, name, img, &cap_a)) < 0) {
                hdb_elf_unload(img);
                return fail(why, why_len, "out of memory", rc);
            }
            if (pass == 0 && sh.sh_type == SHT_SYMTAB) {
                have_symtab = true;
                rc = add_symbols(ls->elf, scn, &sh, img, &cap_f, &cap_o);
            } else if (pass == 1 && sh.sh_type == SHT_DYNSYM && !have_symtab) {
                rc = add_symbols(ls->elf, scn, &sh, img, &cap_f, &cap_o);
            } else if (pass == 0 && (sh.sh_flags & SHF_ALLOC) && sh.sh_addr != 0 &&
                       (sh.sh_type == SHT_PROGBITS || sh.sh_type == SHT_NOBITS ||
                        sh.sh_type == SHT_DYNAMIC || sh.sh_type == SHT_INIT_ARRAY ||
                        sh.sh_type == SHT_FINI_ARRAY)) {
                rc = add_section(scn, &sh, name, img, &cap_s);
                if (rc == 0 && !strcmp(name, ".text"))
                    img->text = img->sections[img->nsections - 1];
                if (rc == 0 && plt_slot(img, name))
                    *plt_slot(img, name) = img->sections[img->nsections - 1];
                if (rc == 0 && !strcmp(name, ".dynamic")) {
                    Elf_Data *d = elf_getdata(scn, NULL);
                    if (d && d->d_buf)
                        img->dynamic =
                            (struct hdb_image_section){sh.sh_addr, d->d_size, d->d_buf, name};
                }
                if (rc == 0 && (!strcmp(name, ".eh_frame") || !strcmp(name, ".eh_frame_hdr"))) {
                    Elf_Data *d = elf_getdata(scn, NULL);
                    struct hdb_image_section *dst =
                        name[9] == 0 ? &img->eh_frame : &img->eh_frame_hdr;
                    if (d && d->d_buf)
                        *dst = (struct hdb_image_section){sh.sh_addr, d->d_size, d->d_buf, name};
                }
            } else if (pass == 0 && sh.sh_type != SHT_NOBITS && section_id(name) >= 0) {
                take_dwarf(ls, img, scn, &sh, section_id(name));
            }
            if (rc < 0) {
                hdb_elf_unload(img);
                return fail(why, why_len, "out of memory", rc);
            }
        }
    }
    if (!have_symtab || !img->has_dwarf) {
        rc = load_debug_file(ls, img, have_symtab, &cap_f, &cap_o);
        if (rc < 0) {
            hdb_elf_unload(img);
            return fail(why, why_len, "out of memory", rc);
        }
    }
    if (img->nfuncs)
        qsort(img->funcs, img->nfuncs, sizeof(*img->funcs), sym_cmp);
    if (img->nobjects)
        qsort(img->objects, img->nobjects, sizeof(*img->objects), sym_cmp);
    dedupe(img->funcs, &img->nfuncs);
    dedupe(img->objects, &img->nobjects);
    if (!deferred)
        join_alt(ls, path, img->dwarf, why, why_len);
    return 0;
}

int hdb_elf_load(const char *path, struct hdb_image *img, char *why, size_t why_len)
{
    return load(path, img, false, why, why_len);
}

int hdb_elf_load_deferred(const char *path, struct hdb_image *img, char *why, size_t why_len)
{
    return load(path, img, true, why, why_len);
}

int hdb_elf_read_dwarf(const struct hdb_image *img, struct dwarf_section out[DWARF_SEC_COUNT])
{
    struct loader_state *ls = img->loader;
    memcpy(out, img->dwarf, sizeof(img->dwarf));
    if (!ls || !ls->deferred)
        return 0;
    for (int id = 0; id < DWARF_SEC_COUNT; id++) {
        Elf_Scn *scn = ls->dwarf_scn[id];
        GElf_Shdr sh;
        /* Decompressed once: libelf keeps the result with the section. */
        if (scn && gelf_getshdr(scn, &sh) &&
            (!(sh.sh_flags & SHF_COMPRESSED) || elf_compress(scn, 0, 0) >= 0)) {
            Elf_Data *d = elf_getdata(scn, NULL);
            if (d && d->d_buf)
                ls->dwarf_read[id] = (struct dwarf_section){d->d_buf, d->d_size};
        }
        ls->dwarf_scn[id] = NULL;
        if (ls->dwarf_read[id].data)
            out[id] = ls->dwarf_read[id];
    }
    /* Joined once; dwarf_read then holds the joined sections for the next reads. */
    if (!ls->joined && !ls->split && out[DWARF_SEC_INFO].data) {
        join_alt(ls, img->path, out, NULL, 0);
        if (ls->joined || ls->split)
            memcpy(ls->dwarf_read, out, sizeof(ls->dwarf_read));
    }
    return out[DWARF_SEC_INFO].data ? 0 : HDB_E_FORMAT;
}

void hdb_elf_unload(struct hdb_image *img)
{
    struct loader_state *ls = img->loader;
    free(img->funcs);
    free(img->objects);
    free(img->sections);
    free(img->all_sections);
    if (ls) {
        if (ls->joined)
            hdb_altfile_free(ls->deferred ? ls->dwarf_read : img->dwarf);
        if (ls->split)
            hdb_dwo_free(ls->deferred ? ls->dwarf_read : img->dwarf);
        if (ls->elf)
            elf_end(ls->elf);
        if (ls->dbg_elf)
            elf_end(ls->dbg_elf);
        unmap_whole(ls->file, ls->file_len);
        unmap_whole(ls->dbg_file, ls->dbg_len);
        free(ls);
    }
    memset(img, 0, sizeof(*img));
}
