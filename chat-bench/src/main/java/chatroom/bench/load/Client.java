package chatroom.bench.load;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One simulated user's connection: a socket, a line reader over it that hands out lines in place
 * (no copy, no String), and a lock for writes, since a sender's thread and its reader's answers to
 * server pings share the socket.
 *
 * <p>A plain connection is a {@link SocketChannel}: blocking while it logs in, then non-blocking
 * and read by {@link Readers}' selector, so one thread reads every member with one system call
 * per wake-up, as a C generator on epoll would. A TLS connection is a blocking {@link Socket}
 * read by a virtual thread of its own.
 */
public final class Client implements AutoCloseable {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;

    private final Socket socket;
    private final SocketChannel channel;
    private final InputStream in;
    private final OutputStream out;
    private final ReentrantLock writeLock = new ReentrantLock();
    private byte[] buf;
    private int pos;
    private int end;
    /** The last line from {@link #nextLine}: {@code buffer()[lineStart, lineEnd)}, without its line end. */
    int lineStart;
    int lineEnd;

    /** A TLS (or other stream) connection. */
    Client(Socket socket, int bufferSize) throws IOException {
        this.socket = socket;
        this.channel = null;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.buf = new byte[bufferSize];
    }

    /** A plain connection, blocking until {@link #nonBlocking}. */
    Client(SocketChannel channel, int bufferSize) {
        this.socket = channel.socket();
        this.channel = channel;
        this.in = null;
        this.out = null;
        this.buf = new byte[bufferSize];
    }

    /** The channel of a plain connection, or null for TLS. */
    SocketChannel channel() {
        return channel;
    }

    /** Switches a plain connection to non-blocking, for the selector. */
    void nonBlocking() throws IOException {
        channel.configureBlocking(false);
    }

    /** The buffer the last line lies in. */
    byte[] buffer() {
        return buf;
    }

    /** Reads the next line, blocking; false at the end of the stream. */
    boolean nextLine() throws IOException {
        while (!nextBufferedLine()) {
            if (fill() < 0) return false;
        }
        return true;
    }

    /** Takes the next line already read, if there is a whole one. */
    boolean nextBufferedLine() {
        int i = indexOfNewline(buf, pos, end);
        if (i < 0) return false;
        lineStart = pos;
        lineEnd = i > pos && buf[i - 1] == '\r' ? i - 1 : i;
        pos = i + 1;
        return true;
    }

    /**
     * The first newline in {@code b[from, to)}, or -1. It looks at eight bytes at a time (the
     * "has a zero byte" trick on the bytes XORed with newlines): finding line ends is most of what
     * a generator reading millions of lines a second does.
     */
    static int indexOfNewline(byte[] b, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long x = (long) LONGS.get(b, i) ^ NEWLINES;
            long found = (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
            if (found != 0) return i + (Long.numberOfTrailingZeros(found) >>> 3);
        }
        for (; i < to; i++) {
            if (b[i] == '\n') return i;
        }
        return -1;
    }

    /** Reads what there is (blocking or not, as the connection is); returns the count, -1 at the end. */
    int fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, end - pos);
            end -= pos;
            pos = 0;
        }
        if (end == buf.length) buf = java.util.Arrays.copyOf(buf, buf.length * 2); // a long reply (a member list)
        int n = channel != null ? channel.read(ByteBuffer.wrap(buf, end, buf.length - end)) : in.read(buf, end, buf.length - end);
        if (n > 0) end += n;
        return n;
    }

    /** The last line as a String, for handshakes and errors. */
    String line() {
        return new String(buf, lineStart, lineEnd - lineStart, StandardCharsets.UTF_8);
    }

    /** True when the last line starts with {@code prefix}. */
    boolean lineStartsWith(byte[] prefix) {
        return lineEnd - lineStart >= prefix.length && regionEquals(lineStart, prefix);
    }

    /** True when the buffer holds {@code bytes} at {@code at}. */
    boolean regionEquals(int at, byte[] bytes) {
        return java.util.Arrays.equals(buf, at, at + bytes.length, bytes, 0, bytes.length);
    }

    /** True when the payload mark is at {@code at}, within the last line. */
    boolean isMark(int at) {
        return at >= lineStart && at + 1 < lineEnd && buf[at] == Payload.MARK_0 && buf[at + 1] == Payload.MARK_1;
    }

    /** Where the last line first holds the payload mark, or -1. */
    int mark() {
        for (int i = lineStart; i + 1 < lineEnd; i++) {
            if (buf[i] == Payload.MARK_0 && buf[i + 1] == Payload.MARK_1) return i;
        }
        return -1;
    }

    /** True when the last line contains {@code needle} (ASCII). */
    boolean lineContains(String needle) {
        int n = needle.length();
        outer:
        for (int i = lineStart; i + n <= lineEnd; i++) {
            for (int j = 0; j < n; j++) {
                if (buf[i + j] != needle.charAt(j)) continue outer;
            }
            return true;
        }
        return false;
    }

    /** Reads lines until one contains {@code needle}; answers pings on the way. */
    String await(String needle, Wire wire) throws IOException {
        while (nextLine()) {
            if (lineContains(needle)) return line();
            wire.onOtherLine(this);
        }
        throw new EOFException("The server closed the connection while we waited for " + needle);
    }

    /** Writes bytes as one call (more when a non-blocking channel takes them in parts). */
    void write(byte[] data, int length) throws IOException {
        writeLock.lock();
        try {
            if (channel == null) {
                out.write(data, 0, length);
                out.flush();
                return;
            }
            ByteBuffer b = ByteBuffer.wrap(data, 0, length);
            while (b.hasRemaining()) {
                // The server is not reading: wait a little rather than spin. Only an overloaded server gets here.
                if (channel.write(b) == 0) LockSupport.parkNanos(50_000);
            }
        } finally {
            writeLock.unlock();
        }
    }

    void write(String line) throws IOException {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        write(b, b.length);
    }

    /** Reads and counts everything until the end of the stream or {@code timeoutMillis} of silence. */
    long drainToEnd(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        InputStream stream = in != null ? in : socket.getInputStream();
        long total = end - pos;
        pos = end;
        try {
            for (int n; (n = stream.read(buf)) >= 0; ) total += n;
        } catch (SocketTimeoutException e) {
            return -1 - total; // still open: not cut off
        } catch (IOException e) {
            // A reset is how a server cuts off a client that does not read; the count stands.
        }
        return total;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing at the end of a run; nothing to do about it.
        }
    }
}
