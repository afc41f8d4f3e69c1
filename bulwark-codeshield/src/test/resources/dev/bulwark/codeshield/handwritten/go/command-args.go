// expect: secure
package deploy

import (
	"context"
	"os/exec"
)

func Checkout(ctx context.Context, repo, ref, dir string) error {
	cmd := exec.CommandContext(ctx, "git", "clone", "--branch", ref, "--depth", "1", repo, dir)
	return cmd.Run()
}
