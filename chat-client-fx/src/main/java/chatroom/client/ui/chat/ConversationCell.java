package chatroom.client.ui.chat;

import javafx.beans.value.ChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** A room or DM in the sidebar: its name, bold with a badge while it has unread messages. */
final class ConversationCell extends ListCell<ConversationViewModel> {
    private final Label name = new Label();
    private final Label badge = new Label();
    private final HBox box;
    private final ChangeListener<Number> unreadListener = (o, a, b) -> showUnread(b.intValue());
    private ConversationViewModel shown;

    ConversationCell() {
        name.getStyleClass().add("conversation-name");
        badge.getStyleClass().add("unread-badge");
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        box = new HBox(6, name, spring, badge);
        box.setAlignment(Pos.CENTER_LEFT);
        setText(null);
    }

    @Override
    protected void updateItem(ConversationViewModel item, boolean empty) {
        super.updateItem(item, empty);
        if (shown != null) shown.unreadProperty().removeListener(unreadListener);
        shown = empty ? null : item;
        if (shown == null) {
            setGraphic(null);
            return;
        }
        name.setText(item.title());
        shown.unreadProperty().addListener(unreadListener);
        showUnread(item.unreadProperty().get());
        setGraphic(box);
    }

    private void showUnread(int count) {
        badge.setText(count > 99 ? "99+" : String.valueOf(count));
        badge.setVisible(count > 0);
        if (count > 0) {
            if (!name.getStyleClass().contains("has-unread")) name.getStyleClass().add("has-unread");
        } else {
            name.getStyleClass().remove("has-unread");
        }
    }
}
