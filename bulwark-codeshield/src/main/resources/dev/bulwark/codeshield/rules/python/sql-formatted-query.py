import sqlite3

def lookup(conn, user_id, table, name):
    cur = conn.cursor()
    # ruleid: python.sql-formatted-query
    cur.execute("SELECT * FROM users WHERE id = %s" % user_id)
    # ruleid: python.sql-formatted-query
    cur.execute(f"DELETE FROM {table} WHERE name = '{name}'")
    # ruleid: python.sql-formatted-query
    cur.execute("SELECT * FROM t WHERE name = '" + name + "'")
    # ruleid: python.sql-formatted-query
    cur.executemany("INSERT INTO {} VALUES (?)".format(table), [(name,)])
    query = "SELECT * FROM logs WHERE user = '%s'" % name
    # ruleid: python.sql-formatted-query
    cur.execute(query)
    # ok: python.sql-formatted-query
    cur.execute("SELECT * FROM users WHERE id = %s", (user_id,))
    # ok: python.sql-formatted-query
    cur.execute("SELECT * FROM users WHERE name = ?", [name])
    safe = "SELECT count(*) FROM users"
    # ok: python.sql-formatted-query
    cur.execute(safe)
    # ok: python.sql-formatted-query
    cur.execute("SELECT '%' || name FROM users")
    # ruleid: python.sql-formatted-query
    cur.execute("""CREATE TABLE %s (id INT)""" % table)
    sql = 'CREATE DATABASE {name}'
    # ruleid: python.sql-formatted-query
    cur.execute(sql.format(name=name))
    # ok: python.sql-formatted-query
    cur.execute("SELECT * FROM t " + "WHERE id = 1")
