# linux-port: hdb's Linux platform layer, ptrace target and libelf loader.
# main.c is hdb's entry point on Linux, so $(BUILD)/bin/hdb is linked here.

HDB_LINUX_SRCS := $(wildcard linux-port/*.c)
HDB_LINUX_OBJS := $(patsubst %.c,$(BUILD)/host/%.o,$(HDB_LINUX_SRCS))

$(BUILD)/host/linux-port/%.o: HOST_INC := -Ilinux-port/include -Idebugger/include -Idwarf/include

$(BUILD)/bin/hdb: $(HDB_CORE_OBJS) $(HDB_TUI_OBJS) $(HDB_LINUX_OBJS) \
                  $(patsubst %.c,$(BUILD)/host/%.o,$(DWARF_LIB_SRCS)) $(HDB_CODEC_OBJS) \
                  | $(BUILD)/debugger/core.stamp
	@mkdir -p $(@D)
	@echo "  HOSTLD  $@"
	$(Q)$(HOST_CC) $(HOST_LDFLAGS) -o $@ $^ -lelf -lz -lncursesw -lcapstone

ALL_TARGETS += $(BUILD)/bin/hdb

# ---- unit tests (cmocka) ---------------------------------------------------
# hdb-emulate runs emulate.c against the CPU: a ptraced child single-steps
# each instruction (tests/test_emulate.c).
HDB_EMULATE_TEST_SRCS := linux-port/tests/test_emulate.c linux-port/tests/test_emulate_gen.c \
    linux-port/tests/test_emulate_decline.c linux-port/emulate.c
$(eval $(call host_test,hdb-emulate,$(HDB_EMULATE_TEST_SRCS),-lcapstone))
$(BUILD)/host/linux-port/tests/%.o: HOST_INC := -Ilinux-port -Idebugger/include
