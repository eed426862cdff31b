# QEMU suites of the kernel: self-tests through both boot protocols (and
# UEFI), the crash report, and boots that must end in a clear panic.
# Each suite is a scripts/qemu-test.sh run whose TAP lands in
# $(BUILD)/test/NAME.tap.

ISO       := $(BUILD)/helios.iso
K_TESTDIR := $(BUILD)/testdata
K_TESTMOD := $(K_TESTDIR)/testmod
K_TESTISO := $(K_TESTDIR)/helios-test.iso
QEMU_TEST := scripts/qemu-test.sh
comma     := ,

$(ISO): $(KERNEL_ELF) $(ROOT_ELF) scripts/mkiso.sh
	@echo "  ISO     $@"
	$(Q)scripts/mkiso.sh $@ $(KERNEL_ELF) "" $(ROOT_ELF) root

$(K_TESTMOD): scripts/mktestmod.py
	@mkdir -p $(@D)
	$(Q)scripts/mktestmod.py $@

$(K_TESTISO): $(KERNEL_ELF) $(K_TESTMOD) scripts/mkiso.sh
	@echo "  ISO     $@"
	$(Q)scripts/mkiso.sh $@ $(KERNEL_ELF) "ktest panic=exit" $(K_TESTMOD) "testmod alpha beta"

iso: $(ISO)
ALL_TARGETS += $(ISO)

# $(call kernel_suite,NAME,DEPS,ARGS)
define kernel_suite
$(BUILD)/test/$(1).tap: $(2) $(QEMU_TEST) FORCE
	@scripts/tap-run.sh $$@ -- $(QEMU_TEST) --name $(1) $(3)
TEST_TAPS += $(BUILD)/test/$(1).tap
endef

K_SELFTEST_ARGS := --tap --expect-exit 33 --timeout 60

$(eval $(call kernel_suite,kernel-selftest-mb1,$(KERNEL_ELF) $(K_TESTMOD),\
    $(K_SELFTEST_ARGS) --append "ktest panic=exit" \
    --module "$(K_TESTMOD) alpha beta" $(KERNEL_ELF)))

$(eval $(call kernel_suite,kernel-selftest-grub-bios,$(K_TESTISO),\
    $(K_SELFTEST_ARGS) --iso $(K_TESTISO)))

$(eval $(call kernel_suite,kernel-selftest-grub-uefi,$(K_TESTISO),\
    $(K_SELFTEST_ARGS) --timeout 120 --iso --uefi $(K_TESTISO)))

# The ISO `make iso` ships: boots to the banner, the memory summary and the
# root task.
$(eval $(call kernel_suite,kernel-iso-boot,$(ISO),\
    --until "^root: 'root' entry" --timeout 60 --expect "^Helios-C [0-9.]+ x86_64" \
    --expect "^memory: [0-9]+ MiB usable" --expect "multiboot2" --iso $(ISO)))

$(eval $(call kernel_suite,kernel-boot-banner,$(KERNEL_ELF) $(ROOT_ELF),\
    --until "^root: 'root' entry" --timeout 30 --expect "^Helios-C [0-9.]+ x86_64" \
    --expect "^memory: 127 MiB usable in [0-9]+ regions" \
    --expect "^timer: local APIC at 100 Hz" --module $(ROOT_ELF) $(KERNEL_ELF)))

# A root module that is not a program ends in a clear panic.
$(eval $(call kernel_suite,kernel-panic-bad-root,$(KERNEL_ELF) $(K_TESTMOD),\
    --expect-exit 37 --append "init=testmod panic=exit" --module "$(K_TESTMOD)" \
    --expect "^PANIC: root task: module 'testmod' is not a usable program: not a little-endian ELF64 x86-64 executable" \
    $(KERNEL_ELF)))

# Crash reports: vector name, error code, CR2, registers, backtrace by name.
K_BT := --expect "Backtrace:" --expect "crash_inner\+0x" --expect "crash_outer\+0x" \
    --expect "selftest_crash\+0x" --expect "kmain\+0x" --expect "rax [0-9a-f]{16}" \
    --expect "cr3 [0-9a-f]{16}" --expect "^System halted"

