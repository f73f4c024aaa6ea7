package org.actlab.bench;

import org.actlab.activation.Activations;

/**
 * Prints the catalogue's canonical ids, comma-separated, for JMH's {@code -p activation=...}
 * (ids rather than specs, because JMH splits parameter values at commas).
 */
public final class CatalogueIds {

    private CatalogueIds() {
    }

    public static void main(String[] args) {
        System.out.println(String.join(",", Activations.names()));
    }
}
