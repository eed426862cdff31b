/* CPU feature detection through CPUID (SDM Vol. 2A CPUID). */
#include <arch/cpu.h>
#include <kernel/string.h>

struct cpu_features cpu_features;

void cpu_detect(void)
{
    uint32_t r[4];

    cpuid(0, 0, r);
    memcpy(cpu_features.vendor, &r[1], 4);
    memcpy(cpu_features.vendor + 4, &r[3], 4);
    memcpy(cpu_features.vendor + 8, &r[2], 4);

    cpuid(0x80000000, 0, r);
    uint32_t max_ext = r[0];
    if (max_ext >= 0x80000001) {
        cpuid(0x80000001, 0, r);
        cpu_features.nx = (r[3] >> 20) & 1;
        cpu_features.pdpe1gb = (r[3] >> 26) & 1;
    }
    if (max_ext >= 0x80000004) {
        for (uint32_t i = 0; i < 3; i++) {
            cpuid(0x80000002 + i, 0, r);
            memcpy(cpu_features.brand + 16 * i, r, 16);
        }
    }
    if (max_ext >= 0x80000007) {
        cpuid(0x80000007, 0, r);
        cpu_features.invariant_tsc = (r[3] >> 8) & 1;
    }
}
