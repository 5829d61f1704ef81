package dev.tasker.host.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The shell commands and the named files of README.md and docs/*.md, read from their fenced code blocks. */
final class DocPages {

    /** A command as a user would type it: continued lines joined, at the line of the page where it starts. */
    /** @param comment what the page says after the command's {@code #} (empty: nothing) */
    record Command(String page, int line, String text, String comment) {
        String where() {
            return page + ":" + line;
        }
    }

    /** A code block whose first line names the file it is ({@code # my-handlers/shout.rb}). */
    record NamedFile(String path, String content) {
    }

    record Page(String name, List<Command> commands, List<NamedFile> files) {
    }

    private static final Pattern FENCE = Pattern.compile("(?m)^```(\\w*)\\n(.*?)^```", Pattern.DOTALL);
    private static final Pattern FILE_NAME = Pattern.compile("^(?:#|//)\\s*([\\w./-]+\\.(?:ya?ml|rb|py|ts|js|mjs))\\s*$");

    private DocPages() {
    }

    static List<Page> read(Path root) throws IOException {
        List<Path> files = new ArrayList<>(List.of(root.resolve("README.md")));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        List<Page> pages = new ArrayList<>();
        for (Path file : files) {
            pages.add(page(root.relativize(file).toString(), Files.readString(file)));
        }
        return pages;
    }

    static Page page(String name, String markdown) {
        List<Command> commands = new ArrayList<>();
        List<NamedFile> named = new ArrayList<>();
        Matcher block = FENCE.matcher(markdown);
        while (block.find()) {
            String language = block.group(1);
            String body = block.group(2);
            int firstLine = lineOf(markdown, block.start(2));
            if (language.equals("bash")) {
                commands.addAll(commands(name, firstLine, body));
            } else {
                String[] lines = body.split("\n", 2);
                Matcher file = FILE_NAME.matcher(lines[0]);
                if (file.matches() && lines.length == 2) {
                    named.add(new NamedFile(file.group(1), lines[1]));
                }
            }
        }
        return new Page(name, commands, named);
    }

    /** Commands, one per line but for lines continued with a backslash or inside an open quote. */
    private static List<Command> commands(String page, int firstLine, String body) {
        List<Command> out = new ArrayList<>();
        String[] lines = body.split("\n");
        StringBuilder current = null;
        String comment = "";
        char open = 0;
        int startedAt = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = open == 0 ? lines[i].strip() : lines[i];
            if (current == null) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                current = new StringBuilder();
                startedAt = firstLine + i;
            }
            Scanned scanned = scan(line, open);
            open = scanned.open();
            if (!scanned.comment().isEmpty()) {
                comment = scanned.comment();
            }
            if (open != 0) {
                current.append(line).append('\n');
                continue;
            }
            if (scanned.code().endsWith("\\")) {
                current.append(scanned.code(), 0, scanned.code().length() - 1).append(' ');
                continue;
            }
            current.append(scanned.code());
            out.add(new Command(page, startedAt, current.toString().strip(), comment));
            current = null;
            comment = "";
        }
        return out;
    }

    /** A line's code without its trailing comment, the comment, and the quote still open at its end (0: none). */
    private record Scanned(String code, String comment, char open) {
    }

    /** Cuts a trailing {@code # comment} (a {@code #} outside quotes, after a space); {@code open}: the quote the line starts in. */
    private static Scanned scan(String line, char open) {
        char quote = open;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote == 0 && (c == '\'' || c == '"')) {
                quote = c;
            } else if (quote != 0 && c == quote) {
                quote = 0;
            } else if (quote == 0 && c == '#' && i > 0 && Character.isWhitespace(line.charAt(i - 1))) {
                return new Scanned(line.substring(0, i).strip(), line.substring(i + 1).strip(), quote);
            }
        }
        return new Scanned(quote == 0 ? line.strip() : line, "", quote);
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
