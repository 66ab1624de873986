package chatroom.client.ui.chat;

import chatroom.client.model.ChatLine;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.skin.VirtualFlow;

/**
 * Keeps the message list where a reader expects it: following new messages while at the bottom,
 * holding still while reading older ones, not jumping when an older page is added above, and asking
 * for that page when the top comes into view.
 */
final class MessageListScroller {
    private final ListView<ChatLine> list;
    private final Runnable onTopReached;
    private final ListChangeListener<ChatLine> onChange = this::changed;
    private ObservableList<ChatLine> watched;

    MessageListScroller(ListView<ChatLine> list, Runnable onTopReached) {
        this.list = list;
        this.onTopReached = onTopReached;
        list.skinProperty().addListener((o, was, skin) -> {
            for (Node n : list.lookupAll(".scroll-bar")) {
                if (n instanceof ScrollBar bar && bar.getOrientation() == Orientation.VERTICAL) {
                    bar.valueProperty().addListener((v, a, b) -> {
                        if (b.doubleValue() <= bar.getMin()) onTopReached.run();
                    });
                }
            }
        });
    }

    /** Shows another conversation's lines, scrolled to the newest. */
    void show(ObservableList<ChatLine> lines) {
        if (watched != null) watched.removeListener(onChange);
        watched = lines;
        list.setItems(lines);
        if (lines != null) {
            lines.addListener(onChange);
            scrollToEnd();
        }
    }

    void scrollToEnd() {
        if (list.getItems() != null && !list.getItems().isEmpty()) list.scrollTo(list.getItems().size() - 1);
    }

    private void changed(ListChangeListener.Change<? extends ChatLine> change) {
        int added = 0;
        boolean prepended = false;
        boolean appended = false;
        int size = change.getList().size();
        while (change.next()) {
            if (change.wasAdded() && !change.wasReplaced()) {
                added += change.getAddedSize();
                if (change.getFrom() == 0 && size > change.getAddedSize()) prepended = true;
                else appended = true;
            }
        }
        int oldSize = size - added;
        if (prepended && !appended) {
            // Keep the line that was at the top where it was, instead of jumping to the new page's start.
            list.scrollTo(added);
        } else if (appended && wasAtBottom(oldSize)) {
            scrollToEnd();
        }
    }

    private boolean wasAtBottom(int oldSize) {
        IndexedCell<?> last = flow() == null ? null : flow().getLastVisibleCell();
        return last == null || last.getIndex() >= oldSize - 2;
    }

    private VirtualFlow<?> flow() {
        return list.lookup(".virtual-flow") instanceof VirtualFlow<?> f ? f : null;
    }
}
