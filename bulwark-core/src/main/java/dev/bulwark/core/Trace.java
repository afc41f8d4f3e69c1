package dev.bulwark.core;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** An immutable, ordered sequence of messages: a conversation or an agent run. */
public final class Trace implements Iterable<Message> {
  private static final Trace EMPTY = new Trace(List.of());

  private final List<Message> messages;

  private Trace(List<Message> messages) {
    this.messages = messages;
  }

  public static Trace empty() {
    return EMPTY;
  }

  public static Trace of(Message... messages) {
    return new Trace(List.of(messages));
  }

  public static Trace of(List<Message> messages) {
    return messages.isEmpty() ? EMPTY : new Trace(List.copyOf(messages));
  }

  public List<Message> messages() {
    return messages;
  }

  public int size() {
    return messages.size();
  }

  public boolean isEmpty() {
    return messages.isEmpty();
  }

  public Message get(int index) {
    return messages.get(index);
  }

  /** The first {@code count} messages. */
  public Trace prefix(int count) {
    return count == messages.size() ? this : new Trace(messages.subList(0, count));
  }

  /** A new trace with {@code message} appended; this one is unchanged. */
  public Trace append(Message message) {
    List<Message> copy = new ArrayList<>(messages.size() + 1);
    copy.addAll(messages);
    copy.add(message);
    return new Trace(List.copyOf(copy));
  }

  /** The most recent message with this role, or null. */
  public Message lastWithRole(Role role) {
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i).role() == role) {
        return messages.get(i);
      }
    }
    return null;
  }

  /** The first message with this role, or null. */
  public Message firstWithRole(Role role) {
    for (Message m : messages) {
      if (m.role() == role) {
        return m;
      }
    }
    return null;
  }

  @Override
  public Iterator<Message> iterator() {
    return messages.iterator();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Trace t && t.messages.equals(messages);
  }

  @Override
  public int hashCode() {
    return messages.hashCode();
  }

  @Override
  public String toString() {
    return "Trace" + messages;
  }
}
