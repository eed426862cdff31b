/*
 * ELF symbols for hdwarf addr2line: where no DWARF function covers an
 * address (assembly, compiler-generated constructors), binutils names it
 * after the nearest code symbol at or below it, and so does hdwarf. The
 * dwarf library itself knows nothing of ELF symbols.
 */
#include "hdwarf.h"

#include <gelf.h>
#include <libelf.h>
#include <stdlib.h>

static int cmp_sym(const void *pa, const void *pb)
{
    const struct hdwarf_sym *a = pa, *b = pb;
    if (a->value != b->value)
        return a->value < b->value ? -1 : 1;
    /* Among aliases the last wins in the search: put the best one last. */
    if (a->func != b->func)
        return a->func ? 1 : -1;
    return a->size < b->size ? -1 : a->size > b->size;
}

static bool code_section(Elf *elf, size_t index)
{
    Elf_Scn *scn = elf_getscn(elf, index);
    GElf_Shdr sh;
    return scn && gelf_getshdr(scn, &sh) && (sh.sh_flags & SHF_EXECINSTR);
}

int hdwarf_code_symbols(struct hdwarf_file *f, struct hdwarf_sym **syms, size_t *count)
{
    Elf *elf = f->elf;
    Elf_Scn *scn = NULL, *pick = NULL;
    GElf_Shdr sh, pick_sh = {0};
    Elf_Data *d;
    size_t n = 0;

    *syms = NULL;
    *count = 0;
    while ((scn = elf_nextscn(elf, scn)) != NULL) {
        if (gelf_getshdr(scn, &sh) == NULL)
            continue;
        if (sh.sh_type == SHT_SYMTAB || (sh.sh_type == SHT_DYNSYM && pick == NULL)) {
            pick = scn;
            pick_sh = sh;
        }
    }
    if (pick == NULL || pick_sh.sh_entsize == 0 || (d = elf_getdata(pick, NULL)) == NULL)
        return 0;
    size_t total = pick_sh.sh_size / pick_sh.sh_entsize;
    if ((*syms = calloc(total ? total : 1, sizeof **syms)) == NULL)
        return -1;
    for (size_t i = 0; i < total; i++) {
        GElf_Sym s;
        const char *name;
        int type;
        if (gelf_getsym(d, (int)i, &s) == NULL)
            continue;
        type = GELF_ST_TYPE(s.st_info);
        if ((type != STT_FUNC && type != STT_NOTYPE) || s.st_shndx == SHN_UNDEF ||
            s.st_shndx >= SHN_LORESERVE || !code_section(elf, s.st_shndx))
            continue;
        name = elf_strptr(elf, pick_sh.sh_link, s.st_name);
        if (name == NULL || *name == 0)
            continue;
        (*syms)[n++] = (struct hdwarf_sym){s.st_value, s.st_size, name, type == STT_FUNC};
    }
    qsort(*syms, n, sizeof **syms, cmp_sym);
    *count = n;
    return 0;
}

const struct hdwarf_sym *hdwarf_symbol_at(const struct hdwarf_sym *syms, size_t n, uint64_t addr)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (syms[mid].value <= addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo ? &syms[lo - 1] : NULL;
}
