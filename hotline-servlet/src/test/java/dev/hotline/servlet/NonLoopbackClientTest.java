package dev.hotline.servlet;

import dev.hotline.core.HotlineConfig;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client on another address really is refused: the server listens on the host side of a veth pair and curl
 * runs inside a network namespace on the other side. Needs root, iproute2 and curl; skipped with the reason when
 * they are missing, except under {@code CI=true}, where it fails instead.
 */
class NonLoopbackClientTest {
    static final String TOKEN = "namespace-token-0123456789";

    @Test
    void clientInAnotherNamespace_refusedWithoutToken_servedWithIt() throws Exception {
        String why = missingPrerequisite();
        if (why != null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) throw new AssertionError("cannot run under CI: " + why);
            Assumptions.abort(why);
        }
        String tag = Long.toHexString(ThreadLocalRandom.current().nextLong(0x1000000L, 0xfffffffL));
        String ns = "hotline-" + tag;
        String hostSide = "hlv" + tag + "a";
        String nsSide = "hlv" + tag + "b";
        int net = ThreadLocalRandom.current().nextInt(1, 250);
        String serverAddress = "10.213." + net + ".1";
        String clientAddress = "10.213." + net + ".2";
        try {
            run("ip", "netns", "add", ns);
            run("ip", "link", "add", hostSide, "type", "veth", "peer", "name", nsSide);
            run("ip", "link", "set", nsSide, "netns", ns);
            run("ip", "addr", "add", serverAddress + "/24", "dev", hostSide);
            run("ip", "link", "set", hostSide, "up");
            run("ip", "netns", "exec", ns, "ip", "addr", "add", clientAddress + "/24", "dev", nsSide);
            run("ip", "netns", "exec", ns, "ip", "link", "set", nsSide, "up");
            run("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up");

            try (TestServer open = server(serverAddress, null)) {
                String base = "http://" + serverAddress + ":" + open.port;
                assertThat(curl(ns, base + "/_hotline/api/profiles")).startsWith("403");
                assertThat(curl(ns, base + "/_hotline/")).startsWith("403").contains("ui-token");
                // The application itself is served as usual, but on-demand profiling is not granted.
                assertThat(curl(ns, base + "/first")).startsWith("200"); // the 1 in N
                assertThat(curl(ns, base + "/work?hotline=1")).startsWith("200").doesNotContainIgnoringCase("hotline-profile:");
            }
            try (TestServer guarded = server(serverAddress, TOKEN)) {
                String base = "http://" + serverAddress + ":" + guarded.port;
                assertThat(curl(ns, base + "/_hotline/api/profiles")).startsWith("401");
                assertThat(curl(ns, base + "/_hotline/api/profiles", "-H", "X-Hotline-Token: wrong-token-0123456789")).startsWith("401");
                String served = curl(ns, base + "/_hotline/api/profiles", "-H", "X-Hotline-Token: " + TOKEN);
                assertThat(served).startsWith("200").contains("\"total\":");
                assertThat(curl(ns, base + "/first")).startsWith("200").doesNotContainIgnoringCase("hotline-profile:")
                        .doesNotContainIgnoringCase("server-timing:"); // profiled, but not shown to this client
                assertThat(curl(ns, base + "/work?hotline=1")).doesNotContainIgnoringCase("hotline-profile:");
                assertThat(curl(ns, base + "/work?hotline=1", "-H", "X-Hotline-Token: " + TOKEN)).containsIgnoringCase("hotline-profile:")
                        .containsIgnoringCase("server-timing: hotline;dur=");
            }
        } finally {
            quietly("ip", "netns", "del", ns); // removes the namespace's end of the pair, and with it the pair
            quietly("ip", "link", "del", hostSide);
        }
    }

    private static TestServer server(String address, String token) throws Exception {
        HotlineFilter.Builder b = HotlineFilter.builder().engine(HotlineConfig.Engine.JAVA).textOutput(HotlineConfig.TextOutput.OFF)
                .profileOneIn(1_000_000);
        if (token != null) b.set("ui-token", token);
        return TestServer.builder().host(address).filter(b.build()).servlet("/*", Workloads.servlet(() -> { })).start();
    }

    /** {@code STATUS\nheaders and body} of a request made from inside the namespace. */
    private static String curl(String ns, String url, String... extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns, "curl", "-s", "-i", "--max-time", "10",
                "-w", "\n%{http_code}"));
        cmd.addAll(List.of(extra));
        cmd.add(url);
        String out = run(cmd.toArray(String[]::new));
        int nl = out.lastIndexOf('\n');
        return out.substring(nl + 1).trim() + "\n" + out.substring(0, nl);
    }

    private static String missingPrerequisite() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) return "network namespaces need Linux";
        if (!Files.isExecutable(Path.of("/usr/sbin/ip")) && !Files.isExecutable(Path.of("/sbin/ip")) && !onPath("ip")) {
            return "the ip command (Debian package iproute2) is not installed";
        }
        if (!onPath("curl")) return "curl (Debian package curl) is not installed";
        try {
            String uid = run("id", "-u").trim();
            if (!uid.equals("0")) return "creating network namespaces needs root (running as uid " + uid + ")";
        } catch (Exception e) {
            return "cannot tell the user id: " + e.getMessage();
        }
        return null;
    }

    private static boolean onPath(String command) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(d, command))) return true;
        }
        return false;
    }

    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", cmd));
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) throw new IOException(String.join(" ", cmd) + " failed (" + p.exitValue() + "): " + text);
        return text;
    }

    private static void quietly(String... cmd) {
        try {
            run(cmd);
        } catch (IOException | InterruptedException ignored) {
            // already gone
        }
    }
}
