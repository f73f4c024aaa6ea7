package org.actlab.lab.run;

import java.nio.file.Path;
import java.util.List;

/** Saves and re-reads a model of 4 million parameters (16 MB of floats), run under a small heap. */
public final class SaveUnderSmallHeap {

    private SaveUnderSmallHeap() {
    }

    public static void main(String[] args) {
        RunConfig config = RunConfig.builder().data("xor").samples(20).hidden(List.of(2000, 2000)).epochs(0).build();
        TrainingRun run = TrainingRun.prepare(config);
        Path file = Path.of(args[0]);
        SavedModel.of(run).write(file);
        SavedModel back = SavedModel.read(file);
        float[] a = run.network().layers().get(1).weights();
        float[] b = back.network().layers().get(1).weights();
        System.out.println(java.util.Arrays.equals(a, b) && back.config().equals(run.config()) ? "same" : "different");
    }
}
