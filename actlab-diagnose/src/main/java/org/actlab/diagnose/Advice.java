package org.actlab.diagnose;

import java.util.Objects;

/**
 * One piece of advice from a rule of the lecture, with the measurement that triggered it.
 *
 * @param rule           the rule's id: {@value Advisor#SATURATION}, {@value Advisor#DEAD_UNITS},
 *                       {@value Advisor#NOT_ZERO_CENTRED}, {@value Advisor#VANISHING} or {@value Advisor#EXPLODING}
 * @param recommendation what to change, in one sentence
 * @param evidence       the measured figures and the threshold they crossed, naming the layer
 */
public record Advice(String rule, String recommendation, String evidence) {

    public Advice {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(recommendation, "recommendation");
        Objects.requireNonNull(evidence, "evidence");
    }
}
