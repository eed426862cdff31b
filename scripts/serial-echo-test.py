#!/usr/bin/python3
"""serial-echo-test.py KERNEL ROOT_ELF [--timeout SECONDS]

Tests the user-space 16550 driver end to end: boots KERNEL under QEMU
(TCG unless QEMU_ACCEL=kvm) with the root task in `serial-echo` mode,
COM1 (the kernel console) to $BUILD/test/serial-echo.serial, COM2 to
null and COM3 to a TCP socket on 127.0.0.1 at an ephemeral port; waits
for the driver's "ready" line, connects, sends lines of random bytes and
checks that each comes back exactly. Prints TAP (`ok N - serial.NAME`).
Every wait has a deadline and QEMU is always killed.
"""
import os
import random
import re
import socket
import subprocess
import sys
import time

READY = re.compile(rb"^serial-echo: ready on COM3", re.M)
BAD = re.compile(rb"^(PANIC|KERNEL EXCEPTION|fault: |serial-echo: .* failed)", re.M)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(pred, seconds, step=0.05):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        value = pred()
        if value:
            return value
        time.sleep(step)
    return None


def read_exactly(sock, n, seconds):
    """Up to n bytes, whatever has come by the deadline."""
    data = b""
    end = time.monotonic() + seconds
    while len(data) < n:
        left = end - time.monotonic()
        if left <= 0:
            break
        sock.settimeout(left)
        try:
            chunk = sock.recv(n - len(data))
        except socket.timeout:
            break
        if not chunk:
            break
        data += chunk
    return data


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def result(self, ok, name, why=""):
        self.n += 1
        self.failed += not ok
        print(f"{'ok' if ok else 'not ok'} {self.n} - serial.{name}", flush=True)
        if not ok and why:
            print(f"# {why}", flush=True)
        return ok


def echo_case(tap, sock, name, payload, seconds):
    sock.sendall(payload)
    back = read_exactly(sock, len(payload), seconds)
    if back == payload:
        return tap.result(True, name)
    first = next((i for i, (a, b) in enumerate(zip(back, payload)) if a != b), len(back))
    return tap.result(False, name,
                      f"sent {len(payload)} bytes, got {len(back)} back, first difference at {first}")


def main():
    args = sys.argv[1:]
    timeout = 60
    if "--timeout" in args:
        i = args.index("--timeout")
        timeout = int(args[i + 1])
        del args[i:i + 2]
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    kernel, root = args
    outdir = os.path.join(os.environ.get("BUILD", "build"), "test")
    os.makedirs(outdir, exist_ok=True)
    log = os.path.join(outdir, "serial-echo.serial")
    open(log, "wb").close()
    port = free_port()
    accel = (["-accel", "kvm", "-cpu", "qemu64,+nx"] if os.environ.get("QEMU_ACCEL") == "kvm"
             else ["-accel", "tcg", "-cpu", "max"])
    cmd = ["qemu-system-x86_64", *accel, "-m", "128M", "-display", "none", "-no-reboot",
           "-monitor", "none", "-nodefaults",
           "-serial", f"file:{log}", "-serial", "null",
           "-serial", f"tcp:127.0.0.1:{port},server=on,wait=off",
           "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
           "-kernel", kernel, "-append", "serial-echo panic=exit", "-initrd", f"{root} root"]
    deadline = time.monotonic() + timeout
    tap = Tap()
    rng = random.Random(int(os.environ.get("SERIAL_ECHO_SEED", "0")) or None)
    seed = rng.randrange(1 << 32)
    rng.seed(seed)
    print("1..5", flush=True)
    print(f"# qemu COM3 at tcp 127.0.0.1:{port}, random seed {seed} (SERIAL_ECHO_SEED)", flush=True)
    qemu = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    sock = None

    def console():
        with open(log, "rb") as f:
            return f.read()

    try:
        ready = wait_for(lambda: READY.search(console()) or qemu.poll() is not None,
                         max(1, deadline - time.monotonic()))
        if not tap.result(bool(ready) and qemu.poll() is None, "driver_ready",
                          "no ready line from the root task"):
            return 1
        sock = wait_for(lambda: try_connect(port), 10)
        if not tap.result(sock is not None, "connect", f"cannot connect to 127.0.0.1:{port}"):
            return 1
        left = lambda: max(1.0, deadline - time.monotonic())
        echo_case(tap, sock, "echo_line", b"hello, Helios\r\n", min(10, left()))
        ok = True
        for i in range(20):
            n = rng.randrange(1, 300)
            line = bytes(rng.randrange(256) for _ in range(n)) + b"\n"
            sock.sendall(line)
            back = read_exactly(sock, len(line), min(10, left()))
            if back != line:
                ok = tap.result(False, "echo_random_lines",
                                f"line {i} ({len(line)} bytes) came back as {len(back)} bytes "
                                f"that differ")
                break
        if ok:
            tap.result(True, "echo_random_lines")
        burst = bytes(rng.randrange(256) for _ in range(8192))
        echo_case(tap, sock, "echo_burst", burst, min(30, left()))
    finally:
        if sock:
            sock.close()
        qemu.kill()
        try:
            qemu.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        text = console()
        if BAD.search(text) or tap.n < 5:
            print("# --- console (the last 60 lines) ---")
            for line in text.decode("latin-1").splitlines()[-60:]:
                print(f"# {line}")
    return 1 if tap.failed else 0


def try_connect(port):
    try:
        return socket.create_connection(("127.0.0.1", port), timeout=1)
    except OSError:
        return None


if __name__ == "__main__":
    sys.exit(main())
