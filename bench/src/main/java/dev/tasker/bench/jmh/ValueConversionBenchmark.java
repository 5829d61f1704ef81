package dev.tasker.bench.jmh;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tasker.core.api.StepHandler;
import dev.tasker.core.api.StepResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** A handler that returns its input: the payload crosses into the language and back. */
@State(Scope.Benchmark)
public class ValueConversionBenchmark {

    @Param({"ruby", "python", "javascript", "typescript"})
    public String language;

    @Param({"1", "100"})
    public int kilobytes;

    private GuestHandlerFiles files;
    private StepHandler echo;
    private BenchContext context;

    @Setup(Level.Trial)
    public void load() {
        files = GuestHandlerFiles.load(language);
        echo = files.handler("Echo");
        context = new BenchContext(payload(kilobytes * 1024));
    }

    /** An order-like object of about {@code bytes} bytes of JSON: items with numbers, strings, a nested list. */
    static ObjectNode payload(int bytes) {
        ObjectNode root = JsonNodeFactory.instance.objectNode().put("order_id", "ORD-1001").put("customer", "ada@example.com");
        ArrayNode items = root.putArray("items");
        for (int i = 0; root.toString().length() < bytes; i++) {
            ObjectNode item = items.addObject().put("sku", "SKU-%05d".formatted(i)).put("quantity", i % 7 + 1)
                    .put("unit_price_cents", 1999 + i).put("in_stock", i % 3 != 0);
            item.putArray("tags").add("blue").add("large");
        }
        return root;
    }

    @Benchmark
    public StepResult echo() throws Exception {
        return echo.call(context);
    }

    @TearDown(Level.Trial)
    public void close() {
        files.close();
    }
}
