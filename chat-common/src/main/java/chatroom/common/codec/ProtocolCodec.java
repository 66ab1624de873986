package chatroom.common.codec;

import chatroom.common.protocol.ClientMessage;
import chatroom.common.protocol.ErrorCode;
import chatroom.common.protocol.InvalidMessageException;
import chatroom.common.protocol.ServerMessage;
import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * Turns message records into JSON frames and back. The only class that touches Gson. Thread-safe:
 * one instance may be shared by every connection.
 *
 * <p>Decoding is strict: the frame must be one JSON object (nesting at most
 * {@value #MAX_NESTING} deep) with a string {@code type}; scalars must have the JSON type the
 * protocol names; unknown fields are ignored. Failures become a {@link ProtocolException} whose
 * code is {@code bad_request}, {@code unknown_type} or the code the record's validation chose.
 */
public final class ProtocolCodec {
    /** The deepest nesting of arrays and objects accepted in a frame. */
    public static final int MAX_NESTING = 64;

    private static final MessageTypes<ClientMessage> CLIENT_TYPES = new MessageTypes<>(ClientMessage.class);
    private static final MessageTypes<ServerMessage> SERVER_TYPES = new MessageTypes<>(ServerMessage.class);

    private final Gson gson = new GsonBuilder()
            .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
            .disableHtmlEscaping()
            .registerTypeAdapter(String.class, StrictAdapters.STRING.nullSafe())
            .registerTypeAdapter(Long.class, StrictAdapters.LONG)
            .registerTypeAdapter(long.class, StrictAdapters.LONG)
            .registerTypeAdapter(Integer.class, StrictAdapters.INT)
            .registerTypeAdapter(int.class, StrictAdapters.INT)
            .registerTypeAdapter(Instant.class, StrictAdapters.INSTANT)
            .registerTypeAdapterFactory(StrictAdapters.ENUMS)
            .create();

    /** The client-to-server message types. */
    public static MessageTypes<ClientMessage> clientTypes() {
        return CLIENT_TYPES;
    }

    /** The server-to-client message types. */
    public static MessageTypes<ServerMessage> serverTypes() {
        return SERVER_TYPES;
    }

    /** Decodes a frame sent by a client. */
    public ClientMessage decodeClient(String frame) throws ProtocolException {
        return decode(frame, CLIENT_TYPES);
    }

    /** Decodes a frame sent by the server. */
    public ServerMessage decodeServer(String frame) throws ProtocolException {
        return decode(frame, SERVER_TYPES);
    }

    /** Encodes a client message as one line of JSON, without the newline. */
    public String encode(ClientMessage message) {
        return encode(message, CLIENT_TYPES.nameOf(message.getClass()));
    }

    /** Encodes a server message as one line of JSON, without the newline. */
    public String encode(ServerMessage message) {
        return encode(message, SERVER_TYPES.nameOf(message.getClass()));
    }

    /** Encodes a server message as a complete frame: UTF-8 bytes ending in a newline. */
    public byte[] frame(ServerMessage message) {
        return toFrame(encode(message));
    }

    /** Encodes a client message as a complete frame: UTF-8 bytes ending in a newline. */
    public byte[] frame(ClientMessage message) {
        return toFrame(encode(message));
    }

    private static byte[] toFrame(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[body.length + 1];
        System.arraycopy(body, 0, frame, 0, body.length);
        frame[body.length] = '\n';
        return frame;
    }

    private String encode(Object message, String type) {
        JsonObject fields = gson.toJsonTree(message).getAsJsonObject();
        JsonObject out = new JsonObject();
        out.addProperty("type", type); // first, so a person reading the stream sees it first
        for (Map.Entry<String, JsonElement> e : fields.entrySet()) out.add(e.getKey(), e.getValue());
        return gson.toJson(out);
    }

    private <T> T decode(String frame, MessageTypes<T> types) throws ProtocolException {
        JsonObject object = parseObject(frame);
        String re = stringField(object, "id");
        JsonElement typeField = object.get("type");
        if (typeField == null || typeField.isJsonNull()) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "The frame has no 'type' field.", re);
        }
        if (!(typeField instanceof JsonPrimitive p) || !p.isString()) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "The field 'type' must be a string.", re);
        }
        String type = p.getAsString();
        Class<? extends T> recordClass = types.classOf(type);
        if (recordClass == null) {
            throw new ProtocolException(ErrorCode.UNKNOWN_TYPE, "Unknown message type '" + abbreviate(type) + "'.", re);
        }
        try {
            T message = gson.fromJson(object, recordClass);
            if (message == null) throw new ProtocolException(ErrorCode.BAD_REQUEST, "The frame is empty.", re);
            return message;
        } catch (RuntimeException e) {
            throw translate(e, re);
        }
    }

    private static JsonObject parseObject(String frame) throws ProtocolException {
        JsonElement element;
        try {
            JsonReader reader = new JsonReader(new StringReader(frame));
            reader.setStrictness(Strictness.STRICT);
            reader.setNestingLimit(MAX_NESTING);
            element = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new ProtocolException(ErrorCode.BAD_REQUEST, "A frame holds exactly one JSON object; there is more after it.", null);
            }
        } catch (JsonParseException | IOException | StackOverflowError e) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "The frame is not valid JSON: " + firstSentence(e) , null);
        }
        if (!element.isJsonObject()) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "A frame must be a JSON object such as {\"type\":\"ping\"}.", null);
        }
        return element.getAsJsonObject();
    }

    private static String stringField(JsonObject object, String name) {
        JsonElement e = object.get(name);
        return e instanceof JsonPrimitive p && p.isString() ? abbreviate(p.getAsString()) : null;
    }

    private static ProtocolException translate(RuntimeException e, String re) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidMessageException invalid) {
                return new ProtocolException(invalid.code(), invalid.getMessage(), re);
            }
            if (t instanceof JsonParseException && t.getCause() == null && t.getMessage() != null
                    && t.getMessage().startsWith("The field")) {
                return new ProtocolException(ErrorCode.BAD_REQUEST, t.getMessage(), re);
            }
        }
        return new ProtocolException(ErrorCode.BAD_REQUEST, "The frame's fields do not fit its type: " + firstSentence(e), re);
    }

    private static String firstSentence(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String m = root.getMessage();
        if (m == null) return "it could not be read.";
        int cut = m.indexOf("\nSee ");
        if (cut >= 0) m = m.substring(0, cut);
        // Gson's advice to the programmer is no help to the peer reading the error.
        m = m.replace("Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON", "unexpected text").strip();
        if (!m.endsWith(".")) m += ".";
        return abbreviate(m);
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }
}
