package org.actlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The text a user may hand the CSV reader: encodings, delimiters, quotes, extreme values, streams. */
class CsvTextTest {

    @TempDir
    Path dir;

    private String failure(byte[] bytes) throws IOException {
        Path file = dir.resolve("f.csv");
        Files.write(file, bytes);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Csv.readTable(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertFalse(e.getMessage().contains("Input length"), "no decoder internals: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void aUtf8ByteOrderMarkIsSkipped() throws IOException {
        Path file = dir.resolve("bom.csv");
        Files.write(file, ("\uFEFFa,b\n1,2\n").getBytes(StandardCharsets.UTF_8));
        Csv.Table table = Csv.readTable(file);
        assertEquals("a", table.header().get(0));
        assertArrayEquals(new double[]{1, 2}, table.values());
    }

    @Test
    void utf16AndBinaryFilesAreNamedAsSuch() throws IOException {
        byte[] le = "a,b\n1,2\n".getBytes(StandardCharsets.UTF_16LE);
        byte[] withBom = new byte[le.length + 2];
        withBom[0] = (byte) 0xFF;
        withBom[1] = (byte) 0xFE;
        System.arraycopy(le, 0, withBom, 2, le.length);
        // Named by the byte-order mark, not only by the NUL bytes that the fallback checks also call "UTF-16".
        String utf16 = failure(withBom);
        assertTrue(utf16.endsWith(": the file is UTF-16 text; save it as UTF-8 CSV"), utf16);
        assertTrue(failure("a,b\n1,2\n".getBytes(StandardCharsets.UTF_16BE)).contains("binary"));
        assertTrue(failure(new byte[]{'a', ',', 'b', '\n', (byte) 0xC3, (byte) 0x28, ',', '1', '\n'}).contains(": not UTF-8 text"));
        assertTrue(failure(new byte[]{(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13}).contains("not UTF-8 text"));
    }

    @Test
    void semicolonsAndTabsGetAHint() throws IOException {
        assertTrue(failure("a;b;c\n1;2;3\n".getBytes(StandardCharsets.UTF_8)).contains("separated by ';'"));
        assertTrue(failure("a\tb\n1\t2\n".getBytes(StandardCharsets.UTF_8)).contains("separated by tabs"));
        // A European decimal comma with ';' between values fails on the count and says why.
        assertTrue(failure("a,b\n1;5,2\n".getBytes(StandardCharsets.UTF_8)).contains("is not a number; the values seem separated by ';'"));
    }

    @Test
    void quotedNumbersAreNumbers() throws IOException {
        Path file = dir.resolve("q.csv");
        Files.writeString(file, "\"x\",\"y\"\n\"1.5\",\" -2 \"\n");
        assertArrayEquals(new double[]{1.5, -2}, Csv.readTable(file).values());
        assertTrue(failure("x,y\n\"a\",1\n".getBytes(StandardCharsets.UTF_8)).contains("'\"a\"' is not a number"));
    }

    @Test
    void valuesOutsideTheFloatRangeAreRefused() throws IOException {
        assertTrue(failure("x,y\n1e308,1\n".getBytes(StandardCharsets.UTF_8)).contains("outside the float range"));
        assertTrue(failure("x,y\n1,-1e39\n".getBytes(StandardCharsets.UTF_8)).contains("column 'y': -1e39 is outside the float range"));
        assertTrue(failure("x,y\n1,2f\n".getBytes(StandardCharsets.UTF_8)).contains("'2f' is not a number"));
        Path file = dir.resolve("max.csv");
        Files.writeString(file, "x,y\n3.4e38,-3.4e38\n");
        assertArrayEquals(new double[]{3.4e38, -3.4e38}, Csv.readTable(file).values());
    }

    @Test
    void readsStreamsAndTextInMemory() {
        Csv.Table fromStream = Csv.readTable(new ByteArrayInputStream("a,b\n1,2\n3,4\n".getBytes(StandardCharsets.UTF_8)), "stdin");
        assertEquals(2, fromStream.rows());
        Csv.Loaded upload = Csv.load(new StringReader("x1,x2,label\n1,2,0\n3,4,1\n"), "the upload", "csv", null, null);
        assertEquals(Dataset.Task.BINARY, upload.data().task());
        assertArrayEquals(new float[]{1, 2, 3, 4}, upload.data().x());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Csv.load(new StringReader("x1,x2,label\n1,2\n"), "the upload", "csv", null, null));
        assertTrue(e.getMessage().startsWith("the upload:2:"), e.getMessage());
    }
}
