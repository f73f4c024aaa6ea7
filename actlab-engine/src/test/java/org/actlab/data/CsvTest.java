package org.actlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {

    @TempDir
    Path dir;

    @Test
    void roundTripKeepsEveryBit() {
        for (String name : List.of("spiral", "multi_gauss", "sin")) {
            Dataset d = DataSets.generate(name, 57, 0.2, 3);
            Path file = dir.resolve(name + ".csv");
            Csv.write(d, file);
            Csv.Loaded back = Csv.load(file, d.task() == Dataset.Task.REGRESSION ? "y" : "label", d.task());
            assertArrayEquals(d.x(), back.data().x(), name);
            assertArrayEquals(d.y(), back.data().y(), name);
            assertEquals(d.task(), back.data().task());
        }
    }

    @Test
    void multiclassRoundTripAndInference() throws IOException {
        Path file = dir.resolve("m.csv");
        Files.writeString(file, "a,b,class\n1,2,0\n3,4,2\n5,6,1\n");
        Csv.Loaded loaded = Csv.load(file, "class", null);
        Dataset d = loaded.data();
        assertEquals(Dataset.Task.MULTICLASS, d.task());
        assertEquals(3, d.targets());
        assertArrayEquals(new float[]{1, 0, 0, 0, 0, 1, 0, 1, 0}, d.y());
        assertEquals(List.of("a", "b"), loaded.featureNames());
        Path out = dir.resolve("m2.csv");
        Csv.write(d, out);
        assertEquals("x1,x2,label\n1.0,2.0,0\n3.0,4.0,2\n5.0,6.0,1\n", Files.readString(out));
    }

    @Test
    void labelByNameIndexOrLastAndInferredTasks() throws IOException {
        Path file = dir.resolve("t.csv");
        Files.writeString(file, "# comment\n\"y\",x1,x2\n0.5,1,2\n\n1.5,3,4\n");
        Csv.Loaded byName = Csv.load(file, "y", null);
        Csv.Loaded byIndex = Csv.load(file, "0", null);
        assertArrayEquals(byName.data().x(), byIndex.data().x());
        assertArrayEquals(new float[]{1, 2, 3, 4}, byName.data().x());
        assertEquals(Dataset.Task.REGRESSION, byName.data().task());
        Csv.Loaded last = Csv.load(file, null, null);
        assertEquals("x2", last.labelName());
        assertEquals(Dataset.Task.MULTICLASS, last.data().task(), "integers 2 and 4 read as classes");
        assertEquals(Dataset.Task.BINARY, Csv.inferTask(new double[]{0, 1, 1}));
        assertEquals(Dataset.Task.REGRESSION, Csv.inferTask(new double[]{0, 1, -1}));
    }

    @Test
    void standardisationUsesPopulationStdAndCanBeReused() throws IOException {
        Path file = dir.resolve("s.csv");
        Files.writeString(file, "u,v,c,label\n1,10,7,0\n2,10,7,1\n3,40,7,1\n");
        Csv.Loaded loaded = Csv.load(file, "label", null);
        Standardisation s = Standardisation.fit(loaded.data());
        assertArrayEquals(new float[]{1, 10, 7, 2, 10, 7, 3, 40, 7}, loaded.data().x(), "the loader keeps the file's values");
        assertArrayEquals(new double[]{2, 20, 7}, s.means(), 1e-12);
        // population std of (1,2,3) = sqrt(2/3); of (10,10,40) = sqrt(200); a constant column keeps std 1.
        assertArrayEquals(new double[]{Math.sqrt(2.0 / 3), Math.sqrt(200), 1}, s.stds(), 1e-12);
        float[] x = s.apply(loaded.data()).x();
        assertEquals((float) (-1 / Math.sqrt(2.0 / 3)), x[0], 1e-6);
        assertEquals(0f, x[2]);
        Dataset test = new Dataset("test", new float[]{2, 20, 8}, new float[]{1}, 1, 3, 1, Dataset.Task.BINARY);
        assertArrayEquals(new float[]{0, 0, 1}, s.apply(test).x());
        assertThrows(IllegalArgumentException.class, () -> new Standardisation(new double[]{0}, new double[]{0}));
    }

    @Test
    void badRowsNameFileAndLine() throws IOException {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, "a,b,label\n1,2,0\n3,x,1\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Csv.load(file, "label", null));
        assertTrue(e.getMessage().contains("bad.csv:3") && e.getMessage().contains("'x'"), e.getMessage());

        Files.writeString(file, "a,b,label\n1,2,0\n\n3,1\n");
        e = assertThrows(IllegalArgumentException.class, () -> Csv.load(file, "label", null));
        assertTrue(e.getMessage().contains("bad.csv:4") && e.getMessage().contains("expected 3 values")
                && e.getMessage().contains("found 2"), e.getMessage());

        Files.writeString(file, "a,b,label\n1,NaN,0\n");
        e = assertThrows(IllegalArgumentException.class, () -> Csv.load(file, "label", null));
        assertTrue(e.getMessage().contains("bad.csv:2") && e.getMessage().contains("not finite"), e.getMessage());

        Files.writeString(file, "a,b,label\n1,2,0\n");
        e = assertThrows(IllegalArgumentException.class, () -> Csv.load(file, "lable", null));
        assertTrue(e.getMessage().contains("'lable'") && e.getMessage().contains("a, b, label"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Csv.load(file, "5", null));
        assertTrue(e.getMessage().contains("index 5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Csv.load(file, "b", Dataset.Task.BINARY));
        assertTrue(e.getMessage().contains("2.0 is not 0 or 1"), e.getMessage());

        Files.writeString(file, "");
        e = assertThrows(IllegalArgumentException.class, () -> Csv.load(file, null, null));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());

        Files.writeString(file, "a,a,b\n1,2,3\n");
        e = assertThrows(IllegalArgumentException.class, () -> Csv.load(file, null, null));
        assertTrue(e.getMessage().contains("repeat"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> Csv.load(dir.resolve("missing.csv"), null, null));
        assertTrue(e.getMessage().contains("no such file") && e.getMessage().contains("missing.csv"), e.getMessage());
    }

    @Test
    void writeLeavesNoTemporaryFileAndReplacesWhole() throws IOException {
        Path file = dir.resolve("out.csv");
        Files.writeString(file, "old content that is longer than the new one ............................");
        Csv.write(new Dataset("d", new float[]{-0.0f, Float.MIN_VALUE}, new float[]{1}, 1, 2, 1, Dataset.Task.BINARY), file);
        assertEquals("x1,x2,label\n-0.0,1.4E-45,1\n", Files.readString(file));
        try (var listing = Files.list(dir)) {
            assertEquals(List.of(file), listing.toList());
        }
        Csv.Loaded back = Csv.load(file, "label", null);
        assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(back.data().x()[0]), "-0 survives");
        assertEquals(Float.MIN_VALUE, back.data().x()[1], "the smallest subnormal survives");
    }
}
