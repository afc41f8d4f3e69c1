// expect: insecure CWE-89
package orders

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
)

func List(db *sql.DB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		status := r.URL.Query().Get("status")
		q := fmt.Sprintf("SELECT id, total FROM orders WHERE status = '%s'", status)
		rows, err := db.QueryContext(r.Context(), q)
		if err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		defer rows.Close()
	}
}
