package chatroom.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class IdleRunTest {
    @Test
    void g1ReportsTheWholeHeapOnOneLine() {
        String info = """
                3612:
                garbage-first heap   total reserved 6172672K, committed 393216K, used 21117K [0x0000000687400000, 0x0000000800000000)
                 region size 4096K, 5 young (20480K), 1 survivors (4096K)
                 Metaspace       used 1234K, committed 1300K, reserved 1114112K
                """;
        assertEquals(21117, IdleRun.heapUsedKib(info));
    }

    @Test
    void serialGcOnOneCpuReportsEachGenerationAndTheyAreAdded() {
        // A JVM pinned to one CPU picks the Serial collector: young and old are separate lines.
        String info = """
                3833:
                DefNew     total 116224K, used 512K [0x0000000687400000, 0x000000068f210000, 0x0000000704d50000)
                 eden space 103360K,   0% used [0x0000000687400000, 0x0000000687400000, 0x000000068d8f0000)
                 from space 12864K,   0% used [0x000000068d8f0000, 0x000000068d8f0000, 0x000000068e580000)
                Tenured    total 258048K, used 6040K [0x0000000704d50000, 0x0000000714950000, 0x0000000800000000)
                 the  space 258048K,   2% used [0x0000000704d50000, 0x00000007053362d8, 0x0000000714950000)
                """;
        assertEquals(6552, IdleRun.heapUsedKib(info));
    }

    @Test
    void outputWithoutAHeapLineIsUnknown() {
        assertEquals(-1, IdleRun.heapUsedKib("3833:\nCould not attach\n"));
    }
}
