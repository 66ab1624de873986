/**
 * JMH microbenchmarks of the hot paths a chat message takes through the server: framing the bytes
 * a client sends ({@link chatroom.bench.jmh.FrameReaderBenchmark}), decoding and encoding JSON
 * frames ({@link chatroom.bench.jmh.CodecBenchmark}) and fanning a frame out to a room's sessions
 * ({@link chatroom.bench.jmh.BroadcastBenchmark}). Each class says what its score means.
 *
 * <p>Build the shaded jar, then run them through JMH's own command line, which takes any JMH
 * options (a regular expression selects benchmarks; {@code -h} lists the rest):
 *
 * <pre>{@code
 * ./mvnw -DskipTests package -pl chat-bench -am
 * java -jar chat-bench/target/chat-bench.jar jmh [JMH options]
 * }</pre>
 *
 * <p>Or call JMH's main class directly, for example for a quick run of one class with allocation
 * figures (read {@code gc.alloc.rate.norm}, bytes per operation):
 *
 * <pre>{@code
 * java -cp chat-bench/target/chat-bench.jar org.openjdk.jmh.Main Codec -f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc
 * }</pre>
 *
 * <p>The classes default to one fork, three warm-up and five measured iterations of a second:
 * enough to compare two builds on one machine, not to publish. Close other busy programs first,
 * and compare scores only from the same machine.
 */
package chatroom.bench.jmh;
