# Sourced by the benchmarks and scripts/demo.sh: two appliances on this machine (separate data
# directories, mount roots and ports), set up ("admin" / $password), paired, with the Replication
# service on and a pool "$pool_name" of $pool_gib GiB on an image file each. They listen on $listen
# (127.0.0.1 unless set) and reach each other on the loopback. Sets $work, $a, $b, $share (the path of
# share "data" on the source) and $destination_pool; gives api, finished, new_task, forget_task and elapsed; removes
# everything (processes, mounts, loop devices, files) on exit. Built on scripts/appliances.sh (any
# number of appliances), whose functions are there too.
# shellcheck source=scripts/appliances.sh
. "$(dirname "${BASH_SOURCE[0]}")/appliances.sh"

launch source 18443 18002
launch destination 18444 18003
started source
started destination
a=${url[source]}
b=${url[destination]}
token_a=$(setup 18443 source)
token_b=$(setup 18444 destination)
token[source]=$token_a
token[destination]=$token_b
api() { # a|b method path [body]
  if [ "$1" = a ]; then api_to source "${@:2}"; else api_to destination "${@:2}"; fi
}

pair source destination
api a PUT /api/services/replication '{"enabled":true}' >/dev/null
api b PUT /api/services/replication '{"enabled":true}' >/dev/null
make_pool source "$pool_gib" >/dev/null
destination_pool=$(make_pool destination "$pool_gib")
share=$(make_share source data)

finished() { # task count [poll seconds] -> waits until the trail has that many finished attempts; prints the newest
  finished_on source "$@"
}
new_task() { # compression [port] -> creates a task of share "data" (run at once: a full send into an empty replica); prints its id
  # (port: where it sends, when not straight to the destination's replication port)
  api a POST /api/replication/tasks "{\"share\":\"data\",\"targetPool\":\"$pool_name\",\"frequencyMinutes\":1440,\"keep\":3,\"compression\":\"$1\"${2:+,\"port\":$2}}" | jq -r .id
}
forget_task() { # task -> deletes it and its snapshots on both sides, so the next task sends in full again
  forget_task_on source destination "$1"
}
