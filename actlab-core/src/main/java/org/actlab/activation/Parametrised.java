package org.actlab.activation;

/**
 * A catalogue record with parameters. Its name and canonical spec come from the schema and the
 * parameter accessors it is registered with in {@link Activations}, next to the maker that parses
 * it, so that reading and printing a spec are declared together, once per type. The record itself
 * states its schema (defaults, bounds), its validation and its formulas.
 */
interface Parametrised extends Activation {

    @Override
    default String id() {
        return Activations.schemaOf(this).name();
    }

    @Override
    default String spec() {
        return Activations.spec(this);
    }
}
