#!/usr/bin/env bash
# Builds actlab-bench (Maven profile "bench") and runs one suite of JMH benchmarks, writing JMH's
# JSON results and a Markdown summary (BenchReport) into actlab-bench/results/.
#
# usage: bench/run-benchmarks.sh [options] SUITE...
#   SUITE      kernels    seed activations (sigmoid, tanh, relu, leaky_relu) fwd+bwd, 1M and 16M,
#                         1 and 2 threads, beside copy and scale
#              catalogue  every catalogue activation fwd+bwd at 1M, 1 thread, plus copy
#              scalar     the scalar twin for the seed activations at 1M, 1 thread
#              peers      ND4J, libtorch (DJL), ONNX Runtime, TensorFlow: seed activations forward,
#                         1M and 16M, 1 and 2 threads
#              training   784-256-256-10 MLP training step: actlab, DL4J, libtorch; 1 and 2 threads
#              gemm       the engine's GEMM on that MLP's shapes, 1 and 2 threads
#              sweep      sigmoid and relu forward from 1K to 64M floats (powers of 4), 1 thread:
#                         actlab, copy and the four peers; the summary gets a table and
#                         docs/img/size-sweep-*.svg (log-log plots) are rewritten. SWEEP_LIBS
#                         (e.g. actlab,nd4j), SWEEP_SIZES and SWEEP_FORKS (default 3) split it
#   --jdk DIR  JDK for the forked benchmark JVMs (default: the java on PATH); the JMH host runs on
#              the java on PATH
#   --quick    smoke test: 1 fork, 1 short warm-up and 1 short measurement iteration
#   --no-build use the existing build
# Recorded runs use 2 forks x 4 measurement iterations of 300 ms after 2 warm-ups of 300 ms
# (training: 2 forks x 5 x 1 s after 4 x 1 s warm-up); run them on a quiet machine (`uptime`).
# JSON results and the Markdown summary go to actlab-bench/results/, JMH logs to
# actlab-bench/target/bench-logs/.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench="$root/actlab-bench"
jdk=""
quick=false
build=true
suites=()
while (($#)); do
  case "$1" in
    --jdk) jdk="$2"; shift 2 ;;
    --quick) quick=true; shift ;;
    --no-build) build=false; shift ;;
    -h|--help) sed -n '2,27p' "$0"; exit 0 ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) suites+=("$1"); shift ;;
  esac
