/*
 * PCI configuration space through the legacy I/O ports (configuration
 * mechanism #1, PCI Local Bus 3.0 section 3.2.2.3.2): an IOPort capability
 * for 0xCF8-0xCFF, an address written to 0xCF8 and the dword read or
 * written at 0xCFC. Enumeration walks bus 0 and every bus a PCI-to-PCI
 * bridge leads to, as the firmware numbered them.
 *
 * Like the other libraries, this one neither prints nor allocates: the
 * caller passes the array the devices go into.
 */
#ifndef HL_PCI_H
#define HL_PCI_H

#include <stddef.h>
#include <stdint.h>
#include <helios/errors.h>

#define HL_PCI_CONFIG_PORT 0xcf8
#define HL_PCI_CONFIG_PORTS 8 /* 0xCF8 address, 0xCFC-0xCFF data */

/* Configuration header offsets (PCI Local Bus 3.0, 6.1). */
#define HL_PCI_VENDOR_ID 0x00
#define HL_PCI_COMMAND 0x04
#define HL_PCI_CLASS_REV 0x08 /* revision, prog-if, subclass, class */
#define HL_PCI_HEADER_TYPE 0x0e
#define HL_PCI_BAR0 0x10
#define HL_PCI_BUS_NUMBERS 0x18 /* type 1: primary, secondary, subordinate */
#define HL_PCI_INTERRUPT 0x3c   /* interrupt line, then pin */

#define HL_PCI_COMMAND_IO 0x1
#define HL_PCI_COMMAND_MEMORY 0x2
#define HL_PCI_HEADER_MULTIFUNCTION 0x80
#define HL_PCI_HEADER_BRIDGE 0x01 /* PCI-to-PCI bridge (type 1) */

#define HL_PCI_MAX_BARS 6

struct hl_pci {
    uint32_t port; /* IOPort capability for HL_PCI_CONFIG_PORT..+7 */
};

enum hl_pci_bar_kind {
    HL_PCI_BAR_NONE = 0, /* not implemented, or the upper half of a 64-bit BAR */
    HL_PCI_BAR_IO,
    HL_PCI_BAR_MEM32,
    HL_PCI_BAR_MEM64,
};

struct hl_pci_bar {
    uint64_t base; /* as programmed (by the firmware); 0 if unassigned */
    uint64_t size; /* bytes decoded, from the write-ones probe */
    uint8_t kind;  /* enum hl_pci_bar_kind */
    uint8_t prefetchable;
};

struct hl_pci_device {
    uint8_t bus, dev, fn;
    uint16_t vendor, device;
    uint8_t class_code, subclass, prog_if, revision;
    uint8_t header_type;                    /* with the multi-function bit */
    uint8_t irq_line, irq_pin;              /* pin 0 none, 1-4 INTA#-INTD# */
    uint8_t secondary_bus, subordinate_bus; /* bridges only */
    uint8_t nbars;                          /* 6 for type 0 headers, 2 for bridges */
    struct hl_pci_bar bar[HL_PCI_MAX_BARS];
};

/* Issues the IOPort capability for the configuration ports into `slot` of
 * `cspace` (an IOControl invocation; its errors). */
int hl_pci_open(struct hl_pci *pci, uint32_t iocontrol, uint32_t cspace, uint32_t slot);

/* One aligned dword of a function's configuration space. E_INVALID_ARG for
 * dev > 31, fn > 7 or an unaligned offset; otherwise the IOPort's errors. */
int hl_pci_read32(const struct hl_pci *pci, unsigned bus, unsigned dev, unsigned fn,
                  unsigned offset, uint32_t *value);
int hl_pci_write32(const struct hl_pci *pci, unsigned bus, unsigned dev, unsigned fn,
                   unsigned offset, uint32_t value);

/* Reads the header of one present function and sizes its BARs (decoding is
 * off while a BAR holds all ones; every register is put back). E_SLOT_EMPTY
 * when no function answers there. */
int hl_pci_probe(const struct hl_pci *pci, unsigned bus, unsigned dev, unsigned fn,
                 struct hl_pci_device *d);

/* Every function reachable from bus 0, in bus, device, function order of
 * discovery (a bridge's buses right after it), into out[0..max). *count is
 * how many were found, which may exceed max: then only max were stored and
 * the result is E_NOMEM. */
int hl_pci_enumerate(const struct hl_pci *pci, struct hl_pci_device *out, size_t max,
                     size_t *count);

#endif
