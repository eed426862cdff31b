/*
 * hdb/image.h: a program file as the core sees it.
 *
 * A loader (linux-port/elf_loader.c with libelf; later a freestanding one
 * in Gaia) maps the file and hands over its DWARF sections and its symbol
 * tables; the core never parses ELF itself. Addresses are the link-time
 * ones; a position-independent program is moved by a load bias that the
 * session learns once the process exists.
 */
#ifndef HDB_IMAGE_H
#define HDB_IMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <dwarf/dwarf.h>

#define HDB_BUILD_ID_MAX 64

struct hdb_symbol {
    uint64_t addr;
    uint64_t size;
    const char *name; /* points into the loader's string table */
};

struct hdb_image {
    const char *path;
    uint64_t entry; /* e_entry */
    bool pie;       /* ET_DYN: loaded at a bias chosen when the process starts */
    /* The NT_GNU_BUILD_ID note; build_id_addr: where the program has it in memory (0: not loaded).
     */
    uint8_t build_id[HDB_BUILD_ID_MAX];
    size_t build_id_len;
    uint64_t build_id_addr;
    struct dwarf_section dwarf[DWARF_SEC_COUNT];
    /* Functions (STT_FUNC) and data objects (STT_OBJECT), each sorted by address. */
    struct hdb_symbol *funcs, *objects;
    size_t nfuncs, nobjects;
    /* Allocated sections (.text, .data, .rodata, ...; .bss with data NULL): memory before a run. */
    struct hdb_image_section {
        uint64_t addr, size;
        const uint8_t *data;
        const char *name; /* ".text" (in the loader's string table; NULL where not known) */
    } * sections;
    size_t nsections;
    /* Every allocated section in the file's order, names and ranges only (`info files`). */
    struct hdb_image_section *all_sections;
    size_t nall_sections;
    /* Call frame information for the unwinder: .eh_frame and its .eh_frame_hdr (may be absent). */
    struct hdb_image_section eh_frame, eh_frame_hdr;
    /* .text, for `info sharedlibrary` (data NULL: the image has none). */
    struct hdb_image_section text;
    /* .dynamic, where the dynamic loader's r_debug is found through DT_DEBUG (may be absent). */
    struct hdb_image_section dynamic;
    /* The PLT stubs' sections, .plt, .plt.sec and .plt.got (data NULL where absent). */
    struct hdb_image_section plt[3];
    /* PT_INTERP: the dynamic loader the program asks for (NULL: none, a static program). */
    const char *interp;
    /*
     * The file or its separate debug file has .debug_info. After a deferred
     * load (hdb_loader.load_deferred) dwarf[] is empty until read_dwarf.
     */
    bool has_dwarf;
    void *loader; /* the loader's own state */
};

/* How the core gets images: program files and the shared libraries of a process. */
struct hdb_loader {
    /*
     * Loads path into a new image (with the symbols of its separate debug
     * file when it has one); on failure a reason in why, on success a
     * warning there or an empty string.
     */
    int (*load)(void *ctx, const char *path, const struct hdb_image **img, char *why,
                size_t why_len);
    /*
     * Like load, but the DWARF sections are only located, not read or
     * decompressed: shared libraries, whose DWARF is read when a pc or a
     * name first needs it (read_dwarf).
     */
    int (*load_deferred)(void *ctx, const char *path, const struct hdb_image **img, char *why,
                         size_t why_len);
    /* The DWARF sections of a deferred image, decompressed; they live as long as img. */
    int (*read_dwarf)(void *ctx, const struct hdb_image *img,
                      struct dwarf_section out[DWARF_SEC_COUNT]);
    void (*unload)(void *ctx, const struct hdb_image *img);
    /* Absolute form of a path (for "Starting program:" and argv[0]). */
    int (*abspath)(void *ctx, const char *path, char *out, size_t len);
    void *ctx;
};

#endif
