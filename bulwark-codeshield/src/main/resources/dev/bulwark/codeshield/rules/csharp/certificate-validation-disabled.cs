class Http {
    void Setup(HttpClientHandler handler) {
        // ruleid: csharp.certificate-validation-disabled
        ServicePointManager.ServerCertificateValidationCallback += (sender, cert, chain, errors) => true;
        // ruleid: csharp.certificate-validation-disabled
        handler.ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator;
        // ok: csharp.certificate-validation-disabled
        handler.ServerCertificateCustomValidationCallback = (m, c, ch, e) => e == SslPolicyErrors.None;
    }
}
