package org.actlab.cli;

import java.io.PrintWriter;

/** Standard output that may go away under a command, as when it is piped into {@code head}. */
final class Output {

    private Output() {
    }

    /**
     * True when writes to {@code out} fail: the reader closed the pipe. PrintWriter and System.out
     * swallow the error, so both flags are checked (after a flush, which is when a pipe reports it).
     */
    static boolean closed(PrintWriter out) {
        return out.checkError() || System.out.checkError();
    }
}
