import WebKit

func show(comment: String, in webView: WKWebView) {
    // ruleid: swift.tainted-html
    webView.loadHTMLString("<html><body><p>\(comment)</p></body></html>", baseURL: nil)
}

func showStatic(in webView: WKWebView) {
    // ok: swift.tainted-html
    webView.loadHTMLString("<html><body><p>Offline</p></body></html>", baseURL: nil)
}

func showEscaped(comment: String, in webView: WKWebView) {
    let safe = escapeHTML(comment)
    // ok: swift.tainted-html
    webView.loadHTMLString("<p>" + safe + "</p>", baseURL: nil)
}
