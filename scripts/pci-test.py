#!/usr/bin/python3
"""pci-test.py KERNEL ROOT_ELF

The PCI oracle test. Boots KERNEL with ROOT_ELF as the root task running
`utest=pci.*` under QEMU (TCG) with extra PCI devices: two e1000s, one of
them behind a PCI-to-PCI bridge, and a virtio-rng (a 64-bit prefetchable
BAR); the PIIX3 at 00:01 is the multi-function device. While the guest
runs, QEMU is asked over QMP for its own view (query-pci, the data behind
`info pci`), and the `# pci` lines the guest printed
(userland/root/tests/pci.c) are compared with it: the same functions,
vendor:device, class, interrupt line and pin, bridge bus numbers, and BARs
0-5 with kind, address and size. Prints TAP; the serial log is kept in
$BUILD/test/pci-qemu.serial.

QEMU is asked right after the kernel's banner and paused while it answers:
the firmware has assigned every BAR by then, and the root task, which
writes ones into BARs to size them, has not started yet.
"""
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time

EXTRA_DEVICES = [
    "-device", "e1000,addr=2",
    "-device", "virtio-rng-pci,addr=3",
    "-device", "pci-bridge,chassis_nr=1,id=b1,addr=4",
    "-device", "e1000,bus=b1,addr=1",
]
EXIT_PASSED = 33
TIMEOUT = 120

LINE = re.compile(
    r"^# pci (?P<bus>[0-9a-f]{2}):(?P<dev>[0-9a-f]{2})\.(?P<fn>[0-7]) "
    r"(?P<vendor>[0-9a-f]{4}):(?P<device>[0-9a-f]{4}) "
    r"class (?P<cls>[0-9a-f]{2}):(?P<sub>[0-9a-f]{2}):(?P<progif>[0-9a-f]{2}) "
    r"rev [0-9a-f]{2} hdr (?P<hdr>[0-9a-f]{2}) irq (?P<irq>\d+) pin (?P<pin>\d+)"
    r"(?: buses (?P<sec>[0-9a-f]{2})-(?P<sub_bus>[0-9a-f]{2}))?(?P<bars>.*)$")
BAR = re.compile(r" bar(\d) (io|mem32|mem64)(p?) (0x[0-9a-f]+|0)/(0x[0-9a-f]+)")


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def result(self, ok, name, notes=()):
        self.n += 1
        for note in notes:
            print("# " + note)
        print(("ok" if ok else "not ok") + " %d - %s" % (self.n, name))
        self.failed += not ok


class Qmp:
    def __init__(self, path, deadline):
        while True:
            try:
                self.sock = socket.socket(socket.AF_UNIX)
                self.sock.connect(path)
                break
            except OSError:
                self.sock.close()
                if time.time() > deadline:
                    raise
                time.sleep(0.01)
        self.f = self.sock.makefile("rw")
        self.f.readline()  # the greeting
        self.run("qmp_capabilities")

    def run(self, command):
        self.f.write(json.dumps({"execute": command}) + "\n")
        self.f.flush()
        while True:
            reply = json.loads(self.f.readline())
            if "event" not in reply:
                break
        if "error" in reply:
            raise RuntimeError("%s: %s" % (command, reply["error"]))
        return reply["return"]


def bdf(bus, dev, fn):
    return "%02x:%02x.%x" % (bus, dev, fn)


def qemu_devices(buses):
    """query-pci's tree flattened to {bdf: device}."""
    out = {}

    def walk(devices):
        for d in devices:
            out[bdf(d["bus"], d["slot"], d["function"])] = d
            walk(d.get("pci_bridge", {}).get("devices", []))

    for b in buses:
        walk(b["devices"])
    return out


def guest_devices(serial):
    out = {}
    for line in serial.splitlines():
        m = LINE.match(line)
        if not m:
            continue
        bars = {}
        for b in BAR.finditer(m["bars"]):
            bars[int(b[1])] = {"kind": b[2], "prefetch": b[3] == "p",
                               "address": int(b[4], 16), "size": int(b[5], 16)}
        key = "%s:%s.%s" % (m["bus"], m["dev"], m["fn"])
        out[key] = {"line": line, "m": m, "bars": bars}
    return out


