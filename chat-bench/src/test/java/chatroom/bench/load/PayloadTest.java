package chatroom.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PayloadTest {
    private final Payload payload = new Payload(100);

    @Test
    void aTextParsesBackToItsFields() {
        byte[] text = payload.bytes(7, 123_456, 987_654_321_012L);
        assertEquals(100, text.length);
        assertTrue(payload.parse(text, 0, text.length));
        assertEquals(7, payload.sender);
        assertEquals(123_456, payload.seq);
        assertEquals(987_654_321_012L, payload.sendNanos);
    }

    @Test
    void aLineCutShortOrRunTogetherIsNotAPayload() {
        byte[] a = payload.bytes(1, 5, 1000);
        byte[] b = payload.bytes(2, 6, 2000);
        assertFalse(payload.parse(a, 0, a.length - 1), "cut short");
        byte[] joined = (new String(a, 0, 60, StandardCharsets.US_ASCII) + new String(b, 60, 40, StandardCharsets.US_ASCII))
                .getBytes(StandardCharsets.US_ASCII);
        assertFalse(payload.parse(joined, 0, joined.length), "the head of one line and the tail of another");
        byte[] other = "hello".repeat(20).getBytes(StandardCharsets.US_ASCII);
        assertFalse(payload.parse(other, 0, other.length), "not a payload at all");
    }

    @Test
    void newlinesAreFoundWhereverTheyAre() {
        Random random = new Random(42);
        for (int n = 0; n < 2_000; n++) {
            byte[] b = new byte[random.nextInt(40)];
            for (int i = 0; i < b.length; i++) b[i] = (byte) (random.nextInt(4) == 0 ? '\n' : random.nextInt(256));
            int from = b.length == 0 ? 0 : random.nextInt(b.length);
            int expected = -1;
            for (int i = from; i < b.length; i++) {
                if (b[i] == '\n') {
                    expected = i;
                    break;
                }
            }
            assertEquals(expected, Client.indexOfNewline(b, from, b.length), () -> "in " + java.util.Arrays.toString(b));
        }
    }
}
