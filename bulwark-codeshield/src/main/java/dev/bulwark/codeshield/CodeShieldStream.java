package dev.bulwark.codeshield;

import dev.bulwark.codeshield.extract.FencedBlocks.Fence;
import dev.bulwark.core.ScanResult;
import dev.bulwark.core.StreamSession;
import java.util.ArrayList;
import java.util.List;

/**
 * Code Shield over a streamed answer: follows the fences line by line exactly as {@code FencedBlocks.split} does on the
 * whole text, and scans each piece once, when it is complete: a fenced block when its closing fence arrives (or at the
 * end, unterminated), the prose before a fence when the fence opens, and an answer with no fence as one piece at the
 * end. Release waits only for an open block (and for a line that may be opening one).
 */
final class CodeShieldStream implements StreamSession {
  private final CodeShieldScanner scanner;
  private final String hint;
  private int lineStart;
  private int line = 1;
  private int searchFrom;
  private Fence open;
  private int fenceStart;
  private int fenceLine;
  private int proseStart;
  private int proseLine = 1;
  private boolean sawFence;
  private boolean fenceMayOpen;

  CodeShieldStream(CodeShieldScanner scanner, String hint) {
    this.scanner = scanner;
    this.hint = hint;
  }

  @Override
  public List<ScanResult> advance(CharSequence answer, int upTo, boolean last) {
    List<ScanResult> out = new ArrayList<>(1);
    int n = answer.length();
    while (lineStart < n) {
      int nl = indexOfNewline(answer, Math.max(searchFrom, lineStart), n);
      if (nl < 0 && !last) {
        searchFrom = n;
        break;
      }
      int lineEnd = nl < 0 ? n : nl;
      line(answer, lineEnd, out);
      lineStart = nl < 0 ? n : nl + 1;
      searchFrom = lineStart;
      line++;
    }
    fenceMayOpen = open == null && mayOpenFence(answer, lineStart, n);
    if (last) {
      String text = answer.toString();
      if (open != null) {
        out.add(piece(text.substring(fenceStart), fenceStart, fenceLine));
      } else if (!sawFence) {
        if (!text.isBlank()) {
          out.add(piece(text, 0, 1));
        }
      } else if (proseStart < n) {
        out.add(prose(text.substring(proseStart), proseStart, proseLine));
      }
      if (out.isEmpty() && !sawFence) {
        out.add(ScanResult.skipped(CodeShieldScanner.NAME, "no code to scan"));
      }
    }
    return out;
  }

  /** One complete line {@code answer[lineStart, lineEnd)}: opens or closes a block, or belongs to the current piece. */
  private void line(CharSequence answer, int lineEnd, List<ScanResult> out) {
    Fence fence = Fence.at(answer, lineStart, lineEnd);
    if (open == null) {
      if (fence != null) {
        if (lineStart > proseStart) {
          String prose = answer.subSequence(proseStart, lineStart).toString();
          if (!prose.isBlank()) {
            out.add(prose(prose, proseStart, proseLine));
          }
        }
        sawFence = true;
        open = fence;
        fenceStart = lineStart;
        fenceLine = line;
      }
    } else if (fence != null && fence.closes(open)) {
      int after = Math.min(answer.length(), lineEnd + 1);
      out.add(piece(answer.subSequence(fenceStart, after).toString(), fenceStart, fenceLine));
      open = null;
      proseStart = after;
      proseLine = line + 1;
    }
  }

  @Override
  public int checked() {
    if (open != null) {
      return fenceStart;
    }
    return fenceMayOpen ? lineStart : Integer.MAX_VALUE;
  }

  private ScanResult piece(String text, int offset, int atLine) {
    // lines (also those inside taint-flow messages) counted in the whole answer, as scan on the whole answer counts them
    return scanner.pieceVerdict(scanner.shield().scan(text, hint, atLine), offset, 1);
  }

  private ScanResult prose(String text, int offset, int atLine) {
    return scanner.pieceVerdict(scanner.shield().scanProse(text, atLine), offset, 1);
  }

  /** Whether the unfinished line could still become a fence: up to three spaces, then a backtick or a tilde. */
  private static boolean mayOpenFence(CharSequence answer, int from, int n) {
    int i = from;
    while (i < n && i - from < 4 && answer.charAt(i) == ' ') {
      i++;
    }
    return i < n ? (i - from <= 3 && (answer.charAt(i) == '`' || answer.charAt(i) == '~')) : true;
  }

  private static int indexOfNewline(CharSequence s, int from, int n) {
    for (int i = from; i < n; i++) {
      if (s.charAt(i) == '\n') {
        return i;
      }
    }
    return -1;
  }
}
