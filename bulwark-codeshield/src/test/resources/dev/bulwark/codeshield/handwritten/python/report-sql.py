# expect: insecure CWE-89
from flask import Flask, request
import sqlite3

app = Flask(__name__)

@app.route("/report")
def report():
    region = request.args.get("region", "")
    conn = sqlite3.connect("sales.db")
    sql = "SELECT sum(total) FROM sales WHERE region = '{}'".format(region)
    total = conn.execute(sql).fetchone()[0]
    return {"region": region, "total": total}
