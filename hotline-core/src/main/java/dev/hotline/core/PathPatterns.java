package dev.hotline.core;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Request path globs: {@code *} matches within one path segment, {@code **} across segments, {@code ?} one
 * character. A pattern without a slash ({@code *.css}) matches the last segment. The same rules serve the
 * {@code include-paths} setting and the command line's {@code --path}. Immutable.
 *
 * @since 0.1
 */
public final class PathPatterns {
    private final List<Pattern> patterns;

    /**
     * @param globs the patterns; a path matches when it matches any of them
     * @throws IllegalArgumentException when a pattern is empty
     * @since 0.1
     */
    public PathPatterns(List<String> globs) {
        this.patterns = globs.stream().map(PathPatterns::compile).toList();
    }

    /** Whether there is no pattern at all. @since 0.1 */
    public boolean isEmpty() {
        return patterns.isEmpty();
    }

    /** Whether {@code path} matches one of the patterns. @since 0.1 */
    public boolean matches(String path) {
        for (Pattern p : patterns) {
            if (p.matcher(path).matches()) return true;
        }
        return false;
    }

    static Pattern compile(String glob) {
        if (glob.isEmpty()) throw new IllegalArgumentException("empty pattern");
        StringBuilder re = new StringBuilder();
        if (glob.indexOf('/') < 0) re.append("(?:.*/)?");
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*') {
                if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                    i++;
                    boolean slashFollows = i + 1 < glob.length() && glob.charAt(i + 1) == '/';
                    if (slashFollows) {
                        i++;
                        re.append("(?:.*/)?"); // "/**/x" also matches "/x"
                    } else {
                        re.append(".*");
                    }
                } else {
                    re.append("[^/]*");
                }
            } else if (c == '?') {
                re.append("[^/]");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }
}
