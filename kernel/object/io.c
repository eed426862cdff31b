/*
 * I/O ports and IRQ lines as capabilities. IOControl issues IOPort
 * capabilities for port ranges; IRQControl issues one IRQ capability per
 * ISA line. Each port and each line is handed out at most once (E_IN_USE)
 * until the last capability to it is deleted. Ports the kernel drives
 * itself (COM1 console, COM2 GDB stub and its IRQ 3, the 8259 PICs) are never
 * handed out.
 *
 * An IRQ capability is bound to a notification: when the line fires the
 * kernel masks it and signals the notification with the badge of the
 * capability used to bind; the driver acknowledges through the IRQ
 * capability, which unmasks the line.
 */
#include <arch/apic.h>
#include <arch/cpu.h>
#include <helios/errors.h>
#include <kernel/ipc.h>

#define NPORTS 65536
#define NIRQS 16

static uint64_t ports_used[NPORTS / 64];
static uint16_t irqs_used;

static struct {
    struct notification *n;
    uint64_t badge;
} irq_binding[NIRQS];

void irq_handle(unsigned irq)
{
    ioapic_set_masked(irq, true);
    lapic_eoi();
    if (irq_binding[irq].n)
        notification_signal(irq_binding[irq].n, irq_binding[irq].badge);
}

static void irq_unbind(unsigned irq)
{
    irq_binding[irq].n = NULL;
    ioapic_set_masked(irq, true);
}

void irq_notification_gone(struct notification *n)
{
    for (unsigned i = 0; i < NIRQS; i++) {
        if (irq_binding[i].n == n)
            irq_unbind(i);
    }
}

static bool port_used(uint32_t p)
{
    return (ports_used[p / 64] >> (p % 64)) & 1;
}

static void mark_ports(uint32_t first, uint32_t count, bool used)
{
    for (uint32_t p = first; p < first + count; p++) {
        if (used)
            ports_used[p / 64] |= 1ull << (p % 64);
        else
            ports_used[p / 64] &= ~(1ull << (p % 64));
    }
}

void io_reserve_kernel_ports(void)
{
    mark_ports(0x3f8, 8, true); /* COM1 */
    mark_ports(0x2f8, 8, true); /* COM2 */
    mark_ports(0x20, 2, true);  /* PIC 1 */
    mark_ports(0xa0, 2, true);  /* PIC 2 */
    irqs_used |= 1u << 3;       /* COM2's IRQ: the GDB stub */
}

void io_object_destroy(const struct cap *c)
{
    if (c->type == HL_CAP_IOPORT)
        mark_ports((uint32_t)c->object, (uint32_t)c->arg, false);
    else if (c->type == HL_CAP_IRQ) {
        irq_unbind((unsigned)c->object);
        irqs_used &= (uint16_t) ~(1u << c->object);
    }
}

static int ioport_access(struct cap_slot *s, struct invocation *inv)
{
    uint64_t port = inv->a[0], width = inv->a[1];

    if (width != 1 && width != 2 && width != 4)
        return E_INVALID_ARG;
    /* Written so that no sum can wrap around: port is any 64-bit value. */
    if (port < s->cap.object || width > s->cap.arg || port - s->cap.object > s->cap.arg - width)
        return E_RANGE;
    uint16_t p = (uint16_t)port;
    if (inv->label == HL_IOPORT_IN) {
        uint32_t v;
        if (width == 1)
            v = inb(p);
        else if (width == 2)
            __asm__ volatile("inw %1, %w0" : "=a"(v) : "Nd"(p));
        else
            __asm__ volatile("inl %1, %0" : "=a"(v) : "Nd"(p));
        inv->value = width == 1 ? (v & 0xff) : width == 2 ? (v & 0xffff) : v;
    } else {
        uint32_t v = (uint32_t)inv->a[2];
        if (width == 1)
            outb(p, (uint8_t)v);
        else if (width == 2)
            outw(p, (uint16_t)v);
        else
            __asm__ volatile("outl %0, %1" : : "a"(v), "Nd"(p));
    }
    return E_OK;
}

int ioport_invoke(struct cap_slot *s, struct invocation *inv)
{
    struct cap_slot *dst;
    int err;

    if (s->cap.type == HL_CAP_IOPORT) {
        if (inv->label != HL_IOPORT_IN && inv->label != HL_IOPORT_OUT)
            return E_INVALID_LABEL;
        return ioport_access(s, inv);
    }
    if (inv->label != HL_IOCONTROL_ISSUE)
        return E_INVALID_LABEL;
    uint64_t first = inv->a[0], count = inv->a[1];
    if (count == 0 || first >= NPORTS || count > NPORTS - first)
        return E_RANGE;
    if ((err = cap_lookup_dest(inv->a[2], inv->a[3], &dst)))
        return err;
    for (uint64_t p = first; p < first + count; p++) {
        if (port_used((uint32_t)p))
            return E_IN_USE;
    }
    mark_ports((uint32_t)first, (uint32_t)count, true);
    struct cap c = {.type = HL_CAP_IOPORT, .rights = HL_RIGHTS_ALL, .object = first, .arg = count};
    captree_insert(s, dst, &c);
    return E_OK;
}

static int irq_line_invoke(struct cap_slot *s, struct invocation *inv)
{
    unsigned irq = (unsigned)s->cap.object;
    struct cap_slot *ns;
    int err;

    switch (inv->label) {
    case HL_IRQ_SET_NOTIFICATION:
        if ((err = cap_lookup_typed(inv->a[0], HL_CAP_NOTIFICATION, HL_RIGHT_WRITE, &ns)))
            return err;
        irq_binding[irq].n = notification_of(&ns->cap);
        irq_binding[irq].badge = ns->cap.badge;
        ioapic_set_masked(irq, false);
        return E_OK;
    case HL_IRQ_ACK:
        if (!irq_binding[irq].n)
            return E_STATE; /* nothing to deliver to: keep it masked */
        ioapic_set_masked(irq, false);
        return E_OK;
    case HL_IRQ_CLEAR_NOTIFICATION:
        irq_unbind(irq);
        return E_OK;
    default:
        return E_INVALID_LABEL;
    }
}

int irq_invoke(struct cap_slot *s, struct invocation *inv)
{
    struct cap_slot *dst;
    int err;

    if (s->cap.type == HL_CAP_IRQ)
        return irq_line_invoke(s, inv);
    if (inv->label != HL_IRQCONTROL_GET)
        return E_INVALID_LABEL;
    uint64_t irq = inv->a[0];
    if (irq >= NIRQS)
        return E_RANGE;
    if ((err = cap_lookup_dest(inv->a[1], inv->a[2], &dst)))
        return err;
    if (irqs_used & (1u << irq))
        return E_IN_USE;
    irqs_used |= (uint16_t)(1u << irq);
    struct cap c = {.type = HL_CAP_IRQ, .rights = HL_RIGHTS_ALL, .object = irq};
    captree_insert(s, dst, &c);
    return E_OK;
}
