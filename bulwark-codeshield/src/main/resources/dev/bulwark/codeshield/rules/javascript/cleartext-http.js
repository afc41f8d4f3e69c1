async function load(xhr) {
    // ruleid: javascript.cleartext-http
    const r = await fetch('http://api.example.com/data');
    // ruleid: javascript.cleartext-http
    xhr.open("GET", "http://example.com/feed");
    // ok: javascript.cleartext-http
    const s = await fetch('https://api.example.com/data');
    // ok: javascript.cleartext-http
    const l = await fetch('http://localhost:3000/dev');
    return [r, s, l];
}
