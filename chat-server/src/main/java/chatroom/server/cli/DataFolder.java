package chatroom.server.cli;

import chatroom.server.config.ConfigLoader;
import chatroom.server.config.ServerConfig;
import chatroom.server.store.Account;
import chatroom.server.store.AccountStore;
import chatroom.server.store.BanStore;
import chatroom.server.store.Database;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The data folder opened by an offline command. SQLite's WAL lets these commands run while the
 * server is up; changes to bans and roles apply to the running server from the next request
 * that reads them (a ban made here does not disconnect someone already online: kick them too).
 */
final class DataFolder implements AutoCloseable {
    final ServerConfig config;
    final Database database;
    final AccountStore accounts;
    final BanStore bans;

    private DataFolder(Path dataDir, Path configFile) {
        Logging.configure(dataDir, true);
        // The same config file as the server's, so a password set here uses its password_iterations.
        this.config = ConfigLoader.load(dataDir, configFile, System.getenv(), Map.of());
        this.database = Database.open(dataDir);
        this.accounts = new AccountStore(database);
        this.bans = new BanStore(database);
    }

    /** Opens the data folder named by the root command's (inherited) {@code --data}, with its {@code --config}. */
    static DataFolder open(CommandSpec spec) {
        ServerCommand root = (ServerCommand) spec.root().userObject();
        return new DataFolder(root.dataDir(), root.config);
    }

    Account existing(String name) throws SQLException {
        return accounts.findByName(name).orElseThrow(() -> new IllegalArgumentException(
                "There is no user called " + name + " in " + database.file().getParent() + "."));
    }

    @Override
    public void close() {
        database.close();
    }
}
