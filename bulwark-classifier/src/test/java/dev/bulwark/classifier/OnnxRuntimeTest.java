package dev.bulwark.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.classifier.testing.TinyOnnxModels;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxRuntimeTest {
  @TempDir Path tmp;

  @Test
  void sequenceClassifierLoadsAnExportAndReturnsProbabilities() throws Exception {
    Path dir = TinyOnnxModels.classifierDirectory(tmp.resolve("pg1"), List.of("BENIGN", "INJECTION", "JAILBREAK"));
    try (SequenceClassifier c = SequenceClassifier.open(ModelDirectory.open(dir), 1, 1.0)) {
      assertThat(c.labels()).containsExactly("BENIGN", "INJECTION", "JAILBREAK");
      assertThat(c.maxContentTokens()).isEqualTo(510);
      Tokens t = c.tokeniser().tokenise("hello world");
      List<float[]> p = c.probabilities(List.of(c.tokeniser().wrap(t, 0, t.size()), c.tokeniser().wrap(t, 0, 1)));
      assertThat(p).hasSize(2);
      for (float[] row : p) {
        assertThat(row[0] + row[1] + row[2]).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-5f));
      }
    }
  }

  @Test
  void missingFilesAreNamed() throws Exception {
    Path dir = TinyOnnxModels.classifierDirectory(tmp.resolve("m"), List.of("BENIGN", "MALICIOUS"));
    Files.delete(dir.resolve("tokenizer.json"));
    assertThatThrownBy(() -> ModelDirectory.open(dir)).isInstanceOf(ClassifierException.class).hasMessageContaining("missing tokenizer.json");
    Files.delete(dir.resolve("model.onnx"));
    assertThatThrownBy(() -> ModelDirectory.open(dir)).hasMessageContaining("model.onnx, tokenizer.json");
    assertThatThrownBy(() -> ModelDirectory.open(tmp.resolve("nowhere"))).hasMessageContaining("model directory not found");
  }

  @Test
  void configWithoutLabelsIsRejected() throws Exception {
    Path dir = TinyOnnxModels.classifierDirectory(tmp.resolve("c"), List.of("BENIGN", "MALICIOUS"));
    Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"bert\"}");
    assertThatThrownBy(() -> ModelDirectory.open(dir)).hasMessageContaining("no 'id2label'");
  }

  @Test
  void unexpectedOutputsAreRejectedWithTheirShape() throws Exception {
    Path dir = TinyOnnxModels.classifierDirectory(tmp.resolve("e"), List.of("BENIGN", "MALICIOUS"));
    // an encoder (last_hidden_state) where a classifier is expected
    try (InputStream in = getClass().getResourceAsStream(SentenceEncoder.MINILM_MODEL_RESOURCE)) {
      Files.write(dir.resolve("model.onnx"), in.readAllBytes());
    }
    assertThatThrownBy(() -> SequenceClassifier.open(ModelDirectory.open(dir), 1, 1.0))
        .isInstanceOf(ClassifierException.class)
        .hasMessageContaining("unexpected outputs last_hidden_state float[?,?,384]")
        .hasMessageContaining("expected 'logits' float[batch,2]");
    // label count disagreeing with the model
    Path three = TinyOnnxModels.classifierDirectory(tmp.resolve("three"), List.of("A", "B", "C"));
    Files.writeString(three.resolve("config.json"), "{\"id2label\": {\"0\": \"BENIGN\", \"1\": \"MALICIOUS\"}}");
    assertThatThrownBy(() -> SequenceClassifier.open(ModelDirectory.open(three), 1, 1.0)).hasMessageContaining("unexpected outputs logits float[?,3]");
  }

  private static double cosine(float[] a, float[] b) {
    double d = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      d += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return d / Math.sqrt(na * nb);
  }

  @Test
  void embeddedMiniLmIsNotTruncatedAndMapsEmojiOffsets() {
    try (SentenceEncoder enc = SentenceEncoder.embeddedMiniLm(1)) {
      Tokeniser tok = enc.tokeniser();
      assertThat(tok.specialTokenCount()).isEqualTo(2);
      Tokens big = tok.tokenise("word ".repeat(600));
      assertThat(big.size()).isEqualTo(600);
      String s = "Hi 😀 there";
      Tokens t = tok.tokenise(s);
      List<String> pieces = new ArrayList<>();
      for (int i = 0; i < t.size(); i++) {
        pieces.add(s.substring(t.charStart()[i], t.charEnd()[i]));
      }
      assertThat(pieces).containsExactly("Hi", "😀", "there");
      List<float[]> e = enc.embed(List.of(tok.wrap(t, 0, t.size())));
      assertThat(e.get(0)).hasSize(384);
      // the int8 model quantises activations per batch: batch-mates shift an embedding slightly, never a lot
      Tokens other = tok.tokenise("Yo 😀 where");
      float[] alone = enc.embed(List.of(tok.wrap(t, 0, t.size()))).get(0);
      float[] again = enc.embed(List.of(tok.wrap(t, 0, t.size()))).get(0);
      float[] batched = enc.embed(List.of(tok.wrap(t, 0, t.size()), tok.wrap(other, 0, other.size()))).get(0);
      assertThat(again).containsExactly(alone);
      assertThat(cosine(alone, batched)).isGreaterThan(0.95);
    }
  }

  @Test
  void closingWhileOtherThreadsInferWaitsForThemAndLaterCallsFailClearly() throws Exception {
    SentenceEncoder enc = SentenceEncoder.embeddedMiniLm(1);
    Tokeniser tok = enc.tokeniser();
    Tokens t = tok.tokenise("a sentence long enough to keep the model busy for a moment ".repeat(8));
    long[] input = tok.wrap(t, 0, t.size());
    java.util.concurrent.atomic.AtomicInteger completed = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(3);
    List<Thread> workers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Thread w = new Thread(() -> {
        started.countDown();
        for (int k = 0; k < 200; k++) {
          try {
            assertThat(enc.embed(List.of(input)).get(0)).hasSize(384);
            completed.incrementAndGet();
          } catch (ClassifierException e) {
            assertThat(e.getMessage()).contains("closed");
            refused.incrementAndGet();
            return;
          }
        }
      });
      w.start();
      workers.add(w);
    }
    started.await();
    Thread.sleep(50);
    enc.close(); // must not free the model under a running inference
    for (Thread w : workers) {
      w.join(60_000);
    }
    assertThat(refused.get()).isEqualTo(3);
    assertThat(completed.get()).isPositive();
    assertThatThrownBy(() -> tok.tokenise("after close")).isInstanceOf(ClassifierException.class).hasMessageContaining("closed");
    enc.close(); // idempotent
  }
}
