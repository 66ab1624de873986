package chatroom.common.protocol;

import chatroom.common.model.Names;

/** Field checks shared by the message records' compact constructors. */
public final class Fields {
    /** Longest client-chosen request id. */
    public static final int MAX_ID = 128;
    /** Longest message text, in UTF-16 units. */
    public static final int MAX_TEXT = 16_000;
    /** Longest topic or reason. */
    public static final int MAX_SHORT_TEXT = 500;

    private Fields() {
    }

    public static String required(String value, String field) {
        if (value == null) throw bad("The field '" + field + "' is required.");
        return wellFormed(value, field);
    }

    public static String id(String id) {
        if (id != null && (id.isEmpty() || id.length() > MAX_ID)) {
            throw bad("The field 'id' must be 1 to " + MAX_ID + " characters long.");
        }
        return id == null ? null : wellFormed(id, "id");
    }

    /**
     * Refuses half of a surrogate pair (a JSON escape such as backslash-u-d800 allows it): no UTF-8 can
     * carry it, so storing or forwarding it would silently turn it into {@code ?}.
     */
    private static String wellFormed(String value, String field) {
        if (hasUnpairedSurrogate(value)) {
            throw bad("The field '" + field + "' holds half of a UTF-16 surrogate pair, which is not a character.");
        }
        return value;
    }

    /** Whether {@code s} holds a surrogate without its partner, which no UTF-8 can encode. */
    public static boolean hasUnpairedSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    public static String requiredId(String id) {
        if (id == null) throw bad("The field 'id' is required here: give each message a unique id, e.g. a UUID.");
        return id(id);
    }

    /** A name the sender refers to (an existing user or room): shape only, not the naming rules. */
    public static String reference(String value, String field) {
        required(value, field);
        if (value.isEmpty() || value.length() > 4 * Names.MAX_LENGTH) {
            throw bad("The field '" + field + "' must name a user or room of 1 to " + Names.MAX_LENGTH + " characters.");
        }
        return value;
    }

    /** A room name that may be created: the full naming rules. */
    public static String roomName(String value) {
        required(value, "room");
        String problem = Names.problem(value, "room name");
        if (problem != null) throw new InvalidMessageException(ErrorCode.INVALID_NAME, problem);
        return value;
    }

    public static String text(String value, String field, int max) {
        required(value, field);
        if (value.isBlank()) throw bad("The field '" + field + "' is empty.");
        if (value.length() > max) throw bad("The field '" + field + "' is longer than " + max + " characters.");
        return value;
    }

    public static String optionalText(String value, String field, int max) {
        if (value != null && value.length() > max) {
            throw bad("The field '" + field + "' is longer than " + max + " characters.");
        }
        return value == null ? null : wellFormed(value, field);
    }

    public static void exactlyOne(Object a, String aName, Object b, String bName) {
        if ((a == null) == (b == null)) {
            throw bad("Give exactly one of '" + aName + "' and '" + bName + "'.");
        }
    }

    public static InvalidMessageException bad(String message) {
        return new InvalidMessageException(ErrorCode.BAD_REQUEST, message);
    }
}
