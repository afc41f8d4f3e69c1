package dev.bulwark.promptguard;

import dev.bulwark.classifier.ClassifierException;
import dev.bulwark.classifier.MicroBatcher;
import dev.bulwark.classifier.ModelDirectory;
import dev.bulwark.classifier.NormalisedText;
import dev.bulwark.classifier.SequenceClassifier;
import dev.bulwark.classifier.runtime.Threading;
import dev.bulwark.classifier.TextNormaliser;
import dev.bulwark.classifier.TokenWindow;
import dev.bulwark.classifier.Tokens;
import dev.bulwark.classifier.Windower;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A Hugging Face sequence-classification export (Prompt Guard 2 22M/86M, Prompt Guard 1, other BERT/DeBERTa
 * classifiers) as the scanner's model: normalise → tokenise → overlapping windows of up to 512 tokens → batched
 * inference → the score of a window is the probability mass of the malicious labels → max over windows.
 */
public final class OnnxPromptGuard implements PromptAttackModel {
  private final SequenceClassifier classifier;
  private final TextNormaliser normaliser;
  private final Windower windower;
  private final int[] maliciousIndices;
  private final MicroBatcher<long[], float[]> batcher;
  private final double threshold;

  /**
   * @param maliciousLabels labels whose probabilities add up to the score; empty = every label but the first benign one
   */
  public OnnxPromptGuard(Path modelDir, List<String> maliciousLabels, double temperature, int overlap, boolean preprocess,
      boolean microBatch, Duration maxWait, Threading threads, double threshold) {
    ModelDirectory dir = ModelDirectory.open(modelDir);
    this.maliciousIndices = maliciousIndices(dir, maliciousLabels);
    this.classifier = SequenceClassifier.open(dir, threads, temperature);
    this.normaliser = new TextNormaliser(preprocess ? TextNormaliser.ALL : TextNormaliser.NONE);
    int size = classifier.maxContentTokens();
    this.windower = new Windower(size, Math.min(overlap, size - 1));
    this.batcher = microBatch
        ? new MicroBatcher<>("prompt-guard-onnx", 16, maxWait, 2, w -> w.length, classifier::probabilities)
        : null;
    this.threshold = threshold;
  }

  /** Indices of the labels that count as malicious; unknown names are an error listing the model's labels. */
  static int[] maliciousIndices(ModelDirectory dir, List<String> names) {
    List<String> labels = dir.labels();
    List<Integer> out = new ArrayList<>();
    if (names.isEmpty()) {
      Set<String> benign = Set.of("BENIGN", "SAFE", "LABEL_0", "NEGATIVE", "LEGIT", "NORMAL");
      for (int i = 0; i < labels.size(); i++) {
        if (!benign.contains(labels.get(i).toUpperCase(Locale.ROOT))) {
          out.add(i);
        }
      }
    } else {
      for (String n : names) {
        int idx = -1;
        for (int i = 0; i < labels.size(); i++) {
          if (labels.get(i).equalsIgnoreCase(n)) {
            idx = i;
          }
        }
        if (idx < 0) {
          throw new ClassifierException("label '" + n + "' is not one of the model's labels " + labels + " (config.json id2label)");
        }
        out.add(idx);
      }
    }
    if (out.isEmpty() || out.size() == labels.size()) {
      throw new ClassifierException("cannot tell benign from malicious among the labels " + labels + "; set 'labels' to the malicious ones");
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  @Override
  public Verdict score(String text) {
    NormalisedText nt = normaliser.normalise(text);
    if (nt.text().isBlank()) {
      return new Verdict(0.0, 0, 0, "empty", 0);
    }
    Tokens tokens = classifier.tokeniser().tokenise(nt.text());
    List<TokenWindow> windows = windower.windows(tokens);
    List<long[]> inputs = new ArrayList<>(windows.size());
    for (TokenWindow w : windows) {
      inputs.add(classifier.tokeniser().wrap(tokens, w.tokenStart(), w.tokenEnd()));
    }
    List<float[]> probs = new ArrayList<>();
    if (batcher != null) {
      probs = batcher.apply(inputs);
    } else {
      for (int from = 0; from < inputs.size(); from += 16) {
        probs.addAll(classifier.probabilities(inputs.subList(from, Math.min(inputs.size(), from + 16))));
      }
    }
    double best = -1;
    TokenWindow bestWindow = windows.get(0);
    for (int i = 0; i < windows.size(); i++) {
      double s = 0;
      for (int k : maliciousIndices) {
        s += probs.get(i)[k];
      }
      if (s > best) {
        best = s;
        bestWindow = windows.get(i);
      }
    }
    return new Verdict(Math.min(1.0, Math.max(0.0, best)), nt.originalStart(bestWindow.charStart()),
        nt.originalEnd(bestWindow.charEnd()), "model", windows.size());
  }

  @Override
  public String description() {
    return "ONNX classifier " + classifier.directory().dir().getFileName();
  }

  @Override
  public double defaultThreshold() {
    return threshold;
  }

  @Override
  public void close() {
    if (batcher != null) {
      batcher.close();
    }
    classifier.close();
  }
}
