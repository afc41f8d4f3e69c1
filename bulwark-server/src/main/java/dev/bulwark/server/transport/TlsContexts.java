package dev.bulwark.server.transport;

import dev.bulwark.server.TlsSettings;
import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolConfig.Protocol;
import io.netty.handler.ssl.ApplicationProtocolConfig.SelectedListenerFailureBehavior;
import io.netty.handler.ssl.ApplicationProtocolConfig.SelectorFailureBehavior;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import javax.net.ssl.SSLException;

/**
 * The server's TLS context from PEM files: the JDK's own TLS (no native library), TLS 1.3 and 1.2 only. ALPN offers
 * {@code h2} then {@code http/1.1} (only {@code http/1.1} with HTTP/2 off); with HTTP/2 on, TLS 1.2 keeps to the
 * cipher suites HTTP/2 allows (RFC 9113, appendix A).
 */
final class TlsContexts {
  static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

  private TlsContexts() {}

  /** @throws IllegalArgumentException naming the file that cannot be used, and why */
  static SslContext server(TlsSettings tls, boolean http2) {
    SslContextBuilder builder;
    try {
      builder = SslContextBuilder.forServer(tls.certificate().toFile(), tls.privateKey().toFile());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--tls-cert " + tls.certificate() + " / --tls-key " + tls.privateKey()
          + ": not a PEM certificate chain and its unencrypted PKCS#8 PEM key (BEGIN PRIVATE KEY): " + reason(e), e);
    }
    builder.sslProvider(SslProvider.JDK).protocols(PROTOCOLS)
        .applicationProtocolConfig(new ApplicationProtocolConfig(Protocol.ALPN,
            SelectorFailureBehavior.NO_ADVERTISE, SelectedListenerFailureBehavior.ACCEPT, http2
                ? new String[] {ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1}
                : new String[] {ApplicationProtocolNames.HTTP_1_1}));
    if (http2) {
      builder.ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE);
    }
    if (tls.clientCa() != null) {
      try {
        builder.trustManager(tls.clientCa().toFile()).clientAuth(ClientAuth.REQUIRE);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--tls-client-ca " + tls.clientCa() + ": not PEM certificates: "
            + reason(e), e);
      }
    }
    try {
      return builder.build();
    } catch (SSLException | IllegalArgumentException e) {
      throw new IllegalArgumentException("--tls-cert " + tls.certificate() + " / --tls-key " + tls.privateKey()
          + (tls.clientCa() != null ? " / --tls-client-ca " + tls.clientCa() : "") + ": " + reason(e), e);
    }
  }

  private static String reason(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root.getMessage() + ")";
  }
}
