package org.actlab.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SettingTest {

    @Test
    void aDefaultIsShownAsAPersonWritesIt() {
        assertEquals("0", Setting.show(0.0));
        assertEquals("0.03", Setting.show(0.03));
        assertEquals("1.0E-8", Setting.show(1e-8));
        assertEquals("100", Setting.show(100));
        assertEquals("4,2", Setting.show(List.of(4, 2)));
        assertEquals("off", Setting.show(false));
        Specified adam = () -> "adam(beta1=0.9)";
        assertEquals("adam(beta1=0.9),adam(beta1=0.9)", Setting.show(List.of(adam, adam)));
        assertEquals("none", Setting.show(null));
    }

    @Test
    void aDefaultInWordsKeepsTheKeyValueAndHelp() {
        Setting<Integer> batch = Setting.of("batch", 0, "Rows per step.");
        assertFalse(batch.defaultInWords());
        assertEquals("0", batch.shownDefault());
        Setting<Integer> auto = batch.defaultShownAs("chosen from the data");
        assertTrue(auto.defaultInWords());
        assertEquals("chosen from the data", auto.shownDefault());
        assertEquals(0, auto.defaultValue());
        assertEquals("batch", auto.key());
        assertEquals("Rows per step.", auto.help());
        int[] calls = {0};
        Setting<Integer> computed = Setting.computed("threads", () -> ++calls[0], "Threads.", "all cores");
        assertEquals("all cores", computed.shownDefault());
        assertEquals(0, calls[0], "a computed default shown in words is not computed for the help");
    }

    @Test
    void everySettingSaysWhatItMeans() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Setting.of("epochs", 5, " "));
        assertEquals("setting 'epochs' needs a help text, got ' '", e.getMessage());
    }
}
