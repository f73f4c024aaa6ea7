package org.actlab.lab.experiment;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.actlab.kernel.Kernels;

/**
 * Runs one {@code cost} trial in a JVM of its own, as JMH forks a JVM per benchmark, and is that
 * JVM's entry point.
 *
 * <p>Why: the scalar kernels dispatch on the activation's type once per call, and several activations
 * share a loop (the {@code default} branch of the {@code Standard} switch), whose call to
 * {@code apply}/{@code derivative} the JIT inlines only while its type profile has seen one or two
 * classes. Measured in one process after every other activation, that call is megamorphic: a probe
 * gave relu6 8.9 ns per element forward against 1.4 ns in a fresh JVM, and identity 3.3 ns backward
 * against 1.1 ns. How polluted the profile is depends on what ran before and when the JIT recompiled,
 * so the first and the second in-process run measured different code (scalar ratios ×3.02 and ×3.62).
 * A fresh JVM per activation measures each kernel as a network that uses that one activation runs it.
 *
 * <p>Protocol: the parent writes the {@link Trial} (Java serialisation) to the child's standard input;
 * the child measures it in process and writes the {@link TrialResult} to its standard output. The
 * child gets the parent's class path and java, the Vector API module when the parent has it, and the
 * kernel choice property.
 */
final class CostFork {

    private CostFork() {
    }

    /**
     * Measures {@code trial} in {@code forks} new JVMs, one after the other, and combines them: per
     * timing round, the median over the forks of forward and of backward ns/element.
     *
     * <p>Why several: a fresh JVM does not always compile a Vector API kernel to the same code. In 3
     * forks of the vector identity, backward measured 0.17, 0.18 and 40.9 ns per element (the last one
     * left in the Vector API's Java fallback), as the JMH runs in docs/BENCHMARKS.md saw for the relu
     * family. One fork per activation let such a lottery move a group median by 27% between the two
     * runs; the median of three forks needs two of them to draw the slow code.
     */
    static TrialResult run(Trial trial, int forks) {
        if (forks < 1) {
            throw new IllegalArgumentException("forks must be at least 1, got " + forks);
        }
        List<TrialResult> each = new ArrayList<>();
        for (int k = 0; k < forks; k++) {
            each.add(runOne(trial));
        }
        return combine(trial, each);
    }

    /** The forks' results as one: per round, the median over the forks of forward and of backward. */
    static TrialResult combine(Trial trial, List<TrialResult> each) {
        int forks = each.size();
        TrialResult first = each.get(0);
        int rounds = first.numbers("forward").length;
        double[] forward = new double[rounds];
        double[] backward = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            final int round = r;
            forward[r] = Summary.median(each.stream().mapToDouble(x -> x.numbers("forward")[round]).toArray());
            backward[r] = Summary.median(each.stream().mapToDouble(x -> x.numbers("backward")[round]).toArray());
        }
        List<Double> perFork = each.stream()
                .map(x -> Summary.median(x.numbers("forward")) + Summary.median(x.numbers("backward"))).toList();
        return TrialResult.of(trial).put("id", first.text("id")).put("cost class", first.text("cost class"))
                .put("kernels", first.text("kernels")).put("forward", forward).put("backward", backward)
                .put("fwd+bwd ns/element per fork", perFork)
                .put("priming calls", (long) each.stream().mapToInt(x -> x.integer("priming calls")).min().orElseThrow())
                .put("warm-up blocks", (long) each.stream().mapToInt(x -> x.integer("warm-up blocks")).max().orElseThrow())
                .put("steady", each.stream().allMatch(x -> x.flag("steady")))
                .put("JIT ms during rounds", each.stream().mapToDouble(x -> x.number("JIT ms during rounds")).sum())
                .put("clock", first.text("clock")).put("JVM", forks + " forked, one per trial each")
                .put("sink", each.stream().mapToDouble(x -> x.number("sink")).sum()).build();
    }

    /** Measures {@code trial} in one new JVM and returns its result. */
    private static TrialResult runOne(Trial trial) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            command.add("--add-modules=jdk.incubator.vector");
        }
        String kernelChoice = System.getProperty(Kernels.PROPERTY);
        if (kernelChoice != null) {
            command.add("-D" + Kernels.PROPERTY + "=" + kernelChoice);
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(CostFork.class.getName());
        try {
            Process child = new ProcessBuilder(command).start();
            try (ObjectOutputStream toChild = new ObjectOutputStream(child.getOutputStream())) {
                toChild.writeObject(trial);
            }
            // The child's stderr holds at most the JVM's incubator banner or a failure's message, so
            // reading it after stdout cannot fill the pipe and stall the child.
            byte[] out = child.getInputStream().readAllBytes();
            String err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            int exit = child.waitFor();
            if (exit != 0) {
                throw new IllegalStateException("the forked JVM measuring " + trial.text("activation") + " on the "
                        + trial.text("kernels") + " kernels exited with " + exit + ": " + lastLine(err));
            }
            try (ObjectInputStream fromChild = new ObjectInputStream(new java.io.ByteArrayInputStream(out))) {
                return (TrialResult) fromChild.readObject();
            }
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("could not fork a JVM for the cost trial " + trial.text("activation")
                    + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the forked JVM measured " + trial.text("activation"), e);
        }
    }

    private static String lastLine(String text) {
        int newline = text.lastIndexOf('\n');
        return newline < 0 ? text : text.substring(newline + 1);
    }

    /** The child: one trial in on stdin, its result out on stdout; nothing else goes to stdout. */
    public static void main(String[] args) throws Exception {
        OutputStream stdout = System.out;
        // Anything the measured code might print must not corrupt the serialised result.
        System.setOut(new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8));
        Trial trial;
        try (InputStream in = System.in; ObjectInputStream objects = new ObjectInputStream(in)) {
            trial = (Trial) objects.readObject();
        }
        TrialResult result;
        try {
            result = ActivationCost.measure(trial);
        } catch (RuntimeException e) {
            // One line for the parent's error message, which quotes the child's last line of stderr.
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream objects = new ObjectOutputStream(bytes)) {
            objects.writeObject(result);
        }
        stdout.write(bytes.toByteArray());
        stdout.flush();
    }
}
