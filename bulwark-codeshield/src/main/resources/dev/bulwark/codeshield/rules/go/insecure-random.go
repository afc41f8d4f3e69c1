package main

import (
	crand "crypto/rand"
	"math/rand"
)

func newToken() string {
	b := make([]byte, 32)
	crand.Read(b) // session token bytes
	return hex.EncodeToString(b)
}

func reset() int {
	// ruleid: go.insecure-random
	resetToken := rand.Intn(1000000)
	return resetToken
}

func jitter() time.Duration {
	// ok: go.insecure-random
	return time.Duration(rand.Intn(100)) * time.Millisecond
}

func other(m map[string]int) int {
	// ok: go.insecure-random
	return len(m)
}
