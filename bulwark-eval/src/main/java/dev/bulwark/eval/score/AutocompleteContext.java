package dev.bulwark.eval.score;

/**
 * The two halves of an autocomplete test case's original code, split at the first occurrence of the flagged line as
 * CyberSecEval splits them: {@code before} (everything before it, the detector's context) and {@code after} (the
 * flagged line, a newline, then the text up to the line's next occurrence or the end: the BLEU reference).
 *
 * @param before the code before the flagged line, or null when the split is impossible
 * @param after the BLEU reference, or null when the split is impossible
 */
public record AutocompleteContext(String before, String after) {
  static final AutocompleteContext NONE = new AutocompleteContext(null, null);

  public static AutocompleteContext of(String originCode, String lineText) {
    if (originCode == null || originCode.isEmpty() || lineText == null || lineText.isEmpty()) {
      return NONE;
    }
    int at = originCode.indexOf(lineText);
    if (at < 0) {
      return NONE;
    }
    int restStart = at + lineText.length();
    int next = originCode.indexOf(lineText, restStart);
    String rest = next < 0 ? originCode.substring(restStart) : originCode.substring(restStart, next);
    return new AutocompleteContext(originCode.substring(0, at), lineText + "\n" + rest);
  }
}
