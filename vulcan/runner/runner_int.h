/* Between the runner (runner.c) and the case environment (env.c). */
#ifndef VULCAN_RUNNER_INT_H
#define VULCAN_RUNNER_INT_H

/* Failed checks so far, over all cases and all their tasks. */
unsigned ut_failure_count(void);

#endif
