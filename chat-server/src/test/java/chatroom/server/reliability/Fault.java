package chatroom.server.reliability;

/**
 * The ways {@link FaultyProxy} breaks a connection. Each one reaches a different recovery path in
 * the client and the server, which is why the test insists that every kind fires at least once.
 */
enum Fault {
    /**
     * Both sides get a TCP reset (SO_LINGER 0) at a chunk boundary: the crash of a NAT box or a
     * pulled cable that the peer hears about only through RST.
     */
    RESET,
    /**
     * One direction stops for a while, then carries on with no byte lost: a congested link. The
     * connection survives, so the client must neither reconnect nor lose anything.
     */
    STALL,
    /**
     * One direction ends with FIN ({@code shutdownOutput}) while the other stays open: the
     * receiving side must notice the end even though it can still write.
     */
    HALF_CLOSE,
    /**
     * The connection ends with FIN after part of a frame: the receiver holds a partial frame that
     * must be discarded, not decoded or stored.
     */
    CUT_MID_FRAME,
    /**
     * From one byte on, every server reply is swallowed while the client's bytes (in practice
     * {@code say} frames) still reach the server; a moment later both sides are reset. The server
     * has stored messages whose acks the client never saw, so the client's resends must be
     * recognised as retries and not stored twice.
     */
    ACK_LOSS;

    /** Which way the bytes a fault acts on travel. */
    enum Direction {
        /** Client to server. */
        UP,
        /** Server to client. */
        DOWN
    }
}