$(eval $(call kernel_suite,kernel-crash-pagefault,$(KERNEL_ELF),\
    --expect-exit 37 --append "crash=pagefault panic=exit" \
    --expect "KERNEL EXCEPTION: #PF page fault \(vector 14\)$(comma) error code 0x2 \[not present$(comma) write$(comma) kernel\]" \
    --expect "cr2 000000000dead000" --expect "rip ffffffff8[0-9a-f]+ <crash_inner\+0x" \
    $(K_BT) $(KERNEL_ELF)))

$(eval $(call kernel_suite,kernel-crash-ud,$(KERNEL_ELF),\
    --expect-exit 37 --append "crash=ud panic=exit" \
    --expect "KERNEL EXCEPTION: #UD invalid opcode \(vector 6\)" $(K_BT) $(KERNEL_ELF)))

$(eval $(call kernel_suite,kernel-crash-panic,$(KERNEL_ELF),\
    --expect-exit 37 --append "crash=panic panic=exit" \
    --expect "^PANIC: deliberate panic requested with crash=panic" \
    --expect "rip ffffffff8[0-9a-f]+ <panic\+0x" $(K_BT) $(KERNEL_ELF)))

# Bad boot input ends in a clear panic, not a triple fault.
$(eval $(call kernel_suite,kernel-panic-small-memory,$(KERNEL_ELF),\
    --expect-exit 37 --mem 14M --append "panic=exit" \
    --expect "^PANIC: memory: too little memory: [0-9]+ KiB free after the kernel and modules$(comma) Helios needs at least 16384 KiB" \
    $(KERNEL_ELF)))

$(eval $(call kernel_suite,kernel-panic-missing-module,$(KERNEL_ELF),\
    --expect-exit 37 --append "init=rootsrv panic=exit" \
    --expect "^PANIC: boot: root task module 'rootsrv' not found \(0 modules loaded\)" \
    $(KERNEL_ELF)))

# Source-level kernel debugging from day one: stock gdb on QEMU's gdbstub.
$(BUILD)/test/kernel-gdb-qemu.tap: $(KERNEL_ELF) $(K_OUT)/kernel.sym scripts/gdb-qemu-test.sh FORCE
	@scripts/tap-run.sh $@ -- scripts/gdb-qemu-test.sh $(KERNEL_ELF)
TEST_TAPS += $(BUILD)/test/kernel-gdb-qemu.tap

# What `make run` runs, with stdin not a terminal, as CI and scripts use it.
$(BUILD)/test/kernel-make-run.tap: $(KERNEL_ELF) $(ROOT_ELF) scripts/run-smoke-test.sh \
    scripts/qemu-run.sh FORCE
	@scripts/tap-run.sh $@ -- scripts/run-smoke-test.sh $(KERNEL_ELF) $(ROOT_ELF)
TEST_TAPS += $(BUILD)/test/kernel-make-run.tap

# Stock gdb against the kernel's own stub on COM2 (make test-gdb).
$(BUILD)/test/kernel-gdb.tap: $(KERNEL_ELF) $(ROOT_ELF) scripts/gdb-kernel-test.sh FORCE
	@scripts/tap-run.sh $@ -- scripts/gdb-kernel-test.sh $(KERNEL_ELF) $(ROOT_ELF)
TEST_TAPS += $(BUILD)/test/kernel-gdb.tap

# make bench-gdbstub: our stub against QEMU's, reading memory and stepping.
bench-gdbstub: $(KERNEL_ELF) $(ROOT_ELF)
	@scripts/bench-gdbstub.sh $(KERNEL_ELF) $(ROOT_ELF)
BENCH_TARGETS += bench-gdbstub
.PHONY: bench-gdbstub

# docs/abi.md and the uapi headers name the same constants with the same values.
$(BUILD)/test/abi-docs.tap: scripts/check-abi-docs.py docs/abi.md $(wildcard kernel/include/uapi/helios/*.h) FORCE
	@scripts/tap-run.sh $@ -- scripts/check-abi-docs.py kernel/include/uapi/helios docs/abi.md
TEST_TAPS += $(BUILD)/test/abi-docs.tap
