/*
 * The errors every invocation shares, for every label: an invoked cptr
 * that is 0, past the end of the CSpace or wider than 32 bits
 * (E_INVALID_CADDR), one naming an empty slot (E_SLOT_EMPTY), and a label
 * the capability's type does not have (E_INVALID_LABEL). And the same
 * lookup errors, wrong types and reserved message-info bits for the IPC
 * syscalls. Table-driven so a new label is covered by adding it here.
 */
#include <helios/caps.h>
#include <helios/errors.h>
#include <helios/invocations.h>
#include <helios/ipc.h>
#include <stddef.h>
#include <hl/invoke.h>
#include <hl/ipc.h>
#include <hl/syscall.h>
#include <vulcan/vulcan.h>

static const uint64_t labels[] = {
    HL_MEMORY_RETYPE,
    HL_MEMORY_INFO,
    HL_CSPACE_COPY,
    HL_CSPACE_MINT,
    HL_CSPACE_MOVE,
    HL_CSPACE_DELETE,
    HL_CSPACE_REVOKE,
    HL_CSPACE_IDENTIFY,
    HL_CSPACE_LIST,
    HL_CSPACE_INSPECT,
    HL_TABLE_MAP,
    HL_TABLE_UNMAP,
    HL_PAGE_MAP,
    HL_PAGE_UNMAP,
    HL_PAGE_REMAP,
    HL_PAGE_INFO,
    HL_TASK_CONFIGURE,
    HL_TASK_WRITE_REGS,
    HL_TASK_READ_REGS,
    HL_TASK_RESUME,
    HL_TASK_SUSPEND,
    HL_TASK_SET_PRIORITY,
    HL_TASK_INFO,
    HL_TASK_SET_NAME,
    HL_TASK_BIND_NOTIFICATION,
    HL_DEBUG_READ_REGS,
    HL_DEBUG_WRITE_REGS,
    HL_DEBUG_READ_MEM,
    HL_DEBUG_WRITE_MEM,
    HL_DEBUG_SUSPEND,
    HL_DEBUG_RESUME,
    HL_DEBUG_STEP,
    HL_DEBUG_SET_BREAKPOINT,
    HL_DEBUG_CLEAR_BREAKPOINT,
    HL_DEBUG_SET_ENDPOINT,
    HL_IOCONTROL_ISSUE,
    HL_IOPORT_IN,
    HL_IOPORT_OUT,
    HL_IRQCONTROL_GET,
    HL_IRQ_SET_NOTIFICATION,
    HL_IRQ_ACK,
    HL_IRQ_CLEAR_NOTIFICATION,
};

#define NLABELS (sizeof(labels) / sizeof(labels[0]))

static bool is_memory_label(uint64_t label)
{
    return label == HL_MEMORY_RETYPE || label == HL_MEMORY_INFO;
}

UTEST(lookup, every_label_on_bad_cptrs)
{
    uint32_t empty = ut_slot(env);
    uint64_t past_end = 1ull << env->bi->cspace_bits;

    for (unsigned i = 0; i < NLABELS; i++) {
        UT_CHECK_ERR(hl_invoke(0, labels[i], 0, 0, 0, 0, NULL), E_INVALID_CADDR);
        UT_CHECK_ERR(hl_invoke(past_end, labels[i], 0, 0, 0, 0, NULL), E_INVALID_CADDR);
        UT_CHECK_ERR(hl_invoke(1ull << 32 | HL_ROOT_SLOT_TASK, labels[i], 0, 0, 0, 0, NULL),
                     E_INVALID_CADDR);
        UT_CHECK_ERR(hl_invoke(empty, labels[i], 0, 0, 0, 0, NULL), E_SLOT_EMPTY);
    }
    UT_CHECK_EQ(ut_slot_empty(env, empty), true);
}

/* A VSpace has no invocations at all; a Memory capability has only its own.
 * Each label goes to a capability whose type does not have it, and nothing
 * may change: the Memory capability's free size is the witness. */
UTEST(lookup, every_label_on_a_wrong_type)
{
    uint32_t vspace = ut_object(env, HL_CAP_VSPACE, 0);
    uint32_t mem = ut_memory(env, 16), ep = ut_object(env, HL_CAP_ENDPOINT, 0);
    struct hl_memory_info before, after;

    UT_CHECK_ERR(hl_memory_info(mem, &before), E_OK);
    for (unsigned i = 0; i < NLABELS; i++) {
        UT_CHECK_ERR(hl_invoke(vspace, labels[i], 0, 0, 0, 0, NULL), E_INVALID_LABEL);
        uint32_t other = is_memory_label(labels[i]) ? ep : mem;
        UT_CHECK_ERR(hl_invoke(other, labels[i], 0, 0, 0, 0, NULL), E_INVALID_LABEL);
    }
    UT_CHECK_ERR(hl_memory_info(mem, &after), E_OK);
    UT_CHECK_EQ(after.free, before.free);
}

static int ipc_status(uint64_t nr, uint64_t cptr, uint64_t info)
{
    struct hl_msg m = {.info = info};

    return hl_ipc_syscall(nr, cptr, &m).status;
}

/* None of these may block: every call fails its checks first. */
UTEST(lookup, ipc_syscalls_on_bad_cptrs_and_types)
{
    static const uint64_t nrs[] = {SYS_SEND, SYS_NBSEND, SYS_CALL,
                                   SYS_RECV, SYS_POLL,   SYS_REPLY_RECV};
    uint32_t empty = ut_slot(env), mem = ut_memory(env, 16);
    uint64_t past_end = 1ull << env->bi->cspace_bits;

    for (unsigned i = 0; i < sizeof(nrs) / sizeof(nrs[0]); i++) {
        UT_CHECK_ERR(ipc_status(nrs[i], 0, 0), E_INVALID_CADDR);
        UT_CHECK_ERR(ipc_status(nrs[i], past_end, 0), E_INVALID_CADDR);
        UT_CHECK_ERR(ipc_status(nrs[i], empty, 0), E_SLOT_EMPTY);
        UT_CHECK_ERR(ipc_status(nrs[i], mem, 0), E_WRONG_TYPE);
    }
}

/* Bits 10-15 of the message info are the kernel's: a sender setting them is
 * refused before anything happens (so these sends do not block). */
UTEST(lookup, ipc_reserved_info_bits)
{
    uint32_t ep = ut_object(env, HL_CAP_ENDPOINT, 0);

    for (unsigned bit = 10; bit < 16; bit++) {
        UT_CHECK_ERR(ipc_status(SYS_SEND, ep, 1ull << bit), E_INVALID_ARG);
        UT_CHECK_ERR(ipc_status(SYS_NBSEND, ep, 1ull << bit), E_INVALID_ARG);
        UT_CHECK_ERR(ipc_status(SYS_CALL, ep, 1ull << bit), E_INVALID_ARG);
    }
    UT_CHECK_ERR(ipc_status(SYS_NBSEND, ep, 0), E_WOULD_BLOCK); /* the endpoint is fine */
}
