/*
 * IPC syscalls (helios/ipc.h, docs/abi.md "IPC"): send, nbsend, call,
 * recv, poll, reply and reply-recv on endpoints, signal/wait/poll on
 * notifications, and helpers for messages longer than the register words.
 *
 * A message travels as struct hl_msg: the info word and MR0..MR5, which
 * the kernel takes from and returns in rdx, r10, r8, r9, r12, r13. Words
 * from MR6 on and the capabilities to transfer live in the task's IPC
 * buffer (struct hl_ipc_buffer), which the caller addresses itself: tasks
 * that share a VSpace each have their own, so there is no global one.
 *
 * Everything is inline: call/reply-recv is the IPC fast path and a call
 * through the library would be most of what user space adds to it.
 */
#ifndef HL_IPC_H
#define HL_IPC_H

#include <stdint.h>
#include <helios/errors.h>
#include <helios/ipc.h>
#include <helios/syscall.h>

struct hl_msg {
    int status;     /* on return: E_OK or a negative E_* code */
    uint64_t badge; /* received: the sender capability's badge, or a notification's bits */
    uint64_t info;  /* message info: HL_MSGINFO(label, caps, length) */
    uint64_t mr[HL_MSG_REG_WORDS];
};

/*
 * One IPC syscall. Every register the kernel may write on the receiving
 * side is an in/out operand, so the compiler assumes nothing survives;
 * rcx and r11 are the syscall instruction's own.
 */
static inline struct hl_msg hl_ipc_syscall(uint64_t nr, uint64_t cptr, const struct hl_msg *in)
{
    register uint64_t r10 __asm__("r10") = in->mr[1];
    register uint64_t r8 __asm__("r8") = in->mr[2];
    register uint64_t r9 __asm__("r9") = in->mr[3];
    register uint64_t r12 __asm__("r12") = in->mr[4];
    register uint64_t r13 __asm__("r13") = in->mr[5];
    uint64_t rax = nr, rdi = cptr, rsi = in->info, rdx = in->mr[0];
    struct hl_msg out;

    __asm__ volatile("syscall"
                     : "+a"(rax), "+D"(rdi), "+S"(rsi), "+d"(rdx), "+r"(r10), "+r"(r8), "+r"(r9),
                       "+r"(r12), "+r"(r13)
                     :
                     : "rcx", "r11", "memory");
    out.status = (int)(int64_t)rax;
    out.badge = rdi;
    out.info = rsi;
    out.mr[0] = rdx;
    out.mr[1] = r10;
    out.mr[2] = r8;
    out.mr[3] = r9;
    out.mr[4] = r12;
    out.mr[5] = r13;
    return out;
}

/* A message with label, length and up to six register words (the rest 0). */
static inline struct hl_msg hl_msg_make(uint64_t label, unsigned length, uint64_t w0, uint64_t w1,
                                        uint64_t w2, uint64_t w3, uint64_t w4, uint64_t w5)
{
    return (struct hl_msg){.info = HL_MSGINFO(label, 0, length), .mr = {w0, w1, w2, w3, w4, w5}};
}

static const struct hl_msg hl_msg_empty;

/* Endpoint sends: E_OK once the message is delivered (send blocks until a
 * receiver takes it; nbsend fails with E_WOULD_BLOCK unless one waits). */
static inline int hl_send(uint32_t ep, const struct hl_msg *m)
{
    return hl_ipc_syscall(SYS_SEND, ep, m).status;
}

static inline int hl_nbsend(uint32_t ep, const struct hl_msg *m)
{
    return hl_ipc_syscall(SYS_NBSEND, ep, m).status;
}

/* Sends m and waits for the reply, which comes back (badge 0). */
static inline struct hl_msg hl_call(uint32_t ep, const struct hl_msg *m)
{
    return hl_ipc_syscall(SYS_CALL, ep, m);
}

/* Waits for a message (or, on a notification, for bits). */
static inline struct hl_msg hl_recv(uint32_t ep)
{
    return hl_ipc_syscall(SYS_RECV, ep, &hl_msg_empty);
}

/* As recv, but E_WOULD_BLOCK instead of waiting. */
static inline struct hl_msg hl_poll(uint32_t ep)
{
    return hl_ipc_syscall(SYS_POLL, ep, &hl_msg_empty);
}

/* Replies to the last call received; E_STATE if there is none. */
static inline int hl_reply(const struct hl_msg *m)
{
    return hl_ipc_syscall(SYS_REPLY, 0, m).status;
}

/* Replies (if a caller waits) and receives on ep in one syscall. */
static inline struct hl_msg hl_reply_recv(uint32_t ep, const struct hl_msg *reply)
{
    return hl_ipc_syscall(SYS_REPLY_RECV, ep, reply);
}

/* Notifications: signal ORs the capability's badge in (bit 0 unbadged);
 * wait blocks until some bit is set and returns and clears them in *bits;
 * poll returns E_WOULD_BLOCK instead of waiting. */
static inline int hl_signal(uint32_t ntfn)
{
    return hl_ipc_syscall(SYS_SEND, ntfn, &hl_msg_empty).status;
}

static inline int hl_wait(uint32_t ntfn, uint64_t *bits)
{
    struct hl_msg m = hl_ipc_syscall(SYS_RECV, ntfn, &hl_msg_empty);

    *bits = m.status == E_OK ? m.badge : 0;
    return m.status;
}

static inline int hl_ntfn_poll(uint32_t ntfn, uint64_t *bits)
{
    struct hl_msg m = hl_ipc_syscall(SYS_POLL, ntfn, &hl_msg_empty);

    *bits = m.status == E_OK ? m.badge : 0;
    return m.status;
}

/* Long messages: word i of a message is m->mr[i] below HL_MSG_REG_WORDS
 * and buf->mr[i] from there on. These copy n words in or out. */
static inline void hl_msg_put_words(struct hl_msg *m, struct hl_ipc_buffer *buf,
                                    const uint64_t *words, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        if (i < HL_MSG_REG_WORDS)
            m->mr[i] = words[i];
        else
            buf->mr[i] = words[i];
    }
}

static inline void hl_msg_get_words(const struct hl_msg *m, const struct hl_ipc_buffer *buf,
                                    uint64_t *words, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        words[i] = i < HL_MSG_REG_WORDS ? m->mr[i] : buf->mr[i];
}

#endif
