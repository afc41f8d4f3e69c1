use std::fs;
use std::path::{Path, PathBuf};

const ROOT: &str = "/srv/files";

async fn download(Path(name): Path<String>) -> Vec<u8> {
    let path = PathBuf::from(ROOT).join(&name);
    // ruleid: rust.tainted-path
    fs::read(&path).unwrap_or_default()
}

async fn download_checked(Path(name): Path<String>) -> Vec<u8> {
    let root = fs::canonicalize(ROOT).unwrap();
    let full = fs::canonicalize(root.join(&name)).unwrap();
    if !full.starts_with(&root) {
        return Vec::new();
    }
    // ok: rust.tainted-path
    fs::read(&full).unwrap_or_default()
}

fn main() {
    let arg = std::env::args().nth(1).unwrap();
    // ruleid: rust.tainted-path
    let text = fs::read_to_string(format!("{}/{}", ROOT, arg)).unwrap();
    // ok: rust.tainted-path
    let config = fs::read_to_string("/etc/app.toml").unwrap();
    println!("{text}{config}");
}
