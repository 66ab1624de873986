package chatroom.bench.load;

import java.nio.charset.StandardCharsets;

/**
 * The text of every benchmark message: {@code ~B<sender>:<seq>:<sendNanos>:} padded to a fixed
 * length with a letter that depends on the seq. A receiver can then tell who sent it, in which
 * order, when it was due, and whether the line arrived whole: a line cut short or two lines run
 * together fail the length or the padding check and count as corrupted.
 *
 * <p>Parsing allocates nothing, since it runs once per delivery on the generator's side; it
 * fills this object's fields, so each receiver thread has its own instance.
 */
public final class Payload {
    static final byte MARK_0 = '~';
    static final byte MARK_1 = 'B';

    private final int size;
    /** Filled by {@link #parse}. */
    int sender;
    long seq;
    long sendNanos;
    private final long[] number = new long[1];

    /** Texts of {@code size} characters (at least 40, so every field fits). */
    public Payload(int size) {
        if (size < 40) throw new IllegalArgumentException("The message size must be at least 40, not " + size);
        this.size = size;
    }

    /** The text length. */
    public int size() {
        return size;
    }

    /** The text for one message, ASCII only (so it needs no escaping in JSON or IRC). */
    public String text(int sender, long seq, long sendNanos) {
        StringBuilder b = new StringBuilder(size).append("~B").append(sender).append(':').append(seq).append(':')
                .append(sendNanos).append(':');
        char pad = padding(seq);
        while (b.length() < size) b.append(pad);
        return b.toString();
    }

    /** The text's bytes. */
    public byte[] bytes(int sender, long seq, long sendNanos) {
        return text(sender, seq, sendNanos).getBytes(StandardCharsets.US_ASCII);
    }

    /** Parses {@code buf[from, to)} into the fields; false when it is not exactly one whole payload. */
    public boolean parse(byte[] buf, int from, int to) {
        if (to - from != size || buf[from] != MARK_0 || buf[from + 1] != MARK_1) return false;
        int i = from + 2;
        long[] out = number;
        // Three colon-terminated numbers, then padding to the end.
        int next = number(buf, i, to, out);
        if (next < 0 || out[0] > Integer.MAX_VALUE) return false;
        sender = (int) out[0];
        next = number(buf, next, to, out);
        if (next < 0) return false;
        seq = out[0];
        next = number(buf, next, to, out);
        if (next < 0) return false;
        sendNanos = out[0];
        byte pad = (byte) padding(seq);
        for (int j = next; j < to; j++) {
            if (buf[j] != pad) return false;
        }
        return true;
    }

    private static int number(byte[] buf, int i, int to, long[] out) {
        long v = 0;
        int start = i;
        boolean negative = i < to && buf[i] == '-';
        if (negative) i++;
        while (i < to && buf[i] >= '0' && buf[i] <= '9') v = v * 10 + (buf[i++] - '0');
        if (i == start || i >= to || buf[i] != ':') return -1;
        out[0] = negative ? -v : v;
        return i + 1;
    }

    private static char padding(long seq) {
        return (char) ('a' + (int) Math.floorMod(seq, 26L));
    }
}
