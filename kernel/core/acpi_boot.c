/*
 * ACPI at boot: find the RSDP (the loader's copy from multiboot2, or the
 * BIOS areas), read the MADT, and keep what it says for the interrupt code
 * and for the root task's boot info. Missing or broken ACPI is reported and
 * the kernel goes on without it.
 */
#include <arch/layout.h>
#include <arch/paging.h>
#include <kernel/acpi.h>
#include <kernel/kprintf.h>
#include <kernel/string.h>

struct madt_info boot_madt;
bool boot_madt_valid;
paddr_t acpi_rsdp_phys;

static bool acpi_read(void *ctx, paddr_t pa, void *dst, size_t len)
{
    (void)ctx;
    if (pa >= direct_map_size || len > direct_map_size - pa)
        return false;
    memcpy(dst, phys_to_virt(pa), len);
    return true;
}

/* ACPI 6.4, 5.2.5.1: the RSDP is on a 16-byte boundary in the first KiB of
 * the EBDA or in 0xe0000-0xfffff, and its first 20 bytes sum to zero. */
static paddr_t scan_for_rsdp(void)
{
    paddr_t ebda = (paddr_t)(*(uint16_t *)phys_to_virt(0x40e)) << 4;
    paddr_t ranges[2][2] = {{ebda, ebda + 1024}, {0xe0000, 0x100000}};

    for (int r = 0; r < 2; r++) {
        if (ranges[r][0] < 0x80000 && r == 0)
            continue; /* no plausible EBDA */
        for (paddr_t p = ranges[r][0]; p + 20 <= ranges[r][1]; p += 16) {
            const uint8_t *s = phys_to_virt(p);
            if (memcmp(s, "RSD PTR ", 8) != 0)
                continue;
            uint8_t sum = 0;
            for (int i = 0; i < 20; i++)
                sum = (uint8_t)(sum + s[i]);
            if (sum == 0)
                return p;
        }
    }
    return 0;
}

void acpi_init(const struct bootinfo *bi)
{
    struct phys_reader rd = {.read = acpi_read};
    uint8_t rsdp[36];
    size_t len = bi->rsdp_len;
    paddr_t root;
    bool xsdt;

    memcpy(rsdp, bi->rsdp, sizeof(rsdp));
    acpi_rsdp_phys = scan_for_rsdp();
    if (len == 0 && acpi_rsdp_phys) /* a v1 RSDP may end 20 bytes before the map does */
        len = acpi_read(NULL, acpi_rsdp_phys, rsdp, 36)   ? 36
              : acpi_read(NULL, acpi_rsdp_phys, rsdp, 20) ? 20
                                                          : 0;
    int err = acpi_check_rsdp(rsdp, len, &root, &xsdt);
    if (!err)
        err = acpi_read_madt(&rd, root, xsdt, &boot_madt);
    if (err) {
        kprintf("acpi: %s; going on without the MADT\n", acpi_strerror(err));
        return;
    }
    boot_madt_valid = true;
    kprintf("acpi: %s at %#lx; MADT: %u CPU(s), local APIC %#lx, %u IOAPIC(s)",
            xsdt ? "XSDT" : "RSDT", root, boot_madt.ncpus, boot_madt.lapic_addr,
            boot_madt.nioapics);
    for (uint32_t i = 0; i < boot_madt.nioapics; i++)
        kprintf(" [id %u at %#x, GSI %u]", boot_madt.ioapics[i].id, boot_madt.ioapics[i].addr,
                boot_madt.ioapics[i].gsi_base);
    kprintf(", %u override(s)\n", boot_madt.noverrides);
}
