// expect: insecure CWE-295
import javax.net.ssl.*;
import java.security.cert.X509Certificate;

public final class LenientTls {
  public static SSLContext context() throws Exception {
    TrustManager[] trustAll = new TrustManager[] { new X509TrustManager() {
      public void checkClientTrusted(X509Certificate[] chain, String authType) {}
      public void checkServerTrusted(X509Certificate[] chain, String authType) {}
      public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
    }};
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, trustAll, new java.security.SecureRandom());
    return ctx;
  }
}
