# Sourced by the QEMU scripts: the accelerator options.
#
# TCG by default: it boots the kernel in well under a second and behaves the
# same on every machine. QEMU_ACCEL=kvm asks for KVM (with a CPU model KVM
# can always provide); nothing depends on it.
qemu_accel() {
    case ${QEMU_ACCEL:-tcg} in
    kvm) echo "-accel kvm -cpu qemu64,+nx" ;;
    *) echo "-accel tcg -cpu max" ;;
    esac
}
