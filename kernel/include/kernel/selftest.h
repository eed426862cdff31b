/*
 * Deliberate crashes for testing the crash report end to end
 * (`crash=pagefault|ud|panic` on the command line).
 */
#ifndef KERNEL_SELFTEST_H
#define KERNEL_SELFTEST_H

void selftest_crash(const char *kind);

#endif
