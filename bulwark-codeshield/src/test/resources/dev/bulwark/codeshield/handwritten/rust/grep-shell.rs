// expect: insecure CWE-78
use std::process::Command;

fn main() {
    let pattern = std::env::args().nth(1).unwrap_or_default();
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!("grep -r {} /var/log", pattern))
        .output()
        .expect("grep failed");
    println!("{}", String::from_utf8_lossy(&out.stdout));
}
