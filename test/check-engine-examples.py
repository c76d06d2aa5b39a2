#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""The crypto-engine examples show what their header comments claim, in short runs.

usage: check-engine-examples.py throughput <path to ipsec-gateway-throughput>
       check-engine-examples.py workers <path to ipsec-parallel-workers>

throughput: below capacity nothing is dropped and every datagram is delivered; above it the
engine drops as queue-full, delivers its computed capacity (within 3 %) and the queueing delay
stays at most QueueLimit x S / Workers; periodic arrivals below capacity never wait; two workers
double the capacity; the .dat file has one row per step and the .plt script plots it (rendered
with gnuplot, which the tests require).

workers: one worker never reorders (no replay drop at any window); four workers with window 1
drop valid packets as replay, exactly those late by at least the window; a window larger than
the reordering distance delivers everything.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile


def fail(message, output=""):
    sys.exit(f"FAIL: {message}\n{output}")


def run(example, args, cwd):
    out = subprocess.run([example] + args, cwd=cwd, check=True, capture_output=True,
                         text=True).stdout
    print("$", os.path.basename(example), " ".join(args))
    print(out)
    return out


def read_dat(path):
    """The header values (capacity_pps, queue_bound_ms) and the rows of a .dat file."""
    header = {}
    rows = []
    with open(path) as f:
        for line in f:
            fields = line.split()
            if not fields:
                continue
            if fields[0] == "#":
                if len(fields) == 3 and fields[1] in ("capacity_pps", "queue_bound_ms"):
                    header[fields[1]] = float(fields[2])
                continue
            rows.append([float(x) for x in fields])
    return header, rows


# Columns of the .dat file (0-based).
LOAD, OFFERED, DELIVERED, UTIL, QP99, QMAX = 0, 1, 3, 5, 7, 8
DROPS, SENT, GOT, DROPS_TOTAL = 12, 13, 14, 15


def check_throughput(example):
    with tempfile.TemporaryDirectory() as work:
        out = run(example, ["--minLoad=50", "--maxLoad=150", "--steps=3", "--duration=0.5",
                            "--prefix=tp"], work)
        table = [l for l in out.splitlines() if re.match(r"^\s+\d+ \|", l)]
        if len(table) != 3:
            fail(f"expected 3 table rows, got {len(table)}", out)
        header, rows = read_dat(os.path.join(work, "tp.dat"))
        if len(rows) != 3 or any(len(r) != 16 for r in rows):
            fail(f"tp.dat: expected 3 rows of 16 columns, got {rows}")
        capacity = header["capacity_pps"]
        bound = header["queue_bound_ms"]
        if [r[LOAD] for r in rows] != [50, 100, 150]:
            fail(f"loads {[r[LOAD] for r in rows]}, expected 50, 100, 150")

        below, _, above = rows
        if below[DROPS] != 0 or below[SENT] != below[GOT]:
            fail(f"at 50 %: {below[DROPS]} drops, {below[GOT]} of {below[SENT]} delivered")
        if abs(below[DELIVERED] - below[OFFERED]) > 0.02 * below[OFFERED]:
            fail(f"at 50 %: delivered {below[DELIVERED]}/s, offered {below[OFFERED]}/s")
        if not 0.4 < below[UTIL] < 0.6:
            fail(f"at 50 %: utilisation {below[UTIL]}")
        if above[DROPS] == 0:
            fail("at 150 %: no queue-full drops")
        if abs(above[DELIVERED] - capacity) > 0.03 * capacity:
            fail(f"at 150 %: delivered {above[DELIVERED]}/s, capacity {capacity}/s")
        for r in rows:
            if r[SENT] != r[GOT] + r[DROPS_TOTAL]:
                fail(f"at {r[LOAD]} %: sent {r[SENT]}, delivered {r[GOT]}, "
                     f"dropped {r[DROPS_TOTAL]}")
        if not 0.9 * bound <= above[QP99] <= above[QMAX] <= bound * 1.0001:
            fail(f"at 150 %: queueing delay p99 {above[QP99]} max {above[QMAX]} ms, "
                 f"bound {bound} ms")
        if above[UTIL] < 0.99:
            fail(f"at 150 %: utilisation {above[UTIL]}")

        with open(os.path.join(work, "tp.plt")) as f:
            plt = f.read()
        if "'tp.dat'" not in plt or "set output 'tp.png'" not in plt:
            fail("tp.plt does not plot tp.dat into tp.png", plt)
        if "gnuplot tp.plt" not in out:
            fail("the example does not print the gnuplot command", out)
        if not shutil.which("gnuplot"):
            fail("gnuplot is missing: scripts/install-deps.sh installs gnuplot-nox")
        subprocess.run(["gnuplot", "tp.plt"], cwd=work, check=True)
        if os.path.getsize(os.path.join(work, "tp.png")) == 0:
            fail("gnuplot wrote an empty tp.png")
        print("gnuplot rendered tp.png")

        # An unwritable --prefix is refused before the simulation, with a message.
        bad = subprocess.run([example, "--prefix=/nonexistent-dir/tp"], cwd=work,
                             capture_output=True, text=True, timeout=60)
        if bad.returncode == 0 or "cannot write /nonexistent-dir/tp.dat" not in bad.stderr:
            fail("an unwritable --prefix must fail with a message",
                 bad.stdout + bad.stderr)
        print("an unwritable --prefix is refused")

        # Periodic arrivals below capacity: no job ever waits.
        run(example, ["--arrivals=periodic", "--minLoad=90", "--maxLoad=90", "--steps=1",
                      "--duration=0.3", "--prefix=periodic"], work)
        _, rows = read_dat(os.path.join(work, "periodic.dat"))
        if len(rows) != 1 or rows[0][QMAX] != 0 or rows[0][DROPS] != 0:
            fail(f"periodic arrivals at 90 %: {rows}")

        # Two workers: twice the capacity, and it is reached.
        run(example, ["--workers=2", "--queueLimit=200", "--minLoad=150", "--maxLoad=150",
                      "--steps=1", "--duration=0.3", "--prefix=two"], work)
        header2, rows = read_dat(os.path.join(work, "two.dat"))
        if abs(header2["capacity_pps"] - 2 * capacity) > 1e-6 * capacity:
            fail(f"two workers: capacity {header2['capacity_pps']}, one worker {capacity}")
        if abs(rows[0][DELIVERED] - 2 * capacity) > 0.03 * 2 * capacity or rows[0][DROPS] == 0:
            fail(f"two workers at 150 %: {rows}")
        if abs(header2["queue_bound_ms"] - bound) > 1e-6 * bound:
            fail(f"two workers, twice the queue: bound {header2['queue_bound_ms']} ms, "
                 f"expected {bound} ms")


