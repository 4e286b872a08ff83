#!/usr/bin/env bash
# Replication throughput and CPU against the raw pipe, measured fairly in one run on the same data.
# Two appliances on this machine (loopback, separate data directories, mount roots and ports), pools on
# image files. A share gets DATA_GIB of random data, SMALL_FILES small files and TEXT_GIB of log-like
# text (it compresses about five times); the sizes may be fractions (0.25). Then, after one warm-up of
# each (not counted), ROUNDS rounds of:
#   1. the raw pipe: btrfs send <snapshot> | btrfs receive, between the same two pools, nothing else in
#      the pipe (the stream's size is counted once beforehand, not while it is timed);
#   2. when btrbk and sshd are installed, btrbk over ssh: a private sshd on 127.0.0.1 (its host key,
#      config and root's client key in the benchmark's directory; cipher aes128-gcm) and a full
#      `btrbk run` that snapshots the share (the raw pipe's snapshot is of it: the same files; btrbk
#      refuses a read-only source) and sends that in full to the destination pool; its CPU counts
#      btrbk, ssh, sshd and the btrfs commands at both ends; what it made is deleted after it;
#   3. the appliance's full replication of the share, compression off;
#   4. the same with compression auto.
# Each full replication is a new task into an emptied replica, so each is a full send. Printed: each
# round's times, rates and ratios to that round's raw pipe, the medians, CPU seconds per GiB of stream
# (both ends: the appliances' processes and the btrfs commands they ran; the raw pipe's two commands),
# and each appliance's resident memory after every round and its peak. Then an incremental run after
# changing 1 MiB, end to end (from "run now" to the verdict).
# DELAY_MS (one way, in each direction) and LINK_MBPS (MB/s: 10^6 bytes a second) put a link between the
# two: a delay line (bench/Rockstor.Bench.DelayLine) holds each direction of each connection that long
# while data keeps flowing, and paces it to that rate. Every path crosses it: the tasks are made with
# the delay line's port, the raw pipe sends into one (btrfs send >/dev/tcp/..., received by its --serve
# into btrfs receive: the raw pipe's CPU counts the --serve, less what .NET took to start it), btrbk's
# ssh connects through one.
# The delay lines' own CPU is the link's, counted for no path. The incremental run shows the round
# trips a run takes; a slow link (LINK_MBPS=20) with text shows what compression auto gains over off.
# Runs as root:
#   sudo ./bench/replication.sh
#   DATA_GIB=1 TEXT_GIB=0 SMALL_FILES=2000 ROUNDS=5 sudo ./bench/replication.sh
#   DELAY_MS=40 sudo ./bench/replication.sh
#   DATA_GIB=0 TEXT_GIB=2 LINK_MBPS=20 sudo ./bench/replication.sh
set -euo pipefail
data_gib="${DATA_GIB:-2}"
text_gib="${TEXT_GIB:-1}"
small_files="${SMALL_FILES:-10000}"
rounds="${ROUNDS:-3}"
delay_ms="${DELAY_MS:-}"
link_mbps="${LINK_MBPS:-}"
for n in "$data_gib" "$text_gib" "${delay_ms:-0}" "${link_mbps:-0}"; do
  [[ $n =~ ^[0-9]+([.][0-9]+)?$ ]] || { echo "DATA_GIB, TEXT_GIB, DELAY_MS and LINK_MBPS are numbers, not '$n'." >&2; exit 2; }
done
bytes() { awk -v gib="$1" 'BEGIN {printf "%d", gib * 1073741824}'; } # GiB (a fraction too) -> bytes
positive() { awk -v n="$1" 'BEGIN {exit !(n > 0)}'; }
pool_gib=$(awk -v d="$data_gib" -v t="$text_gib" 'BEGIN {p = (d + t) * 2 + 4; printf "%d", p == int(p) ? p : int(p) + 1}')
# shellcheck source=scripts/two-appliances.sh
. "$(dirname "$0")/../scripts/two-appliances.sh"

echo "Writing ${data_gib} GiB of random data, ${text_gib} GiB of log-like text and ${small_files} small files..."
head -c "$(bytes "$data_gib")" /dev/urandom >"$share/large.bin"
! positive "$text_gib" || python3 bench/log-text.py "$share/log.txt" "$(bytes "$text_gib")"
mkdir -p "$share/small"
head -c "$((small_files * 4096))" /dev/urandom | split -b 4096 -a 6 - "$share/small/f"
sync

