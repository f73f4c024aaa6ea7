package org.actlab.lab.sweep;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.actlab.data.AtomicFile;
import org.actlab.lab.experiment.Trial;
import org.actlab.lab.experiment.TrialResult;

/**
 * A sweep's directory: {@code sweep.json} (the spec), {@code trials/NNNNNNN.json} (one file per
 * finished trial), and at the end {@code results.csv}, {@code results.parquet} and
 * {@code report.html}.
 *
 * <p>Each trial's file is written to a temporary sibling, forced to disk and renamed into place, so
 * it exists whole or not at all, even after {@code kill -9} or a power cut; its name is the trial's
 * index, so a trial run twice (a retry, a speculative duplicate, a resume racing a late result) still
 * leaves one file, and reading the directory gives every finished trial exactly once.
 */
public final class SweepStore {

    /** The spec's file name. */
    public static final String SPEC = "sweep.json";
    private static final String TRIALS = "trials";
    /** NaN and ±∞ kept as such (the bare tokens), so a stored result equals the one computed. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .build();

    private final Path dir;
    private final SweepSpec spec;

    private SweepStore(Path dir, SweepSpec spec) {
        this.dir = dir;
        this.spec = spec;
    }

    /**
     * Starts a new sweep directory and writes the spec into it.
     *
     * @throws IllegalArgumentException when {@code dir} exists and is not empty
     */
    public static SweepStore create(Path dir, SweepSpec spec) {
        try {
            if (Files.exists(dir)) {
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                    if (entries.iterator().hasNext()) {
                        throw new IllegalArgumentException("sweep directory " + dir + " exists and is not empty; "
                                + "give --resume " + dir + " to finish it, or another --out");
                    }
                }
            }
            Files.createDirectories(dir.resolve(TRIALS));
            AtomicFile.writeString(dir.resolve(SPEC), spec.toJson());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create sweep directory " + dir + ": " + e.getMessage(), e);
        }
        return new SweepStore(dir, spec);
    }

    /**
     * Opens a sweep directory to finish it.
     *
     * @throws IllegalArgumentException when it holds no {@value #SPEC}
     */
    public static SweepStore open(Path dir, boolean force) {
        Path file = dir.resolve(SPEC);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no sweep to resume in " + dir + ": it has no " + SPEC);
        }
        return new SweepStore(dir, SweepSpec.read(file, force));
    }

    public Path dir() {
        return dir;
    }

    public SweepSpec spec() {
        return spec;
    }

    /** Commits one trial's result under its index: whole or not at all, and durable once this returns. */
    public void commit(int index, TrialResult result) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("index", index);
        doc.put("run", result.trial().run());
        doc.put("measures", result.measures());
        Path target = dir.resolve(TRIALS).resolve(name(index));
        try {
            byte[] bytes = JSON.writeValueAsBytes(doc);
            Path temp = Files.createTempFile(target.getParent(), "." + name(index), ".tmp");
            try {
                try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                    ByteBuffer buffer = ByteBuffer.wrap(bytes);
                    while (buffer.hasRemaining()) {
                        ch.write(buffer);
                    }
                    // AtomicFile does not force: a journal must also survive a power cut, not only kill -9.
                    ch.force(true);
                }
                AtomicFile.moveIntoPlace(temp, target);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot commit trial " + index + " to " + target + ": " + e.getMessage(), e);
        }
    }

    private static String name(int index) {
        return String.format("%07d.json", index);
    }

    /**
     * The finished trials by index, each checked against the trial the spec lists at that index.
     *
     * @throws IllegalArgumentException when a stored trial is not the one the spec lists (the
     *                                  directory belongs to another spec), or a file is unreadable
     */
    public Map<Integer, TrialResult> finished(List<Trial> trials) {
        Map<Integer, TrialResult> done = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir.resolve(TRIALS), "[0-9]*.json")) {
            for (Path file : files) {
                Map<?, ?> doc = JSON.readValue(file.toFile(), Map.class);
                int index = ((Number) doc.get("index")).intValue();
                if (index < 0 || index >= trials.size()) {
                    throw new IllegalArgumentException(file + ": trial " + index + " is not in this sweep of " + trials.size());
                }
                @SuppressWarnings("unchecked")
                Trial stored = new Trial(SweepTrials.EXPERIMENT, SweepTrials.MEASURE, (Map<String, Object>) doc.get("run"));
                if (!stored.equals(trials.get(index))) {
                    throw new IllegalArgumentException(file + " holds another trial than the sweep spec's trial " + index
                            + "; was " + SPEC + " changed?");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> measures = (Map<String, Object>) doc.get("measures");
                done.put(index, new TrialResult(trials.get(index), measures));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the trials of " + dir + ": " + e.getMessage(), e);
        }
        return done;
    }
}
