package main

import "math/rand"

func token() int {
	// ruleid: go.insecure-random
	return rand.Intn(1000000)
}

func other(m map[string]int) int {
	// ok: go.insecure-random
	return len(m)
}
