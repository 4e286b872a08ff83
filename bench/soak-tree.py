#!/usr/bin/env python3
"""Helpers of bench/soak.sh.

  soak-tree.py change ROOT SEED   makes random changes of the kinds btrfs send has to carry: new, grown,
                                  overwritten, truncated, punched (sparse), reflinked, renamed and deleted
                                  files, folders made and removed, symlinks, hard links, modes
  soak-tree.py digest ROOT        prints one SHA-256 over every entry: path, type, mode, size, content or
                                  link target
"""
import hashlib
import os
import random
import shutil
import subprocess
import sys


def files(root):
    return sorted(os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs if not os.path.islink(os.path.join(d, f)))


def change(root, seed):
    rnd = random.Random(seed)
    for _ in range(rnd.randint(1, 12)):
        existing = files(root)
        pick = rnd.choice(existing) if existing else None
        op = rnd.choice(["new", "new", "grow", "overwrite", "truncate", "punch", "reflink", "rename", "delete",
                         "mkdir", "rmdir", "symlink", "hardlink", "chmod"])
        folder = os.path.join(root, f"d{rnd.randint(0, 15)}")
        if op == "new" or pick is None:
            os.makedirs(folder, exist_ok=True)
            with open(os.path.join(folder, f"f{rnd.getrandbits(32):08x}"), "wb") as f:
                f.write(rnd.randbytes(rnd.choice([0, 100, 4096, 70_000, 1 << 20])))
        elif op == "grow":
            with open(pick, "ab") as f:
                f.write(rnd.randbytes(rnd.randint(1, 200_000)))
        elif op == "overwrite":
            size = os.path.getsize(pick)
            with open(pick, "r+b") as f:
                f.seek(rnd.randint(0, max(0, size - 1)))
                f.write(rnd.randbytes(rnd.randint(1, 65_536)))
        elif op == "truncate":
            os.truncate(pick, rnd.randint(0, os.path.getsize(pick)))
        elif op == "punch" and os.path.getsize(pick) > 16384:
            subprocess.run(["fallocate", "--punch-hole", "--offset", "4096", "--length", "8192", pick], check=True)
        elif op == "reflink":
            subprocess.run(["cp", "--reflink=always", pick, pick + f".clone{rnd.getrandbits(16):04x}"], check=True)
        elif op == "rename":
            os.makedirs(folder, exist_ok=True)
            os.rename(pick, os.path.join(folder, f"r{rnd.getrandbits(32):08x}"))
        elif op == "delete":
            os.remove(pick)
        elif op == "mkdir":
            os.makedirs(os.path.join(folder, f"sub{rnd.randint(0, 3)}"), exist_ok=True)
        elif op == "rmdir" and os.path.isdir(folder):
            shutil.rmtree(folder)
        elif op == "symlink":
            link = pick + ".link"
            if not os.path.lexists(link):
                os.symlink(os.path.basename(pick), link)
        elif op == "hardlink":
            link = pick + ".hard"
            if not os.path.lexists(link):
                os.link(pick, link)
        elif op == "chmod":
            os.chmod(pick, rnd.choice([0o600, 0o640, 0o644, 0o755]))


def digest(root):
    total = hashlib.sha256()
    for d, dirs, fs in sorted(os.walk(root)):
        dirs.sort()
        for name in sorted(dirs + fs):
            path = os.path.join(d, name)
            st = os.lstat(path)
            total.update(f"{os.path.relpath(path, root)}\0{st.st_mode:o}\0".encode())
            if os.path.islink(path):
                total.update(os.readlink(path).encode())
            elif os.path.isfile(path):
                with open(path, "rb") as f:
                    total.update(hashlib.sha256(f.read()).digest())
    print(total.hexdigest())


if __name__ == "__main__":
    if sys.argv[1] == "change":
        change(sys.argv[2], int(sys.argv[3]))
    else:
        digest(sys.argv[2])
