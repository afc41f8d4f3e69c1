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
	// ok: go.command-injection
	exec.CommandContext(ctx, "git", "clone", "--depth", "1", input, prog).Run()
	// ruleid: go.command-injection
	exec.CommandContext(r.Context(), "bash", "-c", "tar xf "+input).Run()
	// ruleid: go.command-injection
	exec.CommandContext(ctx, prog, input).Run()
}
