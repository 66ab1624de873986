package chatroom.client.ui.chat;

import chatroom.client.model.ChatLine;
import chatroom.common.model.Names;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * One line of the message list. The first message of a group shows avatar, sender and time; the
 * messages that follow it show only their text, aligned under the first. Notices are quiet,
 * italic, one line. Cells are reused by the virtual flow, so the nodes are built once per cell.
 */
final class MessageCell extends ListCell<ChatLine> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter FULL = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM);
    private static final String[] AVATAR_COLOURS = {
        "#2f81f7", "#8957e5", "#bf3989", "#d1242f", "#bc4c00", "#1a7f37", "#0969da", "#6e40c9", "#9a6700", "#1b7c83"
    };

    private final ZoneId zone;
    private final Label avatar = new Label();
    private final Label sender = new Label();
    private final Label time = new Label();
    private final Label text = new Label();
    private final Label state = new Label();
    private final HBox heading = new HBox(8, sender, time, state);
    private final VBox body = new VBox(1, heading, text);
    private final Region gutter = new Region();
    private final HBox row = new HBox();
    private final Label notice = new Label();
    private final Tooltip when = new Tooltip();

    MessageCell(ListView<ChatLine> list, ZoneId zone) {
        this.zone = zone;
        avatar.getStyleClass().add("avatar");
        sender.getStyleClass().add("sender");
        time.getStyleClass().add("timestamp");
        state.getStyleClass().add("timestamp");
        text.getStyleClass().add("message-text");
        text.setWrapText(true);
        text.setMinHeight(Region.USE_PREF_SIZE);
        heading.setAlignment(Pos.BASELINE_LEFT);
        gutter.setMinWidth(34);
        gutter.setMaxWidth(34);
        HBox.setHgrow(body, Priority.ALWAYS);
        row.getStyleClass().add("message-row");
        notice.getStyleClass().add("notice");
        notice.setWrapText(true);
        // Wrapping needs a width to wrap at: the list's, less its scroll bar and padding.
        prefWidthProperty().bind(list.widthProperty().subtract(24));
        setMaxWidth(Region.USE_PREF_SIZE);
        MenuItem copy = new MenuItem("Copy text");
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(getItem() == null ? "" : getItem().text());
            Clipboard.getSystemClipboard().setContent(content);
        });
        setContextMenu(new ContextMenu(copy));
        setText(null);
    }

    @Override
    protected void updateItem(ChatLine line, boolean empty) {
        super.updateItem(line, empty);
        if (empty || line == null) {
            setGraphic(null);
            setTooltip(null);
            return;
        }
        if (line.kind() == ChatLine.Kind.NOTICE) {
            notice.setText(TIME.format(line.ts().atZone(zone)) + "  " + line.text());
            setGraphic(notice);
            setTooltip(null);
            return;
        }
        row.getStyleClass().setAll("message-row");
        if (line.continued()) row.getStyleClass().add("continued");
        if (line.kind() == ChatLine.Kind.PENDING) row.getStyleClass().add("pending");
        if (line.kind() == ChatLine.Kind.FAILED) row.getStyleClass().add("failed");
        text.setText(line.text());
        if (line.continued()) {
            body.getChildren().setAll(text);
            row.getChildren().setAll(gutter, body);
        } else {
            sender.setText(line.from());
            sender.getStyleClass().setAll("sender");
            if (line.own()) sender.getStyleClass().add("own");
            time.setText(TIME.format(line.ts().atZone(zone)));
            avatar.setText(initial(line.from()));
            avatar.setStyle("-fx-background-color: " + colourOf(line.from()) + ";");
            body.getChildren().setAll(heading, text);
            row.getChildren().setAll(avatar, body);
        }
        state.setText(switch (line.kind()) {
            case PENDING -> "sending…";
            case FAILED -> "not sent";
            default -> "";
        });
        if (line.continued() && line.kind() != ChatLine.Kind.MESSAGE) {
            body.getChildren().setAll(text, state);
        }
        when.setText(line.from() + ", " + FULL.format(line.ts().atZone(zone)));
        setTooltip(when);
        setGraphic(row);
    }

    private static String initial(String name) {
        return name.isEmpty() ? "?" : name.substring(0, name.offsetByCodePoints(0, 1)).toUpperCase(Locale.ROOT);
    }

    /** The same person always gets the same colour, whatever the case of their name. */
    static String colourOf(String name) {
        return AVATAR_COLOURS[Math.floorMod(Names.key(name).hashCode(), AVATAR_COLOURS.length)];
    }
}