# What this benchmark starts besides the appliances (the delay lines, sshd; the raw pipe's receiving
# end while a round runs) stops before two-appliances.sh's clean-up unmounts the pools.
bench_pids=()
raw_pids=()
sshd_pid=
made_run_sshd=
bench_cleanup() {
  local p
  [ -z "$sshd_pid" ] || pkill -P "$sshd_pid" 2>/dev/null || true # its sessions, if a run was cut short
  for p in "${raw_pids[@]}" "${bench_pids[@]}"; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null || true; done
  [ -z "$made_run_sshd" ] || rmdir /run/sshd 2>/dev/null || true
  cleanup
}
trap bench_cleanup EXIT

settle() { # lets btrfs's cleaner free what deletes left, so it does not compete with the next measurement
  btrfs subvolume sync "$destination_pool" >/dev/null
  btrfs subvolume sync "$source_pool" >/dev/null
  sync
}
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
listening() { [ -n "$(ss -Hltn "sport = :$1")" ]; } # port
wait_listening() { # port what log
  for _ in $(seq 1 200); do listening "$1" && return; sleep 0.05; done
  echo "$2 did not start listening on port $1: $(cat "$3" 2>/dev/null)" >&2
  exit 1
}
timed() { # file command...: runs the command in this shell; its seconds, user and system CPU (with the
  # children reaped meanwhile) go to the file, what the command writes to stderr to stderr
  local TIMEFORMAT='%R %U %S' file=$1
  shift
  { time { "$@"; } 2>&3; } 3>&2 2>"$file"
}
source_pool="$work/source/mnt/$pool_name"

# The link. Without DELAY_MS and LINK_MBPS every path runs on the loopback directly.
link="the loopback, direct"
on_link="on the loopback" # for each round's line
task_port="" # the port the tasks are given (empty: the destination's own)
if [ -n "$delay_ms$link_mbps" ]; then
  delay_ms=${delay_ms:-0} link_mbps=${link_mbps:-0}
  if positive "$delay_ms"; then
    link="a delay line: $delay_ms ms each way ($(echo "2 * $delay_ms" | bc -l) ms a round trip)" on_link="over the delay line ($delay_ms ms"
  else
    link="a delay line: no delay added" on_link="over the delay line (no delay"
  fi
  if positive "$link_mbps"; then
    link+=", $link_mbps MB/s in each direction of each connection" on_link+=", $link_mbps MB/s)"
  else
    link+=", no rate cap" on_link+=", no rate cap)"
  fi
  echo "Building the delay line..."
  dotnet publish bench/Rockstor.Bench.DelayLine/Rockstor.Bench.DelayLine.csproj -c Release -o "$work/delay-line" --nologo -v quiet
  delay_line=(dotnet "$work/delay-line/Rockstor.Bench.DelayLine.dll") # run as is, so that $! is its pid
  link_to() { # port -> starts a delay line in front of 127.0.0.1:port; prints the port to use instead
    local port
    port=$(free_port)
    "${delay_line[@]}" --listen "127.0.0.1:$port" --to "127.0.0.1:$1" --delay-ms "$delay_ms" --rate-mbps "$link_mbps" \
      >/dev/null 2>>"$work/delay-line.log" &
    bench_pids+=($!)
    wait_listening "$port" "A delay line" "$work/delay-line.log"
    echo "$port"
  }
  # The tasks name the destination's replication port (18003, see two-appliances.sh): they are given
  # the delay line's instead, as an admin gives a task the port of a forwarder between two sites.
  link_to 18003 >"$work/port"
  task_port=$(cat "$work/port")
  raw_serve_port=$(free_port)
  link_to "$raw_serve_port" >"$work/port"
  raw_link_port=$(cat "$work/port")
  mkfifo "$work/raw.fifo"
fi
echo "Link: $link."

# The raw pipe's snapshot, kept for every round; its stream's size, counted once (this also warms the cache).
raw_snapshot="$source_pool/raw-snapshot"
btrfs -q subvolume snapshot -r "$share" "$raw_snapshot" >/dev/null
stream_bytes=$(btrfs send -q "$raw_snapshot" | wc -c)
gib=$(echo "scale=6; $stream_bytes / 1073741824" | bc -l)

