package dev.hotline.core.report;

import dev.hotline.core.model.Frame;
import dev.hotline.core.model.Profile;
import dev.hotline.core.model.ProfileBuilder;
import org.junit.jupiter.api.Test;

import static dev.hotline.core.report.TestProfiles.MS;
import static dev.hotline.core.report.TestProfiles.add;
import static dev.hotline.core.report.TestProfiles.build;
import static dev.hotline.core.report.TestProfiles.f;
import static dev.hotline.core.report.TestProfiles.stack;
import static org.assertj.core.api.Assertions.assertThat;

class CallTreeReportTest {
    private static final String HEADER_PREFIX = "  GET /checkout  200  engine=java interval=1ms";
    private static final Frame MAIN = f("com.acme.App", "main", "App.java", 1);

    private static String tree(Profile p, ReportOptions o) {
        String text = new CallTreeReport(o).render(p);
        // Drop the summary line and notes: tests look at the tree.
        return text.substring(text.indexOf(HEADER_PREFIX)).substring(text.substring(text.indexOf(HEADER_PREFIX))
                .indexOf('\n') + 1);
    }

    private static String tree(Profile p) {
        return tree(p, ReportOptions.defaults());
    }

    @Test
    void libraryRunsAreFoldedAndTheLeafWhereTimeWentIsShown() {
        ProfileBuilder b = new ProfileBuilder();
        add(b, 10, stack(f("sun.nio.ch.Net", "poll", "Net.java", -1),
                f("java.net.Socket$SocketInputStream", "read", "Socket.java", 966),
                f("org.apache.http.io.Buffer", "fill", "Buffer.java", 153),
                f("org.apache.http.impl.Client", "execute", "Client.java", 83),
                MAIN));
        assertThat(tree(build(b, 10 * MS))).isEqualTo(""
                + "└─ 10.0 ms  com.acme.App.main  App.java:1\n"
                + "   └─ 10.0 ms  [3 frames hidden]  org.apache.http, java.net\n"
                + "      └─ 10.0 ms  sun.nio.ch.Net.poll  Net.java:?\n");
    }

    @Test
    void foldedRunsContinueWithTheApplicationFramesTheyCall() {
        ProfileBuilder b = new ProfileBuilder();
        Frame[] container = {
                f("org.springframework.web.servlet.DispatcherServlet", "doDispatch", "DispatcherServlet.java", 1089),
                f("jakarta.servlet.http.HttpServlet", "service", "HttpServlet.java", 614),
                f("org.apache.catalina.core.ApplicationFilterChain", "doFilter", "ApplicationFilterChain.java", 166),
                f("java.lang.Thread", "run", "Thread.java", 1583)};
        add(b, 8, stack(f("com.acme.Orders", "list", "Orders.java", 20),
                f("jdk.internal.reflect.DirectMethodHandleAccessor", "invoke", "DirectMethodHandleAccessor.java", 103),
                container));
        add(b, 2, stack(f("com.acme.Orders", "show", "Orders.java", 30), container));
        assertThat(tree(build(b, 10 * MS))).isEqualTo(""
                // One group: the library frames form one connected run below the application's callers.
                + "└─ 10.0 ms  [5 frames hidden]  java.lang, org.apache.catalina, jakarta.servlet, "
                + "org.springframework.web, jdk.internal\n"
                + "   ├─ 8.0 ms  com.acme.Orders.list  Orders.java:20\n"
                + "   └─ 2.0 ms  com.acme.Orders.show  Orders.java:30\n");
    }

