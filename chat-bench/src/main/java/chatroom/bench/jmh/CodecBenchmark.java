package chatroom.bench.jmh;

import chatroom.common.codec.ProtocolCodec;
import chatroom.common.codec.ProtocolException;
import chatroom.common.protocol.Ack;
import chatroom.common.protocol.ChatMessage;
import chatroom.common.protocol.ClientMessage;
import chatroom.common.protocol.SayRequest;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of the JSON codec on the three frames of every chat message: decoding the sender's
 * {@code say} line, encoding the {@code message} frame that goes to the room, and encoding the
 * {@code ack} back to the sender. Each message the server handles pays all three, on the
 * connection's reader thread and on the store's single writer thread, so their time and garbage
 * bound the message rate before any I/O. The text is 100 characters of ASCII.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class CodecBenchmark {
    private final ProtocolCodec codec = new ProtocolCodec();
    // Not final, so the JIT cannot treat the inputs as constants.
    private ChatMessage message;
    private Ack ack;
    private String sayLine;

    /** Builds the inputs once; the codec is shared, as the server shares one. */
    @Setup
    public void setUp() {
        message = Samples.roomMessage();
        ack = new Ack(Samples.ID, Samples.ROOM, null, message.seq(), Samples.TS);
        sayLine = codec.encode(new SayRequest(Samples.ID, Samples.ROOM, Samples.TEXT));
    }

    /** A room {@code message} frame, encoded once per broadcast. */
    @Benchmark
    public byte[] encodeMessage() {
        return codec.frame(message);
    }

    /** The {@code ack} frame sent to the author once the message is stored. */
    @Benchmark
    public byte[] encodeAck() {
        return codec.frame(ack);
    }

    /** A {@code say} request line as the frame reader hands it over. */
    @Benchmark
    public ClientMessage decodeSay() throws ProtocolException {
        return codec.decodeClient(sayLine);
    }
}