done
((${#suites[@]})) || { echo "no suite given; see --help" >&2; exit 2; }

. "$root/bench/bench-classpath.sh"

fork_java="${jdk:+$jdk/bin/java}"
fork_java="${fork_java:-$(command -v java)}"
jdk_name="$(basename "$(dirname "$(dirname "$(readlink -f "$fork_java")")")")"
jdk_tag="jdk$("$fork_java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
stamp="$(date -u +%Y%m%dT%H%M)$($quick && echo -quick || true)"
started="$(date -u '+%Y-%m-%d %H:%M UTC')"
load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
results="$bench/results"
logs="$bench/target/bench-logs"
mkdir -p "$results" "$logs"

if $quick; then
  timing=(-f 1 -wi 1 -w 100ms -i 1 -r 100ms)
  training_timing=(-f 1 -wi 1 -w 1s -i 1 -r 1s)
else
  timing=(-f 2 -wi 2 -w 300ms -i 4 -r 300ms)
  training_timing=()
fi

files=()
plot=()
# jmh NAME [ENV=VALUE...] -- JMH-ARGS...: one JMH invocation writing NAME.json.
jmh() {
  local name="$1"; shift
  local env=()
  while [[ "$1" != "--" ]]; do env+=("$1"); shift; done
  shift
  local out="$results/$stamp-$jdk_tag-$name.json"
  local log="$logs/$stamp-$jdk_tag-$name.log"
  echo "== $name -> ${out#$root/} (log: ${log#$root/})" >&2
  env ${env[@]+"${env[@]}"} java -cp "$cp" org.openjdk.jmh.Main -jvm "$fork_java" -rf json -rff "$out" "$@" \
    > "$log" 2>&1 || { echo "   failed: see $log" >&2; tail -5 "$log" >&2; return 0; }
  # Committed results name no path of this machine: keep only the JDK directory's name.
  sed -i "s#\"$fork_java\"#\"$jdk_name/bin/java\"#g" "$out"
  if grep -qE '<failure>|forked VM failed' "$log"; then
    echo "   some benchmarks failed: see $log" >&2
  fi
  files+=("$out")
}

seed="sigmoid,tanh,relu,leaky_relu"
sizes="1048576,16777216"
for suite in "${suites[@]}"; do
  case "$suite" in
    kernels)
      for t in 1 2; do
        jmh "kernels-t$t" -- 'ActivationKernelBench|MemoryStreamBench' -t "$t" -p activation="$seed" -p size="$sizes" "${timing[@]}"
      done ;;
    catalogue)
      ids="$(java -cp "$cp" org.actlab.bench.CatalogueIds)"
      jmh catalogue -- 'ActivationKernelBench|MemoryStreamBench.copy' -t 1 -p activation="$ids" -p size=1048576 "${timing[@]}" ;;
    scalar)
      jmh scalar -- 'ActivationKernelBench' -t 1 -p activation="$seed" -p size=1048576 -p kernel=scalar "${timing[@]}" ;;
    peers)
      for t in 1 2; do
        # libnd4j sizes its OpenMP pool from the environment when it loads.
        jmh "nd4j-t$t" OMP_NUM_THREADS="$t" OMP_WAIT_POLICY=PASSIVE -- 'Nd4jActivationBench' -p threads="$t" -p activation="$seed" -p size="$sizes" "${timing[@]}"
      done
      jmh peers-native -- 'LibtorchActivationBench|OnnxRuntimeActivationBench|TensorFlowActivationBench' -p threads=1,2 -p activation="$seed" -p size="$sizes" "${timing[@]}" ;;
    training)
      jmh training-t1 OMP_NUM_THREADS=1 -- 'ActlabTrainingBench|Dl4jTrainingBench|LibtorchTrainingBench' -p threads=1 ${training_timing[@]+"${training_timing[@]}"}
      jmh training-t2 OMP_NUM_THREADS=2 OMP_WAIT_POLICY=PASSIVE -- 'ActlabTrainingBench|Dl4jTrainingBench|LibtorchTrainingBench' -p threads=2 ${training_timing[@]+"${training_timing[@]}"} ;;
    gemm)
      jmh gemm -- 'GemmBench' -p threads=1,2 "${timing[@]}" ;;
    sweep)
      # 64M floats need 4 arrays of 256 MiB in actlab's benchmark: a larger heap than the default.
      big=(-jvmArgsAppend "--add-modules=jdk.incubator.vector -Xss4m -Xms4g -Xmx4g")
      # SWEEP_SIZES overrides the list (a shorter run: 1024,16384,262144,4194304,67108864).
      sweep_sizes="${SWEEP_SIZES:-1024,4096,16384,65536,262144,1048576,4194304,16777216,67108864}"
      # SWEEP_FORKS forks per point (default 3); SWEEP_LIBS picks the libraries (default all:
      # actlab,nd4j,libtorch,onnxruntime,tensorflow), so that a sweep can be split into runs of
      # a few minutes each and the JSON files given to BenchReport --plot together afterwards.
      # Warm-up of 5 × 500 ms: with 3 × 200 ms, under load, small sizes were still measured in the
      # Vector API's Java fallback (docs/BENCHMARKS.md section 12).
      sweep_timing=(-f "${SWEEP_FORKS:-3}" -wi 5 -w 500ms -i 3 -r 200ms)
      $quick && sweep_timing=("${timing[@]}")
      sweep_libs=",${SWEEP_LIBS:-actlab,nd4j,libtorch,onnxruntime,tensorflow},"
      sweep_args=(-p activation=sigmoid,relu -p size="$sweep_sizes" "${sweep_timing[@]}" "${big[@]}")
      [[ "$sweep_libs" == *,actlab,* ]] && jmh sweep-actlab -- 'ActivationKernelBench.forward|MemoryStreamBench.copy' -t 1 "${sweep_args[@]}"
      [[ "$sweep_libs" == *,nd4j,* ]] && jmh sweep-nd4j OMP_NUM_THREADS=1 -- 'Nd4jActivationBench' -p threads=1 "${sweep_args[@]}"
      [[ "$sweep_libs" == *,libtorch,* ]] && jmh sweep-libtorch -- 'LibtorchActivationBench' -p threads=1 "${sweep_args[@]}"
      [[ "$sweep_libs" == *,onnxruntime,* ]] && jmh sweep-onnxruntime -- 'OnnxRuntimeActivationBench' -p threads=1 "${sweep_args[@]}"
      [[ "$sweep_libs" == *,tensorflow,* ]] && jmh sweep-tensorflow -- 'TensorFlowActivationBench' -p threads=1 "${sweep_args[@]}"
      plot=(--plot "$root/docs/img") ;;
    *) echo "unknown suite $suite" >&2; exit 2 ;;
  esac
done

if ((${#files[@]})); then
  summary="$results/$stamp-$jdk_tag-${suites[*]// /-}.md"
  summary="${summary// /-}"
  {
    echo "Command: bench/run-benchmarks.sh ${jdk:+--jdk <$jdk_name> }$($quick && echo '--quick ' || true)${suites[*]}"
    echo "Started: $started (load average $load_start); ended: $(date -u '+%H:%M UTC') (load average $(cut -d' ' -f1-3 /proc/loadavg))"
    echo "CPU: $(lscpu | sed -n 's/^Model name: *//p') (family $(lscpu | sed -n 's/^CPU family: *//p'), model $(lscpu | sed -n 's/^Model: *//p')), $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB"
    echo
    java -cp "$cp" org.actlab.bench.BenchReport ${plot[@]+"${plot[@]}"} "${files[@]}"
  } > "$summary"
  cat "$summary"
fi
