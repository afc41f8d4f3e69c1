class Web {
    void setup(android.webkit.WebView w) {
        // ruleid: java.webview-file-access
        w.getSettings().setAllowFileAccess(true);
        // ok: java.webview-file-access
        w.getSettings().setAllowFileAccess(false);
    }
}
