// expect: secure
const express = require('express');
const escapeHtml = require('escape-html');
const app = express();

app.get('/search', (req, res) => {
  const term = req.query.q || '';
  res.send('<h2>Results for ' + escapeHtml(term) + '</h2>');
});
