package dev.tasker.bridge;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns {@code file.ts:LINE} in guest backtraces and load errors from the line of the transpiled JavaScript
 * into the line of the TypeScript the user wrote (the JavaScript column, meaningless there, is dropped).
 */
final class TypeScriptLines {

    private static final Pattern TS_LOCATION = Pattern.compile("([^\\s\"'()]+\\.ts):(\\d+)(?::\\d+)?");

    private final Map<String, TypeScriptCompiler.Transpiled> byFile = new ConcurrentHashMap<>();

    TypeScriptCompiler.Transpiled remember(Path file, TypeScriptCompiler.Transpiled transpiled) {
        byFile.put(file.toAbsolutePath().normalize().toString(), transpiled);
        return transpiled;
    }

    String remap(String text) {
        if (text == null || byFile.isEmpty() || !text.contains(".ts:")) {
            return text;
        }
        Matcher m = TS_LOCATION.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            var transpiled = byFile.get(Path.of(m.group(1)).toAbsolutePath().normalize().toString());
            String line = transpiled == null ? m.group(2) : String.valueOf(transpiled.sourceLine(Integer.parseInt(m.group(2))));
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + ":" + line));
        }
        m.appendTail(out);
        return out.toString();
    }
}
