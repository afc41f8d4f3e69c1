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


# Wrappers in the same snippet: a helper that hands its parameter to the sink, one that returns request data, one
# that returns a sanitised value.
def fetch_all(conn, statement):
    cur = conn.cursor()
    # ok: python.tainted-sql
    cur.execute(statement)
    return cur.fetchall()


def requested_name():
    return request.args.get("name", "")


def numeric_id(raw):
    return int(raw)


def by_name(conn):
    name = request.form["name"]
    # ruleid: python.tainted-sql
    rows = fetch_all(conn, "SELECT * FROM users WHERE name = '" + name + "'")
    # ok: python.tainted-sql
    rows = fetch_all(conn, "SELECT * FROM users WHERE active = 1")
    return rows


def by_requested_name(conn):
    who = requested_name()
    # ruleid: python.tainted-sql
    return conn.execute("SELECT * FROM users WHERE name = '%s'" % who)


def by_numeric_id(conn):
    ident = numeric_id(request.args.get("id"))
    # ok: python.tainted-sql
    return conn.execute("SELECT * FROM users WHERE id = %d" % ident)
