#!/usr/bin/env python3
"""First paint and memory of the app beside an empty Tauri window.

Called by scripts/startup-bench.sh, which builds the release binaries and the
data files. Under one Xvfb display, in rounds (empty window, then each shop),
it launches each subject, times from launch to the line `painted …` on its
stdout (the app prints it with MOTO4S_PAINT_PROBE once the dashboard's figures
are on screen, two animation frames after they are in the page; the empty
window once its one line of text is; both add `nav=`, the ms from the
process's start to its page's navigation, so the shell's share and the
page's can be told apart), then leaves it idle and sums the
proportional set size (PSS) of the process and every process it started (the
web view's processes) from /proc/<pid>/smaps_rollup. Prints the medians and
each shop's ratio to the empty window.
"""

import argparse
import os
import re
import select
import signal
import statistics
import subprocess
import sys
import time


def descendants(root):
    """root and every process below it, by walking /proc's parent links."""
    children = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(")") + 2:].split()[1])
        children.setdefault(ppid, []).append(int(d))
    out, todo = [], [root]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def pss_kib(pids):
    total = 0
    for p in pids:
        try:
            with open(f"/proc/{p}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
                        break
        except OSError:
            pass
    return total


def launch(cmd, env, timeout):
    """(ms to the painted line, what painted, the process)."""
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                         start_new_session=True)
    buf = b""
    while True:
        left = timeout - (time.monotonic() - t0)
        if left <= 0:
            return None, "timeout", p
        r, _, _ = select.select([p.stdout], [], [], left)
        if not r:
            continue
        chunk = os.read(p.stdout.fileno(), 4096)
        if not chunk:
            return None, "exited", p
        buf += chunk
        for line in buf.split(b"\n"):
            if line.startswith(b"painted "):
                return (time.monotonic() - t0) * 1000.0, line[8:].decode().strip(), p


def stop(p):
    try:
        os.killpg(p.pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    try:
        p.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        p.wait()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--empty", required=True, help="the empty window's binary")
    ap.add_argument("--app", required=True, help="the app's binary")
    ap.add_argument("--shop", action="append", default=[], metavar="NAME=FILE",
                    help="a data file to open, e.g. demo=target/startup-bench/demo.db")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--idle", type=float, default=10.0, help="seconds idle before memory is read")
    ap.add_argument("--timeout", type=float, default=120.0)
    ap.add_argument("--display", default=":97")
    a = ap.parse_args()

    xvfb = subprocess.Popen(["Xvfb", a.display, "-screen", "0", "1366x900x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.0)
    env = dict(os.environ, DISPLAY=a.display, MOTO4S_PAINT_PROBE="1")
    env.pop("WAYLAND_DISPLAY", None)
    subjects = [("empty", [a.empty])]
    for s in a.shop:
        name, path = s.split("=", 1)
        subjects.append((name, [a.app, "--data", path]))
    paint = {n: [] for n, _ in subjects}
    mem = {n: [] for n, _ in subjects}
    nav = {n: [] for n, _ in subjects}
    try:
        for r in range(a.runs):
            for name, cmd in subjects:
                ms, what, p = launch(cmd, env, a.timeout)
                if ms is None:
                    stop(p)
                    sys.exit(f"{name}: no painted line ({what})")
                time.sleep(a.idle)
                kib = pss_kib(descendants(p.pid))
                stop(p)
                # what the last one left for the disk written out, and a
                # moment's rest, before the next launch is timed
                os.sync()
                time.sleep(1.0)
                paint[name].append(ms)
                m = re.search(r"\bnav=(\d+)", what)
                if m:
                    nav[name].append(int(m.group(1)))
                mem[name].append(kib / 1024.0)
                print(f"round {r + 1} {name:<6} painted {what:<10} {ms:7.0f} ms   PSS {kib / 1024.0:6.0f} MiB",
                      flush=True)
    finally:
        xvfb.terminate()
        xvfb.wait()

    e_ms = statistics.median(paint["empty"])
    e_mem = statistics.median(mem["empty"])
    print(f"\nmedians of {a.runs} launches (first paint with figures, of it before the page's navigation;"
          f" PSS after {a.idle:.0f} s idle):")
    for name, _ in subjects:
        ms = statistics.median(paint[name])
        mb = statistics.median(mem[name])
        before = f"{statistics.median(nav[name]):5.0f}" if nav[name] else "    ?"
        ratio = "" if name == "empty" else f"   ×{ms / e_ms:.2f} paint   ×{mb / e_mem:.2f} memory"
        print(f"  {name:<6} {ms:7.0f} ms (nav {before} ms)  {mb:6.0f} MiB{ratio}")


if __name__ == "__main__":
    main()
