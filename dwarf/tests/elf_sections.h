/* Test helper: the DWARF sections of an ELF file, read with libelf. */
#ifndef DWARF_TEST_ELF_SECTIONS_H
#define DWARF_TEST_ELF_SECTIONS_H

#include <dwarf/dwarf.h>

/* Heap copies of each section (exactly sized); 0 or -1. */
int elf_sections_load(const char *path, struct dwarf_section sec[DWARF_SEC_COUNT]);
/* The same of a split DWARF object: .debug_info.dwo under DWARF_SEC_INFO and so on. */
int elf_dwo_sections_load(const char *path, struct dwarf_section sec[DWARF_SEC_COUNT]);
void elf_sections_free(struct dwarf_section sec[DWARF_SEC_COUNT]);
/* A heap copy of one named section (.eh_frame, ...) and its address; 0 or -1. */
int elf_section_load(const char *path, const char *name, struct dwarf_section *sec, uint64_t *addr);

#endif