    @Test
    void aSingleLibraryFrameIsShownAsItIs() {
        ProfileBuilder b = new ProfileBuilder();
        add(b, 6, stack(f("java.lang.Thread", "sleep", "Thread.java", -1), MAIN));
        add(b, 4, stack(f("com.acme.Handler", "handle", "Handler.java", 9),
                f("java.util.ArrayList", "forEach", "ArrayList.java", 1596), MAIN));
        assertThat(tree(build(b, 10 * MS))).isEqualTo(""
                + "└─ 10.0 ms  com.acme.App.main  App.java:1\n"
                + "   ├─ 6.0 ms  java.lang.Thread.sleep  Thread.java:?\n"
                + "   └─ 4.0 ms  java.util.ArrayList.forEach  ArrayList.java:1596\n"
                + "      └─ 4.0 ms  com.acme.Handler.handle  Handler.java:9\n");
    }

    @Test
    void selfTimeIsShownWhenItMattersAndTheNodeHasChildren() {
        ProfileBuilder b = new ProfileBuilder();
        Frame work = f("com.acme.Work", "run", "Work.java", 5);
        add(b, 70, stack(f("com.acme.Work", "step", "Work.java", 9), work, MAIN));
        add(b, 29, stack(work, MAIN));
        add(b, 1, stack(MAIN));
        assertThat(tree(build(b, 100 * MS), ReportOptions.builder().minShare(0.02).build())).isEqualTo(""
                + "└─ 100.0 ms  com.acme.App.main  App.java:1\n"
                + "   └─ 99.0 ms  com.acme.Work.run  Work.java:5\n"
                + "      ├─ 70.0 ms  com.acme.Work.step  Work.java:9\n"
                + "      └─ 29.0 ms  [self]\n");
    }

    @Test
    void nodesBelowTheMinimumShareAreDroppedAndCounted() {
        ProfileBuilder b = new ProfileBuilder();
        add(b, 95, stack(f("com.acme.Hot", "run", "Hot.java", 1), MAIN));
        add(b, 3, stack(f("com.acme.Warm", "run", "Warm.java", 1), MAIN));
        add(b, 1, stack(f("com.acme.Cold", "run", "Cold.java", 1), MAIN));
        add(b, 1, stack(f("com.acme.Icy", "run", "Icy.java", 1), MAIN));
        Profile p = build(b, 100 * MS);
        assertThat(tree(p, ReportOptions.builder().minShare(0.05).build())).isEqualTo(""
                + "└─ 100.0 ms  com.acme.App.main  App.java:1\n"
                + "   └─ 95.0 ms  com.acme.Hot.run  Hot.java:1\n"
                + "(3 nodes below 5.0% not shown)\n");
        assertThat(tree(p)).contains("com.acme.Cold.run").contains("com.acme.Icy.run")
                .doesNotContain("not shown");
    }

    @Test
    void excludedPackagesAreFoldedAndIncludesDecideWhatIsApplication() {
        ProfileBuilder b = new ProfileBuilder();
        add(b, 10, stack(f("com.acme.gen.Mapper", "map", "Mapper.java", 4),
                f("com.acme.gen.Mapper", "mapAll", "Mapper.java", 2),
                f("com.other.Lib", "call", "Lib.java", 7), MAIN));
        Profile p = build(b, 10 * MS);
        assertThat(tree(p, ReportOptions.builder().excludePackages("com.acme.gen").build())).isEqualTo(""
                + "└─ 10.0 ms  com.acme.App.main  App.java:1\n"
                + "   └─ 10.0 ms  com.other.Lib.call  Lib.java:7\n"
                + "      └─ 10.0 ms  com.acme.gen.Mapper.mapAll  Mapper.java:2\n"
                + "         └─ 10.0 ms  com.acme.gen.Mapper.map  Mapper.java:4\n");
        assertThat(tree(p, ReportOptions.builder().includePackages("com.acme").excludePackages("com.acme.gen").build()))
                .isEqualTo(""
                + "└─ 10.0 ms  com.acme.App.main  App.java:1\n"
                + "   └─ 10.0 ms  [2 frames hidden]  com.other, com.acme.gen\n"
                + "      └─ 10.0 ms  com.acme.gen.Mapper.map  Mapper.java:4\n");
    }

