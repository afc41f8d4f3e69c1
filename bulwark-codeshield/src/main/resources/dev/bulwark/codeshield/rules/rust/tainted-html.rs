use axum::{extract::Query, response::Html};

async fn hello(Query(params): Query<HashMap<String, String>>) -> Html<String> {
    let name = params.get("name").cloned().unwrap_or_default();
    // ruleid: rust.tainted-html
    Html(format!("<h1>Hello {}</h1>", name))
}

async fn hello_escaped(Query(params): Query<HashMap<String, String>>) -> Html<String> {
    let name = params.get("name").cloned().unwrap_or_default();
    // ok: rust.tainted-html
    Html(format!("<h1>Hello {}</h1>", html_escape::encode_text(&name)))
}

async fn index() -> Html<&'static str> {
    // ok: rust.tainted-html
    Html("<h1>Welcome</h1>")
}
