package dev.bulwark.llm.embedded;

import dev.bulwark.llm.ChatMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * Which text is judged and which request it answers: the last user or assistant message (with the messages of the
 * same role right before it, as Llama Guard merges consecutive turns of one role), and for an assistant turn the
 * user turn before it. Only these two turns are read, so a 200-turn conversation costs what a 2-turn one does.
 *
 * @param role {@code User} or {@code Agent}
 * @param judged the judged turn's text
 * @param request for an Agent turn the user turn before it ("" when there is none), null for a User turn
 */
public record Turns(String role, String judged, String request) {

  public static Turns of(List<ChatMessage> conversation) {
    List<ChatMessage> kept = new ArrayList<>();
    for (ChatMessage m : conversation) {
      if (m.role().equals("user") || m.role().equals("assistant")) {
        kept.add(m);
      }
    }
    if (kept.isEmpty()) {
      throw new IllegalArgumentException("nothing to moderate: the conversation has no user or assistant message");
    }
    int end = kept.size();
    String role = kept.get(end - 1).role();
    int start = runStart(kept, end, role);
    String judged = join(kept, start, end);
    if (role.equals("user")) {
      return new Turns("User", judged, null);
    }
    int requestStart = start > 0 ? runStart(kept, start, "user") : start;
    return new Turns("Agent", judged, join(kept, requestStart, start));
  }

  private static int runStart(List<ChatMessage> kept, int end, String role) {
    int s = end;
    while (s > 0 && kept.get(s - 1).role().equals(role)) {
      s--;
    }
    return s;
  }

  private static String join(List<ChatMessage> kept, int from, int to) {
    StringBuilder sb = new StringBuilder();
    for (int i = from; i < to; i++) {
      String t = kept.get(i).text();
      if (!t.isEmpty()) {
        if (sb.length() > 0) {
          sb.append('\n');
        }
        sb.append(t);
      }
    }
    return sb.toString();
  }
}
