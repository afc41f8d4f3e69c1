fn run(line: &str) {
    // ruleid: rust.shell-command
    let o = Command::new("sh").arg("-c").arg(line).output();
    // ruleid: rust.shell-command
    let w = Command::new("cmd").args(&["/C", line]).output();
    // ok: rust.shell-command
    let l = Command::new("ls").arg("-l").output();
}
