/*
 * hdb-linux/debugfile.h: where the separate debug information of an ELF
 * file is, the way Debian installs it (-dbg and -dbgsym packages) and the
 * way `objcopy --only-keep-debug` plus `--add-gnu-debuglink` leave it.
 *
 * Shared by hdb's loader and hdwarf; needs libelf and zlib (the debuglink
 * CRC is zlib's crc32).
 */
#ifndef HDB_LINUX_DEBUGFILE_H
#define HDB_LINUX_DEBUGFILE_H

#include <libelf.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The system's debug directory, gdb's default `debug-file-directory`. */
#define HDB_DEBUG_DIR "/usr/lib/debug"

/* What an ELF file says about its debug file; pointers into the file's own data. */
struct hdb_debug_refs {
    const uint8_t *build_id; /* NT_GNU_BUILD_ID note's bytes, NULL when it has none */
    size_t build_id_len;
    uint64_t build_id_addr; /* where the note is in memory when loaded, else 0 */
    const char *debuglink;  /* .gnu_debuglink's file name, NULL when it has none */
    uint32_t debuglink_crc; /* the CRC-32 of the whole debug file */
};

/* Reads both references from elf; returns true when it has either. */
bool hdb_debug_refs_read(Elf *elf, struct hdb_debug_refs *refs);

/*
 * Finds the debug file of the file at path, in gdb's order: by build-id
 * (DIR/.build-id/xx/rest.debug), then by debuglink (next to the file, in its
 * .debug/ folder, then DIR/ followed by the file's folder); a debuglink
 * candidate whose CRC differs is passed over. dir NULL means
 * HDB_DEBUG_DIR. Returns true with the path in out.
 */
bool hdb_debugfile_find(const char *dir, const char *path, const struct hdb_debug_refs *refs,
                        char *out, size_t out_len);

#endif
