package chatroom.server.command;

import chatroom.common.codec.ProtocolCodec;
import chatroom.common.protocol.ClientMessage;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.google.gson.FieldNamingPolicy;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.annotations.SerializedName;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns fuzzer data into request frames. Most are JSON objects of a real request type whose fields
 * the fuzzer makes right, wrong or missing, so that requests get past the codec to the handlers
 * from the first input on; the others are raw bytes, for what the codec must refuse. The fields
 * are read from the request records, so a new request type is fuzzed without changes here.
 */
final class RequestFrames {
    /** Users that exist (in several spellings of the same name) and one that does not. */
    static final List<String> USERS = List.of("fuzzer", "peer", "victim", "PEER", "Ｖｉｃｔｉｍ", "nobody");
    /** Rooms that exist or may be created; the full-width one is the same name as lobby. */
    static final List<String> ROOMS = List.of("lobby", "LOBBY", "ｌｏｂｂｙ", "dev", "fuzz-1", "名前");
    /** Numbers JSON allows that no Java long holds, and fractions where integers belong. */
    private static final List<String> ODD_NUMBERS = List.of("99999999999999999999999", "1e999999", "-1e-999999",
            "1.5", "-0", "9223372036854775808", "-9223372036854775809", "2147483648");

    /** Types whose frames {@link DispatcherFuzzTest} never sends; it says why. */
    static final Set<String> NOT_SENT = Set.of("quit", "password");

    private static final Map<String, List<Component>> TYPES = readTypes();

    private final FuzzedDataProvider data;

    RequestFrames(FuzzedDataProvider data) {
        this.data = data;
    }

    /**
     * Splits {@code wire} into at most {@code max} frames at its newlines, each with its newline;
     * the bytes after the last newline form a frame too.
     */
    static List<byte[]> lines(byte[] wire, int max) {
        List<byte[]> frames = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= wire.length && frames.size() < max; i++) {
            if (i == wire.length && i == start) break;
            if (i == wire.length || wire[i] == '\n') {
                frames.add(line(Arrays.copyOfRange(wire, start, i)));
                start = i + 1;
            }
        }
        return frames;
    }

    /** One frame, newline included. A JSON frame carries {@code id} when the fuzzer lets it. */
    byte[] next(String id) {
        if (data.consumeInt(0, 4) == 0) return raw();
        List<String> names = new ArrayList<>(TYPES.keySet());
        JsonObject frame = new JsonObject();
        String type = data.consumeInt(0, 30) == 0 ? data.consumeString(12) : data.pickValue(names);
        frame.addProperty("type", type);
        for (Component c : TYPES.getOrDefault(type, List.of())) {
            switch (data.consumeInt(0, 7)) {
                case 0 -> {
                    // missing
                }
                case 1 -> frame.add(c.wireName(), wrongValue());
                default -> frame.add(c.wireName(), c.wireName().equals("id") ? idValue(id) : rightValue(c));
            }
        }
        return line(frame.toString().getBytes(StandardCharsets.UTF_8));
    }

    private byte[] raw() {
        byte[] bytes = data.consumeBytes(data.consumeInt(0, 2048));
        // One frame each, so the fuzzer controls how many frames an input has.
        int n = 0;
        for (byte b : bytes) if (b != '\n') bytes[n++] = b;
        return line(Arrays.copyOf(bytes, n));
    }

    private static byte[] line(byte[] body) {
        byte[] frame = Arrays.copyOf(body, body.length + 1);
        frame[body.length] = '\n';
        return frame;
    }

    private JsonElement idValue(String id) {
        return data.consumeInt(0, 9) == 0 ? new JsonPrimitive(data.consumeString(140)) : new JsonPrimitive(id);
    }

    private JsonElement rightValue(Component c) {
        Class<?> type = c.type();
        if (type == String.class) return new JsonPrimitive(stringFor(c.wireName()));
        if (type == Long.class || type == long.class) {
            return new JsonPrimitive(data.consumeBoolean() ? data.consumeLong(-3, 300) : data.consumeLong());
        }
        if (type == Integer.class || type == int.class) {
            return new JsonPrimitive(data.consumeBoolean() ? data.consumeInt(-3, 300) : data.consumeInt());
        }
        if (type.isEnum()) {
            return new JsonPrimitive(data.consumeInt(0, 5) == 0 ? data.consumeString(10) : data.pickValue(wireNames(type)));
        }
        throw new AssertionError("A request field of type " + type + " is not fuzzed yet: teach RequestFrames about it");
    }

    private String stringFor(String field) {
        boolean fromPool = data.consumeInt(0, 3) != 0;
        return switch (field) {
            case "room" -> fromPool ? data.pickValue(ROOMS) : data.consumeString(40);
            case "user", "to", "with" -> fromPool ? data.pickValue(USERS) : data.consumeString(40);
            default -> data.consumeString(data.consumeInt(0, 3) == 0 ? 17_000 : 200);
        };
    }

    /** A value of a JSON type the field does not have, or nesting past the codec's limit. */
    private JsonElement wrongValue() {
        return switch (data.consumeInt(0, 7)) {
            case 0 -> JsonNull.INSTANCE;
            case 1 -> new JsonPrimitive(data.consumeBoolean());
            case 2 -> new JsonPrimitive(data.consumeLong());
            case 3 -> new JsonPrimitive(new BigDecimal(data.pickValue(ODD_NUMBERS)));
            case 4 -> new JsonPrimitive(data.consumeString(30));
            case 5 -> new JsonArray();
            case 6 -> new JsonObject();
            default -> nested(data.consumeInt(1, ProtocolCodec.MAX_NESTING + 8));
        };
    }

    private static JsonElement nested(int depth) {
        JsonElement inner = new JsonPrimitive(1);
        for (int i = 0; i < depth; i++) {
            JsonArray a = new JsonArray();
            a.add(inner);
            inner = a;
        }
        return inner;
    }

    private static List<String> wireNames(Class<?> enumType) {
        List<String> names = new ArrayList<>();
        for (Field f : enumType.getFields()) {
            if (!f.isEnumConstant()) continue;
            SerializedName n = f.getAnnotation(SerializedName.class);
            names.add(n == null ? f.getName() : n.value());
        }
        return names;
    }

    private record Component(String wireName, Class<?> type) {
    }

    private static Map<String, List<Component>> readTypes() {
        Map<String, List<Component>> types = new LinkedHashMap<>();
        for (Map.Entry<String, Class<? extends ClientMessage>> e : ProtocolCodec.clientTypes().all().entrySet()) {
            if (NOT_SENT.contains(e.getKey())) continue;
            List<Component> components = new ArrayList<>();
            for (RecordComponent rc : e.getValue().getRecordComponents()) {
                components.add(new Component(wireName(e.getValue(), rc), rc.getType()));
            }
            types.put(e.getKey(), List.copyOf(components));
        }
        return types;
    }

    /** The name the codec uses: its naming policy, or the component's {@link SerializedName}. */
    private static String wireName(Class<?> record, RecordComponent rc) {
        try {
            Field f = record.getDeclaredField(rc.getName());
            SerializedName n = f.getAnnotation(SerializedName.class);
            return n != null ? n.value() : FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES.translateName(f);
        } catch (NoSuchFieldException e) {
            throw new AssertionError(e);
        }
    }
}
