/*
 * ACPI RSDP/RSDT/XSDT/MADT reading over a fake physical memory, with tables
 * built here to the ACPI 6.4 layouts (5.2.5, 5.2.7, 5.2.8, 5.2.12) and
 * checksummed; then each way a table can lie.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <kernel/acpi.h>

#define MEM 0x4000
static uint8_t mem[MEM];
static uint8_t rsdp[36];

static bool rd_fn(void *ctx, paddr_t pa, void *dst, size_t len)
{
    (void)ctx;
    if (pa > MEM || len > MEM - pa)
        return false;
    memcpy(dst, mem + pa, len);
    return true;
}

static const struct phys_reader rd = {.read = rd_fn};

static void put(size_t at, uint64_t v, size_t n)
{
    memcpy(mem + at, &v, n);
}

static void checksum(uint8_t *p, size_t n, size_t at)
{
    uint8_t s = 0;

    p[at] = 0;
    for (size_t i = 0; i < n; i++)
        s = (uint8_t)(s + p[i]);
    p[at] = (uint8_t)-s;
}

static void header(size_t at, const char *sig, uint32_t len)
{
    memcpy(mem + at, sig, 4);
    put(at + 4, len, 4);
    mem[at + 8] = 1;
    memcpy(mem + at + 10, "HELIOS", 6);
}

/* RSDT at 0x1000 listing a FACP-like table at 0x1100 and the MADT at 0x1200;
 * XSDT at 0x1800 listing the MADT. */
static void build(void)
{
    memset(mem, 0, sizeof(mem));
    header(0x1100, "FACP", 36);
    checksum(mem + 0x1100, 36, 9);

    size_t m = 0x1200, off = 44;
    header(m, "APIC", 0);
    put(m + 36, 0xfee00000, 4);
    const uint8_t lapic0[] = {0, 8, 0, 0, 1, 0, 0, 0};
    const uint8_t lapic1[] = {0, 8, 1, 1, 1, 0, 0, 0};
    const uint8_t lapic_off[] = {0, 8, 2, 7, 0, 0, 0, 0}; /* disabled, not online-capable */
    const uint8_t ioapic[] = {1, 12, 4, 0, 0x00, 0x00, 0xc0, 0xfe, 0, 0, 0, 0};
    const uint8_t iso[] = {2, 10, 0, 0, 2, 0, 0, 0, 0, 0};
    const uint8_t nmi[] = {4, 6, 0xff, 5, 0, 1};
    const uint8_t *entries[] = {lapic0, lapic1, lapic_off, ioapic, iso, nmi};
    for (size_t i = 0; i < 6; i++) {
        memcpy(mem + m + off, entries[i], entries[i][1]);
        off += entries[i][1];
    }
    put(m + 4, off, 4);
    checksum(mem + m, off, 9);

    header(0x1000, "RSDT", 36 + 8);
    put(0x1000 + 36, 0x1100, 4);
    put(0x1000 + 40, 0x1200, 4);
    checksum(mem + 0x1000, 44, 9);

    header(0x1800, "XSDT", 36 + 8);
    put(0x1800 + 36, 0x1200, 8);
    checksum(mem + 0x1800, 44, 9);

    memset(rsdp, 0, sizeof(rsdp));
    memcpy(rsdp, "RSD PTR ", 8);
    rsdp[15] = 2;
    uint32_t rsdt = 0x1000;
    memcpy(rsdp + 16, &rsdt, 4);
    uint32_t len = 36;
    memcpy(rsdp + 20, &len, 4);
    uint64_t xsdt = 0x1800;
    memcpy(rsdp + 24, &xsdt, 8);
    checksum(rsdp, 20, 8);
    checksum(rsdp, 36, 32);
}

