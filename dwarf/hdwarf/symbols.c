/*
 * ELF symbols for hdwarf addr2line: where no DWARF function covers an
 * address (assembly, compiler-generated constructors), binutils names it
 * after an ELF symbol, and so does hdwarf, choosing the way binutils 2.40's
 * _bfd_elf_find_function chooses (bfd/dwarf2.c): among the symbols of the
 * section that holds the address, in symbol-table order, the closest one
 * at or below it; at one value, one that covers the address, then a
 * function, then a typed symbol, then the smallest; with its cache of the
 * last answer, which a later query inside that symbol reuses. The dwarf
 * library itself knows nothing of ELF symbols.
 */
#include "hdwarf.h"

#include <gelf.h>
#include <libelf.h>
#include <stdlib.h>
#include <string.h>

/* The symbol table binutils reads: .symtab, else .dynsym. */
static Elf_Scn *symbol_table(Elf *elf, GElf_Shdr *sh)
{
    Elf_Scn *scn = NULL, *pick = NULL;
    GElf_Shdr cur;
    while ((scn = elf_nextscn(elf, scn)) != NULL) {
        if (gelf_getshdr(scn, &cur) == NULL)
            continue;
        if (cur.sh_type == SHT_SYMTAB || (cur.sh_type == SHT_DYNSYM && pick == NULL)) {
            pick = scn;
            *sh = cur;
        }
    }
    return pick;
}

/*
 * bfd's maybe_function_sym: the symbols that can name code, as a size
 * (a symbol of size 0 counts as 1), or 0. Objects, TLS, files and sections
 * cannot; nor can the hidden local untyped labels of size 0 that annobin
 * leaves.
 */
static uint64_t function_size(const GElf_Sym *s)
{
    int type = GELF_ST_TYPE(s->st_info);
    if (type == STT_OBJECT || type == STT_TLS || type == STT_FILE || type == STT_SECTION ||
        type == STT_COMMON)
        return 0;
    if (s->st_size == 0 && GELF_ST_BIND(s->st_info) == STB_LOCAL && type == STT_NOTYPE &&
        GELF_ST_VISIBILITY(s->st_other) == STV_HIDDEN)
        return 0;
    return s->st_size ? s->st_size : 1;
}

int hdwarf_symbols_load(struct hdwarf_file *f, struct hdwarf_syms *out)
{
    /* With a separate debug file binutils takes the symbols of the file the DWARF came from. */
    Elf *elf = f->debug_elf ? f->debug_elf : f->elf;
    Elf_Scn *scn;
    GElf_Shdr sh;
    Elf_Data *d;
    size_t n = 0;

    memset(out, 0, sizeof *out);
    /* Sections (of the file itself: the debug file's are NOBITS copies at the same indexes). */
    scn = NULL;
    while ((scn = elf_nextscn(f->elf, scn)) != NULL)
        out->nsec++;
    if ((out->sec = calloc(out->nsec + 1, sizeof *out->sec)) == NULL)
        return -1;
    out->nsec = 0;
    while ((scn = elf_nextscn(f->elf, scn)) != NULL) {
        if (gelf_getshdr(scn, &sh) == NULL || !(sh.sh_flags & SHF_ALLOC))
            continue;
        out->sec[out->nsec++] =
            (struct hdwarf_sec){sh.sh_addr, sh.sh_size, (uint32_t)elf_ndxscn(scn)};
    }
    if ((scn = symbol_table(elf, &sh)) == NULL || sh.sh_entsize == 0 ||
        (d = elf_getdata(scn, NULL)) == NULL)
        return 0;
    size_t total = sh.sh_size / sh.sh_entsize;
    if ((out->sym = calloc(total ? total : 1, sizeof *out->sym)) == NULL)
        return -1;
    /* Symbol 0 is the null symbol, which bfd does not list. */
    for (size_t i = 1; i < total; i++) {
        GElf_Sym s;
        const char *name;
        uint64_t size;
        if (gelf_getsym(d, (int)i, &s) == NULL || s.st_shndx == SHN_UNDEF ||
            s.st_shndx >= SHN_LORESERVE || (size = function_size(&s)) == 0)
            continue;
        name = elf_strptr(elf, sh.sh_link, s.st_name);
        if (name == NULL)
            continue;
        out->sym[n++] = (struct hdwarf_sym){s.st_value,
                                            size,
                                            name,
                                            s.st_shndx,
                                            GELF_ST_TYPE(s.st_info) == STT_FUNC ||
                                                GELF_ST_TYPE(s.st_info) == STT_GNU_IFUNC,
                                            GELF_ST_TYPE(s.st_info) == STT_NOTYPE};
    }
    out->nsym = n;
    return 0;
}

void hdwarf_symbols_free(struct hdwarf_syms *s)
{
    free(s->sym);
    free(s->sec);
}

/* bfd's better_fit: is sym (at code_off, of size) a better name for offset than the cache's? */
static bool better_fit(const struct hdwarf_syms *c, const struct hdwarf_sym *sym, uint64_t offset)
{
    if (sym->value > offset || sym->value < c->code_off)
        return false;
    if (sym->value > c->code_off)
        return true;
    /* The same value: the one that reaches offset, or the larger. */
    if (c->code_off + c->code_size <= offset)
        return sym->size > c->code_size;
    if (sym->value + sym->size <= offset)
        return false;
    /* Both cover offset: a function, then a typed symbol, then the smaller. */
    if (c->func->func != sym->func)
        return sym->func;
    if (c->func->notype != sym->notype)
        return c->func->notype;
    return sym->size < c->code_size;
}

const struct hdwarf_sym *hdwarf_symbol_at(struct hdwarf_syms *s, uint64_t addr)
{
    const struct hdwarf_sec *sec = NULL;
    for (size_t i = 0; i < s->nsec && sec == NULL; i++)
        if (addr >= s->sec[i].addr && addr - s->sec[i].addr < s->sec[i].size)
            sec = &s->sec[i];
    if (sec == NULL)
        return NULL;
    if (s->func && s->last_section == sec->index && addr >= s->func->value &&
        addr < s->func->value + s->code_size)
        return s->func;
    s->last_section = sec->index;
    s->func = NULL;
    s->code_off = s->code_size = 0;
    for (size_t i = 0; i < s->nsym; i++) {
        const struct hdwarf_sym *sym = &s->sym[i];
        if (sym->shndx != sec->index)
            continue;
        if (better_fit(s, sym, addr)) {
            s->func = sym;
            s->code_off = sym->value;
            s->code_size = sym->size;
        } else if (sym->value > addr && sym->value > s->code_off &&
                   sym->value < s->code_off + s->code_size) {
            /* A symbol inside the best one after addr ends its reach for later queries. */
            s->code_size = sym->value - s->code_off;
        }
    }
    return s->func;
}
