use std::process::Command;

fn run(p: &str, prog: String) {
    // ruleid: rust.command-injection
    let out = Command::new(p).output();
    // ruleid: rust.command-injection
    let c = std::process::Command::new(&prog).spawn();
    // ok: rust.command-injection
    let ls = Command::new("ls").arg(p).output();
    // ok: rust.command-injection
    let u = UserCommand::new(p);
}
