// ruleid: java.tls-verification-disabled
import org.apache.http.conn.ssl.NoopHostnameVerifier;
import javax.net.ssl.*;

class Tls {
    void setup(HttpsURLConnection c) {
        // ruleid: java.tls-verification-disabled
        c.setHostnameVerifier((host, session) -> true);
        X509TrustManager tm = new X509TrustManager() {
            public void checkClientTrusted(java.security.cert.X509Certificate[] x, String a) {}
            // ruleid: java.tls-verification-disabled
            public void checkServerTrusted(java.security.cert.X509Certificate[] x, String a) {}
            public java.security.cert.X509Certificate[] getAcceptedIssuers() { return null; }
        };
        // ok: java.tls-verification-disabled
        c.setHostnameVerifier(HttpsURLConnection.getDefaultHostnameVerifier());
    }
}
