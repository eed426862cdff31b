/*
 * PCI enumeration through the configuration ports (userland/lib/pci.c):
 * structural facts that hold on any PC (a host bridge at 00:00.0, class
 * codes that agree with header types, bridges that lead to the buses their
 * devices are on) and a second walk that finds exactly what the first did,
 * which shows BAR sizing put every register back. Each device is printed as
 * a `# pci` line; scripts/pci-test.sh compares those with what QEMU itself
 * reports (query-pci).
 */
#include <stdio.h>
#include <hl/pci.h>
#include <vulcan/vulcan.h>

#define MAX_DEVICES 64
#define CLASS_BRIDGE 0x06
#define SUBCLASS_HOST 0x00
#define SUBCLASS_PCI_PCI 0x04

static struct hl_pci_device first[MAX_DEVICES], second[MAX_DEVICES];

static size_t enumerate(struct hl_pci *pci, struct hl_pci_device *out)
{
    size_t n = 0;

    UT_REQUIRE_OK(hl_pci_enumerate(pci, out, MAX_DEVICES, &n));
    return n;
}

static const char *const bar_kinds[] = {"none", "io", "mem32", "mem64"};

/* The line scripts/pci-test.sh parses; keep the two in step. */
static void print_device(const struct hl_pci_device *d)
{
    char line[512];
    int len = snprintf(line, sizeof(line),
                       "# pci %02x:%02x.%x %04x:%04x class %02x:%02x:%02x rev %02x hdr %02x "
                       "irq %u pin %u",
                       d->bus, d->dev, d->fn, d->vendor, d->device, d->class_code, d->subclass,
                       d->prog_if, d->revision, d->header_type, d->irq_line, d->irq_pin);
    if ((d->header_type & ~HL_PCI_HEADER_MULTIFUNCTION) == HL_PCI_HEADER_BRIDGE)
        len += snprintf(line + len, sizeof(line) - (size_t)len, " buses %02x-%02x",
                        d->secondary_bus, d->subordinate_bus);
    for (unsigned i = 0; i < d->nbars; i++) {
        const struct hl_pci_bar *b = &d->bar[i];
        if (b->kind == HL_PCI_BAR_NONE)
            continue;
        len += snprintf(line + len, sizeof(line) - (size_t)len, " bar%u %s%s %#lx/%#lx", i,
                        bar_kinds[b->kind], b->prefetchable ? "p" : "", (unsigned long)b->base,
                        (unsigned long)b->size);
    }
    printf("%s\n", line);
}

static bool same_function(const struct hl_pci_device *a, const struct hl_pci_device *b)
{
    return a->bus == b->bus && a->dev == b->dev && a->fn == b->fn;
}

/* Field by field: the structures have padding. */
static bool same_device(const struct hl_pci_device *a, const struct hl_pci_device *b)
{
    if (!same_function(a, b) || a->vendor != b->vendor || a->device != b->device ||
        a->class_code != b->class_code || a->subclass != b->subclass || a->prog_if != b->prog_if ||
        a->revision != b->revision || a->header_type != b->header_type ||
        a->irq_line != b->irq_line || a->irq_pin != b->irq_pin ||
        a->secondary_bus != b->secondary_bus || a->subordinate_bus != b->subordinate_bus ||
        a->nbars != b->nbars)
        return false;
    for (unsigned i = 0; i < a->nbars; i++)
        if (a->bar[i].base != b->bar[i].base || a->bar[i].size != b->bar[i].size ||
            a->bar[i].kind != b->bar[i].kind || a->bar[i].prefetchable != b->bar[i].prefetchable)
            return false;
    return true;
}

