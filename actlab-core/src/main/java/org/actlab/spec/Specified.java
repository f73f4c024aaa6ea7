package org.actlab.spec;

/**
 * A value made from a spec that knows its canonical spec: what run descriptions, JSON and messages
 * print, and what the registry reads back to an equal value.
 */
public interface Specified {

    /** The canonical spec, {@code name} or {@code name(key=value, ...)}. */
    String spec();
}