raw_direct() { btrfs send -q "$raw_snapshot" | btrfs receive -q "$destination_pool/raw"; }
raw_over_link() { btrfs send -q "$raw_snapshot" >"/dev/tcp/127.0.0.1/$raw_link_port" && wait "${raw_pids[0]}" && wait "${raw_pids[1]}"; }
raw_round() { # -> "seconds cpu-seconds"
  local started=0
  mkdir -p "$destination_pool/raw"
  if [ -z "$task_port" ]; then
    timed "$work/time" raw_direct
  else
    # Over the link: btrfs send writes into the socket itself (bash's /dev/tcp); the delay line's
    # --serve is the other end, writing into btrfs receive (as nc -l would). That end is started and
    # listening before the clock starts, and the CPU it took to start (.NET's) is not counted; what it
    # takes while the stream goes through is (time counts the children it reaps).
    btrfs receive -q -f "$work/raw.fifo" "$destination_pool/raw" &
    raw_pids=($!)
    "${delay_line[@]}" --serve "127.0.0.1:$raw_serve_port" >"$work/raw.fifo" 2>>"$work/delay-line.log" &
    raw_pids+=($!)
    wait_listening "$raw_serve_port" "The raw pipe's receiving end" "$work/delay-line.log"
    started=$(awk -v ticks="$ticks" '{printf "%.3f", ($14 + $15) / ticks}' "/proc/${raw_pids[1]}/stat")
    timed "$work/time" raw_over_link
    raw_pids=()
  fi
  btrfs -q subvolume delete "$destination_pool/raw/raw-snapshot" >/dev/null
  settle
  awk -v started="$started" '{printf "%.3f %.3f\n", $1, $2 + $3 - started}' "$work/time"
}

compressor_lines() { grep -o 'the compressor took [0-9.]* s' "$work/source.log" || true; } # the sender's line per run that compressed

appliance_round() { # compression -> "seconds cpu-seconds link-bytes compressor-seconds"
  local before after task attempt logged
  logged=$(compressor_lines | wc -l)
  before=$(cpu)
  task=$(new_task "$1" "$task_port")
  attempt=$(finished "$task" 1 1) # polls seldom: curl and jq would take CPU from the run measured
  after=$(cpu)
  [ "$(echo "$attempt" | jq -r .status)" = succeeded ] || { echo "the $1 run failed: $attempt" >&2; exit 1; }
  forget_task "$task"
  settle
  # The compressor's seconds in this run: its line, if it logged one (none when nothing was compressed).
  local compressor
  compressor=$(compressor_lines | awk -v logged="$logged" 'NR > logged {s = $4} END {print s + 0}')
  echo "$(elapsed "$attempt") $(echo "$after - $before" | bc -l) $(echo "$attempt" | jq -r .bytes) $compressor"
}

# btrbk over ssh, when both are here (nothing is installed for it).
btrbk_skipped=""
if ! command -v btrbk >/dev/null 2>&1; then
  btrbk_skipped="btrbk is not installed"
elif ! sshd_path=$(command -v sshd 2>/dev/null || ls /usr/sbin/sshd 2>/dev/null); then
  btrbk_skipped="sshd is not installed (openssh-server)"
elif ! command -v ssh >/dev/null 2>&1 || ! command -v ssh-keygen >/dev/null 2>&1; then
  btrbk_skipped="ssh or ssh-keygen is not installed (openssh-client)"
fi
if [ -z "$btrbk_skipped" ]; then
  echo "Starting a private sshd for the btrbk reference..."
  ssh_dir="$work/ssh"
  mkdir -m 700 "$ssh_dir" "$ssh_dir/bin" "$ssh_dir/home"
  ssh-keygen -q -t ed25519 -N '' -C rockstor-bench-host -f "$ssh_dir/host_key"
  ssh-keygen -q -t ed25519 -N '' -C rockstor-bench-btrbk -f "$ssh_dir/id_ed25519"
  cp "$ssh_dir/id_ed25519.pub" "$ssh_dir/authorized_keys"
  sshd_port=$(free_port)
  # StrictModes would refuse keys under /tmp (writable by all). HOME points the remote shell away from
  # root's ~/.bashrc, which bash reads for every ssh command and which a development machine may fill
  # (pyenv here: half a second a command): not btrbk's cost.
  cat >"$ssh_dir/sshd_config" <<CONF
ListenAddress 127.0.0.1:$sshd_port
HostKey $ssh_dir/host_key
PidFile none
AuthorizedKeysFile $ssh_dir/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
Ciphers aes128-gcm@openssh.com
SetEnv HOME=$ssh_dir/home
LogLevel ERROR
CONF
  [ -d /run/sshd ] || { mkdir -m 755 /run/sshd; made_run_sshd=1; } # its privilege separation directory
  "$sshd_path" -t -f "$ssh_dir/sshd_config"
  "$sshd_path" -D -e -f "$ssh_dir/sshd_config" 2>>"$ssh_dir/sshd.log" &
  sshd_pid=$!
  bench_pids+=("$sshd_pid")
  wait_listening "$sshd_port" "sshd" "$ssh_dir/sshd.log"
  btrbk_port=$sshd_port
  if [ -n "$task_port" ]; then
    link_to "$sshd_port" >"$work/port"
    btrbk_port=$(cat "$work/port")
  fi
  # btrbk calls plain `ssh`: this one reads its own configuration (the host key pinned under an alias,
  # whichever port), not root's.
  echo "rockstor-bench $(cut -d' ' -f1,2 "$ssh_dir/host_key.pub")" >"$ssh_dir/known_hosts"
  cat >"$ssh_dir/ssh_config" <<CONF
