package chatroom.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    @TempDir
    Path dir;
    private Database db;

    @BeforeEach
    void open() throws SQLException {
        db = Database.open(dir);
        db.write(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE notes (text TEXT NOT NULL)");
            }
            return null;
        });
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static SqlWork<Integer> insert(String text) {
        return c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO notes (text) VALUES (?)")) {
                ps.setString(1, text);
                ps.executeUpdate();
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM notes")) {
                rs.next();
                return rs.getInt(1);
            }
        };
    }

    /** A job that keeps the writer busy until released, so the jobs queued meanwhile form one batch. */
    private static SqlWork<Void> holdWriter(CountDownLatch busy, CountDownLatch release) {
        return c -> {
            busy.countDown();
            try {
                if (!release.await(10, TimeUnit.SECONDS)) throw new SQLException("never released");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException(e);
            }
            return null;
        };
    }

    private List<String> notes() throws SQLException {
        return db.read(c -> {
            List<String> out = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT text FROM notes ORDER BY rowid")) {
                while (rs.next()) out.add(rs.getString(1));
            }
            return out;
        });
    }

    @Test
    void aFailingWriteIsUndoneAloneAndTheRestOfItsBatchCommits() throws Exception {
        // Hold the writer in a job so the next three are queued and taken as one batch.
        CountDownLatch writerBusy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> blocker = db.submit(holdWriter(writerBusy, release), null);
        assertTrue(writerBusy.await(10, TimeUnit.SECONDS));
        AtomicInteger firstAfterCommits = new AtomicInteger();
        CompletableFuture<Integer> first = db.submit(insert("first"), n -> firstAfterCommits.incrementAndGet());
        CompletableFuture<Integer> failing = db.submit(c -> {
            insert("half-done").run(c);
            throw new SQLException("refused on purpose");
        }, n -> { throw new AssertionError("no after-commit action for a failed write"); });
        CompletableFuture<Integer> third = db.submit(insert("third"), null);
        release.countDown();
        blocker.get(10, TimeUnit.SECONDS);

        assertEquals(1, first.get(10, TimeUnit.SECONDS), "the first write saw only itself");
        ExecutionException e = assertThrows(ExecutionException.class, () -> failing.get(10, TimeUnit.SECONDS));
        assertInstanceOf(SQLException.class, e.getCause());
        assertEquals("refused on purpose", e.getCause().getMessage());
        assertEquals(2, third.get(10, TimeUnit.SECONDS), "the failed write's row was undone before the third ran");
        assertEquals(List.of("first", "third"), notes());
        assertEquals(1, firstAfterCommits.get(), "a batch run twice still runs each after-commit action once");
    }

    @Test
    void aBatchWithoutFailuresCommitsEveryWriteInOrder() throws Exception {
        CountDownLatch writerBusy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        db.submit(holdWriter(writerBusy, release), null);
        assertTrue(writerBusy.await(10, TimeUnit.SECONDS));
        List<CompletableFuture<Integer>> writes = new ArrayList<>();
        for (int i = 0; i < 50; i++) writes.add(db.submit(insert("n" + i), null));
        release.countDown();
        for (int i = 0; i < 50; i++) assertEquals(i + 1, writes.get(i).get(10, TimeUnit.SECONDS));
        assertEquals(50, notes().size());
    }
}
