package dev.bulwark.gateway.internal;

import dev.bulwark.core.FirewallResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * The answer of a request forwarded while it is still being judged ({@code request-scan: alongside}): everything
 * written before the request's verdict waits for it (the thread writing blocks; the work before the write, e.g.
 * judging the answer's first sentence, has overlapped the request's scan). Once the verdict allows, writes go
 * through; once it refuses, the refusal is written instead and later writes are dropped. The refusal is written as
 * soon as it is known, even while the exchange still waits for the upstream's first byte. To the exchange a refused
 * request is a client that left: the {@link #onClientGone} actions run (cancelling the upstream call) and
 * {@link #clientGone()} is true.
 */
final class HeldResponder implements Responder {
  private enum State { PENDING, ALLOWED, REFUSED }

  private final Responder out;
  private final CompletableFuture<FirewallResult> refusal;
  private final Consumer<FirewallResult> refuse;
  private final List<Runnable> onRefused = new ArrayList<>();  // guarded by this
  private State state = State.PENDING;  // guarded by this
  private boolean startPending;  // guarded by this: startEvents() came before the verdict

  /**
   * @param refusal completes with the request's refusing verdict, or null when it is allowed
   * @param refuse writes the refusal to {@code out}
   */
  HeldResponder(Responder out, CompletableFuture<FirewallResult> refusal, Consumer<FirewallResult> refuse) {
    this.out = out;
    this.refusal = refusal;
    this.refuse = refuse;
    refusal.whenComplete((verdict, failure) -> settle(verdict, failure));
  }

  /** Waits for the verdict; true when writes may go through (an answer whose start was put off is started first). */
  private boolean allowed() {
    FirewallResult verdict = null;
    Throwable failure = null;
    try {
      verdict = refusal.join();
    } catch (CompletionException | java.util.concurrent.CancellationException e) {
      failure = e.getCause() != null ? e.getCause() : e;
    }
    settle(verdict, failure);
    synchronized (this) {
      if (state == State.ALLOWED && startPending) {
        startPending = false;
        out.startEvents();
      }
      return state == State.ALLOWED;
    }
  }

  /** The first caller decides; a refusal (or a scan that failed: judged closed) is written here, once. */
  private void settle(FirewallResult verdict, Throwable failure) {
    List<Runnable> actions;
    synchronized (this) {
      if (state != State.PENDING) {
        return;
      }
      if (verdict == null && failure == null) {
        state = State.ALLOWED;
        return;
      }
      state = State.REFUSED;
      if (failure != null) {
        out.json(500, OpenAiShapes.error("the request could not be judged: " + failure, "server_error", null));
      } else {
        refuse.accept(verdict);
      }
      actions = List.copyOf(onRefused);
      onRefused.clear();
    }
    actions.forEach(Runnable::run);
  }

  @Override
  public void json(int status, String body) {
    if (allowed()) {
      out.json(status, body);
    }
  }

  /** Does not wait: the answer starts with its first event, once the verdict allows it. */
  @Override
  public void startEvents() {
    synchronized (this) {
      if (state == State.PENDING) {
        startPending = true;
        return;
      }
    }
    if (allowed()) {
      out.startEvents();
    }
  }

  @Override
  public void event(String data) {
    if (allowed()) {
      out.event(data);
    }
  }

  @Override
  public void endEvents() {
    if (allowed()) {
      out.endEvents();
    }
  }

  @Override
  public void onClientGone(Runnable action) {
    synchronized (this) {
      if (state != State.REFUSED) {
        onRefused.add(action);
        out.onClientGone(action);
        return;
      }
    }
    action.run();
  }

  @Override
  public boolean clientGone() {
    synchronized (this) {
      if (state == State.REFUSED) {
        return true;
      }
    }
    return out.clientGone();
  }

  @Override
  public void verdict(FirewallResult result) {
    out.verdict(result);
  }
}
