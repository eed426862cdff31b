/*
 * The IOAPIC (82093AA datasheet; ACPI MADT for where it is and how ISA IRQs
 * map to its inputs). ISA IRQ n goes to vector VEC_IRQ_BASE + n on the
 * boot CPU. Every line starts masked; a line is unmasked when a driver binds
 * its IRQ capability to a notification, masked again by the kernel when it
 * fires, and unmasked when the driver acknowledges.
 */
#include <arch/apic.h>
#include <arch/layout.h>
#include <arch/trap.h>
#include <kernel/acpi.h>
#include <kernel/kprintf.h>

#define IOREGSEL 0x00
#define IOWIN 0x10
#define REG_VER 0x01
#define REG_REDIR(n) (0x10 + 2 * (n))

#define REDIR_MASKED (1u << 16)
#define REDIR_LEVEL (1u << 15)
#define REDIR_ACTIVE_LOW (1u << 13)

#define ISA_IRQS 16
#define DEFAULT_IOAPIC 0xfec00000u

static volatile uint32_t *ioapic;
static uint32_t gsi_base;
static uint32_t isa_gsi[ISA_IRQS];
static uint16_t isa_flags[ISA_IRQS];

static uint32_t rd(uint32_t reg)
{
    ioapic[IOREGSEL / 4] = reg;
    return ioapic[IOWIN / 4];
}

static void wr(uint32_t reg, uint32_t v)
{
    ioapic[IOREGSEL / 4] = reg;
    ioapic[IOWIN / 4] = v;
}

static uint32_t entry_low(unsigned irq, bool masked)
{
    uint32_t v = (uint32_t)(VEC_IRQ_BASE + irq);

    /* MADT flags (ACPI 6.4 table 5.50): polarity bits 0-1, trigger bits 2-3;
     * 0 means "as the bus says", which for ISA is active high, edge. */
    if ((isa_flags[irq] & 3) == 3)
        v |= REDIR_ACTIVE_LOW;
    if (((isa_flags[irq] >> 2) & 3) == 3)
        v |= REDIR_LEVEL;
    return masked ? v | REDIR_MASKED : v;
}

void ioapic_set_masked(unsigned irq, bool masked)
{
    uint32_t pin = isa_gsi[irq] - gsi_base;

    wr(REG_REDIR(pin) + 1, lapic_id() << 24);
    wr(REG_REDIR(pin), entry_low(irq, masked));
}

void ioapic_init(void)
{
    uint32_t addr = DEFAULT_IOAPIC;

    for (unsigned i = 0; i < ISA_IRQS; i++)
        isa_gsi[i] = i;
    if (boot_madt_valid && boot_madt.nioapics) {
        addr = boot_madt.ioapics[0].addr;
        gsi_base = boot_madt.ioapics[0].gsi_base;
        for (uint32_t i = 0; i < boot_madt.noverrides; i++) {
            unsigned src = boot_madt.overrides[i].source;
            if (src < ISA_IRQS) {
                isa_gsi[src] = boot_madt.overrides[i].gsi;
                isa_flags[src] = boot_madt.overrides[i].flags;
            }
        }
    }
    ioapic = phys_to_virt(addr);
    uint32_t pins = ((rd(REG_VER) >> 16) & 0xff) + 1;
    for (uint32_t p = 0; p < pins; p++)
        wr(REG_REDIR(p), REDIR_MASKED);
    kprintf("ioapic: %u inputs at %#x, ISA IRQs on vectors %u-%u (masked until bound)\n", pins,
            addr, VEC_IRQ_BASE, VEC_IRQ_BASE + ISA_IRQS - 1);
}
