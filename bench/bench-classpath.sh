# Sourced by the bench scripts: builds the benchmark module when asked and sets $cp, the class path
# of a JMH run (the module's classes, actlab's jars, then the dependencies Maven listed).
# Expects $root (the repository) and $bench (actlab-bench) to be set, and $build (true or false).
if $build; then
  (cd "$root" && mvn -B -q -Pbench -pl actlab-bench -am package -DskipTests)
fi
cp="$bench/target/classes"
for jar in "$bench"/target/actlab-lib/*.jar; do cp="$cp:$jar"; done
cp="$cp:$(cat "$bench/target/classpath.txt")"
