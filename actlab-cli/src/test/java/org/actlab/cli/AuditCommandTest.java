package org.actlab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code actlab audit --exhaustive} on narrow bit ranges, and its one-line errors. */
class AuditCommandTest {

    @Test
    void exhaustiveOverABitRangePrintsOneRowPerFunctionAndPathWithEveryPatternCounted() {
        // [0x3f800000, 0x3f802000): the 8192 floats from 1 upwards.
        Cli.Result r = Cli.run("audit", "--exhaustive", "--threads", "2", "--path", "scalar",
                "--bit-range", "0x3f800000:0x3f802000", "sigmoid", "leaky_relu(0.1)").succeeds();
        String[] lines = r.out().split("\n");
        assertEquals(4, lines.length, r.out());
        assertTrue(lines[2].startsWith("| sigmoid | scalar | 8192 | 0.500 |"), lines[2]);
        // 0.1 x is not a float: correctly rounded, at most 0.5 ULP; the derivative is exact.
        assertTrue(lines[3].startsWith("| leaky_relu(slope=0.1) | scalar | 8192 | "), lines[3]);
        assertTrue(lines[3].contains(" | 0.000 | - |"), lines[3]);
        assertTrue(r.err().contains("exhaustive audit: 2 function(s) x 1 path(s) x 8192 bit patterns on 2 thread(s)"), r.err());
        assertTrue(r.err().contains("exhaustive audit: 100%"), r.err());
        assertTrue(r.err().contains("exhaustive audit: done in "), r.err());
    }

    @Test
    void badExhaustiveInputEndsAsOneLineWithExitCode2() {
        Cli.run("audit", "--exhaustive").fails(2, "--exhaustive needs explicit SPECs");
        Cli.run("audit", "--exhaustive", "--threads", "0", "tanh").fails(2, "threads must be in [1, 1024], got 0");
        Cli.run("audit", "--exhaustive", "--samples", "10", "tanh").fails(2, "--samples does not apply to --exhaustive");
        Cli.run("audit", "--exhaustive", "--bit-range", "5:5", "tanh").fails(2, "from 0x5 to 0x5");
        Cli.run("audit", "--exhaustive", "--bit-range", "0x10", "tanh").fails(2, "--bit-range must be FROM:TO, got '0x10'");
        Cli.run("audit", "--exhaustive", "--bit-range", "0:0xzz", "tanh").fails(2, "'0xzz'");
        Cli.run("audit", "--exhaustive", "--bit-range", "0:0x100000001", "tanh").fails(2, "to 0x100000001");
        Cli.run("audit", "--exhaustive", "relux").fails(2, "relux");
        Cli.run("audit", "--threads", "2", "--samples", "100", "tanh").fails(2, "--threads needs --exhaustive");
    }

    @Test
    void bitRangeAcceptsHexAndDecimal() {
        assertArrayEquals(new long[] {0x3f800000L, 1L << 32}, AuditCommand.parseBitRange("0x3F800000:0x100000000"));
        assertArrayEquals(new long[] {16, 32}, AuditCommand.parseBitRange("16:32"));
    }

    @Test
    void positionalSpecsAlsoSelectFunctionsForTheSampledAudit() {
        Cli.Result r = Cli.run("audit", "--samples", "1000", "--path", "scalar", "--quiet", "relu", "tanh").succeeds();
        String[] lines = r.out().split("\n");
        assertEquals(4, lines.length, r.out());
        assertTrue(lines[2].startsWith("| relu | scalar | 1000 | 0.000 |"), lines[2]);
        assertTrue(lines[3].startsWith("| tanh | scalar | 1000 |"), lines[3]);
        assertEquals("", r.err());
    }
}
