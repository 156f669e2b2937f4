package dev.hotline.cli;

import dev.hotline.core.model.Profile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static dev.hotline.cli.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

class ViewCommandTest {
    static final String ESC = "\u001b[";

    @TempDir
    Path dir;

    @Test
    void showsTheLineTableAndTheTreeOfOneProfile() {
        Cli.Run r = Cli.run("view", Fixtures.GOLDEN.toString(), "--include", "com.acme").succeeds();
        assertThat(r.out()).startsWith("17.9 ms  GET /orders/42?expand=items  200  engine=async-profiler")
                .contains("Method: com.acme.shop.OrderServlet.doGet", "    31         14     14.0ms    79.5%")
                .contains("├─ 17.6 ms  java.lang.Thread.run  Thread.java:840")
                .doesNotContain("Merged profile", ESC);
        assertThat(r.err()).isEmpty();
    }

    @Test
    void eachReportOnItsOwn() {
        String file = Fixtures.GOLDEN.toString();
        assertThat(Cli.run("view", file, "--lines").succeeds().out()).contains("Method: ").doesNotContain("└─");
        assertThat(Cli.run("view", file, "--tree").succeeds().out()).contains("└─").doesNotContain("Method: ");
        String functions = Cli.run("view", file, "--functions").succeeds().out();
        assertThat(functions).contains("Methods by total time (9 of 9 shown)", "Self  Self %      Total  Total %  Samples  Method")
                .doesNotContain("Method: ", "└─");
        assertThat(functions.lines().filter(l -> l.contains("(")).skip(1).findFirst().orElseThrow())
                .as("hottest first").contains("com.acme.shop.OrderServlet.doGet");
        String bySelf = Cli.run("view", file, "--functions", "--sort", "self", "--top", "1").succeeds().out();
        assertThat(bySelf).contains("Methods by self time (1 of 9 shown", "12.0ms   61.5%     12.0ms    61.5%       12  sun.nio.ch.Net.poll");
        Cli.run("view", file, "--functions", "--sort", "name").failsWithOneLine("--sort: expected total, self or samples");
        assertThat(Cli.run("view", file, "--tree", "--ascii").out()).contains("`- ").doesNotContain("└─");
    }

    @Test
    void coloursOnlyWhenAskedOrOnATerminalWithoutNoColor() {
        String file = Fixtures.GOLDEN.toString();
        assertThat(Cli.run("view", file).out()).doesNotContain(ESC);
        assertThat(Cli.run("view", file, "--color=always").out()).contains(ESC);
        assertThat(Cli.run("view", file, "--color", "always").out()).contains(ESC);
        assertThat(Cli.run("--color=always", "view", file).out()).contains(ESC);
        assertThat(Cli.run("view", file, "--functions", "--color=always").out()).contains(ESC);

        Terminal tty = new Terminal(true, true, Map.of());
        assertThat(Cli.run(tty, "view", file).out()).contains(ESC);
        assertThat(Cli.run(tty, "view", file, "--color=never").out()).doesNotContain(ESC);
        assertThat(Cli.run(tty, "view", file, "--color=auto").out()).contains(ESC);
        Terminal noColor = new Terminal(true, true, Map.of("NO_COLOR", "1"));
        assertThat(Cli.run(noColor, "view", file).out()).doesNotContain(ESC);
        assertThat(Cli.run(noColor, "view", file, "--color=always").out()).contains(ESC);
        assertThat(Cli.run(new Terminal(true, true, Map.of("NO_COLOR", "")), "view", file).out()).contains(ESC);
    }

    @Test
    void aDirectoryIsShownMergedWithAHeader() throws Exception {
        Fixtures.save(dir, Fixtures.request("/orders/1", T0, 30, 10));
        Fixtures.save(dir, Fixtures.request("/orders/2", T0.plusSeconds(60), 50, 10));
        Fixtures.save(dir, Fixtures.request("/cart", T0.plusSeconds(120), 0, 40));
        Files.writeString(dir.resolve("notes.txt"), "not a profile, not a .json name: ignored");

        Cli.Run r = Cli.run("view", dir.toString(), "--lines").succeeds();
        assertThat(r.out()).startsWith("Merged profile of 3 requests from " + dir + "\n\n")
                .contains("141.2 ms  GET *  -  engine=async-profiler interval=1ms samples=140",
                        "Note: merged 3 profiles from 2026-11-21T10:00:00Z to 2026-11-21T10:02:00Z",
                        "Method: com.acme.shop.OrderRepository.load  —  total 80.0 ms (57.1%), 80 samples");
        assertThat(r.err()).as("no progress when stderr is not a terminal").isEmpty();

        Cli.Run orders = Cli.run("view", dir.toString(), "--path", "/orders/*").succeeds();
        assertThat(orders.out()).startsWith("Merged profile of 2 requests from " + dir + " (1 left out by the filter)")
                .contains("100.8 ms  GET *  -", "load  —  total 80.0 ms (80.0%)", "price  —  total 20.0 ms (20.0%)");
        Cli.Run window = Cli.run("view", dir.toString(), "--since", "2026-11-21T10:01:00Z", "--until", "2026-11-21T10:02:00Z");
        assertThat(window.succeeds().out()).startsWith("Merged profile of 1 request from").contains("GET /orders/2 ");
        Cli.run("view", dir.toString(), "--path", "/nothing/**").failsWithOneLine("no profile matches --path '/nothing/**' (3 profiles read)");
        Cli.run("view", dir.toString(), "--since", "yesterday").failsWithOneLine("--since: expected a date or time");
        Cli.run("view", dir.toString(), "--since", "2026-11-22", "--until", "2026-11-21").failsWithOneLine("is not before --until");
    }

