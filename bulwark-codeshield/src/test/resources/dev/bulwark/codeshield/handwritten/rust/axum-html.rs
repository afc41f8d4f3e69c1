// expect: insecure CWE-79
use axum::{extract::Query, response::Html};
use std::collections::HashMap;

pub async fn greet(Query(params): Query<HashMap<String, String>>) -> Html<String> {
    let who = params.get("who").cloned().unwrap_or_else(|| "guest".into());
    Html(format!("<main><h1>Welcome, {}</h1></main>", who))
}
