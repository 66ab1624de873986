package chatroom.server.store;

import chatroom.common.protocol.ChatMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Messages in the database. Appends run on the store's writer thread: the seq is the channel's
 * {@code last_seq + 1}, taken in the same transaction as the insert, so seqs are gap-free and a
 * message's seq exists only once it is committed. Appends return at once; the caller learns the
 * outcome from the after-commit action and the returned future, so a client's reader can go on
 * reading while its message waits for the group commit.
 */
public final class MessageStore {
    private static final String SELECT = "SELECT m.seq, m.client_id, s.name, m.body, m.ts, c.kind, c.name, "
            + "CASE WHEN m.sender_id = c.user_a THEN ub.name ELSE ua.name END "
            + "FROM messages m JOIN channels c ON c.id = m.channel_id JOIN users s ON s.id = m.sender_id "
            + "LEFT JOIN users ua ON ua.id = c.user_a LEFT JOIN users ub ON ub.id = c.user_b "
            + "WHERE m.channel_id = ? AND m.seq > ? AND m.seq < ? ";
    private final Database db;

    /** Uses {@code db}. */
    public MessageStore(Database db) {
        this.db = db;
    }

    /**
     * Queues a room message to be stored unless this sender already stored one with {@code clientId}.
     *
     * @param afterCommit runs on the writer thread once the message is durable, in seq order
     * @return completes after {@code afterCommit}; see {@link Database#submit}
     */
    public CompletableFuture<Appended> appendToRoom(long roomId, String roomName, long senderId, String clientId,
                                                    String text, Instant ts, Consumer<Appended> afterCommit) {
        return db.submit(c -> {
            Optional<Appended> earlier = findByClientId(c, senderId, clientId);
            if (earlier.isPresent()) return earlier.get();
            long seq = insert(c, roomId, senderId, clientId, text, ts);
            return new Appended(false, roomId, seq, ts, roomName, null);
        }, afterCommit);
    }

    /** Stores a direct message from {@code senderId} to {@code recipientId}; see {@link #appendToRoom}. */
    public CompletableFuture<Appended> appendDirect(long senderId, long recipientId, String recipientName,
                                                    String clientId, String text, Instant ts,
                                                    Consumer<Appended> afterCommit) {
        return db.submit(c -> {
            Optional<Appended> earlier = findByClientId(c, senderId, clientId);
            if (earlier.isPresent()) return earlier.get();
            long channel = dmChannel(c, senderId, recipientId, ts);
            long seq = insert(c, channel, senderId, clientId, text, ts);
            return new Appended(false, channel, seq, ts, null, recipientName);
        }, afterCommit);
    }

    private long dmChannel(Connection c, long a, long b, Instant now) throws SQLException {
        String key = ChannelStore.dmKey(a, b);
        PreparedStatement create = db.prepared(c, "INSERT OR IGNORE INTO channels (kind, key, user_a, user_b, created_at) "
                + "VALUES ('dm', ?, ?, ?, ?)");
        create.setString(1, key);
        create.setLong(2, Math.min(a, b));
        create.setLong(3, Math.max(a, b));
        create.setLong(4, now.toEpochMilli());
        create.executeUpdate();
        PreparedStatement find = db.prepared(c, "SELECT id FROM channels WHERE key = ?");
        find.setString(1, key);
        try (ResultSet rs = find.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private long insert(Connection c, long channel, long sender, String clientId, String text,
                               Instant ts) throws SQLException {
        long seq;
        PreparedStatement next = db.prepared(c, "UPDATE channels SET last_seq = last_seq + 1 WHERE id = ? RETURNING last_seq");
        next.setLong(1, channel);
        try (ResultSet rs = next.executeQuery()) {
            if (!rs.next()) throw new SQLException("channel " + channel + " vanished");
            seq = rs.getLong(1);
        }
        PreparedStatement add = db.prepared(c,
                "INSERT INTO messages (channel_id, seq, sender_id, client_id, body, ts) VALUES (?, ?, ?, ?, ?, ?)");
        add.setLong(1, channel);
        add.setLong(2, seq);
        add.setLong(3, sender);
        add.setString(4, clientId);
        add.setString(5, text);
        add.setLong(6, ts.toEpochMilli());
        add.executeUpdate();
        return seq;
    }

    private Optional<Appended> findByClientId(Connection c, long sender, String clientId)
            throws SQLException {
        PreparedStatement ps = db.prepared(c, "SELECT m.channel_id, m.seq, m.ts, c.kind, c.name, "
                + "CASE WHEN c.user_a = ? THEN ub.name ELSE ua.name END FROM messages m "
                + "JOIN channels c ON c.id = m.channel_id LEFT JOIN users ua ON ua.id = c.user_a "
                + "LEFT JOIN users ub ON ub.id = c.user_b WHERE m.sender_id = ? AND m.client_id = ?");
        ps.setLong(1, sender);
        ps.setLong(2, sender);
        ps.setString(3, clientId);
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) return Optional.empty();
            boolean room = rs.getString(4).equals("room");
            return Optional.of(new Appended(true, rs.getLong(1), rs.getLong(2), Instant.ofEpochMilli(rs.getLong(3)),
                    room ? rs.getString(5) : null, room ? null : rs.getString(6)));
        }
    }

    /**
     * A page of a channel's messages, oldest first. With {@code afterSeq}, the oldest {@code limit}
     * after it (and before {@code beforeSeq}, if given), so a client can page forward; otherwise
     * the newest {@code limit} before {@code beforeSeq}, or overall.
     */
    public List<ChatMessage> page(long channelId, Long beforeSeq, Long afterSeq, int limit) throws SQLException {
        boolean forward = afterSeq != null;
        return db.read(c -> {
            List<ChatMessage> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(SELECT + "ORDER BY m.seq " + (forward ? "ASC" : "DESC") + " LIMIT ?")) {
                ps.setLong(1, channelId);
                ps.setLong(2, afterSeq == null ? 0 : afterSeq);
                ps.setLong(3, beforeSeq == null ? Long.MAX_VALUE : beforeSeq);
                ps.setInt(4, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        boolean room = rs.getString(6).equals("room");
                        out.add(new ChatMessage(room ? rs.getString(7) : null, room ? null : rs.getString(8),
                                rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                Instant.ofEpochMilli(rs.getLong(5))));
                    }
                }
            }
            if (!forward) Collections.reverse(out);
            return out;
        });
    }
}
