/*
 * debugfile.c: finding an ELF file's separate debug file.
 *
 * Two references lead to it. The build-id note (NT_GNU_BUILD_ID) names it
 * by content: DIR/.build-id/ab/cdef....debug, where Debian's -dbg and
 * -dbgsym packages put them. The .gnu_debuglink section names it by file
 * name, followed by padding to 4 bytes and the CRC-32 of the debug file
 * (the checksum of zlib and of gzip); it is looked for next to the file,
 * in a .debug folder there, and under DIR with the file's folder appended.
 * That is gdb's order (GDB manual, "Debugging Information in Separate
 * Files"); a build-id hit needs no checksum, a debuglink hit must match it.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <gelf.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <hdb-linux/debugfile.h>

static bool read_build_id(Elf *elf, struct hdb_debug_refs *refs)
{
    Elf_Scn *scn = NULL;
    while ((scn = elf_nextscn(elf, scn)) != NULL) {
        GElf_Shdr sh;
        if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_NOTE)
            continue;
        Elf_Data *d = elf_getdata(scn, NULL);
        size_t off = 0, name_off, desc_off;
        GElf_Nhdr nh;
        while (d && (off = gelf_getnote(d, off, &nh, &name_off, &desc_off)) > 0) {
            if (nh.n_type != NT_GNU_BUILD_ID || nh.n_namesz != 4 || nh.n_descsz < 2 ||
                memcmp((char *)d->d_buf + name_off, "GNU", 4) != 0)
                continue;
            refs->build_id = (const uint8_t *)d->d_buf + desc_off;
            refs->build_id_len = nh.n_descsz;
            refs->build_id_addr =
                (sh.sh_flags & SHF_ALLOC) && sh.sh_addr ? sh.sh_addr + desc_off : 0;
            return true;
        }
    }
    return false;
}

/* .gnu_debuglink: a NUL-terminated name, zero padding to a 4-byte boundary, a 4-byte CRC. */
static bool read_debuglink(Elf *elf, struct hdb_debug_refs *refs)
{
    size_t shstrndx;
    if (elf_getshdrstrndx(elf, &shstrndx) != 0)
        return false;
    Elf_Scn *scn = NULL;
    while ((scn = elf_nextscn(elf, scn)) != NULL) {
        GElf_Shdr sh;
        if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_PROGBITS)
            continue;
        const char *name = elf_strptr(elf, shstrndx, sh.sh_name);
        if (!name || strcmp(name, ".gnu_debuglink") != 0)
            continue;
        Elf_Data *d = elf_getdata(scn, NULL);
        if (!d || !d->d_buf)
            return false;
        const char *p = d->d_buf;
        size_t len = strnlen(p, d->d_size);
        size_t crc_off = (len + 4) & ~(size_t)3;
        if (len == 0 || crc_off + 4 > d->d_size || memchr(p, '/', len))
            return false;
        const uint8_t *c = (const uint8_t *)p + crc_off;
        refs->debuglink = p;
        refs->debuglink_crc =
            (uint32_t)c[0] | (uint32_t)c[1] << 8 | (uint32_t)c[2] << 16 | (uint32_t)c[3] << 24;
        return true;
    }
    return false;
}

bool hdb_debug_refs_read(Elf *elf, struct hdb_debug_refs *refs)
{
    memset(refs, 0, sizeof(*refs));
    bool id = read_build_id(elf, refs);
    bool link = read_debuglink(elf, refs);
    return id || link;
}

static bool is_regular(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static bool crc_matches(const char *path, uint32_t want)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    uLong crc = crc32(0, Z_NULL, 0);
    unsigned char buf[65536];
    ssize_t n;
    while ((n = read(fd, buf, sizeof(buf))) > 0)
        crc = crc32(crc, buf, (uInt)n);
    close(fd);
    return n == 0 && (uint32_t)crc == want;
}

static bool by_build_id(const char *dir, const struct hdb_debug_refs *refs, char *out,
                        size_t out_len)
{
    if (!refs->build_id || refs->build_id_len < 2)
        return false;
    size_t n = (size_t)snprintf(out, out_len, "%s/.build-id/%02x/", dir, refs->build_id[0]);
    for (size_t i = 1; i < refs->build_id_len && n + 3 < out_len; i++)
        n += (size_t)snprintf(out + n, out_len - n, "%02x", refs->build_id[i]);
    if (n + sizeof(".debug") > out_len)
        return false;
    memcpy(out + n, ".debug", sizeof(".debug"));
    return is_regular(out);
}

static bool try_link(const char *candidate, const char *self, uint32_t crc, char *out,
                     size_t out_len)
{
    if (strlen(candidate) >= out_len || !is_regular(candidate))
        return false;
    /* A debuglink naming the file itself (same basename, same folder) is not a debug file. */
    char a[PATH_MAX], b[PATH_MAX];
    if (realpath(candidate, a) && realpath(self, b) && strcmp(a, b) == 0)
        return false;
    if (!crc_matches(candidate, crc))
        return false;
    strcpy(out, candidate);
    return true;
}

static bool by_debuglink(const char *dir, const char *path, const struct hdb_debug_refs *refs,
                         char *out, size_t out_len)
{
    if (!refs->debuglink)
        return false;
    /* The folder of the file as it really is, so that a symlink such as /lib does not matter. */
    char real[PATH_MAX], folder[PATH_MAX], cand[PATH_MAX + 256];
    if (!realpath(path, real))
        return false;
    char *slash = strrchr(real, '/');
    size_t flen = slash ? (size_t)(slash - real) : 0;
    memcpy(folder, real, flen);
    folder[flen] = 0;
    const char *forms[] = {"%s/%s", "%s/.debug/%s"};
    for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
        snprintf(cand, sizeof(cand), forms[i], folder, refs->debuglink);
        if (try_link(cand, path, refs->debuglink_crc, out, out_len))
            return true;
    }
    snprintf(cand, sizeof(cand), "%s%s/%s", dir, folder, refs->debuglink);
    return try_link(cand, path, refs->debuglink_crc, out, out_len);
}

bool hdb_debugfile_find(const char *dir, const char *path, const struct hdb_debug_refs *refs,
                        char *out, size_t out_len)
{
    if (!dir)
        dir = HDB_DEBUG_DIR;
    return by_build_id(dir, refs, out, out_len) || by_debuglink(dir, path, refs, out, out_len);
}
