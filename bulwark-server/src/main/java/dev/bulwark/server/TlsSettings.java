package dev.bulwark.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * HTTPS for {@code serve}: a PEM certificate chain and its PEM private key (PKCS#8, unencrypted: {@code BEGIN PRIVATE
 * KEY}), and optionally the PEM certificates of the authorities whose client certificates are accepted (then every
 * client must present one). TLS 1.2 and 1.3 only.
 *
 * @param clientCa null: no client certificates asked for
 */
public record TlsSettings(Path certificate, Path privateKey, Path clientCa) {
  public TlsSettings {
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(privateKey, "privateKey");
    readable(certificate, "--tls-cert");
    readable(privateKey, "--tls-key");
    if (clientCa != null) {
      readable(clientCa, "--tls-client-ca");
    }
  }

  private static void readable(Path file, String option) {
    if (!Files.isReadable(file)) {
      throw new IllegalArgumentException(option + ": cannot read " + file);
    }
  }
}
