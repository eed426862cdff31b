/*
 * PCI configuration space and enumeration (hl/pci.h) through an IOPort
 * capability for the mechanism #1 ports. Every access is two invocations
 * (address out, data in or out); nothing here is fast, and nothing needs
 * to be: it runs once when a driver starts.
 */
#include <stdbool.h>
#include <helios/errors.h>
#include <hl/invoke.h>
#include <hl/pci.h>

#define CONFIG_ADDRESS 0xcf8
#define CONFIG_DATA 0xcfc
#define CONFIG_ENABLE 0x80000000u /* PCI 3.0 3.2.2.3.2: bit 31 turns the cycle on */
#define NO_DEVICE 0xffff          /* what a read of an absent function's vendor gives */
#define MAX_DEVICES 32
#define MAX_FUNCTIONS 8
#define NBUSES 256
#define BRIDGE_BARS 2

#define BAR_IO 0x1
#define BAR_MEM_TYPE_MASK 0x6
#define BAR_MEM_TYPE_64 0x4
#define BAR_MEM_PREFETCH 0x8
#define BAR_IO_MASK 0xfffffffcu
#define BAR_MEM_MASK 0xfffffff0u

int hl_pci_open(struct hl_pci *pci, uint32_t iocontrol, uint32_t cspace, uint32_t slot)
{
    int err = hl_iocontrol_issue(iocontrol, HL_PCI_CONFIG_PORT, HL_PCI_CONFIG_PORTS, cspace, slot);

    if (err == E_OK)
        pci->port = slot;
    return err;
}

static int address(const struct hl_pci *pci, unsigned bus, unsigned dev, unsigned fn,
                   unsigned offset)
{
    if (bus >= NBUSES || dev >= MAX_DEVICES || fn >= MAX_FUNCTIONS || offset > 0xfc || (offset & 3))
        return E_INVALID_ARG;
    return hl_ioport_out(pci->port, CONFIG_ADDRESS, 4,
                         CONFIG_ENABLE | bus << 16 | dev << 11 | fn << 8 | offset);
}

int hl_pci_read32(const struct hl_pci *pci, unsigned bus, unsigned dev, unsigned fn,
                  unsigned offset, uint32_t *value)
{
    int err = address(pci, bus, dev, fn, offset);

    return err ? err : hl_ioport_in(pci->port, CONFIG_DATA, 4, value);
}

int hl_pci_write32(const struct hl_pci *pci, unsigned bus, unsigned dev, unsigned fn,
                   unsigned offset, uint32_t value)
{
    int err = address(pci, bus, dev, fn, offset);

    return err ? err : hl_ioport_out(pci->port, CONFIG_DATA, 4, value);
}

/* Writes all ones to the dword at offset and reads back which bits stick
 * (PCI 3.0 6.2.5.1), then puts the original value back. */
static int probe_ones(const struct hl_pci *pci, const struct hl_pci_device *d, unsigned offset,
                      uint32_t *orig, uint32_t *ones)
{
    int err;

    if ((err = hl_pci_read32(pci, d->bus, d->dev, d->fn, offset, orig)) ||
        (err = hl_pci_write32(pci, d->bus, d->dev, d->fn, offset, 0xffffffffu)) ||
        (err = hl_pci_read32(pci, d->bus, d->dev, d->fn, offset, ones)))
        return err;
    return hl_pci_write32(pci, d->bus, d->dev, d->fn, offset, *orig);
}

/* Sizes BAR i; a 64-bit BAR also consumes i + 1. Returns how many BAR
 * registers it used, or a negative error. */
static int size_bar(const struct hl_pci *pci, struct hl_pci_device *d, unsigned i)
{
    unsigned offset = HL_PCI_BAR0 + 4 * i;
    struct hl_pci_bar *bar = &d->bar[i];
    uint32_t orig, ones, orig_hi = 0, ones_hi = 0xffffffffu;
    int err = probe_ones(pci, d, offset, &orig, &ones);

    if (err)
        return err;
    if (orig & BAR_IO) {
        uint32_t mask = ones & BAR_IO_MASK;
        if (mask == 0)
            return 1;
        /* I/O BARs may implement only the low 16 address bits. */
        if (!(mask & 0xffff0000u))
            mask |= 0xffff0000u;
        bar->kind = HL_PCI_BAR_IO;
        bar->base = orig & BAR_IO_MASK;
        bar->size = (uint32_t)(~mask + 1);
        return 1;
    }
    bool is64 = (orig & BAR_MEM_TYPE_MASK) == BAR_MEM_TYPE_64 && i + 1 < d->nbars;
    if (is64 && (err = probe_ones(pci, d, offset + 4, &orig_hi, &ones_hi)))
        return err;
    uint64_t mask = (uint64_t)ones_hi << 32 | (ones & BAR_MEM_MASK);
    if ((ones & BAR_MEM_MASK) == 0 && (!is64 || ones_hi == 0))
        return is64 ? 2 : 1;
    bar->kind = is64 ? HL_PCI_BAR_MEM64 : HL_PCI_BAR_MEM32;
    bar->prefetchable = !!(orig & BAR_MEM_PREFETCH);
    bar->base = (uint64_t)orig_hi << 32 | (orig & BAR_MEM_MASK);
    bar->size = ~mask + 1;
    return is64 ? 2 : 1;
}

/* Decoding is turned off while the BARs hold all ones, so that a
 * half-written BAR never claims someone else's addresses. */
