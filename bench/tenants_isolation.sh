#!/bin/sh
# The other tenant's latency while one tenant is flooded (issue 14): a
# figure, not a test. Starts `switchboard serve --tenants-dir` with two
# tenants on the load configuration (bench/config/loadgen.textproto):
# "flooded" limited to LIMIT calls per second, "quiet" without a limit.
# Measures quiet's Route latency at QUIET_RATE calls/s alone, then again
# while a second loadgen floods "flooded" at 10x its limit (--keep-going:
# the refusals are the point). Prints both loadgen reports; the p99 lines
# are what bench/tenants.md records.
#
#   bench/tenants_isolation.sh [BUILD_DIR]    (default: build)
#
# Environment: LIMIT (200), QUIET_RATE (500), SECONDS_EACH (10).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
bin=$build/services/switchboard
model=$build/tests/sample.model
limit=${LIMIT:-200}
quiet_rate=${QUIET_RATE:-500}
seconds=${SECONDS_EACH:-10}
flood_rate=$((limit * 10))

[ -x "$bin" ] || { echo "no $bin: build switchboard_cli" >&2; exit 1; }
if [ ! -f "$model" ]; then
  "$bin" train --quiet --data "$root/data/sample/contacts_train.csv" --out "$model"
fi

work=$(mktemp -d)
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

mkdir "$work/tenants"
# The training section's path is relative to bench/config: drop it, the
# tenants get the model file beside their configuration instead.
grep -v '^training' "$root/bench/config/loadgen.textproto" > "$work/base.textproto"
cp "$work/base.textproto" "$work/tenants/quiet.textproto"
{ cat "$work/base.textproto"; echo "tenant_limits { calls_per_second: $limit }"; } \
  > "$work/tenants/flooded.textproto"
cp "$model" "$work/tenants/quiet.model"
cp "$model" "$work/tenants/flooded.model"

"$bin" serve --tenants-dir "$work/tenants" --listen 127.0.0.1:0 \
  --port-file "$work/port" > "$work/server.log" 2>&1 &
server_pid=$!
i=0
while [ ! -s "$work/port" ]; do
  i=$((i + 1))
  [ $i -le 600 ] || { echo "the server did not start" >&2; cat "$work/server.log" >&2; exit 1; }
  sleep 0.1
done
server=127.0.0.1:$(cat "$work/port")

quiet() {
  "$bin" loadgen --server "$server" --tenant quiet --mode route \
    --rate "$quiet_rate" --duration "$seconds" --warmup 2 --id-prefix "$1"
}

echo "== quiet alone: $quiet_rate calls/s"
quiet alone
echo
echo "== quiet while flooded gets $flood_rate calls/s (10x its limit of $limit)"
"$bin" loadgen --server "$server" --tenant flooded --mode route \
  --rate "$flood_rate" --concurrency 256 --duration $((seconds + 4)) \
  --warmup 0 --keep-going --id-prefix flood > "$work/flood.txt" 2>&1 &
flood_pid=$!
sleep 1
quiet beside
wait "$flood_pid" || true
echo
echo "== the flood (most calls RESOURCE_EXHAUSTED by design)"
cat "$work/flood.txt"