    @Test
    void aCorruptFileAmongManyIsAWarningNotAFailure() throws Exception {
        Fixtures.save(dir, Fixtures.request("/a", T0, 10, 10));
        Fixtures.save(dir, Fixtures.request("/a", T0.plusSeconds(1), 10, 10));
        Files.writeString(dir.resolve("GET.broken.000001ms.1795250000.json"), "{\"format\": \"hotline-profile\", \"vers");
        Files.write(dir.resolve("GET.binary.000001ms.1795250001.json"), new byte[] {0x0a, 0x00, 0x12, 0x7f});

        Cli.Run r = Cli.run("view", dir.toString()).succeeds();
        assertThat(r.out()).startsWith("Merged profile of 2 requests from " + dir + " (2 files skipped: not readable profiles)");
        assertThat(r.errLines()).hasSize(3);
        assertThat(r.err()).contains("hotline: warning: " + dir.resolve("GET.broken.000001ms.1795250000.json") + ": unterminated string")
                .contains("GET.binary.000001ms.1795250001.json: binary data")
                .contains("hotline: warning: skipped 2 of 4 files that are not readable profiles");
        r.assertNoStackTrace();
    }

    @Test
    void manyWarningsAreCountedAfterTheFirstTwenty() throws Exception {
        Fixtures.save(dir, Fixtures.request("/a", T0, 10, 10));
        for (int i = 0; i < 30; i++) Files.writeString(dir.resolve("GET.bad." + i + ".json"), "");
        Cli.Run r = Cli.run("view", dir.toString(), "--tree").succeeds();
        assertThat(r.errLines()).hasSize(Invocation.MAX_WARNINGS + 2)
                .contains("hotline: warning: 10 more warnings not shown", "hotline: warning: skipped 30 of 31 files that are not readable profiles");
    }

    @Test
    void progressGoesToStderrOnlyWhenItIsATerminal() throws Exception {
        for (int i = 0; i < 5; i++) Fixtures.save(dir, Fixtures.request("/p", T0.plusSeconds(i), 5, 5));
        Cli.Run quiet = Cli.run(new Terminal(true, false, Map.of()), "view", dir.toString(), "--tree");
        assertThat(quiet.succeeds().err()).isEmpty();
        Cli.Run shown = Cli.run(new Terminal(false, true, Map.of()), "view", dir.toString(), "--tree");
        assertThat(shown.succeeds().err()).contains("\rreading 5/5 profiles").endsWith("\r");
        assertThat(shown.out()).doesNotContain("reading");
    }

    @Test
    void severalFilesAreMergedToo() throws Exception {
        Profile a = Fixtures.request("/a", T0, 10, 0);
        Path fa = Fixtures.saveAs(dir.resolve("a.json"), a);
        Path fb = Fixtures.saveAs(dir.resolve("b.json"), Fixtures.request("/a", T0, 0, 10));
        Cli.Run r = Cli.run("view", fa.toString(), fb.toString(), "--functions").succeeds();
        assertThat(r.out()).startsWith("Merged profile of 2 requests from " + fa + ", " + fb)
                .contains("20.8 ms  GET /a  -  engine=async-profiler");
    }

    @Test
    void reportOptionsAreChecked() {
        String file = Fixtures.GOLDEN.toString();
        Cli.run("view", file, "--min-share", "150%").failsWithOneLine("--min-share: expected a share such as 1%");
        Cli.run("view", file, "--top", "-1").failsWithOneLine("--top: expected a whole number of at least 0, got '-1'");
        Cli.run("view", file, "--source-path", "/no/such/dir").failsWithOneLine("--source-path: /no/such/dir is not a directory");
        assertThat(Cli.run("view", file, "--min-share", "0", "--include", "com.acme,java").succeeds().out())
                .contains("Method: java.lang.Thread.run");
        assertThat(Cli.run("view", file, "--exclude", "com.acme.shop.OrderServlet", "--include", "com.acme").succeeds().out())
                .doesNotContain("Method: com.acme.shop.OrderServlet");
    }

    @Test
    void sourcesAreShownFromTheSourcePath() throws Exception {
        Path src = dir.resolve("src");
        Files.createDirectories(src.resolve("com/acme/shop"));
        StringBuilder code = new StringBuilder();
        for (int i = 1; i <= 80; i++) code.append(i == 77 ? "        return jdbc.query(SQL_BY_ID, id); // the slow one" : "// line " + i).append('\n');
        Files.writeString(src.resolve("com/acme/shop/OrderRepository.java"), code);
        assertThat(Cli.run("view", Fixtures.GOLDEN.toString(), "--lines", "--source-path", src.toString()).succeeds().out())
                .contains("    77         13     13.0ms   100.0%  return jdbc.query(SQL_BY_ID, id); // the slow one");
    }
}
