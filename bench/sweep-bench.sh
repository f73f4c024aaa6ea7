#!/usr/bin/env bash
# Trials per second of tiny sweep trials: local pool (1 and 2 threads) and Spark local[2], side by side.
# Usage: bench/sweep-bench.sh [counts...] [--repeats R] [--spark-max N]   (default: 100 1000 10000)
set -euo pipefail
root="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
(cd "$root" && mvn -B -q -DskipTests package -pl actlab-spark -am)
target="$root/actlab-spark/target"
opens=()
for pkg in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
           java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  opens+=("--add-opens=java.base/$pkg=ALL-UNNAMED")
done
exec java --add-modules jdk.incubator.vector "${opens[@]}" -Djdk.reflect.useDirectMethodHandle=false \
  -cp "$(ls "$target"/actlab-spark-*.jar | head -1):$target/lib/*" org.actlab.spark.SweepBench "$@"
