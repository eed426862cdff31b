/*
 * Lookups in the symbol map embedded in this kernel (core/ksyms.S), and
 * formatting an address as symbol+offset for backtraces and dumps.
 */
#include <kernel/fmt.h>
#include <kernel/ksym.h>

extern const char ksyms_start[], ksyms_end[];

bool ksym_lookup(uint64_t addr, struct ksym *out)
{
    return ksym_lookup_in(ksyms_start, (size_t)(ksyms_end - ksyms_start), addr, out);
}

bool ksym_find(const char *name, struct ksym *out)
{
    return ksym_find_in(ksyms_start, (size_t)(ksyms_end - ksyms_start), name, out);
}

void ksym_format(char *buf, size_t size, uint64_t addr)
{
    struct ksym s;

    if (!ksym_lookup(addr, &s)) {
        ksnprintf(buf, size, "?");
        return;
    }
    int len = s.name_len > 200 ? 200 : (int)s.name_len;
    if (s.size)
        ksnprintf(buf, size, "%.*s+0x%lx/0x%lx", len, s.name, addr - s.addr, s.size);
    else
        ksnprintf(buf, size, "%.*s+0x%lx", len, s.name, addr - s.addr);
}
