#!/usr/bin/env bash
# Trials per second of tiny sweep trials: local pool (1 and 2 threads), the whole sweep path with its
# journal (1 and 2 threads) and Spark local[2], side by side in one JVM (org.actlab.spark.SweepBench).
# Usage: bench/sweep-bench.sh [counts...] [--launches K] [--repeats R] [--pause-rounds R] [--spark-max N]
#        [--journal-max N]
#   defaults: 100 1000 10000, 5 JVM launches, 9 rounds per launch, 40 rounds of each after-a-pause row per launch,
#   Spark and the journal up to 1000 trials. About 5 minutes on an idle 2-core machine after the build (docs/SWEEPS.md, "Throughput").
# The pool rows run in each of K JVM launches, one after the other (the last launch then runs the
# journal and Spark rows too); every launch's output is printed, then each row's median over the
# launches, for the pool rows (sweeps back to back), the control (the largest count on 1 and 2 plain
# threads taking trials from a shared counter, no pool: what two threads reach at that moment) and the
# after-a-pause rows (100 trials, each run
# after a pause past the pool helpers' hot spin, the caller spinning or asleep). Launches differ: in some, the 1-thread pool runs about a third slower than in others
# (docs/SWEEPS.md), so one launch's speed-up is not the bench's figure; the median over launches is,
# and no launch is set aside.
# Prints the load average before and after: the figures are only as good as the machine is quiet.
# The build runs at nice 15 so that it never competes with a measurement; NO_BUILD=1 skips it (build
# once, then time several runs, e.g. under a shared lock: NO_BUILD=1 flock LOCK bench/sweep-bench.sh ...).
set -euo pipefail
root="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
launches=5
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --launches) launches="$2"; shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
if ! [[ "$launches" =~ ^[1-9][0-9]*$ ]]; then
  echo "sweep-bench: --launches must be a whole number of at least 1, got '$launches'" >&2
  exit 2
fi
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
rows="$(mktemp)"
plain="$(mktemp)"
parked="$(mktemp)"
asleep="$(mktemp)"
trap 'rm -f "$rows" "$plain" "$parked" "$asleep"' EXIT
status=0
for ((k = 1; k <= launches; k++)); do
  echo "--- JVM launch $k of $launches (load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown))"
  extra=()
  if [ "$k" -lt "$launches" ]; then
    extra=(--spark-max 0 --journal-max 0) # the journal and Spark run once, in the last launch
  fi
  java --add-modules jdk.incubator.vector "${opts[@]}" \
    -cp "$(ls "$target"/actlab-spark-*.jar | head -1):$target/lib/*" org.actlab.spark.SweepBench \
    ${args[@]+"${args[@]}"} ${extra[@]+"${extra[@]}"} \
    | awk -v k="$k" -v rows="$rows" -v plain="$plain" -v parked="$parked" -v asleep="$asleep" '{ print; fflush() }
        /^pool-row / { print k, $2, $3, $4 >> rows }
        /^plain-row / { print k, $2, $3, $4 >> plain }
        /^parked-row / { print k, $2, $3, $4 >> parked }
        /^asleep-row / { print k, $2, $3, $4 >> asleep }' || status=$?
done
# Lines of $rows, $plain, $parked and $asleep: launch, trials, 1-thread trials/s, 2-thread trials/s.
medians() {
  sort -k2,2n -k1,1n "$1" | awk '
    function median(a, n,   i, j, t) {
      for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
      return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    function flush() {
      if (n == 0) return
      printf "%8d  %-40s %9.2fx %14.1f %14.1f\n", trials, list, median(ratio, n), median(one, n), median(two, n)
    }
    BEGIN { printf "%8s  %-40s %10s %14s %14s\n", "trials", "speed-up per launch", "median", "pool1 trial/s", "pool2 trial/s" }
    $2 != trials { flush(); trials = $2; n = 0; list = "" }
    { n++; one[n] = $3; two[n] = $4; ratio[n] = $4 / $3; list = list sprintf("%.2f ", $4 / $3) }
    END { flush() }'
}
# Prints a title and the medians of a file of rows, if it has any: summary FILE TITLE.
summary() {
  if [ -s "$1" ]; then
    echo "$2"
    medians "$1"
  fi
}
summary "$rows" "pool rows over $launches JVM launch(es): speed-up of each launch, then the medians over the launches"
summary "$plain" "the control, no pool: 1 plain thread against 2 sharing a counter (what two threads reach), over the launches"
summary "$parked" "after a pause, the caller spinning (the helper parked), over the launches"
summary "$asleep" "after a pause, the caller asleep (the whole process idle), over the launches"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
exit "$status"
