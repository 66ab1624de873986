package chatroom.common.protocol;


/**
 * Asks for stored messages of a room ({@code room}) or of the direct conversation with a user
 * ({@code with}). Replied to with {@code history}, oldest first.
 *
 * @param beforeSeq only messages with a smaller seq (the newest {@code limit} of them)
 * @param afterSeq only messages with a larger seq (the oldest {@code limit} of them)
 * @param limit 1–200, default 50
 */
@WireType("history")
public record HistoryRequest(String id, String room, String with, Long beforeSeq, Long afterSeq, Integer limit) implements ClientMessage {
    /** The default and the largest page size. */
    public static final int DEFAULT_LIMIT = 50, MAX_LIMIT = 200;

    public HistoryRequest {
        id = Fields.id(id);
        Fields.exactlyOne(room, "room", with, "with");
        if (room != null) Fields.reference(room, "room");
        if (with != null) Fields.reference(with, "with");
        if (beforeSeq != null && beforeSeq < 1) throw Fields.bad("before_seq must be 1 or more.");
        if (afterSeq != null && afterSeq < 0) throw Fields.bad("after_seq must be 0 or more.");
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) throw Fields.bad("limit must be between 1 and " + MAX_LIMIT + ".");
    }

    /** The page size to use. */
    public int effectiveLimit() {
        return limit == null ? DEFAULT_LIMIT : limit;
    }
}
