package dev.hotline.core.format;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Bad input gives a ProfileFormatException that says what and where, never another exception. */
class ProfileJsonMalformedTest {
    private static final String GOLDEN = ProfileJson.toJson(SampleProfiles.golden());

    private static String golden(String target, String replacement) {
        assertThat(GOLDEN).contains(target);
        return GOLDEN.replaceFirst(java.util.regex.Pattern.quote(target), java.util.regex.Matcher.quoteReplacement(replacement));
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                arguments("empty", "", "empty document"),
                arguments("blank", " \n\t ", "empty document"),
                arguments("truncated", GOLDEN.substring(0, GOLDEN.indexOf("\"lines\"")), "unexpected end of input"),
                arguments("truncated in string", "{\"format\": \"hotline-pro", "unterminated string at line 1"),
                arguments("not an object", "[1, 2]", "expected an object but found an array at $"),
                arguments("not json", "<html>", "unexpected '<', expected a value at line 1, column 1"),
                arguments("trailing content", GOLDEN + "x", "after the end of the JSON value"),
                arguments("missing format", "{\"version\": 1}", "not a Hotline profile: no \"format\""),
                arguments("wrong format", golden("\"hotline-profile\"", "\"speedscope\""), "$.format is \"speedscope\""),
                arguments("version 99", golden("\"version\": 1", "\"version\": 99"), "version 99 is newer than this reader supports (1)"),
                arguments("version 0", golden("\"version\": 1", "\"version\": 0"), "invalid profile format version 0"),
                arguments("version string", golden("\"version\": 1", "\"version\": \"1\""), "expected an integer but found a string \"1\" at $.version"),
                arguments("missing id", golden("\"id\": \"m3j7k2x1-00042\",", ""), "missing required member \"id\" in $"),
                arguments("missing request", golden("\"request\":", "\"req\":"), "missing required member \"request\" in $"),
                arguments("missing path", golden("\"path\": \"/orders/42\", ", ""), "missing required member \"path\" in $.request"),
                arguments("missing lines", golden("\"lines\":", "\"lines2\":"), "missing required member \"lines\" in $"),
                arguments("missing nodes", golden("\"nodes\":", "\"nodes2\":"), "missing required member \"nodes\" in $"),
                arguments("status string", golden("\"status\": 200", "\"status\": \"200\""), "at $.request.status"),
                arguments("status range", golden("\"status\": 200", "\"status\": 20000"), "status 20000 out of range 0..999 at $.request.status"),
                arguments("bad start", golden("2026-11-21T10:15:30.123Z", "yesterday"), "not an ISO-8601 UTC time"),
                // Instant reads years up to 999999999; epoch milliseconds (startEpochMs) end in 292278994.
                arguments("start beyond millis", golden("2026-11-21T10:15:30.123Z", "+292278994-08-17T07:12:55.808Z"),
                        "start \"+292278994-08-17T07:12:55.808Z\" is out of range (more than 292 million years from 1970) at $.request.start"),
                arguments("start before millis", golden("2026-11-21T10:15:30.123Z", "-999999999-01-01T00:00:00Z"),
                        "is out of range (more than 292 million years from 1970) at $.request.start"),
                arguments("huge number", golden("\"durationNs\": 17912345", "\"durationNs\": 123456789012345678901234567890"),
                        "integer 123456789012345678901234567890 out of 64-bit range at $.request.durationNs"),
                arguments("fraction", golden("\"intervalNs\": 1000000", "\"intervalNs\": 1.5"), "expected an integer but found 1.5 at $.intervalNs"),
                arguments("exponent", golden("\"intervalNs\": 1000000", "\"intervalNs\": 1e6"), "expected an integer but found 1e6 at $.intervalNs"),
                arguments("negative time", golden("[0, 1000000, 1000000, 1, 3]", "[0, 1000000, -1, 1, 3]"), "negative value -1 at $.samples[0][2]"),
                arguments("int overflow", golden("[0, 1000000, 1000000, 1, 3]", "[0, 1000000, 1000000, 1, 3000000000]"), "out of 32-bit range at $.samples[0][4]"),
                arguments("sample node", golden("[0, 1000000, 1000000, 1, 3]", "[0, 1000000, 1000000, 1, 14]"), "node 14 out of range (expected 0..13) at $.samples[0][4]"),
                arguments("sample thread", golden("[0, 1000000, 1000000, 1, 3]", "[2, 1000000, 1000000, 1, 3]"), "thread index 2 out of range (expected 0..1) at $.samples[0][0]"),
                arguments("short sample", golden("[0, 1000000, 1000000, 1, 3]", "[0, 1000000]"), "but the array has 2 elements at $.samples[0]"),
                arguments("sample not array", golden("[0, 1000000, 1000000, 1, 3]", "{}"), "expected an array but found an object at $.samples[0]"),
                arguments("forward parent", golden("[0, 0, 17600000, 0, 17]", "[0, 5, 17600000, 0, 17]"), "parent 5 is not an earlier node (0..0) at $.nodes[1][1]"),
                arguments("self parent", golden("[1, 1, 14000000, 0, 14]", "[1, 2, 14000000, 0, 14]"), "parent 2 is not an earlier node (0..1) at $.nodes[2][1]"),
                arguments("frame index", golden("[0, 0, 17600000, 0, 17]", "[11, 0, 17600000, 0, 17]"), "frame index 11 out of range (expected 0..10) at $.nodes[1][0]"),
                arguments("root with frame", golden("[-1, -1, 19500000, 0, 18]", "[0, -1, 19500000, 0, 18]"), "the first node must be the root"),
                arguments("second root", golden("[0, 0, 17600000, 0, 17]", "[-1, -1, 17600000, 0, 17]"), "frame index -1 out of range (expected 0..10) at $.nodes[1][0]"),
                arguments("no nodes", golden("\"nodes\": [", "\"nodes\": [], \"x\": ["), "$.nodes is empty"),
                arguments("frame class null", golden("{\"class\": \"java.lang.Thread\", \"method\": \"run\"", "{\"class\": null, \"method\": \"run\""),
                        "expected a string but found null at $.frames[0].class"),
                arguments("frame line", golden("\"line\": 840}", "\"line\": -7}"), "line -7 is neither a line number nor -1 (unknown) at $.frames[0].line"),
                arguments("line missing total", golden("\"line\": 840, \"totalNs\": 17600000,", "\"line\": 840,"), "missing required member \"totalNs\" in $.lines[0]"),
                arguments("thread name number", golden("[\"http-nio-8080-exec-1\"", "[42"), "expected a string but found the number 42 at $.threads[0]"),
                arguments("budget string", golden("\"budgetLimited\": false", "\"budgetLimited\": \"no\""), "expected true or false but found a string \"no\" at $.sampling.budgetLimited"),
                arguments("notes object", golden("\"notes\": [", "\"notes\": {}, \"n\": ["), "expected an array but found an object at $.notes"),
                arguments("duplicate key", golden("\"engine\": \"async-profiler\",", "\"engine\": \"async-profiler\", \"engine\": \"java\","), "duplicate key \"engine\" at line 6"),
                arguments("trailing comma", golden("\"error\": null}", "\"error\": null,}"), "expected a string key but found '}' at line 5"),
                arguments("deep nesting", "{\"format\": \"hotline-profile\", \"x\": " + "[".repeat(100_000), "nesting deeper than 256 levels at line 1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformed_givesAHelpfulMessage(String name, String json, String message) {
        assertThatThrownBy(() -> ProfileJson.fromJson(json))
                .isExactlyInstanceOf(ProfileFormatException.class)
                .hasMessageContaining(message);
    }

    @Test
    void deepNesting_withinTheLimitIsOnlyIgnored() throws Exception {
        String deep = "[".repeat(200) + "]".repeat(200);
        String json = golden("\"engine\":", "\"future\": " + deep + ", \"engine\":");
        assertThat(ProfileJson.fromJson(json).id()).isEqualTo("m3j7k2x1-00042");
    }

    @Test
    void everyTruncation_givesProfileFormatException() {
        // Cut the document at every position: no cut may leak another exception or be accepted.
        for (int i = 0; i < GOLDEN.length() - 2; i += 7) {
            String cut = GOLDEN.substring(0, i);
            assertThatThrownBy(() -> ProfileJson.fromJson(cut)).as("cut at %d", i).isExactlyInstanceOf(ProfileFormatException.class);
        }
    }

    @Test
    void everyScalarReplaced_givesProfileFormatExceptionOrReads() {
        // Replace each scalar value by each other JSON type: only ProfileFormatException may come out.
        String[] replacements = {"null", "true", "\"s\"", "-1", "[]", "{}", "1.5", "99999999999999999999"};
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("-?\\d+|null|true|false|\"[^\"]*\"").matcher(GOLDEN);
        int checked = 0;
        while (m.find()) {
            for (String r : replacements) {
                String json = GOLDEN.substring(0, m.start()) + r + GOLDEN.substring(m.end());
                try {
                    ProfileJson.fromJson(json);
                } catch (ProfileFormatException expected) {
                    assertThat(expected.getMessage()).isNotBlank();
                } catch (RuntimeException e) {
                    throw new AssertionError("replacing " + m.group() + " at " + m.start() + " by " + r + " leaked " + e, e);
                }
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(1000);
    }

    @Test
    void invalidUtf8File_namesTheFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.json");
        byte[] json = GOLDEN.replace("/orders/42", "/orders/XX").getBytes(StandardCharsets.UTF_8);
        int at = GOLDEN.indexOf("/orders/XX".replace("XX", "42")) + 8;
        json[at] = (byte) 0xC3; // a lead byte followed by an ASCII byte: malformed
        Files.write(f, json);
        assertThatThrownBy(() -> ProfileJson.read(f))
                .isExactlyInstanceOf(ProfileFormatException.class)
                .hasMessageContaining("bad.json")
                .hasMessageContaining("UTF-8");
    }

    @Test
    void emptyFile_namesTheFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("empty.json");
        Files.write(f, new byte[0]);
        assertThatThrownBy(() -> ProfileJson.read(f))
                .isExactlyInstanceOf(ProfileFormatException.class)
                .hasMessage("empty.json: empty document at line 1, column 1");
    }
}