static void test_reads_madt(void **state)
{
    struct madt_info m;
    paddr_t root;
    bool x;

    (void)state;
    build();
    assert_int_equal(acpi_check_rsdp(rsdp, 36, &root, &x), ACPI_OK);
    assert_true(x);
    assert_int_equal(root, 0x1800);
    assert_int_equal(acpi_read_madt(&rd, root, x, &m), ACPI_OK);
    assert_int_equal(m.lapic_addr, 0xfee00000);
    assert_int_equal(m.ncpus, 2);
    assert_int_equal(m.apic_ids[1], 1);
    assert_int_equal(m.nioapics, 1);
    assert_int_equal(m.ioapics[0].id, 4);
    assert_int_equal(m.ioapics[0].addr, 0xfec00000);
    assert_int_equal(m.noverrides, 1);
    assert_int_equal(m.overrides[0].source, 0);
    assert_int_equal(m.overrides[0].gsi, 2);

    /* A version 1 RSDP: the RSDT, 32-bit entries, past a non-MADT table. */
    assert_int_equal(acpi_check_rsdp(rsdp, 20, &root, &x), ACPI_OK);
    assert_false(x);
    assert_int_equal(root, 0x1000);
    assert_int_equal(acpi_read_madt(&rd, root, x, &m), ACPI_OK);
    assert_int_equal(m.ncpus, 2);
}

static void test_rejects_lies(void **state)
{
    struct madt_info m;
    paddr_t root;
    bool x;

    (void)state;
    build();
    rsdp[9] ^= 1;
    assert_int_equal(acpi_check_rsdp(rsdp, 36, &root, &x), ACPI_E_CHECKSUM);
    build();
    rsdp[0] = 'X';
    assert_int_equal(acpi_check_rsdp(rsdp, 36, &root, &x), ACPI_E_NO_RSDP);
    assert_int_equal(acpi_check_rsdp(rsdp, 10, &root, &x), ACPI_E_NO_RSDP);

    build();
    mem[0x1200 + 50] ^= 0x40; /* MADT body changed: checksum fails */
    assert_int_equal(acpi_read_madt(&rd, 0x1800, true, &m), ACPI_E_CHECKSUM);

    build();
    mem[0x1200 + 44 + 1] = 1; /* entry length below 2 */
    checksum(mem + 0x1200, 0x60, 9);
    put(0x1200 + 4, 0x60, 4);
    checksum(mem + 0x1200, 0x60, 9);
    assert_int_equal(acpi_read_madt(&rd, 0x1800, true, &m), ACPI_E_TRUNCATED);

    build();
    put(0x1200 + 4, 20, 4); /* length smaller than a header */
    assert_int_equal(acpi_read_madt(&rd, 0x1800, true, &m), ACPI_E_TRUNCATED);

    build();
    put(0x1800 + 36, 0x3ff8, 8); /* the XSDT points off the end of memory */
    checksum(mem + 0x1800, 44, 9);
    assert_int_equal(acpi_read_madt(&rd, 0x1800, true, &m), ACPI_E_NOT_FOUND);
    assert_int_equal(acpi_read_madt(&rd, 0x3ff0, true, &m), ACPI_E_UNREADABLE);
}

static void test_fuzz(void **state)
{
    struct madt_info m;

    (void)state;
    srand(31);
    for (int i = 0; i < 20000; i++) {
        build();
        for (int k = 0; k < 1 + rand() % 4; k++)
            mem[0x1200 + (size_t)(rand() % 0x60)] = (uint8_t)rand();
        if (rand() % 2) { /* make some mutants pass the checksum to reach the parser */
            size_t n = mem[0x1204] | (size_t)mem[0x1205] << 8;
            checksum(mem + 0x1200, n < MEM - 0x1200 ? n : MEM - 0x1200, 9);
        }
        int err = acpi_read_madt(&rd, 0x1800, true, &m);
        assert_true(err <= 0 && err >= ACPI_E_NOT_FOUND);
        assert_true(m.ncpus <= ACPI_MAX_CPUS && m.nioapics <= ACPI_MAX_IOAPICS);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reads_madt),
        cmocka_unit_test(test_rejects_lies),
        cmocka_unit_test(test_fuzz),
    };
    return cmocka_run_group_tests_name("kernel.acpi", tests, NULL, NULL);
}
