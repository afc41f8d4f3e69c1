// expect: secure
import express from "express";

const app = express();
app.use(express.text());

app.post("/settings", (req, res) => {
  const settings = JSON.parse(req.body) as Record<string, unknown>;
  res.json({ keys: Object.keys(settings) });
});
