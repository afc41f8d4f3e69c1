package dev.bulwark.all;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Firewall;
import dev.bulwark.core.Presets;
import dev.bulwark.core.Role;
import dev.bulwark.core.ScannerBinding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** bulwark-all is the one coordinate that gives every preset every scanner it names. */
class EveryDefaultScannerTest {

  @Test
  void theAgentPresetBuildsWithEveryScannerThatNeedsNoBackend() {
    try (Firewall fw = Firewall.builder().preset("agent").build()) {
      for (Role role : Role.values()) {
        List<String> expected = new ArrayList<>(Presets.get("agent").get(role));
        expected.remove("alignment-check");  // needs an LLM backend: skipped with a note, as documented
        assertThat(fw.scanners(role)).as(role.id()).extracting(ScannerBinding::name).containsExactlyElementsOf(expected);
      }
      assertThat(fw.notes()).singleElement().asString().contains("alignment-check");
    }
  }

  @Test
  void everyOtherPresetBuildsComplete() {
    for (String preset : List.of("default", "chatbot", "coding-assistant")) {
      try (Firewall fw = Firewall.builder().preset(preset).build()) {
        for (Role role : Role.values()) {
          assertThat(fw.scanners(role)).as(preset + " " + role.id()).extracting(ScannerBinding::name)
              .containsExactlyElementsOf(Presets.get(preset).get(role));
        }
        assertThat(fw.notes()).as(preset).isEmpty();
      }
    }
  }

  @Test
  void theBomManagesEveryModule() throws Exception {
    String parent = Files.readString(Path.of("..", "pom.xml"));
    String bom = Files.readString(Path.of("..", "bulwark-bom", "pom.xml"));
    Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(parent);
    int modules = 0;
    while (m.find()) {
      // examples and bulwark-architecture (the module-boundary test) are built, not published
      if (!List.of("bulwark-bom", "examples", "bulwark-architecture").contains(m.group(1))) {
        assertThat(bom).as(m.group(1)).contains("<artifactId>" + m.group(1) + "</artifactId>");
        modules++;
      }
    }
    assertThat(modules).isGreaterThanOrEqualTo(12);
  }
}
