# gdbstub: the GDB remote protocol engine (a freestanding library), its
# host tests and the stock-gdb oracle test.

GDBSTUB_SRCS := \
	gdbstub/codec.c \
	gdbstub/parse.c \
	gdbstub/reply.c \
	gdbstub/frame.c \
	gdbstub/engine.c \
	gdbstub/dispatch.c \
	gdbstub/regs.c \
	gdbstub/mem.c \
	gdbstub/breakpoints.c \
	gdbstub/resume.c \
	gdbstub/threads.c \
	gdbstub/query.c \
	gdbstub/xfer.c \
	gdbstub/arch/x86_64/tdesc.c

$(BUILD)/host/gdbstub/%.o: HOST_INC := -Igdbstub/include -Igdbstub

# ---- freestanding check ---------------------------------------------------
# Every library source must build with exactly the kernel's flags and no
# libc headers. The relocatable link of all objects may then only need
# what GCC itself may emit calls to in freestanding code (memcpy, memmove,
# memset, memcmp); anything else means a libc dependency crept in.
GDBSTUB_FREE_CFLAGS := -std=c11 -O2 -Wall -Wextra -Werror \
	-ffreestanding -mno-red-zone -mcmodel=kernel -fno-pic -mgeneral-regs-only -nostdlib \
	-nostdinc -isystem $(shell $(HOST_CC) -print-file-name=include) \
	-Igdbstub/include -Igdbstub
GDBSTUB_FREE_OBJS := $(patsubst gdbstub/%.c,$(BUILD)/gdbstub/freestanding/%.o,$(GDBSTUB_SRCS))
GDBSTUB_FREE_STAMP := $(BUILD)/gdbstub/freestanding/check.stamp

$(BUILD)/gdbstub/freestanding/%.o: gdbstub/%.c
	@mkdir -p $(@D)
	@echo "  FREECC  $<"
	$(Q)$(HOST_CC) $(GDBSTUB_FREE_CFLAGS) -MMD -MP -c -o $@ $<

$(GDBSTUB_FREE_STAMP): $(GDBSTUB_FREE_OBJS)
	@echo "  FREECHK $(@D)/gdbstub.o"
	$(Q)ld -r -o $(@D)/gdbstub.o $^
	@undef=$$(nm -u $(@D)/gdbstub.o | awk '{print $$2}' | grep -vxE 'mem(cpy|move|set|cmp)' || true); \
	if [ -n "$$undef" ]; then echo "gdbstub: not freestanding, needs: $$undef" >&2; exit 1; fi
	@touch $@

# ---- host tests -------------------------------------------------------------
GDBSTUB_TEST_COMMON := gdbstub/tests/harness.c gdbstub/tests/stream_check.c \
	gdbstub/tests/fake_target.c

$(eval $(call host_test,gdbstub-codec,gdbstub/tests/test_codec.c $(GDBSTUB_SRCS)))
$(eval $(call host_test,gdbstub-frame,gdbstub/tests/test_frame.c $(GDBSTUB_TEST_COMMON) $(GDBSTUB_SRCS)))
$(eval $(call host_test,gdbstub-packets,gdbstub/tests/test_packets.c $(GDBSTUB_TEST_COMMON) $(GDBSTUB_SRCS)))
$(eval $(call host_test,gdbstub-run,gdbstub/tests/test_run.c $(GDBSTUB_TEST_COMMON) $(GDBSTUB_SRCS)))
$(eval $(call host_test,gdbstub-fuzz,gdbstub/tests/test_fuzz.c $(GDBSTUB_TEST_COMMON) $(GDBSTUB_SRCS)))

# A non-freestanding library must break the suite, not just a side target.
$(BUILD)/tests/gdbstub-codec $(BUILD)/tests/gdbstub-frame $(BUILD)/tests/gdbstub-packets \
$(BUILD)/tests/gdbstub-run $(BUILD)/tests/gdbstub-fuzz: | $(GDBSTUB_FREE_STAMP)

# ---- oracle: stock gdb against the engine over TCP ------------------------
GDBSTUB_HOST_TARGET := $(BUILD)/tests/gdbstub-host-target

$(GDBSTUB_HOST_TARGET): $(patsubst %.c,$(BUILD)/host/%.o,gdbstub/tests/host_target.c $(GDBSTUB_SRCS)) | $(GDBSTUB_FREE_STAMP)
	@mkdir -p $(@D)
	@echo "  HOSTLD  $@"
	$(Q)$(HOST_CC) $(HOST_LDFLAGS) -o $@ $^

$(BUILD)/test/gdbstub-gdb.tap: $(GDBSTUB_HOST_TARGET) gdbstub/tests/gdb_oracle.sh FORCE
	@scripts/tap-run.sh $@ -- gdbstub/tests/gdb_oracle.sh $(GDBSTUB_HOST_TARGET) $(BUILD)/gdbstub/oracle
TEST_TAPS += $(BUILD)/test/gdbstub-gdb.tap

# ---- libFuzzer (by hand, needs clang; not part of make test) ---------------
.PHONY: gdbstub-libfuzzer
gdbstub-libfuzzer: $(BUILD)/fuzz/gdbstub-libfuzzer

$(BUILD)/fuzz/gdbstub-libfuzzer: gdbstub/tests/fuzz_libfuzzer.c gdbstub/tests/stream_check.c \
		gdbstub/tests/fake_target.c $(GDBSTUB_SRCS)
	@mkdir -p $(@D)
	@echo "  FUZZLD  $@"
	$(Q)clang -std=c11 -g -O1 -D_DEFAULT_SOURCE -Igdbstub/include -Igdbstub \
		-fsanitize=fuzzer,address,undefined -o $@ $^
