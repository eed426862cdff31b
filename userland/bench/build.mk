# userland/bench/: the kernel benchmarks (make bench). bench.elf is a root
# program of its own, booted with `init=bench`; linux_pingpong is the same
# measurements on the host, run in the same session as the reference.
# scripts/bench-kernel.sh runs both and writes $(BUILD)/bench/kernel.json.

BENCH_SRCS := $(wildcard userland/bench/*.c)
BENCH_HOST_SRC := userland/bench/linux_pingpong.c
BENCH_OBJS := $(patsubst %,$(U_OUT)/obj/%.o,$(filter-out $(BENCH_HOST_SRC),$(BENCH_SRCS)))
BENCH_LINUX := $(BUILD)/bench/linux_pingpong

$(U_OUT)/bench.elf: $(U_CRT0) $(BENCH_OBJS) $(U_OUT)/libhl.a userland/user.ld
	@echo "  ULD     $@"
	$(Q)$(U_CC) $(U_LDFLAGS) -o $@ $(U_CRT0) $(BENCH_OBJS) $(U_OUT)/libhl.a

# Optimised and without sanitizers: it is a measurement, not a test.
$(BENCH_LINUX): $(BENCH_HOST_SRC)
	@mkdir -p $(@D)
	@echo "  HOSTCC  $@"
	$(Q)$(HOST_CC) -std=c11 -O2 -Wall -Wextra -Werror -pthread -o $@ $<

ALL_TARGETS += $(U_OUT)/bench.elf

.PHONY: bench-kernel
bench-kernel: $(KERNEL_ELF) $(U_OUT)/bench.elf $(BENCH_LINUX) scripts/bench-kernel.sh \
    scripts/bench-report.py
	@scripts/bench-kernel.sh $(KERNEL_ELF) $(U_OUT)/bench.elf $(BENCH_LINUX) \
	    $(BUILD)/bench/kernel.json

BENCH_TARGETS += bench-kernel
