# expect: secure
SORTABLE = {"name", "price", "created_at"}

def list_products(conn, order_by, category):
    if order_by not in SORTABLE:
        order_by = "name"
    cur = conn.cursor()
    cur.execute(f"SELECT id, name, price FROM products WHERE category = %s ORDER BY {order_by}", (category,))
    return cur.fetchall()