ROW = re.compile(r"^\s*(\d+)\s+(\d+) \|\s+(\d+)\s+(\d+)\s+(\d+) \|\s+(\d+)\s+(\d+)\s+(\d+) \|")


def check_workers(example):
    packets = 400
    with tempfile.TemporaryDirectory() as work:
        out = run(example, ["--workers=1,4", "--window=1,64", f"--packets={packets}"], work)
    rows = {}
    for line in out.splitlines():
        m = ROW.match(line)
        if m:
            n, w, sent, got, replay, reordered, dist, late = map(int, m.groups())
            rows[(n, w)] = dict(sent=sent, got=got, replay=replay, reordered=reordered,
                                dist=dist, late=late)
    if sorted(rows) != [(1, 1), (1, 64), (4, 1), (4, 64)]:
        fail(f"expected rows for workers 1,4 x windows 1,64, got {sorted(rows)}", out)
    for key, r in rows.items():
        if r["sent"] != packets or r["got"] + r["replay"] != packets:
            fail(f"workers {key[0]} window {key[1]}: {r}")
        if r["replay"] != r["late"]:
            fail(f"workers {key[0]} window {key[1]}: replay drops differ from packets late by "
                 f"at least the window: {r}")
    for w in (1, 64):
        if rows[(1, w)]["replay"] != 0 or rows[(1, w)]["reordered"] != 0:
            fail(f"one worker, window {w}: {rows[(1, w)]}")
    if rows[(4, 1)]["replay"] == 0 or rows[(4, 1)]["reordered"] == 0:
        fail(f"four workers, window 1: no replay drops: {rows[(4, 1)]}")
    if rows[(4, 64)]["replay"] != 0 or rows[(4, 64)]["got"] != packets:
        fail(f"four workers, window 64: {rows[(4, 64)]}")
    if not 0 < rows[(4, 64)]["dist"] < 64:
        fail(f"four workers: reordering distance {rows[(4, 64)]['dist']}")
    if "Check: replay drops = d>=window" not in out:
        fail("the example's own check did not pass", out)


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("throughput", "workers"):
        sys.exit(__doc__)
    example = os.path.abspath(sys.argv[2])
    (check_throughput if sys.argv[1] == "throughput" else check_workers)(example)
    print("PASS")


if __name__ == "__main__":
    main()
