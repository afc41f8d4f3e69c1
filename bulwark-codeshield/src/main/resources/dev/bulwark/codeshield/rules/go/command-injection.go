package main

import "os/exec"

func run(input string, prog string) {
	// ruleid: go.command-injection
	exec.Command("sh", "-c", "ls "+input).Run()
	// ruleid: go.command-injection
	exec.Command(prog, "-v").Run()
	// ok: go.command-injection
	exec.Command("ls", "-l", input).Run()
	// ok: go.command-injection
	exec.Command("git", "status").Run()
}
