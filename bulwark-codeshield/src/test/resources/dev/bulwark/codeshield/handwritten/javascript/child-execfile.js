// expect: secure
const { execFile } = require("child_process");
const express = require("express");
const app = express();

app.get("/whois", (req, res) => {
  execFile("whois", ["--", String(req.query.domain)], (err, stdout) => {
    res.type("text/plain").send(err ? "lookup failed" : stdout);
  });
});
