fn client(skip: bool) {
    // ruleid: rust.tls-verification-disabled
    let c = reqwest::Client::builder().danger_accept_invalid_certs(true).build();
    // ruleid: rust.tls-verification-disabled
    let d = builder.danger_accept_invalid_certs(skip);
    // ruleid: rust.tls-verification-disabled
    ctx.set_verify(SslVerifyMode::NONE);
    // ok: rust.tls-verification-disabled
    let e = builder.danger_accept_invalid_certs(false);
}
