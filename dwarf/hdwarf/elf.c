/*
 * Finding the DWARF sections of an ELF file with Debian's libelf, including
 * SHF_COMPRESSED ones, in the file or in its separate debug file. The
 * section bytes stay owned by libelf.
 */
#include "hdwarf.h"

#include <hdb-linux/altfile.h>
#include <hdb-linux/dwofile.h>
#include <hdb-linux/debugfile.h>

#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int fail(struct hdwarf_file *f, const char *what)
{
    snprintf(f->err, sizeof f->err, "%s: %s", what, elf_errmsg(-1));
    return -1;
}

/* ".debug_info", or ".debug_info.dwo" in a split DWARF object (DWARF5 7.3.2). */
static int section_id(const char *name)
{
    size_t n = strlen(name);
    if (n > 4 && strcmp(name + n - 4, ".dwo") == 0)
        n -= 4;
    for (int i = 0; i < DWARF_SEC_COUNT; i++) {
        const char *want = dwarf_section_name(i);
        if (strlen(want) == n && strncmp(name, want, n) == 0)
            return i;
    }
    return -1;
}

/* The call-frame sections, which are not DWARF_SEC_* (they are not read through struct dwarf). */
static struct dwarf_section *frame_section(struct hdwarf_file *f, const char *name, uint64_t **addr)
{
    *addr = NULL;
    if (strcmp(name, ".eh_frame") == 0) {
        *addr = &f->eh_frame_addr;
        return &f->eh_frame;
    }
    if (strcmp(name, ".eh_frame_hdr") == 0) {
        *addr = &f->eh_frame_hdr_addr;
        return &f->eh_frame_hdr;
    }
    if (strcmp(name, ".debug_frame") == 0)
        return &f->debug_frame;
    return NULL;
}

/*
 * Takes the DWARF and call-frame sections of one ELF file into the empty
 * slots of f (so a separate debug file only fills what the file lacks: its
 * own .eh_frame is SHT_NOBITS). 0, or -1 with the message in f->err.
 */
static int take_sections(struct hdwarf_file *f, Elf *elf, int fd)
{
    GElf_Ehdr ehdr;
    Elf_Scn *scn = NULL;
    size_t shstrndx, shnum;
    struct stat st;

    if (elf_kind(elf) != ELF_K_ELF) {
        snprintf(f->err, sizeof f->err, "not an ELF file");
        return -1;
    }
    if (gelf_getehdr(elf, &ehdr) == NULL)
        return fail(f, "bad ELF header");
    if (ehdr.e_ident[EI_DATA] != ELFDATA2LSB) {
        snprintf(f->err, sizeof f->err, "big-endian ELF files are not supported");
        return -1;
    }
    if (fstat(fd, &st) != 0) {
        snprintf(f->err, sizeof f->err, "cannot stat: %s", strerror(errno));
        return -1;
    }
    if (elf_getshdrnum(elf, &shnum) != 0)
        return fail(f, "bad section header table");
    /* libelf reports a section table cut off by the end of the file as empty. */
    if (shnum == 0 || ehdr.e_shoff > (uint64_t)st.st_size ||
        (uint64_t)shnum * ehdr.e_shentsize > (uint64_t)st.st_size - ehdr.e_shoff) {
        snprintf(f->err, sizeof f->err, "truncated ELF file: no complete section header table");
        return -1;
    }
    if (elf_getshdrstrndx(elf, &shstrndx) != 0)
        return fail(f, "bad section header string table");
    (void)elf_errno(); /* the loop's check below must see only its own errors */
    while ((scn = elf_nextscn(elf, scn)) != NULL) {
        GElf_Shdr shdr;
        const char *name;
        Elf_Data *data;
        uint64_t *frame_addr;
        int id;
        if (gelf_getshdr(scn, &shdr) == NULL)
            return fail(f, "bad section header");
        name = elf_strptr(elf, shstrndx, shdr.sh_name);
        if (name == NULL)
            return fail(f, "bad section name");
        struct dwarf_section *slot = frame_section(f, name, &frame_addr);
        id = section_id(name);
        if (slot == NULL && id >= 0)
            slot = &f->sec[id];
        if (slot == NULL || slot->data != NULL || shdr.sh_type == SHT_NOBITS)
            continue;
        if (shdr.sh_offset > (uint64_t)st.st_size ||
            shdr.sh_size > (uint64_t)st.st_size - shdr.sh_offset) {
            snprintf(f->err, sizeof f->err, "truncated ELF file: %s extends past the end", name);
            return -1;
        }
        if ((shdr.sh_flags & SHF_COMPRESSED) && elf_compress(scn, 0, 0) < 0)
            return fail(f, name);
        data = elf_getdata(scn, NULL);
        if (data == NULL)
            return fail(f, name);
        slot->data = data->d_buf;
        slot->size = data->d_buf ? data->d_size : 0;
        if (frame_addr)
            *frame_addr = shdr.sh_addr;
    }
    if (elf_errno() != 0)
        return fail(f, "bad section table");
    return 0;
}

