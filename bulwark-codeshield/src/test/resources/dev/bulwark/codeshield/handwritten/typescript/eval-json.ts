// expect: insecure CWE-95
import express from "express";

const app = express();
app.use(express.text());

app.post("/calc", (req, res) => {
  const expression: string = req.body;
  const result = eval(expression);
  res.json({ result });
});
