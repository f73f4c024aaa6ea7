#!/usr/bin/env bash
# Issue 11 target 2: every smooth activation of the catalogue, vector kernel beside its scalar twin,
# forward and backward, 1M floats, 1 thread, side by side in JMH runs of 3 forks; prints the
# ratio table (CatalogueRatioReport: medians by the benchmark thread's CPU time, and by wall time).
#
# usage: bench/catalogue-vs-scalar.sh [--no-build] [--lock FILE] [ID,ID,...]
#   One JMH run (25 functions x 2 passes x 2 paths x 3 forks of 2 x 200 ms warm-up and 3 x 200 ms
#   measurement: 300 forks, about 19 minutes on a loaded 2-core machine), under flock FILE if given;
#   pass a subset of ids (e.g. gelu,sin) to keep a lock hold short.
# JSON results go to actlab-bench/results/, JMH logs to actlab-bench/target/bench-logs/.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench="$root/actlab-bench"
build=true
lock=""
while (($#)); do
  case "$1" in
    --no-build) build=false; shift ;;
    --lock) lock="$2"; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) break ;;
  esac
done
# The smooth functions: the catalogue but its piecewise-linear ones (docs/ACCURACY.md, "The contract").
ids="${1:-gelu,tanhshrink,sin,mish,silu,gelu_tanh,softplus,log_sigmoid,sigmoid,tanh,elu,selu,celu,softsign,hard_swish,sparse_plus,cube,gaussian,rectified_tanh,exponential,isru,squareplus,bent_identity,rational_tanh,arctan}"

. "$root/bench/bench-classpath.sh"

stamp="$(date -u +%Y%m%dT%H%M)"
mkdir -p "$bench/results" "$bench/target/bench-logs"
out="$bench/results/$stamp-jdk17-vs-scalar.json"
log="$bench/target/bench-logs/$stamp-jdk17-vs-scalar.log"
run=(java -cp "$cp" org.openjdk.jmh.Main 'ActivationKernelBench' -t 1 -p activation="$ids"
     -p size=1048576 -p kernel=vector,scalar -f 3 -wi 2 -w 200ms -i 3 -r 200ms -rf json -rff "$out")
# The load average is printed when the run starts (inside the lock) and when it ends.
wrapped=(sh -c 'echo "   started at $(date -u +%H:%M) UTC; load average $(cut -d" " -f1-3 /proc/loadavg)" >&2; exec "$@"' run "${run[@]}")
echo "== $ids -> ${out#$root/} (log: ${log#$root/})" >&2
if [[ -n "$lock" ]]; then flock "$lock" "${wrapped[@]}" > "$log"; else "${wrapped[@]}" > "$log"; fi
echo "   done at $(date -u +%H:%M) UTC; load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
java -cp "$cp" org.actlab.bench.CatalogueRatioReport "$out"
