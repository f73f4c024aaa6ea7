package org.actlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the CLI in-process with captured streams. */
final class Cli {

    /** Exit code, stdout and stderr of one run. */
    record Result(int code, String out, String err) {

        /** Asserts a failure with the code, one stderr line containing {@code text}, and no stack trace. */
        Result fails(int expectedCode, String text) {
            assertEquals(expectedCode, code, "exit code; stderr: " + err);
            assertOneLineWithoutTrace(text);
            return this;
        }

        Result succeeds() {
            assertEquals(0, code, "exit code; stderr: " + err);
            return this;
        }

        private void assertOneLineWithoutTrace(String text) {
            String trimmed = err.strip();
            assertFalse(trimmed.contains("\n"), "one line on stderr, got:\n" + err);
            assertFalse(trimmed.contains("\tat ") || trimmed.contains("Exception in thread"), "no stack trace:\n" + err);
            if (!trimmed.contains(text)) {
                throw new AssertionError("stderr should contain '" + text + "': " + err);
            }
        }
    }

    private Cli() {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }
}
