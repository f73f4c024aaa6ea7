/**
 * The one spec language of actlab: {@code name}, {@code name(v, ...)} and {@code name(key=v, ...)},
 * parsed by {@link org.actlab.spec.Spec}, bound against a declared {@link org.actlab.spec.Schema} and
 * looked up in a {@link org.actlab.spec.Registry}. Activations, optimisers, initialisers and schedules
 * all declare their parameters here once; the page receives the same schemas as JSON.
 * Configuration records declare their settings here too ({@link org.actlab.spec.Setting}: key and
 * default), read by one generic builder ({@link org.actlab.spec.Settings}).
 * What the parameters mean lives with the things themselves, not here.
 */
package org.actlab.spec;