static void check_device(const struct hl_pci_device *d, const struct hl_pci_device *all, size_t n)
{
    bool bridge = (d->header_type & ~HL_PCI_HEADER_MULTIFUNCTION) == HL_PCI_HEADER_BRIDGE;

    UT_CHECK(d->vendor != 0xffff && d->vendor != 0);
    /* A PCI-to-PCI bridge, and only one, has the type 1 header. */
    UT_CHECK_EQ(bridge, d->class_code == CLASS_BRIDGE && d->subclass == SUBCLASS_PCI_PCI);
    UT_CHECK(d->irq_pin <= 4);
    if (bridge)
        UT_CHECK(d->secondary_bus > d->bus && d->subordinate_bus >= d->secondary_bus);
    for (unsigned i = 0; i < d->nbars; i++) {
        const struct hl_pci_bar *b = &d->bar[i];
        if (b->kind == HL_PCI_BAR_NONE)
            continue;
        UT_CHECK(b->size != 0 && (b->size & (b->size - 1)) == 0);
        UT_CHECK_EQ(b->base & (b->size - 1), 0);
    }
    bool dev0_multi = false, has_bridge = d->bus == 0;
    for (size_t j = 0; j < n; j++) {
        const struct hl_pci_device *o = &all[j];
        if (o != d && same_function(o, d))
            UT_FAIL("%02x:%02x.%x is listed twice", d->bus, d->dev, d->fn);
        if (o->bus == d->bus && o->dev == d->dev && o->fn == 0)
            dev0_multi = o->header_type & HL_PCI_HEADER_MULTIFUNCTION;
        if ((o->header_type & ~HL_PCI_HEADER_MULTIFUNCTION) == HL_PCI_HEADER_BRIDGE &&
            o->secondary_bus == d->bus)
            has_bridge = true;
    }
    /* Functions above 0 are only looked for behind a multi-function fn 0. */
    if (d->fn != 0)
        UT_CHECK(dev0_multi);
    UT_CHECK(has_bridge);
}

UTEST(pci, enumerate)
{
    struct hl_pci pci;
    size_t n, n2;

    UT_REQUIRE_OK(hl_pci_open(&pci, HL_ROOT_SLOT_IOCONTROL, env->cspace, ut_slot(env)));
    n = enumerate(&pci, first);
    UT_REQUIRE(n >= 1);
    for (size_t i = 0; i < n; i++)
        print_device(&first[i]);

    /* The host bridge of every PC chipset QEMU models. */
    UT_CHECK_EQ(first[0].bus | first[0].dev | first[0].fn, 0);
    UT_CHECK_EQ(first[0].class_code, CLASS_BRIDGE);
    UT_CHECK_EQ(first[0].subclass, SUBCLASS_HOST);
    for (size_t i = 0; i < n; i++)
        check_device(&first[i], first, n);

    n2 = enumerate(&pci, second);
    UT_CHECK_EQ(n2, n);
    for (size_t i = 0; i < n && i < n2; i++)
        if (!same_device(&first[i], &second[i]))
            UT_FAIL("%02x:%02x.%x reads differently the second time", first[i].bus, first[i].dev,
                    first[i].fn);
}

UTEST(pci, config_access_errors)
{
    struct hl_pci pci;
    struct hl_pci_device d;
    uint32_t v = 0;

    UT_REQUIRE_OK(hl_pci_open(&pci, HL_ROOT_SLOT_IOCONTROL, env->cspace, ut_slot(env)));
    /* The ports are handed out once. */
    UT_CHECK_ERR(hl_pci_open(&pci, HL_ROOT_SLOT_IOCONTROL, env->cspace, ut_slot(env)), E_IN_USE);
    UT_CHECK_ERR(hl_pci_read32(&pci, 0, 32, 0, 0, &v), E_INVALID_ARG);
    UT_CHECK_ERR(hl_pci_read32(&pci, 0, 0, 8, 0, &v), E_INVALID_ARG);
    UT_CHECK_ERR(hl_pci_read32(&pci, 0, 0, 0, 2, &v), E_INVALID_ARG);
    UT_CHECK_ERR(hl_pci_read32(&pci, 0, 0, 0, 0x100, &v), E_INVALID_ARG);
    UT_CHECK_ERR(hl_pci_read32(&pci, 256, 0, 0, 0, &v), E_INVALID_ARG);
    /* Device 31 of bus 255 is not there on any QEMU machine. */
    UT_CHECK_ERR(hl_pci_probe(&pci, 255, 31, 7, &d), E_SLOT_EMPTY);
    UT_CHECK_OK(hl_pci_read32(&pci, 0, 0, 0, HL_PCI_VENDOR_ID, &v));
    UT_CHECK(v != 0xffffffffu);
}
