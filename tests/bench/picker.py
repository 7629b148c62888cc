#!/usr/bin/env python3
"""Prompt to prompt with a picker (docs/performance.md): `cna start` in a pseudo-terminal, Enter
pressed at an item's picker, the time until the next item's picker is drawn (the answer saved
durably in between), median over the items.

Usage: python3 tests/bench/picker.py [path/to/cna] [ITEMS]
       (default: build/release/cna, 60 items)
Not a test: figures vary with the machine; the line says the target and whether this run met it.
"""
import fcntl
import json
import os
import pty
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time

CNA = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build/release/cna")
ITEMS = int(sys.argv[2]) if len(sys.argv) > 2 else 60
KEYS_LINE = "Enter picks".encode()  # the picker's first line: it is drawn and reading keys
TARGET_MS = 20


def workspace():
    root = tempfile.mkdtemp(prefix="cna-bench-picker.")
    options = [{"value": f"o{k}", "label": f"Option {k}"} for k in range(1, 9)]
    items = [{"id": f"q{i:03d}", "type": "choice", "prompt": f"Question {i}?", "help": "h",
              "source": False, "options": options} for i in range(ITEMS)]
    checklist = {"cna": 1, "id": "bench", "version": "1.0.0", "title": "Bench",
                 "sections": [{"id": "s", "title": "S", "items": items}]}
    os.makedirs(f"{root}/checklists")
    with open(f"{root}/cna.json", "w") as f:
        json.dump({"cna": 1, "default_checklist": "bench"}, f)
    with open(f"{root}/checklists/bench.json", "w") as f:
        json.dump(checklist, f)
    env = dict(os.environ, CNA_WORKSPACE=root, CNA_NOW="2026-11-23T10:00:00Z", NO_COLOR="1",
               LANG="C.UTF-8", LC_ALL="C.UTF-8", TERM="xterm-256color",
               XDG_CACHE_HOME=f"{root}.cache")
    # The account exists (a pipe creates it), so the terminal walk asks nothing first.
    subprocess.run([CNA, "start", "acme"], input=b":quit\n", env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return env


def read_until(fd, needle, timeout=5.0):
    """Reads the terminal's output until `needle` appears; False on timeout or exit."""
    seen = b""
    end = time.perf_counter() + timeout
    while needle not in seen:
        left = end - time.perf_counter()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            return False
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            return False
        if not chunk:
            return False
        seen = seen[-len(needle):] + chunk
    return True


def main():
    env = workspace()
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    proc = subprocess.Popen([CNA, "start", "acme"], stdin=slave, stdout=slave, stderr=slave,
                            env=env, start_new_session=True)
    os.close(slave)
    times = []
    if not read_until(master, KEYS_LINE):
        sys.exit("no picker was drawn: is this cna built with the pickers?")
    for _ in range(ITEMS - 1):
        t = time.perf_counter()
        os.write(master, b"\r")
        if not read_until(master, KEYS_LINE):
            break
        times.append((time.perf_counter() - t) * 1000)
    os.write(master, b":quit\r")
    proc.wait(timeout=10)
    if not times:
        sys.exit("no prompt-to-prompt time measured")
    median = statistics.median(times)
    print(f"prompt to prompt with a picker (Enter, durable save, next question drawn): median "
          f"{median:.1f} ms over {len(times)} items, worst {max(times):.1f} ms "
          f"(target < {TARGET_MS} ms: {'met' if median < TARGET_MS else 'NOT met'})")


if __name__ == "__main__":
    main()
