package org.actlab.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OnnxModelsTest {

    /** The protobuf encoding guide's own examples: field 1 = 150 is 08 96 01; field 2 = "testing" is 12 07 'testing'. */
    @Test
    void encodesTheProtobufGuideExamples() {
        assertArrayEquals(new byte[] {0x08, (byte) 0x96, 0x01}, new OnnxModels.Message().varint(1, 150).bytes());
        byte[] testing = new OnnxModels.Message().string(2, "testing").bytes();
        assertEquals(0x12, testing[0]);
        assertEquals(7, testing[1]);
        assertEquals("testing", new String(testing, 2, 7, StandardCharsets.UTF_8));
    }

    /** A float field is tag (field << 3 | 5) then the IEEE bits little-endian: 1.0f = 00 00 80 3F. */
    @Test
    void encodesFloatsLittleEndian() {
        assertArrayEquals(new byte[] {0x15, 0x00, 0x00, (byte) 0x80, 0x3F}, new OnnxModels.Message().float32(2, 1f).bytes());
    }

    /** Multi-byte varints and field numbers above 15 (AttributeProto.type is field 20: tag 0xA0 0x01). */
    @Test
    void encodesLongVarintsAndHighFieldNumbers() {
        assertArrayEquals(new byte[] {(byte) 0xA0, 0x01, 0x01}, new OnnxModels.Message().varint(20, 1).bytes());
        assertArrayEquals(new byte[] {0x08, (byte) 0xAC, 0x02}, new OnnxModels.Message().varint(1, 300).bytes());
        assertArrayEquals(new byte[] {0x08, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x01},
                new OnnxModels.Message().varint(1, 1L << 28).bytes());
    }

    @Test
    void rejectsEmptyVectors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OnnxModels.elementwise(PeerFunction.RELU, 0));
        assertEquals("vector length must be >= 1, got 0", e.getMessage());
    }
}
