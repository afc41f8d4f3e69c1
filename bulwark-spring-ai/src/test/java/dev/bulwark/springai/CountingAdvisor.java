package dev.bulwark.springai;

import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.CallAdvisor;
import org.springframework.ai.chat.client.advisor.api.CallAdvisorChain;

/** An advisor placed after Bulwark's: counts the requests that get past it towards the model. */
final class CountingAdvisor implements CallAdvisor {
  final AtomicInteger calls = new AtomicInteger();

  @Override
  public ChatClientResponse adviseCall(ChatClientRequest request, CallAdvisorChain chain) {
    calls.incrementAndGet();
    return chain.nextCall(request);
  }

  @Override
  public String getName() {
    return "counting";
  }

  @Override
  public int getOrder() {
    return BulwarkAdvisor.DEFAULT_ORDER + 100;
  }
}
