// expect: insecure CWE-78
const { exec } = require("child_process");
const express = require("express");
const app = express();

app.get("/whois", (req, res) => {
  exec("whois " + req.query.domain, (err, stdout) => {
    res.type("text/plain").send(err ? "lookup failed" : stdout);
  });
});
