package chatroom.server.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;

import chatroom.common.protocol.ChatMessage;
import chatroom.common.protocol.HistoryPage;
import chatroom.common.protocol.HistoryRequest;
import chatroom.common.protocol.LoginRequest;
import chatroom.common.protocol.Welcome;
import chatroom.common.testing.TestClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads everything back through the protocol after the last restart, as a client that was never
 * there would: it must see exactly what the store holds, each message once, in seq order.
 */
final class FreshReader {
    /** Deliberately not a round number, so the paging loop usually ends on a partial page. */
    private static final int PAGE = 37;

    private FreshReader() {
    }

    /** Rooms through the reader account; DMs through a new session of each sender (only they may read them). */
    static void matchesStore(int port, List<String> rooms, List<String> senders, StoreCheck.Result store) throws IOException {
        try (TestClient reader = login(port, Accounts.READER)) {
            for (String room : rooms) {
                assertEquals(expected(store, Sender.room(room)), readAll(reader, room, null), "history of " + room);
            }
        }
        for (String user : senders) {
            try (TestClient c = login(port, user)) {
                for (String peer : senders) {
                    assertEquals(expected(store, Sender.dm(user, peer)), readAll(c, null, peer), user + "'s DMs with " + peer);
                }
            }
        }
    }

    private static TestClient login(int port, String user) throws IOException {
        TestClient c = Accounts.connect(port);
        c.request(id -> new LoginRequest(id, user, Accounts.password(user)), Welcome.class);
        return c;
    }

    private static List<StoreCheck.Row> expected(StoreCheck.Result store, String channel) {
        return store.rows().getOrDefault(channel, List.of());
    }

    /** Pages forward with {@code after_seq} until a short page, as protocol.md §8 tells clients to. */
    private static List<StoreCheck.Row> readAll(TestClient c, String room, String with) throws IOException {
        List<StoreCheck.Row> all = new ArrayList<>();
        long after = 0;
        while (true) {
            long from = after;
            HistoryPage page = c.request(id -> new HistoryRequest(id, room, with, null, from, PAGE), HistoryPage.class);
            for (ChatMessage m : page.messages()) {
                String channel = m.room() != null ? Sender.room(m.room()) : Sender.dm(m.from(), m.to());
                all.add(new StoreCheck.Row(channel, m.seq(), m.from(), m.id(), m.text()));
                after = m.seq();
            }
            if (page.messages().size() < PAGE) return all;
        }
    }
}
