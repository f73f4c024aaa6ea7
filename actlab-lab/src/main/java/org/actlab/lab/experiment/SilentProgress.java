package org.actlab.lab.experiment;

import java.util.function.Supplier;

/** {@link Progress#silent()}: notes go nowhere, and the ones passed as a supplier are never built. */
enum SilentProgress implements Progress {
    INSTANCE;

    @Override
    public void note(String message) {
    }

    @Override
    public void note(Supplier<String> message) {
    }
}
