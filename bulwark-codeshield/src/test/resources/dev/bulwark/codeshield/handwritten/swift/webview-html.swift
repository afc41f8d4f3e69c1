// expect: insecure CWE-79
import WebKit

func show(comment: String, in webView: WKWebView) {
    webView.loadHTMLString("<html><body><p>\(comment)</p></body></html>", baseURL: nil)
}
