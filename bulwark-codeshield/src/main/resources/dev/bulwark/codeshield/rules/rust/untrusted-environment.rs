use std::env;

fn main() {
    // ruleid: rust.untrusted-environment
    let args: Vec<String> = env::args().collect();
    // ruleid: rust.untrusted-environment
    let exe = env::current_exe().unwrap();
    // ruleid: rust.untrusted-environment
    let tmp = std::env::temp_dir().join("app.pipe");
    // ok: rust.untrusted-environment
    let home = dirs::home_dir();
    // ok: rust.untrusted-environment
    let n = cmd.args();
}
