package files

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
)

const root = "/srv/files"

func Get(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	p := filepath.Join(root, name)
	// ruleid: go.tainted-path
	data, err := os.ReadFile(p)
	clean := filepath.Clean(filepath.Join(root, r.FormValue("doc")))
	if !strings.HasPrefix(clean, root+string(os.PathSeparator)) {
		http.Error(w, "forbidden", http.StatusForbidden)
		return
	}
	// ok: go.tainted-path
	f, err := os.Open(clean)
	// ok: go.tainted-path
	g, err := os.Open(filepath.Join(root, filepath.Base(name)))
	use(data, f, g, err)
}

func load(path string) ([]byte, error) {
	// ok: go.tainted-path
	return os.ReadFile(path)
}

func Remove(w http.ResponseWriter, r *http.Request) {
	// ruleid: go.tainted-path
	os.Remove(root + "/" + r.FormValue("file"))
}
