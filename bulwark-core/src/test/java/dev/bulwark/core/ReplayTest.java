package dev.bulwark.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.testing.TestScanners.Scripted;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Replay of traces (LlamaFirewall tests 28–35: the sync tests and their async twins share the assertions). */
class ReplayTest {
  private static final Trace FOUR_ROLES = Trace.of(Message.system("You are a helpful agent."), Message.user("Book a flight"),
      Message.assistant("Searching flights"), Message.tool("Flight AB123 at 10:00"));

  private static Firewall firewall(Scripted scanner) {
    Firewall.Builder b = Firewall.builder();
    for (Role r : Role.values()) {
      b.add(r, scanner);
    }
    return b.build();
  }

  private static Function<Firewall, FirewallResult> replay(boolean async, Trace trace) {
    return fw -> async ? fw.scanAsync(trace).join() : fw.scan(trace);
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void stopsAtHumanReviewAndReportsTheIndex(boolean async) { // LF 28, 32
    Scripted s = new Scripted("s", List.of(ScanResult.allow("s", "ok"),
        ScanResult.of("s", Decision.HUMAN_IN_THE_LOOP_REQUIRED, 0.6, "needs review", List.of())));
    try (Firewall fw = firewall(s)) {
      FirewallResult r = replay(async, Trace.of(Message.user("a"), Message.assistant("b"), Message.tool("c"))).apply(fw);
      assertThat(r.decision()).isEqualTo(Decision.HUMAN_IN_THE_LOOP_REQUIRED);
      assertThat(r.score()).isEqualTo(0.6);
      assertThat(r.reason()).contains("needs review");
      assertThat(r.index()).isEqualTo(1);
      assertThat(s.calls()).isEqualTo(2);
    }
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void allowsATraceWhoseMessagesAreAllAllowed(boolean async) { // LF 29, 33
    Scripted s = new Scripted("s", List.of(ScanResult.allow("s", 0.1, "ok"), ScanResult.allow("s", 0.3, "ok"),
        ScanResult.allow("s", 0.2, "ok"), ScanResult.allow("s", 0.0, "ok")));
    try (Firewall fw = firewall(s)) {
      FirewallResult r = replay(async, FOUR_ROLES).apply(fw);
      assertThat(r.decision()).isEqualTo(Decision.ALLOW);
      assertThat(r.score()).isEqualTo(0.3);
      assertThat(r.reason()).isEqualTo("all 4 messages allowed");
      assertThat(r.index()).isEqualTo(3);
      assertThat(s.calls()).isEqualTo(4);
      // each message is judged with the messages before it as context
      assertThat(s.contexts()).extracting(Trace::size).containsExactly(0, 1, 2, 3);
      assertThat(s.contexts().get(3)).isEqualTo(FOUR_ROLES.prefix(3));
    }
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void stopsAtTheFirstBlock(boolean async) { // LF 30, 34
    Scripted s = new Scripted("s", List.of(ScanResult.allow("s", "ok"),
        ScanResult.of("s", Decision.BLOCK, 0.8, "unsafe content detected", List.of()),
        ScanResult.allow("s", "never reached")));
    try (Firewall fw = firewall(s)) {
      FirewallResult r = replay(async, Trace.of(Message.user("a"), Message.assistant("b"), Message.tool("c"))).apply(fw);
      assertThat(r.decision()).isEqualTo(Decision.BLOCK);
      assertThat(r.score()).isEqualTo(0.8);
      assertThat(r.index()).isEqualTo(1);
      assertThat(s.calls()).isEqualTo(2);
    }
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void scanAndAppendKeepsOnlyAllowedMessages(boolean async) { // LF 31, 35
    Scripted s = new Scripted("s", List.of(ScanResult.allow("s", "ok"), ScanResult.allow("s", "ok"),
        ScanResult.of("s", Decision.BLOCK, 0.9, "unsafe content detected", List.of())));
    try (Firewall fw = firewall(s)) {
      Trace trace = Trace.empty();
      for (Message m : List.of(Message.user("a"), Message.assistant("b"))) {
        AppendResult step = async ? fw.scanAndAppendAsync(m, trace).join() : fw.scanAndAppend(m, trace);
        assertThat(step.result().decision()).isEqualTo(Decision.ALLOW);
        assertThat(step.trace().size()).isEqualTo(trace.size() + 1);
        trace = step.trace();
      }
      Trace before = trace;
      AppendResult blocked = async ? fw.scanAndAppendAsync(Message.tool("c"), trace).join() : fw.scanAndAppend(Message.tool("c"), trace);
      assertThat(blocked.result().decision()).isEqualTo(Decision.BLOCK);
      assertThat(blocked.result().reason()).contains("unsafe content detected");
      assertThat(blocked.trace()).isEqualTo(before);
      assertThat(blocked.trace().size()).isEqualTo(2);
    }
  }

  @Test
  void anEmptyTraceIsSkipped() {
    try (Firewall fw = firewall(new Scripted("s", List.of()))) {
      FirewallResult r = fw.scan(Trace.empty());
      assertThat(r.decision()).isEqualTo(Decision.ALLOW);
      assertThat(r.status()).isEqualTo(Status.SKIPPED);
      assertThat(r.index()).isEqualTo(-1);
    }
  }
}