/*
 * A file without .debug_info may have its DWARF in a separate debug file:
 * by build-id under the debug directory, or by .gnu_debuglink (as gdb and
 * binutils look, linux-port/debugfile.c). HDWARF_DEBUG_FILE_DIRECTORY
 * replaces /usr/lib/debug, as gdb's debug-file-directory does.
 */
static int open_debug_file(struct hdwarf_file *f, const char *path)
{
    struct hdb_debug_refs refs;
    if (!hdb_debug_refs_read(f->elf, &refs) ||
        !hdb_debugfile_find(getenv("HDWARF_DEBUG_FILE_DIRECTORY"), path, &refs, f->debug_path,
                            sizeof f->debug_path))
        return 0;
    f->debug_fd = open(f->debug_path, O_RDONLY);
    if (f->debug_fd < 0) {
        snprintf(f->err, sizeof f->err, "%s: cannot open: %s", f->debug_path, strerror(errno));
        return -1;
    }
    f->debug_elf = elf_begin(f->debug_fd, ELF_C_READ_MMAP, NULL);
    if (f->debug_elf == NULL)
        return fail(f, f->debug_path);
    if (take_sections(f, f->debug_elf, f->debug_fd)) {
        char why[sizeof f->err];
        memcpy(why, f->err, sizeof why);
        snprintf(f->err, sizeof f->err, "%s: %.200s", f->debug_path, why);
        return -1;
    }
    return 0;
}

int hdwarf_open(struct hdwarf_file *f, const char *path, unsigned flags)
{
    bool need_info = flags & HDWARF_NEED_INFO;
    memset(f, 0, sizeof *f);
    f->fd = f->debug_fd = -1;
    if (elf_version(EV_CURRENT) == EV_NONE)
        return fail(f, "libelf");
    f->fd = open(path, O_RDONLY);
    if (f->fd < 0) {
        snprintf(f->err, sizeof f->err, "cannot open: %s", strerror(errno));
        return -1;
    }
    /*
     * Mapped, not read (the separate debug file too): section bytes are then
     * the file's pages, faulted in as the library touches them, so memory
     * follows what a command reads.
     */
    f->elf = elf_begin(f->fd, ELF_C_READ_MMAP, NULL);
    if (f->elf == NULL)
        return fail(f, "not an ELF file");
    if (take_sections(f, f->elf, f->fd))
        return -1;
    if (f->sec[DWARF_SEC_INFO].data == NULL && open_debug_file(f, path))
        return -1;
    if (need_info && f->sec[DWARF_SEC_INFO].data == NULL) {
        snprintf(f->err, sizeof f->err,
                 "no DWARF debugging information (.debug_info), nor a separate debug file");
        return -1;
    }
    /* dwz's supplementary file, named by whichever file the DWARF came from. */
    if (hdb_altfile_join(f->debug_elf ? f->debug_elf : f->elf,
                         getenv("HDWARF_DEBUG_FILE_DIRECTORY"), f->debug_elf ? f->debug_path : path,
                         f->sec, &f->joined, f->err, sizeof f->err) < 0)
        return need_info ? -1 : 0;
    /* Or the .dwo files of its skeleton units (dwz makes no split DWARF): each one missing said. */
    if (!f->joined && !(flags & HDWARF_NO_DWO)) {
        char warn[2048] = "";
        if (hdb_dwo_join(path, f->sec, &f->split, warn, sizeof warn) < 0)
            return fail(f, "out of memory");
        if (warn[0])
            fprintf(stderr, "%s\n", warn);
    }
    return 0;
}

void hdwarf_close(struct hdwarf_file *f)
{
    if (f->joined)
        hdb_altfile_free(f->sec);
    if (f->split)
        hdb_dwo_free(f->sec);
    if (f->debug_elf)
        elf_end(f->debug_elf);
    if (f->debug_fd >= 0)
        close(f->debug_fd);
    if (f->elf)
        elf_end(f->elf);
    if (f->fd >= 0)
        close(f->fd);
}
