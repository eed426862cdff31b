/*
 * ACPI table reading (ACPI 6.4: 5.2.5 RSDP, 5.2.7 RSDT, 5.2.8 XSDT,
 * 5.2.12 MADT). Only what the kernel needs; see include/kernel/acpi.h.
 */
#include <kernel/acpi.h>
#include <kernel/string.h>

#define SDT_HEADER 36
#define MADT_FIXED 44 /* header + local APIC address + flags */
#define TABLE_MAX (1u << 20)

static uint8_t table_buf[TABLE_MAX / 16]; /* the MADT and root table copies */

static bool sums_to_zero(const uint8_t *p, size_t n)
{
    uint8_t s = 0;

    for (size_t i = 0; i < n; i++)
        s = (uint8_t)(s + p[i]);
    return s == 0;
}

static uint64_t le(const uint8_t *p, size_t n)
{
    uint64_t v = 0;

    memcpy(&v, p, n);
    return v;
}

int acpi_check_rsdp(const uint8_t *r, size_t len, paddr_t *root, bool *xsdt)
{
    if (len < 20 || memcmp(r, "RSD PTR ", 8) != 0)
        return ACPI_E_NO_RSDP;
    if (!sums_to_zero(r, 20))
        return ACPI_E_CHECKSUM;
    /* Revision 2 and later carry the XSDT address and a checksum of all 36. */
    if (r[15] >= 2 && len >= 36 && sums_to_zero(r, 36) && le(r + 24, 8)) {
        *root = le(r + 24, 8);
        *xsdt = true;
    } else {
        *root = le(r + 16, 4);
        *xsdt = false;
    }
    return ACPI_OK;
}

/* Copies the whole table at pa into buf after checking its length and
 * checksum; *len gets its length. */
static int read_table(const struct phys_reader *rd, paddr_t pa, uint8_t *buf, size_t size,
                      size_t *len)
{
    if (!rd->read(rd->ctx, pa, buf, SDT_HEADER))
        return ACPI_E_UNREADABLE;
    uint32_t n = (uint32_t)le(buf + 4, 4);
    if (n < SDT_HEADER || n > size)
        return ACPI_E_TRUNCATED;
    if (!rd->read(rd->ctx, pa, buf, n))
        return ACPI_E_UNREADABLE;
    if (!sums_to_zero(buf, n))
        return ACPI_E_CHECKSUM;
    *len = n;
    return ACPI_OK;
}

static void madt_entry(const uint8_t *e, struct madt_info *m)
{
    switch (e[0]) {
    case 0: /* processor local APIC: enabled (bit 0) or online-capable (bit 1) */
        if ((le(e + 4, 4) & 3) && m->ncpus < ACPI_MAX_CPUS)
            m->apic_ids[m->ncpus++] = e[3];
        break;
    case 1:
        if (m->nioapics < ACPI_MAX_IOAPICS) {
            m->ioapics[m->nioapics].id = e[2];
            m->ioapics[m->nioapics].addr = (uint32_t)le(e + 4, 4);
            m->ioapics[m->nioapics].gsi_base = (uint32_t)le(e + 8, 4);
            m->nioapics++;
        }
        break;
    case 2:
        if (m->noverrides < ACPI_MAX_OVERRIDES) {
            m->overrides[m->noverrides].source = e[3];
            m->overrides[m->noverrides].gsi = (uint32_t)le(e + 4, 4);
            m->overrides[m->noverrides].flags = (uint16_t)le(e + 8, 2);
            m->noverrides++;
        }
        break;
    case 5: /* 64-bit local APIC address override */
        m->lapic_addr = le(e + 4, 8);
        break;
    default:
        break;
    }
}

/* Minimum length of the MADT entry types we read. */
static uint8_t entry_min(uint8_t type)
{
    static const uint8_t min[] = {8, 12, 10, 0, 0, 12};
    return type < sizeof(min) ? min[type] : 2;
}

static int parse_madt(const uint8_t *t, size_t len, struct madt_info *m)
{
    memset(m, 0, sizeof(*m));
    if (len < MADT_FIXED)
        return ACPI_E_TRUNCATED;
    m->lapic_addr = le(t + 36, 4);
    for (size_t off = MADT_FIXED; off < len;) {
        if (len - off < 2 || t[off + 1] < 2 || t[off + 1] > len - off ||
            t[off + 1] < entry_min(t[off]))
            return ACPI_E_TRUNCATED;
        madt_entry(t + off, m);
        off += t[off + 1];
    }
    return ACPI_OK;
}

int acpi_read_madt(const struct phys_reader *rd, paddr_t root, bool xsdt, struct madt_info *out)
{
    static uint8_t root_buf[4096];
    size_t rlen, len;
    int err = read_table(rd, root, root_buf, sizeof(root_buf), &rlen);

    if (err)
        return err;
    size_t width = xsdt ? 8 : 4;
    for (size_t off = SDT_HEADER; off + width <= rlen; off += width) {
        paddr_t pa = le(root_buf + off, width);
        uint8_t sig[4];
        if (!rd->read(rd->ctx, pa, sig, 4))
            continue; /* one bad pointer does not hide the other tables */
        if (memcmp(sig, "APIC", 4) != 0)
            continue;
        if ((err = read_table(rd, pa, table_buf, sizeof(table_buf), &len)))
            return err;
        return parse_madt(table_buf, len, out);
    }
    return ACPI_E_NOT_FOUND;
}

const char *acpi_strerror(int err)
{
    switch (err) {
    case ACPI_OK:
        return "no error";
    case ACPI_E_NO_RSDP:
        return "no ACPI RSDP";
    case ACPI_E_UNREADABLE:
        return "an ACPI table lies outside readable memory";
    case ACPI_E_CHECKSUM:
        return "an ACPI table has a bad checksum";
    case ACPI_E_TRUNCATED:
        return "an ACPI table is truncated";
    case ACPI_E_NOT_FOUND:
        return "no MADT";
    }
    return "unknown ACPI error";
}
