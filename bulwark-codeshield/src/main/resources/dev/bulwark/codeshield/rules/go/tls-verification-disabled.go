package main

func client() *http.Client {
	// ruleid: go.tls-verification-disabled
	tr := &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}
	// ok: go.tls-verification-disabled
	ok := &tls.Config{MinVersion: tls.VersionTLS12}
	return &http.Client{Transport: tr}
}
