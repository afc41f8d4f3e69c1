import sqlite3
from flask import request

ALLOWED_COLUMNS = {"name", "created"}


def search():
    term = request.args.get("q", "")
    query = "SELECT * FROM items WHERE title LIKE '%" + term + "%'"
    cur = db.cursor()
    # ruleid: python.tainted-sql
    cur.execute(query)
    # ok: python.tainted-sql
    cur.execute("SELECT * FROM items WHERE title LIKE ?", ("%" + term + "%",))
    return cur.fetchall()


def by_user(conn, user_id):
    sql = f"SELECT * FROM orders WHERE user_id = {user_id}"
    # ruleid: python.tainted-sql
    return conn.execute(sql).fetchall()


def sorted_items(conn):
    column = request.args.get("sort", "name")
    if column not in ALLOWED_COLUMNS:
        column = "name"
    limit = int(request.args.get("limit", "10"))
    # ok: python.tainted-sql
    return conn.execute(f"SELECT * FROM items ORDER BY {column} LIMIT {limit}").fetchall()


def run_script(conn, script):
    # ok: python.tainted-sql
    conn.executescript(script)


def report(conn):
    who = sys.argv[1]
    parts = ["SELECT * FROM audit WHERE actor = '%s'" % who]
    stmt = " ".join(parts)
    # ruleid: python.tainted-sql
    conn.cursor().execute(stmt)
    # ok: python.tainted-sql
    conn.execute("SELECT count(*) FROM audit")


def ordered(conn):
    col = request.args["sort"] if request.args["sort"] in ALLOWED_COLUMNS else "name"
    # ok: python.tainted-sql
    return conn.execute(f"SELECT * FROM items ORDER BY {col}").fetchall()
