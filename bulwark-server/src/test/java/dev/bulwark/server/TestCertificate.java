package dev.bulwark.server;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A server certificate for {@code localhost} and {@code 127.0.0.1}, made in a test by the JDK's {@code keytool}: its
 * PKCS12 store, the PEM files {@code serve --tls-cert/--tls-key} read, and a client context that trusts it. Tests are
 * skipped when the JDK has no {@code keytool}.
 */
record TestCertificate(Path p12, Path certPem, Path keyPem) {
  static final String PASSWORD = "test-password";

  /** Makes the certificate in {@code dir} ({@code server.p12}, {@code cert.pem}, {@code key.pem}). */
  static TestCertificate make(Path dir) throws Exception {
    Path p12 = dir.resolve("server.p12");
    keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=localhost", "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", "2",
        "-keystore", p12.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
    KeyStore server = load(p12);
    Path cert = pem(dir.resolve("cert.pem"), "CERTIFICATE", server.getCertificate("server").getEncoded());
    Path key = pem(dir.resolve("key.pem"), "PRIVATE KEY",
        ((PrivateKey) server.getKey("server", PASSWORD.toCharArray())).getEncoded());
    return new TestCertificate(p12, cert, key);
  }

  /** The server side: {@code --tls-cert} and {@code --tls-key}, no client certificates. */
  TlsSettings tls() {
    return new TlsSettings(certPem, keyPem, null);
  }

  /** A client context that trusts this certificate, and only it. */
  SSLContext trusting() throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("server", load(p12).getCertificate("server"));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }

  static KeyStore load(Path p12) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(p12)) {
      ks.load(in, PASSWORD.toCharArray());
    }
    return ks;
  }

  /** Runs the JDK's keytool (the test is skipped without one); fails with its output when it fails. */
  static void keytool(String... args) throws Exception {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    assumeTrue(Files.isExecutable(keytool), "keytool is not in this JDK");
    List<String> command = new ArrayList<>();
    command.add(keytool.toString());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError("keytool " + String.join(" ", args) + " failed: " + out);
    }
  }

  private static Path pem(Path file, String type, byte[] der) throws java.io.IOException {
    String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return Files.writeString(file, "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n");
  }
}
