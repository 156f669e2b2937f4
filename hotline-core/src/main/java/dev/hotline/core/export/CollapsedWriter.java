package dev.hotline.core.export;

import dev.hotline.core.model.Profile;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes folded stacks for FlameGraph and the tools that read its format, as {@link CollapsedStacks} describes:
 * one line per distinct stack, weighted by sample count. Two variants: {@code collapsed} names frames
 * {@code Class.method}, so a method's lines merge into one box; {@code collapsed-lines} names them
 * {@code Class.method:line}, a box per line.
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.1
 */
public final class CollapsedWriter implements ProfileWriter {
    private final boolean lines;

    /**
     * @param lines whether frames name their source line
     * @since 0.1
     */
    public CollapsedWriter(boolean lines) {
        this.lines = lines;
    }

    @Override
    public String name() {
        return lines ? "collapsed-lines" : "collapsed";
    }

    @Override
    public List<String> extensions() {
        // The longest matching ending wins, so GET.orders.lines.folded picks this variant and GET.orders.folded the plain one.
        return lines ? List.of("lines.collapsed", "lines.folded") : List.of("collapsed", "folded");
    }

    @Override
    public String description() {
        return lines ? "folded stacks with line numbers (Class.method:line), sample counts"
                : "folded stacks for flamegraph.pl and speedscope (Class.method), sample counts";
    }

    @Override
    public void write(Profile profile, OutputStream out) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 16 * 1024);
        CollapsedStacks.write(profile, w, lines);
        w.flush();
    }
}
