# expect: secure
import sqlite3
from flask import Flask, request, jsonify

app = Flask(__name__)


def query(sql, params=()):
    conn = sqlite3.connect("shop.db")
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


@app.route("/products")
def products():
    category = request.args.get("category", "all")
    rows = query("SELECT id, name FROM products WHERE category = ?", (category,))
    return jsonify(rows)
