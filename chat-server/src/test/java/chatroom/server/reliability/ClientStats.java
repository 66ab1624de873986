package chatroom.server.reliability;

/**
 * What one {@link ReconnectingClient} went through. Written only by the client's own thread; read
 * by the test after the client has finished.
 */
final class ClientStats {
    /** Connections opened (dialled). */
    int connections;
    /** Connections that got as far as {@code welcome}; every one after the first is a reconnect. */
    int logins;
    /** Connections that broke before {@code welcome} (during TLS, hello or login). */
    int lostBeforeWelcome;
    /** Says sent again, with their original id, after a reconnect. */
    int resends;
    /** Resends acked with a seq the room already had at login: the server recognised a retry. */
    int dedupedResends;
    /** Live messages dropped because their seq was already held (from history). */
    int liveDuplicates;
    /** History items dropped because their seq was already held (from live delivery). */
    int historyDuplicates;
    /** History pages fetched. */
    int historyPages;
    /** History fetches started because a live message skipped ahead of the gap-free part. */
    int gapFetches;
    /** Live messages on one connection that skipped a seq after welcome's last_seq (the server promises none). */
    int liveGaps;
    /** Live messages on one connection at or below a seq already delivered live on it (the server promises none). */
    int liveRepeats;
    /** Messages that arrived before welcome (the server promises none). */
    int earlyMessages;
    /** Says refused with rate_limited and resent later. */
    int rateLimited;
    /** Connections dropped because a ping went unanswered. */
    int silentDrops;
    /** Time from losing a logged-in connection to the next welcome, summed and the longest. */
    long offlineNanos;
    long longestOfflineNanos;

    /** Records how long the client was without a logged-in connection. */
    void offline(long nanos) {
        offlineNanos += nanos;
        longestOfflineNanos = Math.max(longestOfflineNanos, nanos);
    }

    /** Reconnects: logins after the first. */
    int reconnects() {
        return Math.max(0, logins - 1);
    }

    /** Adds {@code o}'s counts to these. */
    void add(ClientStats o) {
        connections += o.connections;
        logins += o.logins;
        lostBeforeWelcome += o.lostBeforeWelcome;
        resends += o.resends;
        dedupedResends += o.dedupedResends;
        liveDuplicates += o.liveDuplicates;
        historyDuplicates += o.historyDuplicates;
        historyPages += o.historyPages;
        gapFetches += o.gapFetches;
        liveGaps += o.liveGaps;
        liveRepeats += o.liveRepeats;
        earlyMessages += o.earlyMessages;
        rateLimited += o.rateLimited;
        silentDrops += o.silentDrops;
        offlineNanos += o.offlineNanos;
        longestOfflineNanos = Math.max(longestOfflineNanos, o.longestOfflineNanos);
    }

    @Override
    public String toString() {
        return "connections=" + connections + " reconnects=" + reconnects() + " lostBeforeWelcome=" + lostBeforeWelcome
                + " resends=" + resends + " dedupedResends=" + dedupedResends
                + " liveDuplicates=" + liveDuplicates + " historyDuplicates=" + historyDuplicates
                + " historyPages=" + historyPages + " gapFetches=" + gapFetches + " liveGaps=" + liveGaps
                + " liveRepeats=" + liveRepeats + " earlyMessages=" + earlyMessages + " rateLimited=" + rateLimited
                + " silentDrops=" + silentDrops + String.format(" offline=%.1fs (longest %.2fs)", offlineNanos / 1e9,
                longestOfflineNanos / 1e9);
    }
}
