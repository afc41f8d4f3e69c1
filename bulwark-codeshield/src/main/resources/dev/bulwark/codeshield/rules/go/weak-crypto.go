package main

func h(b []byte) {
	// ruleid: go.weak-crypto
	sum := md5.Sum(b)
	// ruleid: go.weak-crypto
	c, _ := des.NewCipher(key)
	// ok: go.weak-crypto
	good := sha256.Sum256(b)
}
