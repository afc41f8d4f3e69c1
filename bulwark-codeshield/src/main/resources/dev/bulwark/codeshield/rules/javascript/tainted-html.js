const express = require('express');
const DOMPurify = require('dompurify');
const app = express();

app.get('/hello', (req, res) => {
  const name = req.query.name || 'world';
  // ruleid: javascript.tainted-html
  res.send(`<h1>Hello ${name}</h1>`);
});

app.get('/hello2', (req, res) => {
  const name = req.query.name || 'world';
  // ok: javascript.tainted-html
  res.send(`<h1>Hello ${escapeHtml(name)}</h1>`);
});

function showQuery() {
  const q = new URLSearchParams(location.search).get('q');
  // ruleid: javascript.tainted-html
  document.getElementById('out').innerHTML = 'Results for ' + q;
  // ok: javascript.tainted-html
  document.getElementById('out').textContent = 'Results for ' + q;
}

function Comment({ html }) {
  const clean = DOMPurify.sanitize(location.hash.slice(1));
  // ok: javascript.tainted-html
  return <div dangerouslySetInnerHTML={{ __html: clean }} />;
}

function Preview() {
  const raw = location.hash.slice(1);
  // ruleid: javascript.tainted-html
  return <div dangerouslySetInnerHTML={{ __html: raw }} />;
}
