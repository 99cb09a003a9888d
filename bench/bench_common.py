"""What the classification benchmarks (run-classify-bench, ab-classify) share: the corpus
paths every tool is given, and one timed run of a command."""
import os
import subprocess
import time


def corpus_files(shared):
    """Every .eml file and every file of a mailbox/ folder under SHARED/corpus/sisimai, sorted."""
    root = os.path.join(shared, "corpus", "sisimai")
    files = []
    for d, _, names in os.walk(root):
        for n in names:
            if n.endswith(".eml") or os.path.basename(d) == "mailbox":
                files.append(os.path.join(d, n))
    return sorted(files)


def timed_run(cmd):
    """One run of cmd, input and output /dev/null: (exit code, wall seconds from spawning to
    reaping, CPU seconds user + system from wait4(2), minor page faults)."""
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - start
    return os.waitstatus_to_exitcode(status), wall, usage.ru_utime + usage.ru_stime, usage.ru_minflt
