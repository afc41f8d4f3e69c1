import java.net.*;

class Fetch {
    String get(String endpoint, String host, int port) throws Exception {
        // ruleid: java.ssrf
        HttpURLConnection conn = (HttpURLConnection) new URL(endpoint).openConnection();
        // ruleid: java.ssrf
        Socket s = new Socket(host, port);
        // ok: java.ssrf
        URL fixed = new URL("https://api.example.com/v1/status");
        return conn.getResponseMessage();
    }
}
