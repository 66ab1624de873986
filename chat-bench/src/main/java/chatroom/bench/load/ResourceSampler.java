package chatroom.bench.load;

/**
 * Samples a process's resident memory every 250 ms on a virtual thread, for the start, the peak
 * and the end of a step: a server that leaks or buffers without bound shows a rising line.
 */
final class ResourceSampler {
    private static final long PERIOD_MS = 250;
    private final long pid;
    private volatile boolean running;
    private Thread thread;
    private volatile long startKib = -1;
    private volatile long maxKib = -1;
    private volatile long endKib = -1;

    ResourceSampler(long pid) {
        this.pid = pid;
    }

    void start() {
        if (pid < 0) return;
        running = true;
        startKib = ProcStats.rssKib(pid);
        thread = Thread.ofVirtual().name("rss-sampler").start(() -> {
            while (running) {
                long kib = ProcStats.rssKib(pid);
                if (kib > maxKib) maxKib = kib;
                try {
                    Thread.sleep(PERIOD_MS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    void stop() throws InterruptedException {
        if (thread == null) return;
        running = false;
        thread.interrupt();
        thread.join();
        endKib = ProcStats.rssKib(pid);
        if (endKib > maxKib) maxKib = endKib;
    }

    double startMib() {
        return startKib < 0 ? -1 : startKib / 1024.0;
    }

    double maxMib() {
        return maxKib < 0 ? -1 : maxKib / 1024.0;
    }

    double endMib() {
        return endKib < 0 ? -1 : endKib / 1024.0;
    }
}
