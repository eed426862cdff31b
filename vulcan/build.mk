# vulcan/: kernel tests run as user tasks. The framework and runner
# (vulcan/runner/, vulcan/include/) and the cases (userland/root/tests/)
# are linked into the root task by userland/build.mk, which runs them as
# the kernel-user-tests suite. Here: the syscall fuzzer, a boot program of
# its own ($(BUILD)/vulcan/fuzz.elf) built on the user runtime (libhl.a,
# crt0, user.ld from userland/build.mk), and the ABI coverage check.

V_OUT := $(BUILD)/vulcan
V_FUZZ_SRCS := $(wildcard vulcan/fuzz/*.c vulcan/fuzz/*.S)
V_FUZZ_OBJS := $(patsubst %,$(U_OUT)/obj/%.o,$(V_FUZZ_SRCS))
V_FUZZ := $(V_OUT)/fuzz.elf

$(V_FUZZ): $(U_CRT0) $(V_FUZZ_OBJS) $(U_OUT)/libhl.a userland/user.ld
	@mkdir -p $(@D)
	@echo "  ULD     $@"
	$(Q)$(U_CC) $(U_LDFLAGS) -o $@ $(U_CRT0) $(V_FUZZ_OBJS) $(U_OUT)/libhl.a

ALL_TARGETS += $(V_FUZZ)

# No input from a user task may panic the kernel: random syscalls.
$(eval $(call kernel_suite,vulcan-fuzz,$(KERNEL_ELF) $(V_FUZZ),\
    --tap --expect-exit 33 --timeout 240 --append "init=fuzz panic=exit" \
    --module "$(V_FUZZ)" $(KERNEL_ELF)))

# Coverage that is checked: docs/abi.md gives every syscall and invocation
# its results (OK and the E_* codes); $(V_COV_TABLE) is that list, made
# from the docs at build time (never committed, so it cannot go stale).
# vulcan/coverage/covered.tsv names the kernel-user-tests case that
# exercises each pair. The suite fails a manifest line whose pair is not
# documented or whose tests did not all run and pass; the pairs no line
# names go to $(V_COV_REPORT) with the coverage ratio (a report, not a test,
# until every pair has its test).
V_COV_TABLE  := $(V_OUT)/abi_table.tsv
V_COV_REPORT := $(V_OUT)/coverage-report.txt
V_COV        := scripts/abi-coverage.py

$(V_COV_TABLE): $(V_COV) docs/abi.md $(wildcard kernel/include/uapi/helios/*.h)
	@mkdir -p $(@D)
	@echo "  GEN     $@"
	$(Q)$(V_COV) table kernel/include/uapi/helios docs/abi.md >$@

$(BUILD)/test/vulcan-coverage.tap: $(V_COV_TABLE) vulcan/coverage/covered.tsv \
    $(BUILD)/test/kernel-user-tests.tap $(V_COV) FORCE
	@scripts/tap-run.sh $@ -- $(V_COV) check $(V_COV_TABLE) vulcan/coverage/covered.tsv \
	    $(BUILD)/test/kernel-user-tests.tap $(V_COV_REPORT)
TEST_TAPS += $(BUILD)/test/vulcan-coverage.tap
