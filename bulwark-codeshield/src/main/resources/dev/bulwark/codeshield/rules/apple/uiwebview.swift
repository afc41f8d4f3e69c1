// ruleid: apple.uiwebview
var webView: UIWebView!
// ok: apple.uiwebview
var modern: WKWebView!
