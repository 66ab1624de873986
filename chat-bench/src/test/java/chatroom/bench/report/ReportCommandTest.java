package chatroom.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportCommandTest {
    private static JsonObject step(String run, double rate) {
        return JsonParser.parseString("{\"run\":\"" + run + "\",\"rate\":" + rate + "}").getAsJsonObject();
    }

    @Test
    void aRunWhereNoRatePassedCountsAsNoneInTheMedian() {
        List<JsonObject> steps = List.of(step("1", 5000), step("1", 10000), step("2", 5000), step("3", 5000));
        List<JsonObject> best = List.of(step("1", 10000), step("2", 5000)); // run 3 passed nothing
        assertEquals("best rate 5,000 msg/s (runs: 10,000, 5,000, none)", ReportCommand.bestRates(steps, best));
    }

    @Test
    void theMedianOfThreePassingRunsIsTheMiddleOne() {
        List<JsonObject> steps = List.of(step("1", 15000), step("2", 10000), step("3", 15000));
        assertEquals("best rate 15,000 msg/s (runs: 15,000, 10,000, 15,000)", ReportCommand.bestRates(steps, steps));
    }
}
