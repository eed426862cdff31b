# Helios-C: one non-recursive Makefile. Each component adds its rules in its
# own build.mk; every output lands under $(BUILD).
#
#   make            build the kernel, the ISO and the host tools
#   make run        boot the kernel in QEMU (serial console on this terminal)
#   make test       host tests + QEMU suites, closing with "N passed, N failed"
#   make iso        build/helios.iso (GRUB, BIOS and UEFI)
#   make debug / make gdb   the kernel's GDB stub on COM2 (:$GDB_PORT) and gdb on it
#   make debug-qemu / make gdb-qemu   QEMU's own gdbstub on :1234 and gdb on it
#   make test-gdb   stock gdb against the kernel's stub (part of make test)
#   make test-kernel  only the kernel's QEMU suites (self-tests, Vulcan, drivers)
#   make bench      kernel benchmarks (not part of make test)
#   make deps       install missing Debian packages (run by run and test)
#   make clean      remove build/

BUILD      ?= build
export BUILD
GDB_PORT   ?= 4444
QEMU_GDB_PORT ?= 1234

.SUFFIXES:
.DELETE_ON_ERROR:
.PHONY: all deps run test test-suites clean iso bench debug gdb debug-qemu gdb-qemu test-gdb \
    test-kernel FORCE

all:

# The root task: the first user program, loaded by the kernel from a boot
# module (userland/build.mk builds it).
ROOT_ELF   := $(BUILD)/userland/root.elf

# `make V=1` shows the full commands.
ifeq ($(V),1)
Q :=
else
Q := @
endif

# ---- host toolchain: tests and tools run under ASan and UBSan -------------
HOST_CC      ?= gcc
HOST_SAN     ?= -fsanitize=address,undefined -fno-sanitize-recover=undefined
HOST_CFLAGS  ?= -std=c11 -g -O1 -Wall -Wextra -Werror -D_DEFAULT_SOURCE \
                -fno-omit-frame-pointer $(HOST_SAN)
HOST_LDFLAGS ?= $(HOST_SAN)
TEST_LIBS    ?= -lcmocka

# Host objects mirror the source tree under $(BUILD)/host. Components set
# per-directory include paths with target-specific HOST_INC.
$(BUILD)/host/%.o: %.c
	@mkdir -p $(@D)
	@echo "  HOSTCC  $<"
	$(Q)$(HOST_CC) $(HOST_CFLAGS) $(HOST_INC) -MMD -MP -c -o $@ $<

# $(call host_test,NAME,SOURCES[,LIBS]): build $(BUILD)/tests/NAME from the
# sources plus the test framework, and register it as test suite host-NAME.
define host_test
$(BUILD)/tests/$(1): $(patsubst %.c,$(BUILD)/host/%.o,$(2))
	@mkdir -p $$(@D)
	@echo "  HOSTLD  $$@"
	$$(Q)$$(HOST_CC) $$(HOST_LDFLAGS) -o $$@ $$^ $(3) $$(TEST_LIBS)
$(BUILD)/test/host-$(1).tap: $(BUILD)/tests/$(1) FORCE
	@scripts/tap-run.sh $$@ -- env CMOCKA_MESSAGE_OUTPUT=TAP $(BUILD)/tests/$(1)
TEST_TAPS += $(BUILD)/test/host-$(1).tap
endef

include kernel/build.mk
include gdbstub/build.mk
include dwarf/build.mk
include dwarf/elf/build.mk
include debugger/build.mk
include linux-port/build.mk
include userland/build.mk
include userland/bench/build.mk
include vulcan/build.mk

all: $(ALL_TARGETS)

deps:
	@scripts/deps.sh

run: deps
	@$(MAKE) --no-print-directory $(KERNEL_ELF) $(ROOT_ELF)
	@QEMU_INITRD=$(ROOT_ELF) scripts/qemu-run.sh $(KERNEL_ELF) $(RUN_APPEND)

debug-qemu: deps
	@$(MAKE) --no-print-directory $(KERNEL_ELF) $(ROOT_ELF)
	@QEMU_INITRD=$(ROOT_ELF) scripts/qemu-run.sh --qemu-gdb $(QEMU_GDB_PORT) $(KERNEL_ELF) \
	    $(RUN_APPEND)

gdb-qemu: $(KERNEL_ELF)
	gdb -q $(KERNEL_ELF) -ex 'target remote localhost:$(QEMU_GDB_PORT)'

# The kernel's own GDB stub on COM2 (localhost:$(GDB_PORT)). By default the
# kernel stops in kmain until gdb attaches; KGDB_WAIT= boots straight on and
# gdb can attach (and interrupt) at any time.
KGDB_WAIT ?= gdb=wait
debug: deps
	@$(MAKE) --no-print-directory $(KERNEL_ELF) $(ROOT_ELF)
	@QEMU_INITRD=$(ROOT_ELF) scripts/qemu-run.sh --kgdb $(GDB_PORT) $(KERNEL_ELF) \
	    $(KGDB_WAIT) $(RUN_APPEND)

gdb: $(KERNEL_ELF)
	gdb -q $(KERNEL_ELF) -ex 'target remote localhost:$(GDB_PORT)'

test-gdb: $(BUILD)/test/kernel-gdb.tap

# The kernel's suites under QEMU only (self-tests, Vulcan, drivers, stubs).
test-kernel: deps
	@rm -f $(filter $(BUILD)/test/kernel-% $(BUILD)/test/vulcan-% $(BUILD)/test/serial-% \
	    $(BUILD)/test/pci-% $(BUILD)/test/debugserver-%,$(TEST_TAPS))
	@$(MAKE) --no-print-directory -k -j2 $(filter $(BUILD)/test/kernel-% $(BUILD)/test/vulcan-% \
	    $(BUILD)/test/serial-% $(BUILD)/test/pci-% $(BUILD)/test/debugserver-%,$(TEST_TAPS)) || true
	@scripts/tap-summary.sh $(filter $(BUILD)/test/kernel-% $(BUILD)/test/vulcan-% \
	    $(BUILD)/test/serial-% $(BUILD)/test/pci-% $(BUILD)/test/debugserver-%,$(TEST_TAPS))

# Every suite writes $(BUILD)/test/NAME.tap; a suite that fails to build
# leaves no file and the summary counts it as failed.
test: deps
	@rm -rf $(BUILD)/test
	@$(MAKE) --no-print-directory -k -j2 test-suites || true
	@scripts/tap-summary.sh $(TEST_TAPS)

test-suites: $(TEST_TAPS)

# Benchmarks are separate from the tests: each bench*.mk adds its runs to
# BENCH_TARGETS and prints our figures next to its reference.
bench: deps
	@$(MAKE) --no-print-directory $(BENCH_TARGETS)

clean:
	rm -rf $(BUILD)

FORCE:

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
