#!/usr/bin/env bash
# Trials per second of tiny sweep trials: local pool (1 and 2 threads), the whole sweep path with its
# journal (1 and 2 threads) and Spark local[2], side by side in one JVM (org.actlab.spark.SweepBench).
# Usage: bench/sweep-bench.sh [counts...] [--repeats R] [--spark-max N] [--journal-max N]
#   defaults: 100 1000 10000, 9 rounds, Spark and the journal up to 1000 trials. About 3-4 minutes on an
#   idle 2-core machine after the build (docs/SWEEPS.md, "Throughput").
# Prints the load average before and after: the figures are only as good as the machine is quiet.
# The build runs at nice 15 so that it never competes with a measurement; NO_BUILD=1 skips it (build
# once, then time several runs, e.g. under a shared lock: NO_BUILD=1 flock LOCK bench/sweep-bench.sh ...).
set -euo pipefail
root="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ "${NO_BUILD:-0}" != 1 ]; then
  (cd "$root" && nice -n 15 mvn -B -q -DskipTests package -pl actlab-spark -am)
fi
target="$root/actlab-spark/target"
# Spark's JVM options from their one list (as ./actlab reads them for --spark).
# shellcheck disable=SC2207
opts=($(sed -n '/^actlab\.spark\.jvmOptions=/,/[^\\]$/p' \
  "$root/actlab-spark/src/main/resources/org/actlab/spark/jvm-options.properties" \
  | sed -e 's/^actlab\.spark\.jvmOptions=//' -e 's/\\$//'))
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
status=0
java --add-modules jdk.incubator.vector "${opts[@]}" \
  -cp "$(ls "$target"/actlab-spark-*.jar | head -1):$target/lib/*" org.actlab.spark.SweepBench "$@" || status=$?
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
exit "$status"
