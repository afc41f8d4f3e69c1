// expect: insecure CWE-78
use std::process::Command;

fn archive(dir: &str) -> std::io::Result<()> {
    Command::new("sh").arg("-c").arg(format!("tar czf backup.tgz {}", dir)).status()?;
    Ok(())
}
