package dev.hotline.core.store;

import dev.hotline.core.format.SampleProfiles;
import dev.hotline.core.model.RequestInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class ProfileFileNamesTest {
    /** Safe on every common file system: a portable character set, no leading dot, one extension. */
    static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*\\.json");
    static final Set<String> RESERVED = Set.of("CON", "PRN", "AUX", "NUL", "COM1", "COM9", "LPT1", "LPT9");

    static final String[] HOSTILE_PATHS = {
        "/../../etc/passwd", "/a/../b", "/", "//", "/..", "/.", "/.hidden", "/a/./b", "/a\u0000b", "/\u0001\u001f\u007f\n\r\t",
        "/con", "/NUL", "/com1/lpt1", "/" + "x".repeat(5000), "/" + "../".repeat(2000), "/caf\u00e9/\u65e5\u672c",
        "/a:b*c?d\"e<f>g|h\\i", "/\\\\server\\share", "C:\\Windows", "/a b/%2e%2e/", "/\uD83D\uDE00", "/\uD800", "", ".", "..",
        "/-rf", "/trailing/", "/x.json", "/..json"
    };

    @Test
    void werkzeugStyle() {
        assertThat(ProfileFileNames.of("GET", "/resource_providers", 108, 1552408596))
                .isEqualTo("GET.resource_providers.000108ms.1552408596.json");
        assertThat(ProfileFileNames.of("GET", "/", 12, 1552408596)).isEqualTo("GET.root.000012ms.1552408596.json");
        assertThat(ProfileFileNames.of("POST", "/a/b/", 1, 1)).isEqualTo("POST.a.b.000001ms.1.json");
        assertThat(ProfileFileNames.of("GET", "/v1.2/items", 1_234_567, 1)).isEqualTo("GET.v1.2.items.1234567ms.1.json");
    }

    @Test
    void fromRequest_roundsTheDurationAndUsesTheStartSecond() {
        RequestInfo r = new RequestInfo("GET", "/resource_providers", null, 200, Instant.ofEpochMilli(1552408596_999L), 107_500_000, null);
        assertThat(ProfileFileNames.of(r)).isEqualTo("GET.resource_providers.000108ms.1552408596.json");
        assertThat(ProfileFileNames.of(SampleProfiles.golden())).isEqualTo("GET.orders.42.000018ms.1795256130.json");
    }

    @Test
    void hostilePaths_giveSafeNames() {
        for (String path : HOSTILE_PATHS) {
            String name = ProfileFileNames.of("GET", path, 5, 1552408596);
            assertThat(name).as(path).matches(SAFE);
            assertThat(name.length()).as(path).isLessThanOrEqualTo(ProfileFileNames.MAX_LENGTH - 7);
            assertThat(name.getBytes(StandardCharsets.UTF_8)).as(path).hasSize(name.length());
            assertThat(name).as(path).doesNotContain("..").endsWith(".000005ms.1552408596.json").startsWith("GET.");
        }
        assertThat(ProfileFileNames.of("GET", "/../../etc/passwd", 5, 1)).isEqualTo("GET.etc.passwd.000005ms.1.json");
        assertThat(ProfileFileNames.of("GET", "/..", 5, 1)).isEqualTo("GET.root.000005ms.1.json");
        assertThat(ProfileFileNames.of("GET", "/.hidden", 5, 1)).isEqualTo("GET.hidden.000005ms.1.json");
        assertThat(ProfileFileNames.of("GET", "/caf\u00e9/\u65e5\u672c", 5, 1)).isEqualTo("GET.caf_.__.000005ms.1.json");
        assertThat(ProfileFileNames.of("GET", "/a:b*c?d\"e<f>g|h\\i", 5, 1)).isEqualTo("GET.a_b_c_d_e_f_g_h_i.000005ms.1.json");
        assertThat(ProfileFileNames.of("GET", "/\uD83D\uDE00", 5, 1)).isEqualTo("GET._.000005ms.1.json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"CON", "con", "NUL", "Com1", "lpt9", "PRN", "AUX", "", "G.E.T", "GET\u0000", "-X", "\u00dcBER", "MMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMM"})
    void hostileMethods_giveSafeNames(String method) {
        String name = ProfileFileNames.of(method, "/x", 1, 1);
        assertThat(name).matches(SAFE);
        String stem = name.substring(0, name.indexOf('.'));
        assertThat(RESERVED).doesNotContain(stem.toUpperCase(Locale.ROOT));
        assertThat(name).endsWith(".x.000001ms.1.json").doesNotStartWith("-");
        assertThat(stem.length()).isBetween(1, 25);
    }

    @Test
    void longPaths_areCutButStayDistinct() {
        String base = "/" + "segment/".repeat(100);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            String name = ProfileFileNames.of("GET", base + i, 5, 1552408596);
            assertThat(name.length()).isLessThanOrEqualTo(ProfileFileNames.MAX_LENGTH - 7);
            assertThat(name).matches(SAFE).contains("-");
            names.add(name);
        }
        assertThat(names).hasSize(50);
        // stable: the same path always gives the same name
        assertThat(ProfileFileNames.of("GET", base + 1, 5, 1)).isEqualTo(ProfileFileNames.of("GET", base + 1, 5, 1));
    }

    @Test
    void suffixAndParse() {
        String name = "GET.root.000012ms.1552408596.json";
        assertThat(ProfileFileNames.withSuffix(name, 0)).isEqualTo(name);
        assertThat(ProfileFileNames.withSuffix(name, 2)).isEqualTo("GET.root.000012ms.1552408596.2.json");
        assertThat(ProfileFileNames.startEpochSecs(name)).isEqualTo(1552408596L);
        assertThat(ProfileFileNames.startEpochSecs("GET.root.000012ms.1552408596.2.json")).isEqualTo(1552408596L);
        assertThat(ProfileFileNames.startEpochSecs("notes.json")).isEqualTo(Long.MIN_VALUE);
        assertThat(ProfileFileNames.startEpochSecs("GET.x.1ms.99999999999999999999999.json")).isEqualTo(Long.MIN_VALUE);
    }
}
