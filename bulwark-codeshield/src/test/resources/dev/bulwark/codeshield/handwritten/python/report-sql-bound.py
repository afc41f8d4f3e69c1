# expect: secure
from flask import Flask, request
import sqlite3

app = Flask(__name__)

@app.route("/report")
def report():
    region = request.args.get("region", "")
    conn = sqlite3.connect("sales.db")
    total = conn.execute("SELECT sum(total) FROM sales WHERE region = ?", (region,)).fetchone()[0]
    return {"region": region, "total": total}
