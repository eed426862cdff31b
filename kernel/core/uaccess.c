/* Fault-safe user memory access; see include/kernel/uaccess.h. */
#include <arch/extable.h>
#include <helios/caps.h>
#include <helios/errors.h>
#include <kernel/uaccess.h>

static bool user_range(uint64_t p, size_t n)
{
    return p < HL_USER_TOP && n <= HL_USER_TOP - p;
}

int copy_from_user(void *dst, uint64_t user_src, size_t n)
{
    if (!user_range(user_src, n))
        return E_FAULT;
    return arch_copy_safe(dst, (const void *)(uintptr_t)user_src, n) == 0 ? E_OK : E_FAULT;
}

int copy_to_user(uint64_t user_dst, const void *src, size_t n)
{
    if (!user_range(user_dst, n))
        return E_FAULT;
    return arch_copy_safe((void *)(uintptr_t)user_dst, src, n) == 0 ? E_OK : E_FAULT;
}