static int size_bars(const struct hl_pci *pci, struct hl_pci_device *d)
{
    uint32_t command;
    int err, used;

    if ((err = hl_pci_read32(pci, d->bus, d->dev, d->fn, HL_PCI_COMMAND, &command)) ||
        (err = hl_pci_write32(pci, d->bus, d->dev, d->fn, HL_PCI_COMMAND,
                              command & ~(uint32_t)(HL_PCI_COMMAND_IO | HL_PCI_COMMAND_MEMORY))))
        return err;
    for (unsigned i = 0; i < d->nbars; i += (unsigned)used) {
        used = size_bar(pci, d, i);
        if (used < 0) {
            err = used;
            break;
        }
    }
    /* The command register's upper half is status, whose bits clear when
     * written as ones: write back only the command half. */
    int restore = hl_pci_write32(pci, d->bus, d->dev, d->fn, HL_PCI_COMMAND, command & 0xffff);
    return err ? err : restore;
}

int hl_pci_probe(const struct hl_pci *pci, unsigned bus, unsigned dev, unsigned fn,
                 struct hl_pci_device *d)
{
    uint32_t id, class_rev, header, irq, buses = 0;
    int err;

    if ((err = hl_pci_read32(pci, bus, dev, fn, HL_PCI_VENDOR_ID, &id)))
        return err;
    if ((id & 0xffff) == NO_DEVICE)
        return E_SLOT_EMPTY;
    if ((err = hl_pci_read32(pci, bus, dev, fn, HL_PCI_CLASS_REV, &class_rev)) ||
        (err = hl_pci_read32(pci, bus, dev, fn, HL_PCI_HEADER_TYPE & ~3u, &header)) ||
        (err = hl_pci_read32(pci, bus, dev, fn, HL_PCI_INTERRUPT, &irq)))
        return err;
    *d = (struct hl_pci_device){
        .bus = (uint8_t)bus,
        .dev = (uint8_t)dev,
        .fn = (uint8_t)fn,
        .vendor = (uint16_t)id,
        .device = (uint16_t)(id >> 16),
        .revision = (uint8_t)class_rev,
        .prog_if = (uint8_t)(class_rev >> 8),
        .subclass = (uint8_t)(class_rev >> 16),
        .class_code = (uint8_t)(class_rev >> 24),
        .header_type = (uint8_t)(header >> 16),
        .irq_line = (uint8_t)irq,
        .irq_pin = (uint8_t)(irq >> 8),
    };
    switch (d->header_type & ~HL_PCI_HEADER_MULTIFUNCTION) {
    case 0:
        d->nbars = HL_PCI_MAX_BARS;
        break;
    case HL_PCI_HEADER_BRIDGE:
        d->nbars = BRIDGE_BARS;
        if ((err = hl_pci_read32(pci, bus, dev, fn, HL_PCI_BUS_NUMBERS, &buses)))
            return err;
        d->secondary_bus = (uint8_t)(buses >> 8);
        d->subordinate_bus = (uint8_t)(buses >> 16);
        break;
    default:
        d->nbars = 0; /* CardBus and unknown layouts: no BARs read */
        break;
    }
    return size_bars(pci, d);
}

struct walk {
    const struct hl_pci *pci;
    struct hl_pci_device *out;
    size_t max, count;
    uint8_t seen[NBUSES / 8]; /* buses already walked: a bad bridge cannot loop */
};

static int add(struct walk *w, unsigned bus, unsigned dev, unsigned fn, struct hl_pci_device *d);

static int walk_bus(struct walk *w, unsigned bus)
{
    struct hl_pci_device d;

    if (w->seen[bus / 8] & (1u << (bus % 8)))
        return E_OK;
    w->seen[bus / 8] |= (uint8_t)(1u << (bus % 8));
    for (unsigned dev = 0; dev < MAX_DEVICES; dev++) {
        int err = add(w, bus, dev, 0, &d);
        if (err == E_SLOT_EMPTY)
            continue;
        if (err)
            return err;
        /* Functions 1-7 exist only when function 0 says so (PCI 3.0 6.2.1). */
        if (!(d.header_type & HL_PCI_HEADER_MULTIFUNCTION))
            continue;
        for (unsigned fn = 1; fn < MAX_FUNCTIONS; fn++)
            if ((err = add(w, bus, dev, fn, &d)) && err != E_SLOT_EMPTY)
                return err;
    }
    return E_OK;
}

/* Probes one function, stores it, and walks the bus behind it if it is a
 * bridge the firmware has numbered. */
static int add(struct walk *w, unsigned bus, unsigned dev, unsigned fn, struct hl_pci_device *d)
{
    int err = hl_pci_probe(w->pci, bus, dev, fn, d);

    if (err)
        return err;
    if (w->count < w->max)
        w->out[w->count] = *d;
    w->count++;
    if ((d->header_type & ~HL_PCI_HEADER_MULTIFUNCTION) == HL_PCI_HEADER_BRIDGE &&
        d->secondary_bus > bus)
        err = walk_bus(w, d->secondary_bus);
    return err;
}

int hl_pci_enumerate(const struct hl_pci *pci, struct hl_pci_device *out, size_t max, size_t *count)
{
    struct walk w = {.pci = pci, .out = out, .max = max};
    int err = walk_bus(&w, 0);

    *count = w.count;
    if (err)
        return err;
    return w.count > max ? E_NOMEM : E_OK;
}
