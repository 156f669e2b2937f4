package dev.hotline.agent.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Line numbers of the shop's source lines, found by their text so tests do not hard-code them. */
final class SourceLines {
    private static final Path SHOP = Path.of("src/test/java/example/shop");

    private SourceLines() {}

    static int lineOf(String file, String code) {
        try {
            List<String> lines = Files.readAllLines(SHOP.resolve(file));
            int found = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(code)) {
                    if (found > 0) throw new IllegalArgumentException("'" + code + "' is on more than one line of " + file);
                    found = i + 1;
                }
            }
            if (found < 0) throw new IllegalArgumentException("'" + code + "' is not in " + file);
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
