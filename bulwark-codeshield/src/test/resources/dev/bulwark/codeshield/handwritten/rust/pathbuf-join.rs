// expect: insecure CWE-22
use axum::extract::Path;
use std::path::PathBuf;

pub async fn attachment(Path(name): Path<String>) -> Vec<u8> {
    let path = PathBuf::from("/srv/attachments").join(name);
    std::fs::read(path).unwrap_or_default()
}
