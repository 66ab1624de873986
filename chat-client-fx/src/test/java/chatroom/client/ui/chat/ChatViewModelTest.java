package chatroom.client.ui.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chatroom.client.model.ChatLine;
import chatroom.client.model.ConnectionState;
import chatroom.client.model.ConversationKey;
import chatroom.client.model.PendingMessage;
import chatroom.client.service.ChatService;
import chatroom.client.service.RequestFailedException;
import chatroom.client.service.ServerAddress;
import chatroom.client.testing.FakeChatService;
import chatroom.common.testing.MutableClock;
import chatroom.common.model.MemberChange;
import chatroom.common.model.Role;
import chatroom.common.model.Status;
import chatroom.common.protocol.ChatMessage;
import chatroom.common.protocol.DmState;
import chatroom.common.protocol.HistoryPage;
import chatroom.common.protocol.Joined;
import chatroom.common.protocol.MemberEvent;
import chatroom.common.protocol.PresenceEvent;
import chatroom.common.protocol.RoomState;
import chatroom.common.protocol.TypingEvent;
import chatroom.common.protocol.UserInfo;
import chatroom.common.protocol.Welcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChatViewModelTest {
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private static final ConversationKey LOBBY = ConversationKey.room("lobby");
    private static final ConversationKey RUST = ConversationKey.room("rust");
    private static final ConversationKey BOB = ConversationKey.direct("bob");

    private final FakeChatService service = new FakeChatService();
    private final MutableClock clock = new MutableClock(T0);
    private final List<String> notifications = new ArrayList<>();
    private final List<String> signedOut = new ArrayList<>();
    private ChatViewModel vm;

    @BeforeEach
    void startLoggedIn() {
        vm = new ChatViewModel(service, (title, body) -> notifications.add(title + ": " + body), clock,
                Runnable::run, Runnable::run, signedOut::add);
        vm.start(new Welcome("r1", "alice", Role.USER,
                List.of(new RoomState("lobby", "General chat", 10), new RoomState("rust", null, 3)),
                List.of(new DmState("bob", 2))));
    }

    private static ChatMessage room(String room, long seq, String from, String text, Instant ts) {
        return new ChatMessage(room, null, seq, "id-" + room + seq, from, text, ts);
    }

    private ConversationViewModel conversation(ConversationKey key) {
        return vm.conversationOf(key).orElseThrow();
    }

    @Test
    void welcomeListsRoomsAndDirectConversationsAndSelectsTheFirstRoom() {
        assertEquals(List.of("lobby", "rust"), vm.rooms().stream().map(c -> c.key().name()).toList());
        assertEquals(List.of("bob"), vm.directs().stream().map(c -> c.key().name()).toList());
        assertEquals(LOBBY, vm.selectedProperty().get().key());
        assertEquals("General chat", conversation(LOBBY).topicProperty().get());
        // join is how the client learns each room's members.
        assertEquals(List.of("lobby", "rust"), service.calls("join").stream().map(c -> c.args().getFirst()).toList());
    }

    @Test
    void openingAConversationLoadsTheNewestPageBeforeTheLastSeqItKnows() {
        var call = service.last("history");
        assertEquals(List.of(LOBBY, 11L, ChatViewModel.PAGE), call.args());
        call.reply().complete(new HistoryPage("h", "lobby", null, LongStream.rangeClosed(1, 10)
                .mapToObj(s -> room("lobby", s, "bob", "m" + s, T0.plusSeconds(s))).toList()));
        assertEquals(10, conversation(LOBBY).lines().size());
        assertEquals(1, conversation(LOBBY).lines().getFirst().seq());
        // A short page means there is nothing older: scrolling to the top asks for nothing more.
        vm.loadOlder();
        assertEquals(1, service.calls("history").size());
    }

    @Test
    void olderPagesGoAboveAndSkipWhatIsAlreadyShown() {
        service.last("history").reply().complete(new HistoryPage("h", "lobby", null, LongStream.rangeClosed(-39, 10)
                .filter(s -> s > 0).mapToObj(s -> room("lobby", s, "bob", "m" + s, T0)).toList()));
        vm.messages(LOBBY, List.of(room("lobby", 11, "carol", "live", T0.plusSeconds(60))));
        List<Long> seqs = conversation(LOBBY).lines().stream().map(ChatLine::seq).toList();
        assertEquals(LongStream.rangeClosed(1, 11).boxed().toList(), seqs);
    }

    @Test
    void unreadCountsGrowInConversationsNotInViewAndResetWhenOpened() {
        vm.messages(RUST, List.of(room("rust", 4, "bob", "hi", T0), room("rust", 5, "carol", "hey", T0)));
        vm.messages(LOBBY, List.of(room("lobby", 11, "bob", "in view", T0)));
        assertEquals(2, conversation(RUST).unreadProperty().get());
        assertEquals(0, conversation(LOBBY).unreadProperty().get());
        vm.select(conversation(RUST));
        assertEquals(0, conversation(RUST).unreadProperty().get());
    }

    @Test
    void messagesArrivingWhileTheWindowIsInTheBackgroundAreUnreadUntilItComesBack() {
        vm.windowFocusedProperty().set(false);
        vm.messages(LOBBY, List.of(room("lobby", 11, "bob", "while away", T0)));
        assertEquals(1, conversation(LOBBY).unreadProperty().get());
        vm.windowFocusedProperty().set(true);
        assertEquals(0, conversation(LOBBY).unreadProperty().get());
    }

    @Test
    void ownMessagesNeverCountAsUnread() {
        vm.messages(RUST, List.of(room("rust", 4, "Alice", "from my other laptop", T0)));
        assertEquals(0, conversation(RUST).unreadProperty().get());
    }

    @Test
    void aSentMessageShowsAsPendingUntilItComesBackStored() {
        conversation(LOBBY).draftProperty().set("  hello there \n");
        vm.sendDraft();
        PendingMessage sent = service.sent.getFirst();
        assertEquals("hello there", sent.text());
        assertEquals("", conversation(LOBBY).draftProperty().get());
        ChatLine pending = conversation(LOBBY).lines().getLast();
        assertEquals(ChatLine.Kind.PENDING, pending.kind());

        vm.messages(LOBBY, List.of(new ChatMessage("lobby", null, 11, sent.id(), "alice", "hello there", T0)));
        List<ChatLine> lines = conversation(LOBBY).lines();
        assertEquals(1, lines.size());
        assertEquals(ChatLine.Kind.MESSAGE, lines.getFirst().kind());
        assertTrue(lines.getFirst().own());
    }

    @Test
    void blankDraftsAreNotSent() {
        conversation(LOBBY).draftProperty().set(" \n\t ");
        vm.sendDraft();
        assertTrue(service.sent.isEmpty());
    }

    @Test
    void aRefusedMessageIsMarkedNotSentWithTheReason() {
        conversation(LOBBY).draftProperty().set("hello");
        vm.sendDraft();
        vm.sendFailed(service.sent.getFirst(), "You are not a member of the room.");
        List<ChatLine> lines = conversation(LOBBY).lines();
        assertTrue(lines.stream().anyMatch(l -> l.kind() == ChatLine.Kind.FAILED));
        assertTrue(lines.stream().anyMatch(l -> l.kind() == ChatLine.Kind.NOTICE && l.text().contains("not a member")));
    }

    @Test
    void consecutiveMessagesBySameSenderAreGroupedWithinFiveMinutes() {
        vm.messages(LOBBY, List.of(
                room("lobby", 11, "bob", "one", T0),
                room("lobby", 12, "bob", "two", T0.plusSeconds(60)),
                room("lobby", 13, "bob", "three", T0.plus(Duration.ofMinutes(10))),
                room("lobby", 14, "carol", "four", T0.plus(Duration.ofMinutes(10)))));
        assertEquals(List.of(false, true, false, false),
                conversation(LOBBY).lines().stream().map(ChatLine::continued).toList());
    }

    @Test
    void memberEventsAreQuietNoticesAndRefreshTheMemberList() {
        vm.roomJoined(new Joined(null, "lobby", "General chat", List.of(new UserInfo("alice", Status.ONLINE, Role.USER)), 10));
        int joinsBefore = service.calls("join").size();
        vm.member(new MemberEvent("lobby", "dave", MemberChange.JOIN));
        ChatLine notice = conversation(LOBBY).lines().getLast();
        assertEquals(ChatLine.Kind.NOTICE, notice.kind());
        assertEquals("dave joined the room", notice.text());
        assertEquals(joinsBefore + 1, service.calls("join").size());
    }

    @Test
    void presenceChangesReachThePeoplePanelAndRoomMembers() {
        service.last("users").reply().complete(List.of(
                new UserInfo("alice", Status.ONLINE, Role.USER), new UserInfo("bob", Status.OFFLINE, Role.USER)));
        vm.roomJoined(new Joined(null, "lobby", null, List.of(
                new UserInfo("alice", Status.ONLINE, Role.USER), new UserInfo("bob", Status.OFFLINE, Role.USER)), 10));
        vm.presence(new PresenceEvent("bob", Status.BUSY));
        assertEquals(Status.BUSY, vm.people().stream().filter(m -> m.user().equals("bob")).findFirst().orElseThrow().status());
        assertEquals(Status.BUSY, conversation(LOBBY).members().stream().filter(m -> m.user().equals("bob")).findFirst().orElseThrow().status());
    }

    @Test
    void typingShowsWhoAndDisappearsAfterAFewSeconds() {
        vm.typing(new TypingEvent("bob", "lobby", null));
        vm.typing(new TypingEvent("carol", "lobby", null));
        assertEquals("bob and carol are typing…", conversation(LOBBY).typingProperty().get());
        clock.advance(Duration.ofSeconds(7));
        vm.tick();
        assertEquals("", conversation(LOBBY).typingProperty().get());
    }

    @Test
    void typingIsSentAtMostEveryFewSeconds() {
        conversation(LOBBY).draftProperty().set("h");
        vm.draftEdited();
        vm.draftEdited();
        clock.advance(Duration.ofSeconds(5));
        vm.draftEdited();
        assertEquals(List.of(LOBBY, LOBBY), service.typed);
    }

    @Test
    void statusGoesAwayAfterIdleMinutesAndBackOnActivity() {
        vm.awayAfterMinutesProperty().set(5);
        clock.advance(Duration.ofMinutes(4));
        vm.tick();
        assertEquals(Status.ONLINE, vm.statusProperty().get());
        clock.advance(Duration.ofMinutes(1));
        vm.tick();
        assertEquals(Status.AWAY, vm.statusProperty().get());
        assertEquals(List.of(Status.AWAY), service.calls("status").stream().map(c -> c.args().getFirst()).toList());
        vm.userActivity();
        assertEquals(Status.ONLINE, vm.statusProperty().get());
    }

    @Test
    void aChosenBusyStatusIsNotOverriddenByIdleness() {
        vm.chooseStatus(Status.BUSY);
        clock.advance(Duration.ofHours(1));
        vm.tick();
        vm.userActivity();
        assertEquals(Status.BUSY, vm.statusProperty().get());
    }

    @Test
    void aRefusedStatusChangeIsRolledBack() {
        vm.chooseStatus(Status.AWAY);
        service.last("status").reply().completeExceptionally(chatroom.client.service.RequestFailedException.local("You are offline."));
        assertEquals(Status.ONLINE, vm.statusProperty().get());
        assertTrue(vm.noticeProperty().get().contains("offline"));
    }

    @Test
    void directMessagesAndMentionsNotifyOnlyWhileTheWindowIsInTheBackground() {
        vm.messages(BOB, List.of(new ChatMessage(null, "alice", 3, "d3", "bob", "focused", T0)));
        assertTrue(notifications.isEmpty());
        vm.windowFocusedProperty().set(false);
        vm.messages(BOB, List.of(new ChatMessage(null, "alice", 4, "d4", "bob", "psst", T0)));
        vm.messages(LOBBY, List.of(room("lobby", 11, "carol", "lunch anyone?", T0)));
        vm.messages(LOBBY, List.of(room("lobby", 12, "carol", "@Alice lunch?", T0)));
        assertEquals(List.of("bob: psst", "carol in # lobby: @Alice lunch?"), notifications);
    }

    @Test
    void busySilencesNotifications() {
        vm.chooseStatus(Status.BUSY);
        vm.windowFocusedProperty().set(false);
        vm.messages(BOB, List.of(new ChatMessage(null, "alice", 3, "d3", "bob", "psst", T0)));
        assertTrue(notifications.isEmpty());
    }

    @Test
    void mentionsMatchWholeNamesOnly() {
        assertTrue(ChatViewModel.mentions("hey alice!", "alice"));
        assertTrue(ChatViewModel.mentions("@ALICE look", "alice"));
        assertFalse(ChatViewModel.mentions("malice aforethought", "alice"));
        assertFalse(ChatViewModel.mentions("alice_bot says hi", "alice"));
    }

    @Test
    void aDirectMessageFromSomeoneNewOpensAConversation() {
        vm.messages(ConversationKey.direct("carol"), List.of(new ChatMessage(null, "alice", 1, "c1", "carol", "hi", T0)));
        assertTrue(vm.conversationOf(ConversationKey.direct("carol")).isPresent());
        assertEquals(1, conversation(ConversationKey.direct("carol")).unreadProperty().get());
    }

    @Test
    void clearEmptiesOnlyThisViewAndSaysSo() {
        vm.messages(LOBBY, List.of(room("lobby", 11, "bob", "one", T0)));
        int callsBefore = service.calls.size();
        vm.clearSelected();
        List<ChatLine> lines = conversation(LOBBY).lines();
        assertEquals(1, lines.size());
        assertTrue(lines.getFirst().text().contains("history on the server is unchanged"));
        vm.loadOlder();
        assertEquals(callsBefore, service.calls.size(), "clearing must not contact the server or reload history");
    }

    @Test
    void adminViewIsOfferedOnlyToModeratorsAndAdmins() {
        assertFalse(vm.adminVisibleBinding().get());
        vm.loggedIn(new Welcome("r2", "alice", Role.MODERATOR, List.of(), List.of()), true);
        assertTrue(vm.adminVisibleBinding().get());
        assertTrue(vm.canEditTopicBinding().get());
    }

    @Test
    void theBannerShowsWhileTheConnectionIsDown() {
        vm.connectionChanged(ConnectionState.RECONNECTING, "The server is restarting. Reconnecting in 2 s…");
        assertTrue(vm.offlineBinding().get());
        assertEquals("The server is restarting. Reconnecting in 2 s…", vm.bannerProperty().get());
        vm.connectionChanged(ConnectionState.CONNECTED, null);
        assertFalse(vm.offlineBinding().get());
    }

    @Test
    void kickedOrBannedHandsTheReasonToTheLoginView() {
        vm.sessionEnded("You are banned until 14:30: spam.");
        assertEquals(List.of("You are banned until 14:30: spam."), signedOut);
    }

    @Test
    void joinRefusesBadNamesBeforeAskingTheServer() {
        assertTrue(vm.joinRoom("  ").isPresent());
        assertTrue(vm.joinRoom("#rust").isEmpty());
        assertEquals("rust", service.last("join").args().getFirst());
    }

    @Test
    void aCaughtUpPageLandsAboveALiveMessageEvenWithANoticeBetween() {
        service.last("history").reply().complete(new HistoryPage("h", "lobby", null, List.of()));
        vm.messages(LOBBY, List.of(room("lobby", 13, "bob", "live", T0)));
        vm.member(new MemberEvent("lobby", "carol", MemberChange.JOIN));
        vm.messages(LOBBY, List.of(room("lobby", 11, "bob", "missed 1", T0), room("lobby", 12, "bob", "missed 2", T0)));
        List<Long> seqs = conversation(LOBBY).lines().stream().filter(l -> l.kind() == ChatLine.Kind.MESSAGE).map(ChatLine::seq).toList();
        assertEquals(List.of(11L, 12L, 13L), seqs);
    }

    @Test
    void aRefusedMessageStaysInPlaceWhileTheConversationGoesOn() {
        conversation(LOBBY).draftProperty().set("will fail");
        vm.sendDraft();
        vm.sendFailed(service.sent.getFirst(), "Nope.");
        vm.messages(LOBBY, List.of(room("lobby", 11, "bob", "later", T0.plusSeconds(5))));
        List<ChatLine.Kind> kinds = conversation(LOBBY).lines().stream().map(ChatLine::kind).toList();
        assertEquals(List.of(ChatLine.Kind.FAILED, ChatLine.Kind.NOTICE, ChatLine.Kind.MESSAGE), kinds);
    }

    @Test
    void aPageThatArrivesAfterClearIsNotShown() {
        var first = service.last("history");
        vm.clearSelected();
        first.reply().complete(new HistoryPage("h", "lobby", null, List.of(room("lobby", 10, "bob", "old", T0))));
        assertEquals(1, conversation(LOBBY).lines().size());
    }

    @Test
    void aFirstPageThatFailedIsAskedForAgainOnTheNextOpen() {
        service.last("history").reply().completeExceptionally(chatroom.client.service.RequestFailedException.local("offline"));
        vm.select(conversation(RUST));
        vm.select(conversation(LOBBY));
        assertEquals(LOBBY, service.last("history").args().getFirst());
        assertEquals(3, service.calls("history").size());
    }

    @Test
    void aBatchOfDirectMessagesRaisesOneNotification() {
        vm.windowFocusedProperty().set(false);
        vm.messages(BOB, List.of(new ChatMessage(null, "alice", 3, "d3", "bob", "one", T0),
                new ChatMessage(null, "alice", 4, "d4", "bob", "two", T0), new ChatMessage(null, "alice", 5, "d5", "bob", "three", T0)));
        assertEquals(List.of("bob: one (+2 more)"), notifications);
    }

    @Test
    void comingBackFromAutomaticAwayWhileOfflineTriesAgainLater() {
        clock.advance(Duration.ofMinutes(6));
        vm.tick();
        service.last("status").reply().complete(null);
        vm.userActivity();
        service.last("status").reply().completeExceptionally(chatroom.client.service.RequestFailedException.local("offline"));
        assertEquals(Status.AWAY, vm.statusProperty().get());
        vm.userActivity();
        assertEquals(Status.ONLINE, vm.statusProperty().get());
        assertEquals(3, service.calls("status").size());
    }

    @Test
    void leavingARoomIsNotUndoneByAMemberListRefresh() {
        vm.leaveSelectedRoom();
        int joins = service.calls("join").size();
        vm.member(new MemberEvent("lobby", "dave", MemberChange.LEAVE));
        assertEquals(joins, service.calls("join").size());
    }

    @Test
    void tooLongMessagesAreRefusedWithTheLimit() {
        conversation(LOBBY).draftProperty().set("x".repeat(16_001));
        vm.sendDraft();
        assertTrue(service.sent.isEmpty());
        assertTrue(vm.noticeProperty().get().contains("16000"));
    }

    @Test
    void aHundredThousandMessagesAppendInSeqOrder() {
        List<ChatMessage> many = LongStream.rangeClosed(11, 100_010)
                .mapToObj(s -> room("lobby", s, s % 3 == 0 ? "bob" : "carol", "m" + s, T0.plusSeconds(s))).toList();
        vm.messages(LOBBY, many);
        List<ChatLine> lines = conversation(LOBBY).lines();
        assertEquals(100_000, lines.size());
        assertEquals(100_010, lines.getLast().seq());
    }

    // ---- the outbox across restarts and acks ----------------------------------------------------

    private static List<ChatLine.Kind> kinds(ConversationViewModel c) {
        return c.lines().stream().map(ChatLine::kind).toList();
    }

    @Test
    void messagesRestoredBeforeTheViewOpenedShowAsPendingInTheirConversations() {
        FakeChatService restarted = new FakeChatService();
        restarted.sent.add(new PendingMessage("old-1", LOBBY, "typed before the restart", T0.minusSeconds(60)));
        restarted.sent.add(new PendingMessage("old-2", ConversationKey.direct("carol"), "and to carol", T0.minusSeconds(30)));
        ChatViewModel fresh = new ChatViewModel(restarted, (title, body) -> {}, clock, Runnable::run, Runnable::run, signedOut::add);
        fresh.start(new Welcome("r1", "alice", Role.USER, List.of(new RoomState("lobby", null, 10)), List.of()));

        ChatLine lobbyLine = fresh.conversationOf(LOBBY).orElseThrow().lines().getLast();
        assertEquals(ChatLine.Kind.PENDING, lobbyLine.kind());
        assertEquals("typed before the restart", lobbyLine.text());
        assertEquals(T0.minusSeconds(60), lobbyLine.ts(), "shown with the time it was typed");
        ConversationViewModel carol = fresh.conversationOf(ConversationKey.direct("carol")).orElseThrow();
        assertEquals(List.of(ChatLine.Kind.PENDING), kinds(carol));
    }

    @Test
    void messagesRestoredAfterTheViewOpenedShowOnceEachAsPending() {
        PendingMessage one = new PendingMessage("old-1", LOBBY, "one", T0);
        PendingMessage two = new PendingMessage("old-2", LOBBY, "two", T0);
        vm.outboxRestored(List.of(one, two));
        vm.outboxRestored(List.of(one));
        assertEquals(List.of("one", "two"), conversation(LOBBY).lines().stream().map(ChatLine::text).toList());
        assertEquals(List.of(ChatLine.Kind.PENDING, ChatLine.Kind.PENDING), kinds(conversation(LOBBY)));
    }

    @Test
    void anAckTurnsThePendingLineIntoAStoredOneAndTheLiveCopyAfterwardsAddsNothing() {
        conversation(LOBBY).draftProperty().set("hello");
        vm.sendDraft();
        PendingMessage sent = service.sent.getFirst();
        vm.acked(sent, 11, T0.plusSeconds(1));
        ChatLine line = conversation(LOBBY).lines().getLast();
        assertEquals(List.of(ChatLine.Kind.MESSAGE), kinds(conversation(LOBBY)));
        assertEquals(11, line.seq());
        assertEquals(T0.plusSeconds(1), line.ts(), "the server's time");
        assertTrue(line.own());

        vm.messages(LOBBY, List.of(new ChatMessage("lobby", null, 11, sent.id(), "alice", "hello", T0.plusSeconds(1))));
        assertEquals(1, conversation(LOBBY).lines().size());
    }

    @Test
    void anAckAfterTheLiveCopyAddsNothing() {
        conversation(LOBBY).draftProperty().set("hello");
        vm.sendDraft();
        PendingMessage sent = service.sent.getFirst();
        vm.messages(LOBBY, List.of(new ChatMessage("lobby", null, 11, sent.id(), "alice", "hello", T0)));
        vm.acked(sent, 11, T0);
        assertEquals(List.of(ChatLine.Kind.MESSAGE), kinds(conversation(LOBBY)));
    }

    @Test
    void aMessageTheServerHadBeforeTheRestartAppearsOnceWhereTheHistoryPutsIt() {
        // Stored at seq 9 before the client closed; this session started at seq 10 and its first page is on its way.
        PendingMessage earlier = new PendingMessage("id-lobby9", LOBBY, "m9", T0);
        vm.outboxRestored(List.of(earlier));
        vm.acked(earlier, 9, T0.plusSeconds(9));
        assertEquals(List.of(), kinds(conversation(LOBBY)), "not guessed into place above a page that has not come yet");

        service.last("history").reply().complete(new HistoryPage("h", "lobby", null, LongStream.rangeClosed(1, 10)
                .mapToObj(s -> room("lobby", s, s == 9 ? "alice" : "bob", "m" + s, T0.plusSeconds(s))).toList()));
        assertEquals(LongStream.rangeClosed(1, 10).boxed().toList(), conversation(LOBBY).lines().stream().map(ChatLine::seq).toList());
        assertEquals(1, conversation(LOBBY).lines().stream().filter(l -> "id-lobby9".equals(l.id())).count());
    }

    @Test
    void anAckForAMessageTheShownHistoryAlreadyHasOnlyRemovesThePendingLine() {
        PendingMessage earlier = new PendingMessage("id-lobby9", LOBBY, "m9", T0);
        vm.outboxRestored(List.of(earlier));
        service.last("history").reply().complete(new HistoryPage("h", "lobby", null, LongStream.rangeClosed(1, 10)
                .mapToObj(s -> room("lobby", s, s == 9 ? "alice" : "bob", "m" + s, T0.plusSeconds(s))).toList()));
        vm.acked(earlier, 9, T0.plusSeconds(9));
        assertEquals(LongStream.rangeClosed(1, 10).boxed().toList(), conversation(LOBBY).lines().stream().map(ChatLine::seq).toList());
        assertTrue(kinds(conversation(LOBBY)).stream().allMatch(k -> k == ChatLine.Kind.MESSAGE));
    }

    @Test
    void aMessageTheServiceCannotQueueKeepsTheDraftAndSaysWhy() {
        service.refuseSends = RequestFailedException.local(
                "100 messages are already waiting to be sent; send this once they have gone.");
        conversation(LOBBY).draftProperty().set("one too many");
        vm.sendDraft();
        assertEquals("one too many", conversation(LOBBY).draftProperty().get());
        assertEquals("100 messages are already waiting to be sent; send this once they have gone.", vm.noticeProperty().get());
        assertTrue(conversation(LOBBY).lines().isEmpty());
    }

    // ---- transport -----------------------------------------------------------------------------

    @Test
    void aTlsSessionIsEncrypted() {
        assertTrue(service.address().tls());
        assertTrue(vm.encryptedProperty().get());
    }

    @Test
    void aPlainTcpSessionIsMarkedNotEncrypted() {
        ChatService plain = ServiceWith.override(service, "address", args -> new ServerAddress("lan-box", 7447, false));
        ChatViewModel overPlain = new ChatViewModel(plain, (title, body) -> {}, clock, Runnable::run, Runnable::run, signedOut::add);
        overPlain.start(new Welcome("r2", "alice", Role.USER, List.of(), List.of()));
        assertFalse(overPlain.encryptedProperty().get());
    }

    @Test
    void aSessionWithoutAKnownAddressIsNotClaimedToBeEncrypted() {
        ChatService unknown = ServiceWith.override(service, "address", args -> null);
        ChatViewModel vm2 = new ChatViewModel(unknown, (title, body) -> {}, clock, Runnable::run, Runnable::run, signedOut::add);
        vm2.start(new Welcome("r2", "alice", Role.USER, List.of(), List.of()));
        assertFalse(vm2.encryptedProperty().get());
    }
}
