/* Test helper: the DWARF sections of an ELF file, read with libelf. */
#include "elf_sections.h"

#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The sections named by dwarf_section_name followed by suffix. */
static int load(const char *path, const char *suffix, struct dwarf_section sec[DWARF_SEC_COUNT])
{
    Elf_Scn *scn = NULL;
    size_t shstrndx;
    Elf *elf;
    int fd, rc = -1;

    memset(sec, 0, sizeof(struct dwarf_section) * DWARF_SEC_COUNT);
    if (elf_version(EV_CURRENT) == EV_NONE || (fd = open(path, O_RDONLY)) < 0)
        return -1;
    elf = elf_begin(fd, ELF_C_READ, NULL);
    if (elf == NULL || elf_getshdrstrndx(elf, &shstrndx) != 0)
        goto out;
    while ((scn = elf_nextscn(elf, scn)) != NULL) {
        GElf_Shdr shdr;
        Elf_Data *data;
        const char *name;
        if (gelf_getshdr(scn, &shdr) == NULL)
            goto out;
        name = elf_strptr(elf, shstrndx, shdr.sh_name);
        for (int i = 0; name && i < DWARF_SEC_COUNT; i++) {
            size_t n = strlen(dwarf_section_name(i));
            if (strncmp(name, dwarf_section_name(i), n) != 0 || strcmp(name + n, suffix) != 0 ||
                shdr.sh_type == SHT_NOBITS)
                continue;
            if ((shdr.sh_flags & SHF_COMPRESSED) && elf_compress(scn, 0, 0) < 0)
                goto out;
            if ((data = elf_getdata(scn, NULL)) == NULL || data->d_buf == NULL)
                goto out;
            void *copy = malloc(data->d_size ? data->d_size : 1);
            if (copy == NULL)
                goto out;
            memcpy(copy, data->d_buf, data->d_size);
            sec[i].data = copy;
            sec[i].size = data->d_size;
        }
    }
    rc = 0;
out:
    if (elf)
        elf_end(elf);
    close(fd);
    return rc;
}

int elf_sections_load(const char *path, struct dwarf_section sec[DWARF_SEC_COUNT])
{
    return load(path, "", sec);
}

int elf_dwo_sections_load(const char *path, struct dwarf_section sec[DWARF_SEC_COUNT])
{
    return load(path, ".dwo", sec);
}

void elf_sections_free(struct dwarf_section sec[DWARF_SEC_COUNT])
{
    for (int i = 0; i < DWARF_SEC_COUNT; i++) {
        free((void *)sec[i].data);
        sec[i].data = NULL;
        sec[i].size = 0;
    }
}

int elf_section_load(const char *path, const char *name, struct dwarf_section *sec, uint64_t *addr)
{
    Elf_Scn *scn = NULL;
    size_t shstrndx;
    Elf *elf;
    int fd, rc = -1;

    memset(sec, 0, sizeof *sec);
    if (elf_version(EV_CURRENT) == EV_NONE || (fd = open(path, O_RDONLY)) < 0)
        return -1;
    elf = elf_begin(fd, ELF_C_READ, NULL);
    if (elf == NULL || elf_getshdrstrndx(elf, &shstrndx) != 0)
        goto out;
    while ((scn = elf_nextscn(elf, scn)) != NULL) {
        GElf_Shdr shdr;
        Elf_Data *data;
        const char *n;
        if (gelf_getshdr(scn, &shdr) == NULL)
            goto out;
        n = elf_strptr(elf, shstrndx, shdr.sh_name);
        if (n == NULL || strcmp(n, name) != 0 || shdr.sh_type == SHT_NOBITS)
            continue;
        if ((data = elf_getdata(scn, NULL)) == NULL || data->d_buf == NULL)
            goto out;
        void *copy = malloc(data->d_size ? data->d_size : 1);
        if (copy == NULL)
            goto out;
        memcpy(copy, data->d_buf, data->d_size);
        sec->data = copy;
        sec->size = data->d_size;
        *addr = shdr.sh_addr;
        rc = 0;
        break;
    }
out:
    if (elf)
        elf_end(elf);
    close(fd);
    return rc;
}
