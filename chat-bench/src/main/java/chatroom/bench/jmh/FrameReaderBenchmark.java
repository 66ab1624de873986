package chatroom.bench.jmh;

import chatroom.common.codec.FrameReader;
import chatroom.common.codec.ProtocolCodec;
import chatroom.common.codec.ProtocolException;
import chatroom.common.protocol.SayRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The cost per frame of splitting a byte stream into frames: {@link FrameReader#readFrame()} over
 * an in-memory stream of {@value #FRAMES} {@code say} requests of about 190 bytes each. Every
 * byte a client sends goes through it on the connection's reader thread, before the codec sees
 * it; the score excludes the socket, so it is the reader's own ceiling.
 *
 * <p>One invocation reads the whole stream, so the score is divided by {@value #FRAMES}. The stream
 * is rewound rather than rebuilt between invocations, and the same reader reads on: at the end of
 * the stream it holds no partial frame, so it needs no reset of its own.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class FrameReaderBenchmark {
    static final int FRAMES = 1_000;

    private ByteArrayInputStream in;
    private FrameReader reader;

    /** Encodes the frames, each with its own id and text so no two lines are alike. */
    @Setup
    public void setUp() throws IOException, ProtocolException {
        ProtocolCodec codec = new ProtocolCodec();
        ByteArrayOutputStream frames = new ByteArrayOutputStream();
        for (int i = 0; i < FRAMES; i++) {
            String id = UUID.nameUUIDFromBytes(Integer.toString(i).getBytes(StandardCharsets.UTF_8)).toString();
            frames.writeBytes(codec.frame(new SayRequest(id, Samples.ROOM, Samples.TEXT + " (" + i + ")")));
        }
        in = new ByteArrayInputStream(frames.toByteArray());
        reader = new FrameReader(in, FrameReader.DEFAULT_MAX_FRAME_BYTES);
        int read = 0;
        while (reader.readFrame() != null) read++;
        // A miscount would divide the score by the wrong number.
        if (read != FRAMES) throw new IllegalStateException("read " + read + " frames, expected " + FRAMES);
    }

    /** Reads every frame in the stream. */
    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public void readFrame(Blackhole frames) throws IOException, ProtocolException {
        in.reset();
        for (String frame; (frame = reader.readFrame()) != null; ) frames.consume(frame);
    }
}
