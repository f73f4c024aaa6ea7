package org.actlab.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ObjIntConsumer;
import org.actlab.data.DataSets;
import org.actlab.lab.experiment.Progress;
import org.actlab.lab.experiment.Trial;
import org.actlab.lab.experiment.TrialExecutor;
import org.actlab.lab.experiment.TrialResult;
import org.actlab.lab.experiment.Trials;
import org.actlab.lab.sweep.Sweep;
import java.io.InputStream;
import java.util.Properties;
import org.apache.spark.SparkConf;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import scala.collection.Iterator;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction1;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * Runs trials on Apache Spark, one trial per partition, so that each result reaches the driver as
 * its task finishes and is committed there (the sweep's per-trial journal). Spark hands the driver
 * one result per partition even when a task is retried or speculatively duplicated; the journal is
 * keyed by trial index besides, so a row can never be doubled.
 *
 * <p>Data: a trial on a CSV file names a path on the driver; the driver reads the file once and
 * broadcasts its bytes with their SHA-256, and each executor writes them to a local file named by the
 * checksum (checked before use), so no worker needs the driver's path. MNIST is bundled in
 * actlab-engine's jar, and generated sets are generated from the seed, so they need nothing shipped.
 *
 * <p>Code: on a cluster the executors need actlab's classes; the driver ships the jars that hold
 * them ({@code spark.jars}), unless {@code spark.jars} is already set (spark-submit does that).
 */
public final class SparkTrialExecutor implements TrialExecutor, AutoCloseable {

    /** The resource that holds Spark's JVM options, the one copy of that list. */
    static final String JVM_OPTIONS = "jvm-options.properties";

    private final JavaSparkContext context;
    private final String master;
    /** Test seam, null in production: see {@link TaskProbe}. */
    private TaskProbe probe;

    private SparkTrialExecutor(JavaSparkContext context, String master) {
        this.context = context;
        this.master = master;
    }

    /**
     * Starts a Spark context on {@code master}: {@code local[N]} (embedded, N threads),
     * {@code local[N,F]} (F attempts per task) or {@code spark://host:port} (standalone).
     *
     * @throws IllegalArgumentException for another master string
     */
    public static SparkTrialExecutor connect(String master) {
        return connect(master, Map.of());
    }

    /** As {@link #connect(String)}, with extra Spark settings. */
    public static SparkTrialExecutor connect(String master, Map<String, String> settings) {
        if (master == null || !Sweep.SPARK_MASTER.matcher(master.trim()).matches()) {
            throw new IllegalArgumentException("--spark wants local[N] or spark://host:port, got '" + master + "'");
        }
        SparkConf conf = new SparkConf().setMaster(master.trim()).setAppName("actlab sweep")
                .set("spark.ui.enabled", "false")
                // Executors run trials with actlab's kernels: the Vector API module, and Spark's own flags on Java 17.
                .set("spark.executor.extraJavaOptions", String.join(" ", jvmOptions()));
        if (!master.startsWith("local") && !conf.contains("spark.jars")) {
            conf.set("spark.jars", String.join(",", actlabJars()));
        }
        settings.forEach(conf::set);
        JavaSparkContext context = new JavaSparkContext(conf);
        context.setLogLevel("WARN");
        return new SparkTrialExecutor(context, master.trim());
    }

    /**
     * The JVM options a Spark driver or executor needs on Java 17+ (Spark's own list and one more),
     * from {@value #JVM_OPTIONS}, which ./actlab, the build and the bench script read too.
     */
    public static List<String> jvmOptions() {
        Properties p = new Properties();
        try (InputStream in = SparkTrialExecutor.class.getResourceAsStream(JVM_OPTIONS)) {
            if (in == null) {
                throw new IllegalStateException("no " + JVM_OPTIONS + " next to " + SparkTrialExecutor.class.getName());
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + JVM_OPTIONS + ": " + e.getMessage(), e);
        }
        String value = p.getProperty("actlab.spark.jvmOptions", "").strip();
        if (value.isEmpty()) {
            throw new IllegalStateException(JVM_OPTIONS + " has no actlab.spark.jvmOptions");
        }
        return List.of(value.split("\\s+"));
    }

    /**
     * Test seam: called in each task, with the trial's index and the task's attempt number (0 for the
     * first), before and after the trial runs, so that a test can fail or slow down a given attempt
     * and watch Spark retry or speculate. Package-private, and unset in production.
     */
    interface TaskProbe extends Serializable {
        void beforeTrial(int index, int attempt) throws Exception;

        void afterTrial(int index, int attempt) throws Exception;
    }

    /** The Spark context, for the bench's task listener. */
    JavaSparkContext context() {
        return context;
    }

    /** Sets the test probe for the following runs. */
    void probe(TaskProbe probe) {
        this.probe = probe;
    }

    /** The jars that hold actlab's classes (the lab, what it uses, and this module). */
    static List<String> actlabJars() {
        Set<String> jars = new LinkedHashSet<>();
        for (Class<?> c : List.of(SparkTrialExecutor.class, Trials.class, DataSets.class,
                org.actlab.diagnose.Diagnostics.class, org.actlab.activation.Activations.class,
                com.fasterxml.jackson.dataformat.yaml.YAMLMapper.class)) {
            try {
                Path p = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
                if (Files.isRegularFile(p)) {
                    jars.add(p.toString());
                }
            } catch (URISyntaxException | NullPointerException e) {
                // No code source: a JDK or bootstrap class, shipped with every JVM.
            }
        }
        return new ArrayList<>(jars);
    }

    @Override
    public List<TrialResult> execute(List<Trial> trials, Progress progress) {
        TrialResult[] results = new TrialResult[trials.size()];
        each(trials, progress, (r, i) -> results[i] = r);
        return new ArrayList<>(List.of(results));
    }

    @Override
    public void each(List<Trial> trials, Progress progress, ObjIntConsumer<TrialResult> done) {
        if (trials.isEmpty()) {
            return;
        }
        Broadcast<Map<String, Shipped>> data = context.broadcast(ship(trials));
        List<Job> jobs = new ArrayList<>(trials.size());
        for (int i = 0; i < trials.size(); i++) {
            jobs.add(new Job(i, trials.get(i)));
        }
        // One trial per partition: each result comes back (and is committed) as soon as its task ends.
        JavaRDD<Job> rdd = context.parallelize(jobs, jobs.size());
        LinkedBlockingQueue<Indexed> finished = new LinkedBlockingQueue<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        ClassTag<Indexed> tag = ClassTag$.MODULE$.apply(Indexed.class);
        Thread job = new Thread(() -> {
            try {
                context.sc().runJob(rdd.rdd(), new RunPartition(data, probe), new Collect(finished), tag);
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "actlab-spark-job");
        job.setDaemon(true);
        job.start();
        boolean[] seen = new boolean[trials.size()];
        int count = 0;
        try {
            while (count < trials.size()) {
                Indexed r = finished.poll(100, TimeUnit.MILLISECONDS);
                if (r == null) {
                    if (!job.isAlive() && finished.isEmpty()) {
                        Throwable t = failure.get();
                        throw new IllegalStateException("Spark job failed: " + (t == null ? "ended early" : t.getMessage()), t);
                    }
                    continue;
                }
                if (seen[r.index]) {
                    continue; // belt and braces: Spark already reports each partition once
                }
                seen[r.index] = true;
                count++;
                done.accept(r.result, r.index);
            }
            job.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            context.cancelAllJobs();
            throw new IllegalStateException("interrupted while running trials on Spark", e);
        } finally {
            data.destroy();
        }
    }

    /** The CSV files the trials name, read once on the driver. */
    private static Map<String, Shipped> ship(List<Trial> trials) {
        Map<String, Shipped> files = new LinkedHashMap<>();
        for (Trial t : trials) {
            Object d = t.run().get("data");
            if (d instanceof String path && !files.containsKey(path) && !DataSets.exists(path)
                    && !path.equalsIgnoreCase("mnist") && Files.isRegularFile(Path.of(path))) {
                try {
                    byte[] bytes = Files.readAllBytes(Path.of(path));
                    files.put(path, new Shipped(bytes, checksum(bytes)));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + path + " to ship it to Spark: " + e.getMessage(), e);
                }
            }
        }
        return files;
    }

    static String checksum(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }

    /** A CSV file's bytes and checksum. */
    record Shipped(byte[] bytes, String sha256) implements Serializable {
        /** The file on this machine: written once per checksum, checked before use. */
        Path local() throws IOException {
            Path file = Path.of(System.getProperty("java.io.tmpdir"), "actlab-data-" + sha256 + ".csv");
            if (!Files.isRegularFile(file) || !checksum(Files.readAllBytes(file)).equals(sha256)) {
                Path temp = Files.createTempFile(file.getParent(), ".actlab-data-", ".tmp");
                Files.write(temp, bytes);
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            if (!checksum(Files.readAllBytes(file)).equals(sha256)) {
                throw new IOException("shipped data " + file + " does not match its checksum " + sha256);
            }
            return file;
        }
    }

    record Job(int index, Trial trial) implements Serializable {
    }

    record Indexed(int index, TrialResult result) implements Serializable {
    }

    /** On an executor: runs the partition's trial, with shipped data where it names a CSV file. */
    static final class RunPartition extends AbstractFunction1<Iterator<Job>, Indexed> implements Serializable {
        private final Broadcast<Map<String, Shipped>> data;
        private final TaskProbe probe;

        RunPartition(Broadcast<Map<String, Shipped>> data, TaskProbe probe) {
            this.data = data;
            this.probe = probe;
        }

        @Override
        public Indexed apply(Iterator<Job> partition) {
            Job job = partition.next();
            if (probe == null) {
                return run(job);
            }
            int attempt = TaskContext.get().attemptNumber();
            try {
                probe.beforeTrial(job.index, attempt);
                Indexed result = run(job);
                probe.afterTrial(job.index, attempt);
                return result;
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("probe: " + e.getMessage(), e);
            }
        }

        private Indexed run(Job job) {
            Trial trial = job.trial;
            Shipped shipped = data.value().get(String.valueOf(trial.run().get("data")));
            if (shipped == null) {
                return new Indexed(job.index, Trials.run(trial));
            }
            Map<String, Object> run = new LinkedHashMap<>(trial.run());
            try {
                run.put("data", shipped.local().toString());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot place shipped data for " + trial + ": " + e.getMessage(), e);
            }
            TrialResult local = Trials.run(new Trial(trial.experiment(), trial.measure(), run));
            // The row names the data as the user gave it, not this machine's copy.
            return new Indexed(job.index, new TrialResult(trial, local.measures()));
        }
    }

    /** On the driver: queues each partition's result for the thread that commits it. */
    static final class Collect extends AbstractFunction2<Object, Indexed, BoxedUnit> implements Serializable {
        private final transient LinkedBlockingQueue<Indexed> queue;

        Collect(LinkedBlockingQueue<Indexed> queue) {
            this.queue = queue;
        }

        @Override
        public BoxedUnit apply(Object partition, Indexed result) {
            queue.add(result);
            return BoxedUnit.UNIT;
        }
    }

    @Override
    public void close() {
        context.stop();
    }

    @Override
    public String toString() {
        return "Spark " + master;
    }
}
