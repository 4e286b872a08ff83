#!/usr/bin/env python3
"""Writes SIZE bytes of log-like text to PATH: the compressible part of the replication benchmark's data.

Lines look like a service's log (a time that moves on, a level, a worker, a request with its path, status,
duration and user), drawn from a small vocabulary with a fixed seed, so zstd finds what it finds in real
logs (about 5 to 10 times smaller), not the endless repetition of one line.
"""
import random
import sys

path, size = sys.argv[1], int(sys.argv[2])
rng = random.Random(20261130)
levels = ["INFO"] * 8 + ["WARN", "DEBUG"]
paths = ["/api/shares", "/api/pools", "/api/snapshots", "/api/replication/tasks", "/healthz", "/login", "/api/disks"]
users = ["alice", "bob", "carol", "dave", "admin", "backup"]
statuses = [200] * 12 + [201, 204, 304, 400, 404, 409, 500]
written = 0
seconds = 1_790_000_000.0
with open(path, "w", encoding="ascii") as out:
    while written < size:
        lines = []
        for _ in range(2000):
            seconds += rng.random() / 50
            whole = int(seconds)
            line = (
                f"2026-11-{1 + whole // 86400 % 30:02d}T{whole // 3600 % 24:02d}:{whole // 60 % 60:02d}:{whole % 60:02d}."
                f"{int(seconds % 1 * 1000):03d}Z {rng.choice(levels)} [worker-{rng.randrange(8)}] "
                f"request id={rng.getrandbits(48):012x} {rng.choice(paths)}/{rng.randrange(400)} "
                f"status={rng.choice(statuses)} took={rng.randrange(1, 900)}ms user={rng.choice(users)}\n"
            )
            lines.append(line)
        chunk = "".join(lines)
        out.write(chunk[: size - written])
        written += min(len(chunk), size - written)
