#!/usr/bin/env python3
"""Benchmarks of DESIGN section 10, measured side by side in one run, reported as ratios.

Usage: python3 tests/bench/bench.py [path/to/cna]   (default: build/release/cna)
Not a test: figures vary with the machine; the ratios are what the targets name.
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

CNA = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build/release/cna")


def run(args, stdin=None, env=None):
    subprocess.run(args, input=stdin, env=env, check=False,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def median_wall(args, runs=50, env=None):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        run(args, env=env)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def text_checklist(count):
    items = [{"id": f"q{i:04d}", "type": "text", "prompt": f"Question {i}?", "help": "h",
              "source": False} for i in range(count)]
    return {"cna": 1, "id": "bench", "version": "1.0.0", "title": "Bench",
            "sections": [{"id": "s", "title": "S", "items": items}]}


def workspace(checklist):
    root = tempfile.mkdtemp(prefix="cna-bench.")
    os.makedirs(f"{root}/checklists")
    with open(f"{root}/cna.json", "w") as f:
        json.dump({"cna": 1, "default_checklist": checklist["id"]}, f)
    with open(f"{root}/checklists/{checklist['id']}.json", "w") as f:
        json.dump(checklist, f)
    env = dict(os.environ, CNA_WORKSPACE=root, CNA_NOW="2026-11-23T10:00:00Z", NO_COLOR="1")
    return root, env


def bench_answers(n=500):
    _, env = workspace(text_checklist(n))
    answers = "".join(f"Answer number {i}\n" for i in range(n)).encode()
    t = time.perf_counter()
    run([CNA, "start", "acme"], stdin=answers, env=env)
    elapsed = time.perf_counter() - t
    return elapsed / n * 1000


def bench_status():
    root, env = workspace(text_checklist(40))
    answers = "".join(f"Answer {i}\n" for i in range(40)).encode()
    run([CNA, "start", "acme"], stdin=answers, env=env)
    t_true = median_wall(["true"])
    t_status = median_wall([CNA, "status", "acme"], env=env)
    return t_true * 1000, t_status * 1000


def main():
    print(f"cna: {CNA}")
    per_answer = bench_answers()
    print(f"answering 500 items through a pipe: {per_answer:.2f} ms per answer "
          f"(target <= 2 ms, durable save included)")
    t_true, t_status = bench_status()
    print(f"cna status acme (40 items): median {t_status:.2f} ms; true: {t_true:.2f} ms; "
          f"ratio {t_status / t_true:.1f} x (target <= 3 x)")


if __name__ == "__main__":
    main()
