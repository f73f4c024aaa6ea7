package org.actlab.spec;

import java.util.Objects;

/**
 * A value whose identity is its canonical spec: two are equal when they are of one class and their
 * specs are equal, because the spec determines the behaviour (an initialiser, a schedule).
 */
public abstract class Named implements Specified {

    private final String spec;

    protected Named(String spec) {
        this.spec = Objects.requireNonNull(spec, "spec");
    }

    @Override
    public final String spec() {
        return spec;
    }

    @Override
    public final boolean equals(Object other) {
        return other != null && other.getClass() == getClass() && spec.equals(((Named) other).spec);
    }

    @Override
    public final int hashCode() {
        return spec.hashCode();
    }

    @Override
    public final String toString() {
        return spec;
    }
}
