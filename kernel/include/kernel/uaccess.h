/*
 * The one way the kernel touches user memory. The range must lie in the
 * user half; the copy itself survives faults (arch_copy_safe). Anything
 * else, including a read-only destination, is E_FAULT.
 */
#ifndef KERNEL_UACCESS_H
#define KERNEL_UACCESS_H

#include <kernel/types.h>

int copy_from_user(void *dst, uint64_t user_src, size_t n);
int copy_to_user(uint64_t user_dst, const void *src, size_t n);

#endif