Host *
  HostKeyAlias rockstor-bench
  UserKnownHostsFile $ssh_dir/known_hosts
  GlobalKnownHostsFile /dev/null
  StrictHostKeyChecking yes
  BatchMode yes
  LogLevel ERROR
CONF
  printf '#!/bin/sh\nexec %s -F %s "$@"\n' "$(command -v ssh)" "$ssh_dir/ssh_config" >"$ssh_dir/bin/ssh"
  chmod 755 "$ssh_dir/bin/ssh"
  mkdir -p "$source_pool/btrbk" "$destination_pool/btrbk"
  share_name=${share#"$source_pool"/}
  cat >"$work/btrbk.conf" <<CONF
timestamp_format long
ssh_identity $ssh_dir/id_ed25519
ssh_user root
ssh_cipher_spec aes128-gcm@openssh.com
volume $source_pool
  snapshot_dir btrbk
  subvolume $share_name
    target send-receive ssh://127.0.0.1:$btrbk_port$destination_pool/btrbk
CONF
  ssh_cpu() { awk -v ticks="$ticks" '{printf "%.3f", ($14 + $15 + $16 + $17) / ticks}' "/proc/$sshd_pid/stat"; }
fi

btrbk_round() { # -> "seconds cpu-seconds"
  local before
  before=$(ssh_cpu)
  if ! timed "$work/time" env PATH="$ssh_dir/bin:$PATH" btrbk -c "$work/btrbk.conf" run >"$work/btrbk.log" 2>&1; then
    echo "btrbk failed:" >&2
    cat "$work/btrbk.log" >&2
    exit 1
  fi
  # The receiving end ran under sshd: its CPU is sshd's once the session has ended and been reaped.
  while pgrep -P "$sshd_pid" >/dev/null; do sleep 0.05; done
  local remote
  remote=$(echo "$(ssh_cpu) - $before" | bc -l)
  # Both ends' copies go, so the next round is a full send again.
  btrfs -q subvolume delete "$destination_pool/btrbk/$share_name".* "$source_pool/btrbk/$share_name".* >/dev/null
  settle
  awk -v remote="$remote" '{printf "%.3f %.3f\n", $1, $2 + $3 + remote}' "$work/time"
}

median() { sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
rate() { echo "scale=1; $stream_bytes / 1048576 / $1" | bc -l; }
per_gib() { echo "scale=2; $1 / $gib" | bc -l; }

if [ -n "$btrbk_skipped" ]; then
  echo "The btrbk reference is skipped: $btrbk_skipped (apt-get install btrbk openssh-server adds both)."
  echo "Warming up (one raw pipe and one replication, not counted)..."
else
  echo "Warming up (one raw pipe, one btrbk run and one replication, not counted)..."
fi
raw_round >/dev/null
[ -n "$btrbk_skipped" ] || btrbk_round >/dev/null
appliance_round off >/dev/null

declare -a raw_s raw_cpu btrbk_s btrbk_cpu btrbk_ratio off_s off_cpu auto_s auto_cpu auto_link auto_zstd off_ratio auto_ratio gain
for r in $(seq 1 "$rounds"); do
  # Each step runs in this shell (not in a pipe or $(...)), so a failure inside it ends the benchmark.
  raw_round >"$work/round"
  read -r raw_s[r] raw_cpu[r] <"$work/round"
  line=$(printf 'round %d %s: raw %6.2f s %6s MiB/s' "$r" "$on_link" "${raw_s[r]}" "$(rate "${raw_s[r]}")")
  if [ -z "$btrbk_skipped" ]; then
    btrbk_round >"$work/round"
    read -r btrbk_s[r] btrbk_cpu[r] <"$work/round"
    btrbk_ratio[r]=$(echo "scale=3; ${raw_s[r]} / ${btrbk_s[r]}" | bc -l)
    line+=$(printf ' | btrbk %6.2f s %6s MiB/s ratio %.2f' "${btrbk_s[r]}" "$(rate "${btrbk_s[r]}")" "${btrbk_ratio[r]}")
  fi
  appliance_round off >"$work/round"
  read -r off_s[r] off_cpu[r] _ <"$work/round"
  appliance_round auto >"$work/round"
  read -r auto_s[r] auto_cpu[r] auto_link[r] auto_zstd[r] <"$work/round"
  off_ratio[r]=$(echo "scale=3; ${raw_s[r]} / ${off_s[r]}" | bc -l)
  auto_ratio[r]=$(echo "scale=3; ${raw_s[r]} / ${auto_s[r]}" | bc -l)
  gain[r]=$(echo "scale=3; ${off_s[r]} / ${auto_s[r]}" | bc -l)
  printf '%s | off %6.2f s %6s MiB/s ratio %.2f | auto %6.2f s %6s MiB/s ratio %.2f (%s%% on the link) | RSS %s / %s MiB\n' \
    "$line" "${off_s[r]}" "$(rate "${off_s[r]}")" "${off_ratio[r]}" \
    "${auto_s[r]}" "$(rate "${auto_s[r]}")" "${auto_ratio[r]}" \
    "$(echo "scale=0; 100 * ${auto_link[r]} / $stream_bytes" | bc -l)" "$(rss "${pids[0]}")" "$(rss "${pids[1]}")"
done

m() { printf '%s\n' "$@" | median; }
printf '\nreplication: stream         %.1f MiB (%s GiB random, %s GiB text, %s small files), %d rounds, medians:\n' \
  "$(echo "$stream_bytes / 1048576" | bc -l)" "$data_gib" "$text_gib" "$small_files" "$rounds"
printf 'replication: link           %s\n' "$link"
printf 'replication: raw pipe       %6.2f s  %6s MiB/s  CPU %5s s/GiB\n' "$(m "${raw_s[@]}")" "$(rate "$(m "${raw_s[@]}")")" "$(per_gib "$(m "${raw_cpu[@]}")")"
if [ -z "$btrbk_skipped" ]; then
  printf 'replication: btrbk over ssh %6.2f s  %6s MiB/s  CPU %5s s/GiB  ratio %.2f\n' \
    "$(m "${btrbk_s[@]}")" "$(rate "$(m "${btrbk_s[@]}")")" "$(per_gib "$(m "${btrbk_cpu[@]}")")" "$(m "${btrbk_ratio[@]}")"
else
  printf 'replication: btrbk over ssh skipped: %s\n' "$btrbk_skipped"
fi
printf 'replication: appliance off  %6.2f s  %6s MiB/s  CPU %5s s/GiB  ratio %.2f (goal >= 0.90)\n' \
  "$(m "${off_s[@]}")" "$(rate "$(m "${off_s[@]}")")" "$(per_gib "$(m "${off_cpu[@]}")")" "$(m "${off_ratio[@]}")"
printf 'replication: appliance auto %6.2f s  %6s MiB/s  CPU %5s s/GiB  ratio %.2f\n' \
  "$(m "${auto_s[@]}")" "$(rate "$(m "${auto_s[@]}")")" "$(per_gib "$(m "${auto_cpu[@]}")")" "$(m "${auto_ratio[@]}")"
printf 'replication: compressor    %5.2f s/GiB of stream in auto (zstd level 3, in the source appliance; part of its CPU above)\n' \
  "$(per_gib "$(m "${auto_zstd[@]}")")"
printf 'replication: auto over off  %.2f times as fast%s\n' "$(m "${gain[@]}")" \
  "$(positive "${link_mbps:-0}" && echo " (goal >= 1.5 on a slow link with text)" || true)"

# An incremental run after changing 1 MiB, end to end.
task=$(new_task off "$task_port")
full=$(finished "$task" 1 1)
[ "$(echo "$full" | jq -r .status)" = succeeded ] || { echo "the full run failed: $full" >&2; exit 1; }
dd if=/dev/urandom of="$share/large.bin" bs=1M count=1 seek=7 conv=notrunc status=none
sync
t0=$(now)
api a POST "/api/replication/tasks/$task/run" >/dev/null
incremental=$(finished "$task" 2)
t1=$(now)
[ "$(echo "$incremental" | jq -r .status)" = succeeded ] || { echo "the incremental run failed: $incremental" >&2; exit 1; }
printf 'replication: incremental    %s bytes, %.2f s end to end from "run now" (%s)\n' \
  "$(echo "$incremental" | jq -r .bytes)" "$(echo "$t1 - $t0" | bc -l)" \
  "$([ -z "$task_port" ] && echo "goal < 2 s" || echo "over $link")"
echo "replication: peak memory    source $(peak "${pids[0]}") MiB, destination $(peak "${pids[1]}") MiB"
