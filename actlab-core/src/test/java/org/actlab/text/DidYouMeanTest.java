package org.actlab.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DidYouMeanTest {

    @Test
    void distancesByHand() {
        assertEquals(0, DidYouMean.distance("relu", "relu"));
        assertEquals(1, DidYouMean.distance("relu7", "relu6"));
        // kitten → sitten → sittin → sitting: two substitutions and one insertion.
        assertEquals(3, DidYouMean.distance("kitten", "sitting"));
        assertEquals(0, DidYouMean.distance("cost", "cost"));
        assertEquals(4, DidYouMean.distance("", "cost"));
        assertEquals(4, DidYouMean.distance("cost", ""));
        // A transposition is two edits in Levenshtein's metric, not one.
        assertEquals(2, DidYouMean.distance("sigmiod", "sigmoid"));
        assertEquals(3, DidYouMean.distance("abc", "xyz"));
    }

    @Test
    void tiesGoToTheCandidateOfTheSameLength() {
        // relu7 is one edit from both relu and relu6; relu6 has its length, whatever the order.
        assertEquals(Optional.of("relu6"), DidYouMean.nearest("relu7", List.of("relu", "relu6")));
        assertEquals(Optional.of("relu6"), DidYouMean.nearest("relu7", List.of("relu6", "relu")));
        // Equal distance and equal length: the first in the given order.
        assertEquals(Optional.of("tanh"), DidYouMean.nearest("tanx", List.of("tanh", "tank")));
    }

    @Test
    void suggestsWithinTheThresholdOrByContainment() {
        // max(2, 7 / 3) = 2 edits allowed for a 7-letter name.
        assertEquals(Optional.of("sigmoid"), DidYouMean.nearest("sigmiod", List.of("relu", "sigmoid")));
        // "spi" is 3 edits from "spiral" (over the limit of 2) but a prefix of it.
        assertEquals(Optional.of("spiral"), DidYouMean.nearest("spi", List.of("circle", "spiral")));
        assertEquals(" (did you mean 'spiral'?)", DidYouMean.hint("spirl", List.of("xor", "spiral")));
    }

    @Test
    void noSuggestionForUnrelatedNames() {
        assertEquals(Optional.empty(), DidYouMean.nearest("transformer", List.of("relu", "tanh", "sigmoid")));
        assertEquals(Optional.empty(), DidYouMean.nearest("zzzzzzzzzzzzzzzz", List.of("linear-collapse", "dead-relu")));
        assertEquals(Optional.empty(), DidYouMean.nearest("relu", List.of()));
        assertEquals("", DidYouMean.hint("abc", List.of("circle", "spiral")));
        // The empty name is contained in everything, so containment must not count for it.
        assertEquals(Optional.empty(), DidYouMean.nearest("", List.of("circle", "spiral")));
    }
}
