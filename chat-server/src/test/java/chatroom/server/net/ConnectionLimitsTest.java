package chatroom.server.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import chatroom.server.net.ConnectionLimits.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectionLimitsTest {
    @Test
    void aGuestCountsUntilItLogsInAndItsAddressUntilItEnds() {
        ConnectionLimits limits = new ConnectionLimits(2, 5);
        ConnectionLimits.Ticket a = limits.admit("10.0.0.1");
        ConnectionLimits.Ticket b = limits.admit("10.0.0.1");
        assertEquals(Verdict.ADMITTED, a.verdict());
        assertNull(a.refusal());
        assertEquals(Verdict.REFUSED, limits.admit("10.0.0.2").verdict());

        a.loggedIn();
        a.loggedIn(); // idempotent
        assertEquals(1, limits.unauthenticated());
        assertEquals(Verdict.ADMITTED, limits.admit("10.0.0.2").verdict());

        a.release();
        a.release();
        b.release();
        assertEquals(1, limits.unauthenticated(), "only 10.0.0.2's guest is left");
        assertEquals(0, limits.from("10.0.0.1"));
    }

    @Test
    void oneAddressCannotTakeMoreThanItsShareButOthersStillGetIn() {
        ConnectionLimits limits = new ConnectionLimits(100, 2);
        limits.admit("10.0.0.1").loggedIn();
        limits.admit("10.0.0.1");
        ConnectionLimits.Ticket third = limits.admit("10.0.0.1");
        assertEquals(Verdict.REFUSED, third.verdict());
        assertEquals(Verdict.ADMITTED, limits.admit("10.0.0.2").verdict());
        third.release();
        assertEquals(2, limits.from("10.0.0.1"), "a refusal never held a place");
    }

    @Test
    void pastSixtyFourRefusalsInProgressTheRestAreDroppedWithoutAWord() {
        ConnectionLimits limits = new ConnectionLimits(1, 1);
        limits.admit("10.0.0.1");
        List<ConnectionLimits.Ticket> refused = new ArrayList<>();
        for (int i = 0; i < ConnectionLimits.MAX_BEING_REFUSED; i++) refused.add(limits.admit("10.0.0.1"));
        assertEquals(Verdict.REFUSED, refused.getLast().verdict());
        assertEquals(Verdict.DROPPED, limits.admit("10.0.0.1").verdict());
        refused.getFirst().release();
        assertEquals(Verdict.REFUSED, limits.admit("10.0.0.1").verdict());
    }
}
