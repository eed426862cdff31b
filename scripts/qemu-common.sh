# Sourced by the QEMU scripts: the accelerator options.
#
# QEMU_ACCEL=tcg|kvm forces a choice. Otherwise (`auto`, what `make run`
# uses) KVM is used when it is usable, which means more than /dev/kvm being
# there: nested KVM can exist yet be too slow to print a line, or boot the
# kernel but fault on the first syscall (both seen on the project's
# machines). So the first run boots, under KVM, the root task's syscall
# tests (or, without a root task, the kernel's quickest self-test) and keeps
# the answer in $BUILD/kvm-usable.
# Test runners pass QEMU_ACCEL=tcg: no test depends on KVM.

kvm_probe() { # KERNEL [ROOT-MODULES]
    local cache=${BUILD:-build}/kvm-usable
    if [[ ! -f $cache ]]; then
        local answer=no what=(-append "ktest=boot.cmdline_seen panic=exit")
        if [[ -n ${2:-} ]]; then
            what=(-initrd "$2" -append "utest=syscall.* panic=exit")
        fi
        if [[ -r /dev/kvm && -w /dev/kvm ]]; then
            timeout 10 qemu-system-x86_64 -accel kvm -cpu qemu64,+nx -m 128M -display none \
                -no-reboot -monitor none -nodefaults -serial none \
                -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
                -kernel "$1" "${what[@]}" </dev/null >/dev/null 2>&1
            [[ $? -eq 33 ]] && answer=yes
        fi
        mkdir -p "$(dirname "$cache")"
        echo $answer >"$cache"
    fi
    [[ $(cat "$cache") == yes ]]
}

qemu_accel() { # [KERNEL [ROOT-MODULES], for the auto probe]
    local mode=${QEMU_ACCEL:-auto}
    if [[ $mode == auto ]]; then
        mode=tcg
        [[ -n ${1:-} ]] && kvm_probe "$1" "${2:-}" && mode=kvm
    fi
    case $mode in
    kvm) echo "-accel kvm -cpu qemu64,+nx" ;;
    *) echo "-accel tcg -cpu max" ;;
    esac
}
