package dev.bulwark.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.llm.LlamaGuardOutput.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class LlamaGuardOutputTest {
  @Test
  void parsesSafeAndUnsafeTolerantly() {
    assertThat(LlamaGuardOutput.parse("safe").verdict()).isEqualTo(Verdict.SAFE);
    assertThat(LlamaGuardOutput.parse("\n\nsafe<|eot_id|>").verdict()).isEqualTo(Verdict.SAFE);
    assertThat(LlamaGuardOutput.parse("  Safe  \n").verdict()).isEqualTo(Verdict.SAFE);
    LlamaGuardOutput u = LlamaGuardOutput.parse("\n\nunsafe\nS1,S10");
    assertThat(u.verdict()).isEqualTo(Verdict.UNSAFE);
    assertThat(u.codes()).containsExactly("S1", "S10");
    assertThat(LlamaGuardOutput.parse("unsafe\r\n s2 , S11 ").codes()).containsExactly("S2", "S11");
    assertThat(LlamaGuardOutput.parse("unsafe S9").codes()).containsExactly("S9");
    assertThat(LlamaGuardOutput.parse("unsafe,S1").codes()).containsExactly("S1");
    assertThat(LlamaGuardOutput.parse("UNSAFE").codes()).isEmpty();
    assertThat(LlamaGuardOutput.parse("\n\nunsafe\nS1").leadingWhitespace()).isEqualTo("\n\n");
  }

  @Test
  void garbageIsUnparseable() {
    assertThat(LlamaGuardOutput.parse("").verdict()).isEqualTo(Verdict.UNPARSEABLE);
    assertThat(LlamaGuardOutput.parse("I think this is fine").verdict()).isEqualTo(Verdict.UNPARSEABLE);
    assertThat(LlamaGuardOutput.parse("safety first").verdict()).isEqualTo(Verdict.UNPARSEABLE);
    assertThat(LlamaGuardOutput.parse("unsafely").verdict()).isEqualTo(Verdict.UNPARSEABLE);
  }

  @Test
  void unsafeProbabilityFromTopLogprobsAtTheFirstContentToken() {
    List<TokenLogprob> lp = List.of(
        new TokenLogprob("\n\n", -0.01, List.of()),
        new TokenLogprob("unsafe", Math.log(0.6), List.of(new TokenLogprob.Alternative("unsafe", Math.log(0.6)),
            new TokenLogprob.Alternative("safe", Math.log(0.2)))));
    assertThat(LlamaGuard.unsafeProbability(lp).getAsDouble()).isCloseTo(0.75, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(LlamaGuard.unsafeProbability(List.of(new TokenLogprob("hello", -1, List.of()))).isPresent()).isFalse();
  }
}
