package dev.bulwark.springai;

import dev.bulwark.core.Firewall;
import dev.bulwark.core.FirewallConfig;
import dev.bulwark.springai.internal.MicrometerVerdicts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.chat.client.ChatClientBuilderCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring Boot auto-configuration: a {@link Firewall} bean built once from {@code bulwark.config} (or
 * {@code bulwark.preset}), a {@link BulwarkAdvisor} bean, the advisor added to every auto-configured
 * {@code ChatClient}, and Micrometer metrics when a {@code MeterRegistry} is present. Each bean backs off when the
 * application defines its own.
 */
@AutoConfiguration
@ConditionalOnClass({Firewall.class, ChatClientBuilderCustomizer.class})
@EnableConfigurationProperties(BulwarkProperties.class)
public class BulwarkAutoConfiguration {
  private static final Logger LOG = LoggerFactory.getLogger(BulwarkAutoConfiguration.class);

  /** Closed with the context (Spring calls {@code close()} on AutoCloseable beans). */
  @Bean
  @ConditionalOnMissingBean
  public Firewall bulwarkFirewall(BulwarkProperties properties) {
    FirewallConfig config = properties.config() == null || properties.config().isBlank()
        ? FirewallConfig.defaults() : FirewallConfig.fromLocation(properties.config());
    Firewall.Builder builder = Firewall.builder().config(config);
    if (properties.preset() != null && !properties.preset().isBlank()) {
      builder.preset(properties.preset());
    }
    if (properties.allowMissingScanners() != null) {
      builder.allowMissingScanners(properties.allowMissingScanners());
    }
    Firewall firewall = builder.build();
    // Once, at start: which scanners guard which role, so a partial setup is visible before it matters.
    LOG.info("Bulwark firewall from {}: {}", config.source(), firewall.describe());
    return firewall;
  }

  @Bean
  @ConditionalOnMissingBean
  public BulwarkAdvisor bulwarkAdvisor(Firewall firewall, BulwarkProperties properties,
      ObjectProvider<VerdictListener> listeners) {
    return BulwarkAdvisor.builder(firewall)
        .onBlock(properties.onBlock())
        .onReview(properties.onReview())
        .refusal(properties.refusalMessage())
        .scanInput(properties.scanInput())
        .scanOutput(properties.scanOutput())
        .order(properties.advisor().order())
        .listener((direction, result, took) -> listeners.orderedStream().forEach(l -> l.onVerdict(direction, result, took)))
        .build();
  }

  @Bean
  @ConditionalOnProperty(prefix = "bulwark.advisor", name = "enabled", matchIfMissing = true)
  public ChatClientBuilderCustomizer bulwarkChatClientBuilderCustomizer(BulwarkAdvisor advisor) {
    return builder -> builder.defaultAdvisors(advisor);
  }

  /** Only loaded when Micrometer is on the class path (the class names it). */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
  static class MetricsConfiguration {
    @Bean
    @ConditionalOnBean(type = "io.micrometer.core.instrument.MeterRegistry")
    @ConditionalOnMissingBean(MicrometerVerdicts.class)
    MicrometerVerdicts bulwarkMicrometerVerdicts(io.micrometer.core.instrument.MeterRegistry registry) {
      return new MicrometerVerdicts(registry);
    }
  }
}
