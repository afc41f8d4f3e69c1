package store

import (
	"database/sql"
	"fmt"
	"net/http"
)

var sortable = map[string]bool{"name": true, "created": true}

func Search(w http.ResponseWriter, r *http.Request) {
	term := r.URL.Query().Get("q")
	query := fmt.Sprintf("SELECT id FROM items WHERE title LIKE '%%%s%%'", term)
	// ruleid: go.tainted-sql
	rows, err := db.QueryContext(r.Context(), query)
	// ok: go.tainted-sql
	rows2, err := db.QueryContext(r.Context(), "SELECT id FROM items WHERE title LIKE $1", "%"+term+"%")
	_ = rows2
	handle(rows, err)
}

func Sorted(ctx context.Context, db *sql.DB, column string) (*sql.Rows, error) {
	if _, ok := sortable[column]; !ok {
		return nil, errBadColumn
	}
	// ok: go.tainted-sql
	return db.QueryContext(ctx, "SELECT id FROM items ORDER BY "+column+" LIMIT $1", 50)
}

func Delete(db *sql.DB, id string) error {
	// ruleid: go.tainted-sql
	_, err := db.Exec("DELETE FROM items WHERE id = " + id)
	return err
}

// A helper in the same file that hands its parameter to the database.
func queryAll(db *sql.DB, statement string) (*sql.Rows, error) {
	// ok: go.tainted-sql
	return db.Query(statement)
}

func userName(r *http.Request) string {
	return r.FormValue("name")
}

func ByName(db *sql.DB, r *http.Request) (*sql.Rows, error) {
	name := r.URL.Query().Get("name")
	// ruleid: go.tainted-sql
	rows, err := queryAll(db, "SELECT * FROM users WHERE name = '"+name+"'")
	if err != nil {
		return nil, err
	}
	rows.Close()
	// ok: go.tainted-sql
	return queryAll(db, "SELECT * FROM users")
}

func ByUser(db *sql.DB, r *http.Request) (*sql.Rows, error) {
	who := userName(r)
	// ruleid: go.tainted-sql
	return db.Query(fmt.Sprintf("SELECT * FROM users WHERE name = '%s'", who))
}
