package chatroom.client.ui.chat;

import chatroom.client.model.Member;
import chatroom.common.model.Role;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;

/** A person in the people panel: presence dot, name and role; double-click opens a DM. */
final class PersonCell extends ListCell<Member> {
    private final Consumer<String> openDirect;

    PersonCell(Consumer<String> openDirect) {
        this.openDirect = openDirect;
        setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && getItem() != null) openDirect.accept(getItem().user());
        });
    }

    @Override
    protected void updateItem(Member item, boolean empty) {
        super.updateItem(item, empty);
        setText(null);
        if (empty || item == null) {
            setGraphic(null);
            setContextMenu(null);
            setTooltip(null);
            return;
        }
        Label name = new Label(item.user());
        if (!item.isOnline()) name.getStyleClass().add("muted");
        HBox box = new HBox(8, PresenceDot.of(item.status()), name);
        if (item.role() != Role.USER) {
            Label role = new Label(item.role().wireName());
            role.getStyleClass().add("role-tag");
            box.getChildren().add(role);
        }
        box.setAlignment(Pos.CENTER_LEFT);
        setGraphic(box);
        setTooltip(new Tooltip(item.user() + ": " + PresenceDot.describe(item.status()) + ". Double-click to message."));
        MenuItem message = new MenuItem("Send a direct message");
        message.setOnAction(e -> openDirect.accept(item.user()));
        setContextMenu(new ContextMenu(message));
    }
}