    @Test
    void recursionNestsWithoutAddingUp() {
        Frame recurse = f("com.acme.Fib", "fib", "Fib.java", 12);
        ProfileBuilder b = new ProfileBuilder();
        add(b, 10, stack(f("com.acme.Fib", "fib", "Fib.java", 10), recurse, recurse, MAIN));
        assertThat(tree(build(b, 10 * MS))).isEqualTo(""
                + "└─ 10.0 ms  com.acme.App.main  App.java:1\n"
                + "   └─ 10.0 ms  com.acme.Fib.fib  Fib.java:12\n"
                + "      └─ 10.0 ms  com.acme.Fib.fib  Fib.java:12\n"
                + "         └─ 10.0 ms  com.acme.Fib.fib  Fib.java:10\n");
    }

    @Test
    void deepStacksAreCut() {
        Frame[] deep = new Frame[300];
        for (int i = 0; i < deep.length; i++) deep[i] = f("com.acme.Deep", "down", "Deep.java", 7);
        ProfileBuilder b = new ProfileBuilder();
        add(b, 2, deep);
        String text = tree(build(b, 2 * MS));
        assertThat(text.split("\n")).hasSize(CallTreeReport.MAX_DEPTH + 1);
        assertThat(text).endsWith("└─ 2.0 ms  com.acme.Deep.down  Deep.java:7\n" + " ".repeat(3 * CallTreeReport.MAX_DEPTH)
                + "… (deeper calls not shown)\n");
    }

    @Test
    void emptyProfileSaysSo() {
        String text = new CallTreeReport(ReportOptions.defaults()).render(build(new ProfileBuilder(), 2 * MS));
        assertThat(text).isEqualTo(""
                + "Note: no samples: the request was shorter than the sampling interval or was not sampled\n"
                + "2.0 ms  GET /checkout  200  engine=java interval=1ms samples=0 effective=-\n"
                + "(no samples)\n");
    }

    @Test
    void asciiAndColours() {
        ProfileBuilder b = new ProfileBuilder();
        add(b, 9, stack(f("com.acme.A", "a", "A.java", 1), MAIN));
        add(b, 1, stack(f("com.acme.B", "b", "B.java", 1), MAIN));
        Profile p = build(b, 10 * MS);
        assertThat(tree(p, ReportOptions.builder().ascii(true).build())).isEqualTo(""
                + "`- 10.0 ms  com.acme.App.main  App.java:1\n"
                + "   |- 9.0 ms  com.acme.A.a  A.java:1\n"
                + "   `- 1.0 ms  com.acme.B.b  B.java:1\n");
        assertThat(new CallTreeReport(ReportOptions.defaults()).render(p)).doesNotContain("\u001b");
        assertThat(tree(p, ReportOptions.builder().colours(true).build()))
                .contains("└─ " + Text.RED + "10.0 ms" + Text.RESET + "  com.acme.App.main")
                .contains("├─ " + Text.RED + "9.0 ms" + Text.RESET)
                .contains("└─ " + Text.YELLOW + "1.0 ms" + Text.RESET);
    }

    @Test
    void packageGroupsNameLibrariesNotVendors() {
        assertThat(CallTreeReport.packageGroup(f("java.net.Socket", "m", null, 1))).isEqualTo("java.net");
        assertThat(CallTreeReport.packageGroup(f("jdk.internal.misc.Unsafe", "m", null, 1))).isEqualTo("jdk.internal");
        assertThat(CallTreeReport.packageGroup(f("org.apache.catalina.core.X", "m", null, 1)))
                .isEqualTo("org.apache.catalina");
        assertThat(CallTreeReport.packageGroup(f("kotlin.Unit", "m", null, 1))).isEqualTo("kotlin");
        assertThat(CallTreeReport.packageGroup(f("Main", "m", null, 1))).isEqualTo("(default package)");
        assertThat(CallTreeReport.packageGroup(f("com.acme.Shop$Cart", "m", null, 1))).isEqualTo("com.acme");
    }
}
