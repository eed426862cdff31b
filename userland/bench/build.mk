# userland/bench/: the kernel benchmarks (make bench); no rules yet
