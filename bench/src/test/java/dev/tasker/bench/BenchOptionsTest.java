package dev.tasker.bench;

import dev.tasker.bench.e2e.Language;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bench's arguments, as docs/performance.md writes them (the docs check leaves those lines to this test). */
class BenchOptionsTest {

    private static final Pattern DOCUMENTED = Pattern.compile("(?m)^(?:\\w+=\\S+ )?\\./tasker bench(.*?)(?:\\s+#.*)?$");

    @Test
    void everyDocumentedFormParses() throws IOException {
        String page = Files.readString(Path.of("..", "docs", "performance.md"));
        Matcher line = DOCUMENTED.matcher(page);
        int forms = 0;
        while (line.find()) {
            String args = line.group(1).strip();
            BenchOptions.parse(args.isEmpty() ? List.of() : Arrays.asList(args.split("\\s+")));
            forms++;
        }
        assertThat(forms).isGreaterThanOrEqualTo(5);
    }

    @Test
    void theDocumentedFormsMeanWhatThePageSays() {
        BenchOptions all = BenchOptions.parse(List.of());
        assertThat(all.quick()).isFalse();
        assertThat(all.parts()).containsExactlyElementsOf(BenchOptions.PARTS);
        assertThat(all.languages()).isEqualTo(EnumSet.allOf(Language.class));

        BenchOptions some = BenchOptions.parse(List.of("--only", "throughput", "--languages", "js,py"));
        assertThat(some.parts()).isEqualTo(Set.of("throughput"));
        assertThat(some.languages()).containsExactlyInAnyOrder(Language.JAVASCRIPT, Language.PYTHON);
        assertThat(BenchOptions.parse(List.of("--quick")).quick()).isTrue();
        assertThat(BenchOptions.parse(List.of("--help")).help()).isTrue();
    }

    @Test
    void aMisspelledArgumentIsRefusedByName() {
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--quik"))).hasMessage("tasker bench: unknown argument '--quik' (see --help)");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--only", "latency,speed")))
                .hasMessage("tasker bench: --only takes some of latency,throughput,commits,floor,creation,soak,cold,jmh, not 'speed'");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--languages"))).hasMessage("tasker bench: --languages needs a value");
    }
}