def compare(q, g):
    """Differences between QEMU's device q and the guest's g, as strings."""
    m, diffs = g["m"], []

    def differ(what, qemu, guest):
        if qemu != guest:
            diffs.append("%s: QEMU says %s, the guest read %s" % (what, qemu, guest))

    differ("vendor:device", "%04x:%04x" % (q["id"]["vendor"], q["id"]["device"]),
           "%s:%s" % (m["vendor"], m["device"]))
    differ("class", "%04x" % q["class_info"]["class"], m["cls"] + m["sub"])
    differ("interrupt pin", q["irq_pin"], int(m["pin"]))
    if "irq" in q:
        differ("interrupt line", q["irq"], int(m["irq"]))
    bridge = q.get("pci_bridge", {}).get("bus")
    if bridge:
        differ("bridge buses", "%02x-%02x" % (bridge["secondary"], bridge["subordinate"]),
               "%s-%s" % (m["sec"], m["sub_bus"]))
    # BAR 6 is the expansion ROM, which the guest does not size.
    qbars = {r["bar"]: r for r in q["regions"] if r["bar"] < 6}
    for n in sorted(set(qbars) | set(g["bars"])):
        r, b = qbars.get(n), g["bars"].get(n)
        if r is None or b is None:
            differ("BAR%d" % n, "present" if r else "absent", "present" if b else "absent")
            continue
        kind = "io" if r["type"] == "io" else ("mem64" if r["mem_type_64"] else "mem32")
        differ("BAR%d kind" % n, kind + ("p" if r.get("prefetch") else ""),
               b["kind"] + ("p" if b["prefetch"] else ""))
        differ("BAR%d address" % n, hex(r["address"] & (2**64 - 1)), hex(b["address"]))
        differ("BAR%d size" % n, hex(r["size"]), hex(b["size"]))
    return diffs


def main():
    kernel, root = sys.argv[1], sys.argv[2]
    outdir = os.path.join(os.environ.get("BUILD", "build"), "test")
    os.makedirs(outdir, exist_ok=True)
    serial_path = os.path.join(outdir, "pci-qemu.serial")
    open(serial_path, "w").close()
    tap = Tap()

    with tempfile.TemporaryDirectory() as tmp:
        qmp_path = os.path.join(tmp, "qmp.sock")
        args = ["qemu-system-x86_64", "-accel", "tcg", "-cpu", "max", "-m", "128M",
                "-display", "none", "-no-reboot", "-monitor", "none", "-nodefaults",
                "-serial", "file:" + serial_path,
                "-qmp", "unix:%s,server=on,wait=off" % qmp_path,
                "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
                "-kernel", kernel, "-append", "utest=pci.* panic=exit",
                "-initrd", root + " root"] + EXTRA_DEVICES
        deadline = time.time() + TIMEOUT
        qemu = subprocess.Popen(args, stdin=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        found = None
        try:
            qmp = Qmp(qmp_path, deadline)
            while time.time() < deadline and qemu.poll() is None:
                with open(serial_path, "rb") as f:
                    if re.search(rb"^Helios", f.read(), re.M):
                        break
                time.sleep(0.005)
            qmp.run("stop")
            found = qemu_devices(qmp.run("query-pci"))
            qmp.run("cont")
        except (OSError, RuntimeError, ValueError) as e:
            print("# QMP: %s" % e)
        try:
            status = qemu.wait(max(1, deadline - time.time()))
        except subprocess.TimeoutExpired:
            qemu.kill()
            status = "timeout"

    serial = open(serial_path, "rb").read().decode("utf-8", "replace").replace("\r", "")
    for line in serial.splitlines():
        t = re.match(r"^(not )?ok \d+ - (.*)$", line)
        if t:
            tap.result(not t[1], t[2])
        elif line.startswith("# "):
            print(line)
    tap.result(status == EXIT_PASSED,
               "pci.qemu_exit_status: expected %d, got %s" % (EXIT_PASSED, status))
    if found is None:
        tap.result(False, "pci.qemu_query: QEMU did not answer query-pci")
        return finish(tap, serial)

    guest = guest_devices(serial)
    missing = sorted(set(found) - set(guest))
    extra = sorted(set(guest) - set(found))
    notes = ["QEMU lists %s, the guest did not find it" % k for k in missing]
    notes += ["the guest found %s, QEMU does not list it" % k for k in extra]
    tap.result(not missing and not extra and len(found) >= 8,
               "pci.qemu_same_functions (%d)" % len(found), notes)
    for key in sorted(set(found) & set(guest)):
        q = found[key]
        diffs = compare(q, guest[key])
        tap.result(not diffs, "pci.qemu_matches %s %04x:%04x" %
                   (key, q["id"]["vendor"], q["id"]["device"]), diffs)
    return finish(tap, serial)


def finish(tap, serial):
    if tap.failed:
        print("# --- serial output ---")
        for line in serial.splitlines():
            print("# " + line)
    print("%d passed, %d failed" % (tap.n - tap.failed, tap.failed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
