// expect: secure
package orders

import (
	"database/sql"
	"net/http"
)

func List(db *sql.DB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		status := r.URL.Query().Get("status")
		rows, err := db.QueryContext(r.Context(), "SELECT id, total FROM orders WHERE status = $1", status)
		if err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		defer rows.Close()
	}
}
