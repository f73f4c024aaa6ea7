package org.actlab.lab.replicate;

/**
 * A size of a quick run and of a full run, stated together.
 *
 * @param quick the quick run's
 * @param full  the full run's
 * @param <T>   a count or a list of them
 */
record QuickOrFull<T>(T quick, T full) {

    /** The quick or the full run's size. */
    T of(boolean quick) {
        return quick ? this.quick : full;
    }
}
