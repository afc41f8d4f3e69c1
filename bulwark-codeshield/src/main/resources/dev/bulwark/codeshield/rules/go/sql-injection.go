package main

func find(db *sql.DB, name string) {
	// ruleid: go.sql-injection
	db.Query(fmt.Sprintf("SELECT * FROM users WHERE name = '%s'", name))
	// ruleid: go.sql-injection
	db.Exec("DELETE FROM users WHERE name = '" + name + "'")
	// ok: go.sql-injection
	db.Query("SELECT * FROM users WHERE name = $1", name)
}
