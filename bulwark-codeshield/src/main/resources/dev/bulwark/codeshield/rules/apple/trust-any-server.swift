import Foundation

final class LenientDelegate: NSObject, URLSessionDelegate {
    func urlSession(_ session: URLSession, didReceive challenge: URLAuthenticationChallenge,
                    completionHandler: @escaping (URLSession.AuthChallengeDisposition, URLCredential?) -> Void) {
        // ruleid: apple.trust-any-server
        completionHandler(.useCredential, URLCredential(trust: challenge.protectionSpace.serverTrust!))
        // ok: apple.trust-any-server
        completionHandler(.performDefaultHandling, nil)
    }
}
