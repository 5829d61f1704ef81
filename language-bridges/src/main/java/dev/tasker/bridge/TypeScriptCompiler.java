package dev.tasker.bridge;

import dev.tasker.core.json.Hashing;
import dev.tasker.core.json.Json;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.logging.Logger;

/**
 * TypeScript to JavaScript with the compiler's own {@code transpileModule} (TypeScript 6.0.3 from the
 * webjar, run in GraalJS). Types are erased, nothing is type-checked. Output is cached on disk by content
 * hash, so a start with unchanged files never loads the compiler (2–3 s).
 */
public final class TypeScriptCompiler implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TypeScriptCompiler.class.getName());
    private static final String VERSION = "6.0.3";
    private static final String CACHE_FORMAT = "lines-v1:";
    private static final String COMPILER = "/META-INF/resources/webjars/typescript/" + VERSION + "/lib/typescript.js";

    private final Engine engine;
    private final Path cacheDir;
    private Context context;
    private Value transpile;
    private int compilerLoads;

    public TypeScriptCompiler(Engine engine, Path cacheDir) {
        this.engine = engine;
        this.cacheDir = cacheDir;
    }

    /** The JavaScript of a TypeScript module; throws {@link TypeScriptSyntaxError} naming file and line. */
    public synchronized Transpiled transpile(Path file, String source) {
        Path cached = cacheDir.resolve(Hashing.sha256(CACHE_FORMAT + VERSION + "\n" + source) + ".json");
        try {
            if (Files.exists(cached)) {
                return Transpiled.of(Json.read(Files.readString(cached)));
            }
            String output = compile(file, source);
            Files.createDirectories(cacheDir);
            Path tmp = Files.createTempFile(cacheDir, "ts", ".tmp");
            Files.writeString(tmp, output);
            Files.move(tmp, cached, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return Transpiled.of(Json.read(output));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the TypeScript cache " + cacheDir + ": " + e.getMessage(), e);
        }
    }

    /** Loads the compiler now, so that the first edit of a watched file does not wait for it. */
    public synchronized void warmUp() {
        if (transpile == null) {
            try {
                compile(Path.of("warm-up.ts"), "export const warm: number = 1;\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** How often this compiler loaded typescript.js (0 when every file came from the cache). */
    public synchronized int compilerLoads() {
        return compilerLoads;
    }

    private String compile(Path file, String source) throws IOException {
        if (transpile == null) {
            long started = System.nanoTime();
            context = Context.newBuilder("js").engine(engine).allowHostAccess(HostAccess.NONE).build();
            try (InputStream in = TypeScriptCompiler.class.getResourceAsStream(COMPILER)) {
                if (in == null) {
                    throw new IllegalStateException("the TypeScript compiler is missing from the class path (" + COMPILER + ")");
                }
                context.eval(Source.newBuilder("js", new InputStreamReader(in, StandardCharsets.UTF_8), "typescript.js").build());
            }
            transpile = context.eval("js", """
                    (source, fileName) => {
                      const out = ts.transpileModule(source, { fileName, reportDiagnostics: true, compilerOptions: {
                        target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, sourceMap: true } });
                      const lines = [];
                      const mappings = ts.decodeMappings(JSON.parse(out.sourceMapText).mappings);
                      for (let m = mappings.next(); !m.done; m = mappings.next()) {
                        if (lines[m.value.generatedLine] === undefined) lines[m.value.generatedLine] = m.value.sourceLine + 1;
                      }
                      const js = out.outputText.replace(/\\n\\/\\/# sourceMappingURL=.*\\s*$/, '\\n');
                      const errors = (out.diagnostics || []).filter(d => d.category === ts.DiagnosticCategory.Error).map(d => {
                        const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
                        return { line, message: ts.flattenDiagnosticMessageText(d.messageText, ' ') };
                      });
                      return JSON.stringify({ output: js, lines: Array.from(lines, (l) => l ?? 0), errors });
                    }""");
            compilerLoads++;
            LOG.info(() -> "TypeScript compiler loaded in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        }
        var answer = Json.read(transpile.execute(source, file.getFileName().toString()).asString());
        if (!answer.get("errors").isEmpty()) {
            var first = answer.get("errors").get(0);
            throw new TypeScriptSyntaxError(file + ":" + first.get("line").asInt() + ": SyntaxError: " + first.get("message").asText());
        }
        ((com.fasterxml.jackson.databind.node.ObjectNode) answer).remove("errors");
        return Json.write(answer);
    }

    @Override
    public synchronized void close() {
        if (context != null) {
            context.close();
        }
    }

    /**
     * A transpiled module and, for each line of its JavaScript, the TypeScript line it came from.
     *
     * @param sourceLines index: JavaScript line - 1; value: TypeScript line, 0 where unknown
     */
    public record Transpiled(String javascript, int[] sourceLines) {

        static Transpiled of(com.fasterxml.jackson.databind.JsonNode node) {
            int[] lines = new int[node.get("lines").size()];
            for (int i = 0; i < lines.length; i++) {
                lines[i] = node.get("lines").get(i).asInt();
            }
            return new Transpiled(node.get("output").asText(), lines);
        }

        /** The TypeScript line of a (1-based) JavaScript line, or the nearest mapped line above it. */
        public int sourceLine(int javascriptLine) {
            for (int i = Math.min(javascriptLine, sourceLines.length) - 1; i >= 0; i--) {
                if (sourceLines[i] > 0) {
                    return sourceLines[i];
                }
            }
            return javascriptLine;
        }
    }

    /** A TypeScript file the compiler cannot parse. */
    public static final class TypeScriptSyntaxError extends RuntimeException {
        public TypeScriptSyntaxError(String message) {
            super(message);
        }
    }
}
