package chatroom.server.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded SQLite database ({@code chat.db} in the data folder, WAL mode, {@code synchronous =
 * FULL}).
 *
 * <p>Threading: every write runs on one writer thread that owns the only write connection, so
 * writers never contend for SQLite's lock. The writer takes all queued jobs (up to
 * {@value #MAX_BATCH}), runs them in one transaction and commits once — a group commit: one fsync
 * serves many messages. When a job fails, the batch is rolled back and run again with a savepoint
 * per job, so the failure undoes that job alone. Only after the commit does it run each job's
 * after-commit action (in queue order) and complete the caller's future, so nothing is
 * acknowledged before it is durable. Reads use a small pool of separate connections, which WAL
 * lets run beside the writer.
 *
 * <p>Callers either wait for their write ({@link #write}) or queue it and go on ({@link #submit}):
 * a connection that pipelines messages keeps reading while earlier ones wait for their group
 * commit, which is what lets one fsync serve hundreds of messages. Statements the writer runs for
 * every message are prepared once and kept ({@link #prepared}), since compiling SQL cost more
 * than running it.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    private static final int MAX_BATCH = 512;
    private static final int READERS = 4;

    private final Path file;
    private final Connection writeConnection;
    private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
    private final List<Connection> allReaders = new ArrayList<>();
    private final BlockingQueue<Job<?>> jobs = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean closed;
    private volatile boolean writerDone;
    /** Runs each batch's after-commit actions; see {@link #runAfterCommitsWith}. */
    private volatile Consumer<Runnable> afterCommitScope = Runnable::run;
    /** Statements on the write connection, by SQL; touched only by the writer thread. */
    private final Map<String, PreparedStatement> writeStatements = new HashMap<>();

    private record Job<T>(SqlWork<T> work, Consumer<? super T> afterCommit, CompletableFuture<T> result) {
    }

    private static final Job<Void> STOP = new Job<>(c -> null, null, new CompletableFuture<>());

    /** Opens (creating if needed) {@code dataDir/chat.db} and brings its schema up to date. */
    public static Database open(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new StoreException("Cannot create the data folder " + dataDir + ": " + e.getMessage(), e);
        }
        return new Database(dataDir.resolve("chat.db"));
    }

    private Database(Path file) {
        this.file = file;
        try {
            writeConnection = connect(file);
            try (Statement s = writeConnection.createStatement()) {
                s.execute("PRAGMA journal_mode = WAL");
            }
            Migrations.migrate(writeConnection);
            for (int i = 0; i < READERS; i++) {
                Connection r = connect(file);
                allReaders.add(r);
                readers.add(r);
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot open the database " + file + ": " + e.getMessage(), e);
        }
        writer = Thread.ofPlatform().name("store-writer").daemon(false).start(this::writeLoop);
    }

    private static Connection connect(Path file) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA synchronous = FULL");
            s.execute("PRAGMA foreign_keys = ON");
            s.execute("PRAGMA busy_timeout = 10000");
        }
        return c;
    }

    /** The database file. */
    public Path file() {
        return file;
    }

    /**
     * Runs {@code work} in a write transaction on the writer thread and waits until it is
     * committed. {@code afterCommit} (may be null) runs on the writer thread right after the commit,
     * in commit order, before this method returns; it must not block.
     *
     * @throws StoreException if the work failed (its effects are rolled back) or the store is closed
     * @throws SQLException the work's own SQL failure, for callers that translate constraint errors
     */
    public <T> T write(SqlWork<T> work, Consumer<? super T> afterCommit) throws SQLException {
        CompletableFuture<T> result = submit(work, afterCommit);
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("Interrupted while waiting for the database", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException sql) throw sql;
            if (cause instanceof RuntimeException r) throw r;
            throw new StoreException("Database write failed", cause);
        }
    }

    /**
     * Queues {@code work} like {@link #write} but returns at once. The future completes on the
     * writer thread after the commit and after {@code afterCommit} has run, or exceptionally with
     * what {@link #write} would throw ({@link StoreClosedException} once the store is closing).
     * Writes run in the order they were submitted.
     */
    public <T> CompletableFuture<T> submit(SqlWork<T> work, Consumer<? super T> afterCommit) {
        if (closed) return CompletableFuture.failedFuture(new StoreClosedException());
        Job<T> job = new Job<>(work, afterCommit, new CompletableFuture<>());
        jobs.add(job);
        if (writerDone) failLeftovers(); // raced with close(): nobody else will complete it
        return job.result();
    }

    /**
     * Runs every batch's after-commit actions inside {@code scope}: the server passes
     * {@code Outbox::batch}, so the deliveries of one group commit wake each client's writer once.
     */
    public void runAfterCommitsWith(Consumer<Runnable> scope) {
        afterCommitScope = scope;
    }

    /**
     * A statement on the write connection, prepared on first use and kept until the store closes.
     * Only for work running on the writer; the caller must not close it, and must consume or close
     * any result set before the next use.
     */
    public PreparedStatement prepared(Connection c, String sql) throws SQLException {
        if (c != writeConnection || Thread.currentThread() != writer) {
            throw new IllegalStateException("Kept statements belong to the writer thread");
        }
        PreparedStatement ps = writeStatements.get(sql);
        if (ps == null) {
            ps = writeConnection.prepareStatement(sql);
            writeStatements.put(sql, ps);
        }
        return ps;
    }

    /** {@link #write(SqlWork, Consumer)} without an after-commit action. */
    public <T> T write(SqlWork<T> work) throws SQLException {
        return write(work, null);
    }

    /** Runs read-only {@code work} on a pooled read connection. */
    public <T> T read(SqlWork<T> work) throws SQLException {
        if (closed) throw new StoreClosedException();
        Connection c;
        try {
            c = readers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("Interrupted while waiting for the database", e);
        }
        try {
            return work.run(c);
        } finally {
            readers.add(c);
        }
    }

    private void writeLoop() {
        List<Job<?>> batch = new ArrayList<>();
        try {
            while (true) {
                batch.clear();
                Job<?> first = jobs.take();
                batch.add(first);
                jobs.drainTo(batch, MAX_BATCH - 1);
                boolean stop = batch.remove(STOP);
                if (!batch.isEmpty()) runBatch(batch);
                if (stop) break;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writerDone = true;
        failLeftovers();
    }

    private void failLeftovers() {
        List<Job<?>> left = new ArrayList<>();
        jobs.drainTo(left);
        for (Job<?> job : left) job.result().completeExceptionally(new StoreClosedException());
    }

    private void runBatch(List<Job<?>> batch) {
        List<Object> results = new ArrayList<>(batch.size());
        List<Throwable> failures = new ArrayList<>(batch.size());
        try {
            if (!runOptimistically(batch, results, failures)) runJobByJob(batch, results, failures);
            prepared(writeConnection, "COMMIT").execute();
        } catch (SQLException e) {
            log.error("Database commit failed; {} writes are reported as failed", batch.size(), e);
            rollbackQuietly();
            for (Job<?> job : batch) job.result().completeExceptionally(new StoreException("Database commit failed", e));
            return;
        }
        afterCommitScope.accept(() -> {
            for (int i = 0; i < batch.size(); i++) complete(batch.get(i), results.get(i), failures.get(i));
        });
    }

    /**
     * Runs the whole batch in one transaction without savepoints: jobs almost never fail, and a
     * savepoint and its release per job were two of the five statements of every message. Returns
     * false, with the transaction rolled back, when a job failed; the caller then runs the batch
     * again job by job. Jobs only touch the database, so running one twice is safe.
     */
    private boolean runOptimistically(List<Job<?>> batch, List<Object> results, List<Throwable> failures)
            throws SQLException {
        prepared(writeConnection, "BEGIN IMMEDIATE").execute();
        try {
            for (Job<?> job : batch) {
                results.add(job.work().run(writeConnection));
                failures.add(null);
            }
            return true;
        } catch (SQLException | RuntimeException e) {
            log.debug("A write in a batch of {} failed ({}); running them one by one", batch.size(), e.toString());
            results.clear();
            failures.clear();
            rollbackQuietly();
            return false;
        }
    }

    /** Runs each job inside its own savepoint, so a failing one is undone alone. */
    private void runJobByJob(List<Job<?>> batch, List<Object> results, List<Throwable> failures) throws SQLException {
        prepared(writeConnection, "BEGIN IMMEDIATE").execute();
        for (Job<?> job : batch) {
            prepared(writeConnection, "SAVEPOINT job").execute();
            try {
                results.add(job.work().run(writeConnection));
                failures.add(null);
                prepared(writeConnection, "RELEASE job").execute();
            } catch (SQLException | RuntimeException e) {
                prepared(writeConnection, "ROLLBACK TO job").execute();
                prepared(writeConnection, "RELEASE job").execute();
                results.add(null);
                failures.add(e);
            }
        }
    }

    private void rollbackQuietly() {
        try (Statement s = writeConnection.createStatement()) {
            s.execute("ROLLBACK");
        } catch (SQLException ignored) {
            // The error that led here is the one worth reporting; the transaction is gone either way.
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void complete(Job<T> job, Object result, Throwable failure) {
        if (failure != null) {
            job.result().completeExceptionally(failure);
            return;
        }
        T value = (T) result;
        if (job.afterCommit() != null) {
            try {
                job.afterCommit().accept(value);
            } catch (RuntimeException e) {
                log.error("After-commit action failed", e);
            }
        }
        job.result().complete(value);
    }

    /** Finishes queued writes, checkpoints the WAL and closes every connection. Idempotent. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        jobs.add(STOP);
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (PreparedStatement ps : writeStatements.values()) closeQuietly(ps);
        try (Statement s = writeConnection.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        } catch (SQLException e) {
            log.warn("WAL checkpoint at close failed: {}", e.getMessage());
        }
        for (Connection c : allReaders) closeQuietly(c);
        closeQuietly(writeConnection);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            log.warn("Closing a database connection or statement failed: {}", e.getMessage());
        }
    }
}
