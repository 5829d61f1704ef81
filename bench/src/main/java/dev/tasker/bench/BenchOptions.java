package dev.tasker.bench;

import dev.tasker.bench.e2e.Language;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** {@code ./tasker bench}'s arguments; anything else is refused by name. */
record BenchOptions(boolean help, boolean quick, Set<String> parts, Set<Language> languages) {

    static final List<String> PARTS = List.of("latency", "throughput", "commits", "floor", "creation", "soak", "cold", "jmh");

    static BenchOptions parse(List<String> args) {
        boolean help = false;
        boolean quick = false;
        Set<String> parts = new LinkedHashSet<>(PARTS);
        Set<Language> languages = EnumSet.allOf(Language.class);
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--help", "-h" -> help = true;
                case "--quick" -> quick = true;
                case "--only" -> parts = parts(value(args, i++, "--only"));
                case "--languages" -> languages = languages(value(args, i++, "--languages"));
                default -> throw new IllegalArgumentException("tasker bench: unknown argument '" + args.get(i) + "' (see --help)");
            }
        }
        return new BenchOptions(help, quick, parts, languages);
    }

    private static String value(List<String> args, int at, String option) {
        if (at + 1 >= args.size()) {
            throw new IllegalArgumentException("tasker bench: " + option + " needs a value");
        }
        return args.get(at + 1);
    }

    private static Set<String> parts(String list) {
        Set<String> parts = new LinkedHashSet<>();
        for (String word : list.split(",")) {
            if (!PARTS.contains(word.trim())) {
                throw new IllegalArgumentException("tasker bench: --only takes some of " + String.join(",", PARTS)
                        + ", not '" + word + "'");
            }
            parts.add(word.trim());
        }
        return parts;
    }

    private static Set<Language> languages(String list) {
        Set<Language> languages = EnumSet.noneOf(Language.class);
        for (String word : list.split(",")) {
            Language language = Language.named(word.trim());
            if (language == null) {
                throw new IllegalArgumentException("tasker bench: --languages takes some of java,js,ts,py,rb, not '" + word + "'");
            }
            languages.add(language);
        }
        return languages;
    }
}
