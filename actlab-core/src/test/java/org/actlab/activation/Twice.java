package org.actlab.activation;

/**
 * An activation outside the catalogue, for tests of what happens to a type no registry, dispatch
 * or reference knows: f(x) = 2x, f'(x) = 2.
 */
public final class Twice implements Activation {

    @Override
    public String id() {
        return "twice";
    }

    @Override
    public String spec() {
        return "twice";
    }

    @Override
    public float apply(float x) {
        return 2 * x;
    }

    @Override
    public float derivative(float x) {
        return 2;
    }

    @Override
    public Traits traits() {
        return null;
    }
}
