package dev.hotline.core.report;

import dev.hotline.core.model.Profile;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The text reports lead with the application's code that the profile names, with no include packages given. */
class AppCodeReportsTest {
    private static final String APP = PetClinicProfile.APP;
    private static final Profile PETCLINIC = PetClinicProfile.build(List.of(APP));

    private static List<String> treeLines(Profile p) {
        String text = new CallTreeReport(ReportOptions.defaults()).render(p);
        return Arrays.asList(text.split("\n")).subList(1, text.split("\n").length);
    }

    @Test
    void callTree_showsTheAppFramesOfASpringPackage_andFoldsEverythingElse() {
        List<String> lines = treeLines(PETCLINIC);
        assertThat(lines).anyMatch(l -> l.contains(APP + ".owner.OwnerController.processFindForm  OwnerController.java:91"));
        assertThat(lines).anyMatch(l -> l.contains(APP + ".owner.Owner.getPets  Owner.java:83"));
        // No container or framework frame is shown on a line of its own: they are in the hidden runs.
        for (String l : lines) {
            if (l.contains("frames hidden]")) continue;
            assertThat(l).doesNotContain("org.apache.catalina").doesNotContain("org.springframework.web")
                    .doesNotContain("org.springframework.data").doesNotContain("org.hibernate.query").doesNotContain("Thread.run");
        }
        assertThat(lines.get(0)).matches("└─ 180\\.0 ms  \\[8\\d frames hidden]  java\\.lang, org\\.apache\\.tomcat, .*");
    }

    @Test
    void callTree_foldsTheSameAtEveryDepth() {
        List<String> lines = treeLines(PETCLINIC);
        int controller = indexOf(lines, "OwnerController.processFindForm");
        // Below the controller, 60 frames deep, the run down to the database is one line, like the container's.
        String below = lines.get(controller + 1);
        assertThat(below).matches(".*└─ 140\\.0 ms  \\[2\\d frames hidden]  jdk\\.proxy2, org\\.springframework\\.aop, "
                + "org\\.springframework\\.transaction, org\\.springframework\\.data, org\\.hibernate\\.query, .*");
        assertThat(lines.get(controller + 2)).contains("org.h2.command.query.Select.queryFlat");
        assertThat(indent(below)).isGreaterThan(indent(lines.get(controller)));
        // Thymeleaf's parser is a leaf of the container's run, not the hot method.
        assertThat(lines.stream().filter(l -> l.contains("frames hidden]")).count()).isEqualTo(2);
    }

    @Test
    void lineTable_leadsWithTheAppsMethods_withoutIncludePackages() {
        String text = new LineTableReport(ReportOptions.defaults()).render(PETCLINIC);
        assertThat(text).contains("Method: " + APP + ".owner.OwnerController.processFindForm")
                .contains("Method: " + APP + ".owner.Owner.getPets")
                .doesNotContain("Method: java.lang.Thread.run")
                .doesNotContain("Method: org.apache")
                .doesNotContain("Method: org.thymeleaf");
        assertThat(text.indexOf("OwnerController.processFindForm")).isLessThan(text.indexOf("Owner.getPets"));
    }

    @Test
    void configuredIncludePackagesWinOverTheProfiles() {
        ReportOptions o = ReportOptions.builder().includePackages("org.hibernate").build();
        assertThat(o.forProfile(PETCLINIC).isLibrary(PetClinicProfile.CONTROLLER)).isTrue();
        assertThat(ReportOptions.defaults().forProfile(PETCLINIC).isLibrary(PetClinicProfile.CONTROLLER)).isFalse();
    }

    @Test
    void aProfileFromBefore_fallsBackToTheLibraryList() {
        Profile old = PetClinicProfile.build(null);
        assertThat(old.appPackages()).isEmpty();
        ReportOptions o = ReportOptions.defaults().forProfile(old);
        assertThat(o.isLibrary(PetClinicProfile.CONTROLLER)).isTrue();
        assertThat(o.isLibrary(new dev.hotline.core.model.Frame("com.acme.Shop", "buy", "Shop.java", 3))).isFalse();
        // Still a readable tree.
        assertThat(treeLines(old)).isNotEmpty();
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).contains(text)) return i;
        throw new AssertionError("no line with " + text + " in\n" + String.join("\n", lines));
    }

    private static int indent(String line) {
        int i = 0;
        while (i < line.length() && "│ ├└─".indexOf(line.charAt(i)) >= 0) i++;
        return i;
    }
}
