/*
 * The little of ACPI the kernel reads itself: the RSDP, the RSDT/XSDT and
 * the MADT (local APICs, IOAPICs, interrupt source overrides). Everything
 * else is user space's (the root task gets the RSDP address). Tables are
 * read through a phys_reader and every length and checksum is checked, so a
 * broken table is an error, not a wild read.
 */
#ifndef KERNEL_ACPI_H
#define KERNEL_ACPI_H

#include <kernel/bootinfo.h>

#define ACPI_MAX_CPUS 64
#define ACPI_MAX_IOAPICS 8
#define ACPI_MAX_OVERRIDES 16

enum acpi_err {
    ACPI_OK = 0,
    ACPI_E_NO_RSDP = -1,    /* no valid RSDP */
    ACPI_E_UNREADABLE = -2, /* a table lies outside readable memory */
    ACPI_E_CHECKSUM = -3,   /* a table's bytes do not sum to zero */
    ACPI_E_TRUNCATED = -4,  /* a length field is smaller than its contents */
    ACPI_E_NOT_FOUND = -5,  /* no MADT */
};

struct madt_info {
    uint64_t lapic_addr;
    uint32_t ncpus; /* enabled local APICs */
    uint8_t apic_ids[ACPI_MAX_CPUS];
    uint32_t nioapics;
    struct {
        uint8_t id;
        uint32_t addr;
        uint32_t gsi_base;
    } ioapics[ACPI_MAX_IOAPICS];
    uint32_t noverrides;
    struct {
        uint8_t source; /* ISA IRQ */
        uint32_t gsi;
        uint16_t flags; /* polarity and trigger mode */
    } overrides[ACPI_MAX_OVERRIDES];
};

/* Validates an RSDP (v1 or v2; len is 20 or 36 bytes available) and returns
 * the root table's address and whether it is an XSDT. */
int acpi_check_rsdp(const uint8_t *rsdp, size_t len, paddr_t *root, bool *xsdt);
/* Finds the MADT under the root table and parses it. */
int acpi_read_madt(const struct phys_reader *rd, paddr_t root, bool xsdt, struct madt_info *out);
const char *acpi_strerror(int err);

/* Boot-time ACPI (core/acpi_boot.c). */
extern struct madt_info boot_madt;
extern bool boot_madt_valid;
extern paddr_t acpi_rsdp_phys; /* 0 when the RSDP is not in the BIOS areas */
void acpi_init(const struct bootinfo *bi);

#endif
