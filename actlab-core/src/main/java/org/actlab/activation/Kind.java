package org.actlab.activation;

/**
 * The implementation type of a catalogue activation, for code that needs one routine per type:
 * the kernels of both paths and the accuracy reference switch on {@link #of(Activation)} instead
 * of each keeping its own {@code instanceof} ladder. Adding a type to the catalogue means adding a
 * constant here; the kernel test that walks {@link Activations#catalogue()} then fails until both
 * kernel paths handle it or document why not.
 */
public enum Kind {
    /** Every parameterless function: switch further on the {@link Standard} constant. */
    STANDARD(Standard.class),
    LEAKY_RELU(LeakyRelu.class),
    PRELU(PRelu.class),
    RRELU(RRelu.class),
    ELU(Elu.class),
    CELU(Celu.class),
    SOFTPLUS(Softplus.class),
    HARD_TANH(HardTanh.class),
    SOFT_SHRINK(SoftShrink.class),
    HARD_SHRINK(HardShrink.class),
    THRESHOLD(Threshold.class),
    THRESHOLDED_RELU(ThresholdedRelu.class),
    SQUAREPLUS(Squareplus.class),
    ISRU(Isru.class),
    /**
     * Any other implementation (a test's own function): the kernels run their generic
     * element-by-element loop and the reference has no formula. Last, since it matches every class.
     */
    OTHER(Activation.class);

    private final Class<? extends Activation> type;

    /** Per class, computed once: a Standard constant with a body is a subclass of Standard. */
    private static final ClassValue<Kind> BY_CLASS = new ClassValue<>() {
        @Override
        protected Kind computeValue(Class<?> c) {
            for (Kind k : values()) {
                if (k.type.isAssignableFrom(c)) {
                    return k;
                }
            }
            throw new AssertionError("OTHER matches every class: " + c);
        }
    };

    Kind(Class<? extends Activation> type) {
        this.type = type;
    }

    /** The implementing class (for {@link #STANDARD}, the enum). */
    public Class<? extends Activation> type() {
        return type;
    }

    /** The kind of an activation: {@link #OTHER} for an implementation outside the catalogue's types. */
    public static Kind of(Activation a) {
        return BY_CLASS.get(a.getClass());
    }
}
