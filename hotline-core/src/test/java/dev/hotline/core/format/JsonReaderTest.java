package dev.hotline.core.format;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.StringReader;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonReaderTest {

    private static Object parse(String json) throws Exception {
        return JsonReader.parse(new StringReader(json));
    }

    @Test
    void values() throws Exception {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("b", Arrays.asList(1L, -0L, true, false, null, "x"));
        expected.put("a", Map.of());
        assertThat(parse(" {\"b\": [1, -0, true, false, null, \"x\"], \"a\": {}} ")).isEqualTo(expected);
        assertThat(((Map<?, ?>) parse("{\"z\": 1, \"a\": 2}")).keySet()).asString().isEqualTo("[z, a]");
        assertThat(parse("\"\\u00e9\\n\\/\\\\\\\"\\ud83d\\ude00\"")).isEqualTo("\u00e9\n/\\\"\uD83D\uDE00");
        assertThat(parse("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(parse("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
        assertThat(parse("9223372036854775808")).isEqualTo(new JsonReader.BigNumber("9223372036854775808"));
        assertThat(parse("1.5e-3")).isEqualTo(new JsonReader.BigNumber("1.5e-3"));
        assertThat(parse("\uFEFF[]")).isEqualTo(List.of());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "[1,]                | unexpected ']', expected a value at line 1, column 4",
            "{\"a\":1,}          | expected a string key but found '}' at line 1, column 8",
            "[01]                | leading zero in number at line 1, column 3",
            "[1.]                | expected a digit after '.' but found ']'",
            "[-]                 | expected a digit but found ']'",
            "[+1]                | unexpected '+', expected a value",
            "[.5]                | unexpected '.', expected a value",
            "[1e]                | expected a digit in the exponent",
            "[NaN]               | unexpected 'N', expected a value",
            "[tru]               | unexpected ']', expected 'true'",
            "['a']               | unexpected ''', expected a value",
            "{a:1}               | expected a string key but found 'a'",
            "[1 2]               | expected ',' or ']' in array but found '2' at line 1, column 4",
            "{\"a\" 1}           | expected ':' after key \"a\" but found '1'",
            "[\"\\x\"]           | invalid escape \\x in string",
            "[\"\\u12G4\"]       | invalid \\u escape: expected 4 hex digits",
            "[1] // c            | unexpected '/' after the end of the JSON value",
            "{\"a\":1,\"a\":2}   | duplicate key \"a\" at line 1, column 8",
    })
    void strictSyntax_isEnforced(String json, String message) {
        assertThatThrownBy(() -> parse(json.strip())).isExactlyInstanceOf(ProfileFormatException.class).hasMessageContaining(message);
    }

    @Test
    void positions_countLinesAndColumns() {
        assertThatThrownBy(() -> parse("{\n  \"a\": [1,\n  2,\n  x]\n}"))
                .hasMessage("unexpected 'x', expected a value at line 4, column 3");
        assertThatThrownBy(() -> parse("[\"a\tb\"]")).hasMessage("unescaped control character U+0009 in string at line 1, column 4");
        assertThatThrownBy(() -> parse("[\"a\u0000b\"]")).hasMessage("unescaped control character U+0000 in string at line 1, column 4");
    }

    @ParameterizedTest
    @ValueSource(ints = {256, 257})
    void depthLimit(int depth) throws Exception {
        String json = "[".repeat(depth) + "]".repeat(depth);
        if (depth <= JsonReader.MAX_DEPTH) {
            assertThat(parse(json)).isInstanceOf(List.class);
        } else {
            assertThatThrownBy(() -> parse(json)).hasMessage("nesting deeper than 256 levels at line 1, column 257");
        }
    }

    @Test
    void hugeNumber_isRejectedWithoutParsing() throws Exception {
        assertThatThrownBy(() -> parse("[" + "9".repeat(5000) + "]")).hasMessage("number too long (more than 1000 characters) at line 1, column 2");
        assertThat(parse("[" + "9".repeat(1000) + "]")).isEqualTo(List.of(new JsonReader.BigNumber("9".repeat(1000))));
    }

    /** Found by review after fuzzing: all digits used to be collected first, so a 50 MB number took 100 MB to refuse. */
    @Test
    void hugeNumber_isRejectedBeforeTheRestOfItIsRead() {
        long[] served = new long[1];
        java.io.Reader endlessDigits = new java.io.Reader() {
            @Override
            public int read(char[] buf, int off, int len) {
                if (served[0] == 0) {
                    buf[off] = '[';
                    served[0]++;
                    return 1;
                }
                Arrays.fill(buf, off, off + len, '7');
                served[0] += len;
                return len;
            }

            @Override
            public void close() {}
        };
        assertThatThrownBy(() -> JsonReader.parse(endlessDigits)).hasMessage("number too long (more than 1000 characters) at line 1, column 2");
        assertThat(served[0]).as("characters read").isLessThan(20_000);
    }
}
