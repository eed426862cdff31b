/* Between the runner (utest.c) and the case environment (utest_env.c). */
#ifndef UTEST_INT_H
#define UTEST_INT_H

/* Failed checks so far, over all cases and all their tasks. */
unsigned ut_failure_count(void);

#endif
